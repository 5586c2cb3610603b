"""Students: their fields, and who of them a roster may show.

Privacy starts here: roster queries take the list of student fields a reader
may see (:data:`COORDINATOR_FIELDS`, :data:`INSTRUCTOR_FIELDS`, ...) and select
only those columns, so a roster cannot leak a field its builder forgot to
drop. See docs/rosters.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.db.statements import AnySelect
from ixdesk.services.read.common import RecordRead, name_order

S, TRACK = m.Student, m.Track
ROSTER_STATUSES = (EnrolmentStatus.ENROLLED.value, EnrolmentStatus.COMPLETED.value)


def _source(statement: AnySelect) -> AnySelect:
    return statement.outerjoin(TRACK, TRACK.id == S.track_interest_id).where(S.deleted_at.is_(None))


# Every field, in the order ``ixdesk list --json`` gives them.
FIELDS: dict[str, Any] = {
    "id": S.id,
    "first_name": S.first_name,
    "last_name": S.last_name,
    "preferred_name": S.preferred_name,
    "email": S.email,
    "phone": S.phone,
    "school": S.school,
    "grade": S.grade,
    "date_of_birth": S.date_of_birth,
    "track_interest": TRACK.name,
    "guardian_name": S.guardian_name,
    "guardian_email": S.guardian_email,
    "guardian_phone": S.guardian_phone,
    "guardian_consent_by": S.guardian_consent_by,
    "guardian_consent_at": S.guardian_consent_at,
    "messaging_opt_in": S.messaging_opt_in,
    "notes": S.notes,
}
STUDENTS = RecordRead(
    model=S,
    fields=FIELDS,
    source=_source,
    listed=tuple(FIELDS),
    list_order=(S.last_name, S.first_name),
    list_columns=("last_name", "first_name", "email", "school", "grade", "date_of_birth"),
)

# What each reader of a roster may see of a student (docs/rosters.md).
COORDINATOR_FIELDS = (
    "last_name",
    "first_name",
    "preferred_name",
    "school",
    "grade",
    "email",
    "phone",
)
INSTRUCTOR_FIELDS = ("last_name", "first_name", "preferred_name", "school", "grade", "email")
SIGNIN_FIELDS = ("last_name", "first_name", "preferred_name")
PARTNER_FIELDS = ("first_name", "preferred_name", "last_name")


def _columns(fields: Sequence[str]) -> list[Any]:
    return [FIELDS[name] for name in fields]


def members(
    session: Session, group_ids: Sequence[str], fields: Sequence[str]
) -> dict[str, list[tuple[Any, ...]]]:
    """Each group's members as tuples of ``fields``; withdrawn students are left out."""
    ms, e = m.GroupMembership, m.Enrolment
    by_group: dict[str, list[tuple[Any, ...]]] = {group_id: [] for group_id in group_ids}
    if not group_ids:
        return by_group
    rows = session.execute(
        select(ms.group_id, *_columns(fields))
        .join(S, S.id == ms.student_id)
        .outerjoin(
            e,
            (e.student_id == ms.student_id)
            & (e.cohort_id == ms.cohort_id)
            & e.deleted_at.is_(None),
        )
        .where(
            ms.group_id.in_(group_ids),
            ms.deleted_at.is_(None),
            S.deleted_at.is_(None),
            (e.status.is_(None)) | (e.status != EnrolmentStatus.WITHDRAWN.value),
        )
    )
    for group_id, *values in rows:
        by_group[group_id].append(tuple(values))
    order = name_order(fields)
    for listed in by_group.values():
        listed.sort(key=order)
    return by_group


def ungrouped(session: Session, cohort_id: str, fields: Sequence[str]) -> list[tuple[Any, ...]]:
    """Students enrolled in the cohort (or completed it) who are in none of its live groups."""
    e, ms, g = m.Enrolment, m.GroupMembership, m.StudentGroup
    grouped = (
        select(ms.student_id)
        .join(g, g.id == ms.group_id)
        .where(ms.cohort_id == cohort_id, ms.deleted_at.is_(None), g.deleted_at.is_(None))
    )
    rows = session.execute(
        select(*_columns(fields))
        .join(e, e.student_id == S.id)
        .where(
            e.cohort_id == cohort_id,
            e.deleted_at.is_(None),
            S.deleted_at.is_(None),
            e.status.in_(ROSTER_STATUSES),
            S.id.not_in(grouped),
        )
    )
    return sorted((tuple(row) for row in rows), key=name_order(fields))
