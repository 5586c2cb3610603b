"""Who is in which group and cohort, by id: what an undo must put back exactly."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services.tables import canonical_id


def _live_pairs(database: Database, first: Any, second: Any, *where: Any) -> set[tuple[str, str]]:
    query = select(first, second).where(first.class_.deleted_at.is_(None), *where)
    with database.read() as session:
        return {(canonical_id(a), canonical_id(b)) for a, b in session.execute(query)}


def membership_pairs(database: Database, cohort_id: str | None = None) -> set[tuple[str, str]]:
    """(student id, group id) of every live group membership, in one cohort when given."""
    ms = m.GroupMembership
    where = () if cohort_id is None else (ms.cohort_id == cohort_id,)
    return _live_pairs(database, ms.student_id, ms.group_id, *where)


def enrolment_pairs(database: Database) -> set[tuple[str, str]]:
    """(student id, cohort id) of every live enrolment."""
    return _live_pairs(database, m.Enrolment.student_id, m.Enrolment.cohort_id)
