"""Members and assistant instructors of groups, for ``ixdesk list groups --json``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, select

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.services.tables import canonical_id

MEMBER_FIELDS = ("id", "first_name", "last_name", "preferred_name", "email", "school", "grade")
ASSISTANT_FIELDS = ("id", "first_name", "last_name", "preferred_name", "email")


def group_details(
    database: Database, cohort_id: str | None = None
) -> dict[str, dict[str, list[Any]]]:
    """{"members": {group id: [member, ...]}, "assistants": {...}} for live groups."""
    ms, s, g = m.GroupMembership, m.Student, m.StudentGroup
    ga, i = m.GroupAssistant, m.Instructor
    members_query = (
        select(ms.group_id, s.id, s.first_name, s.last_name, s.preferred_name, s.email)
        .add_columns(s.school, s.grade)
        .join(s, and_(s.id == ms.student_id, s.deleted_at.is_(None)))
        .join(g, and_(g.id == ms.group_id, g.deleted_at.is_(None)))
        .where(ms.deleted_at.is_(None))
        .order_by(s.last_name, s.first_name)
    )
    assistants_query = (
        select(ga.group_id, i.id, i.first_name, i.last_name, i.preferred_name, i.email)
        .join(i, and_(i.id == ga.instructor_id, i.deleted_at.is_(None)))
        .join(g, and_(g.id == ga.group_id, g.deleted_at.is_(None)))
        .where(ga.deleted_at.is_(None))
        .order_by(i.last_name, i.first_name)
    )
    if cohort_id is not None:
        members_query = members_query.where(ms.cohort_id == cohort_id)
        assistants_query = assistants_query.where(g.cohort_id == cohort_id)
    details: dict[str, dict[str, list[Any]]] = {"members": {}, "assistants": {}}
    with database.read() as session:
        for name, query, fields in (
            ("members", members_query, MEMBER_FIELDS),
            ("assistants", assistants_query, ASSISTANT_FIELDS),
        ):
            by_group = details[name]
            for group_id, record_id, *values in session.execute(query):
                record = dict(zip(fields, (canonical_id(record_id), *values), strict=True))
                by_group.setdefault(canonical_id(group_id), []).append(record)
    return details
