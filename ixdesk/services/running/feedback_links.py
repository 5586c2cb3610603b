"""Feedback beside a student's and a group's linked records, one Enter from its group.

A student's: per group, each rated skill, the instructor's comment and the partner
company's feedback on the group's deliverable. A group's: the company's feedback, then
each member's rubric.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ixdesk.db import models as m
from ixdesk.services.read.common import person
from ixdesk.services.record_kinds import Kind
from ixdesk.services.running.feedback import company_feedback, rating_text, rubrics

# (section, kind that opens it, its id, label, detail), as ``links.Linked`` takes them.
Linked = tuple[str, Kind, str, str, str]

COMPANY = "Partner company's feedback"


def _linked(section: str, kind: Kind, target: str, label: str, detail: str) -> Linked:
    return (section, kind, target, label, detail)


def _rubric_items(section: str, kind: Kind, target: str, ratings: dict[str, int],
                  comment: str | None) -> list[Linked]:  # fmt: skip
    items = [_linked(section, kind, target, skill, rating_text(n)) for skill, n in ratings.items()]
    if comment:
        items.append(_linked(section, kind, target, "Instructor's comment", comment))
    return items


def student_feedback_links(session: Any, student_id: str) -> list[Linked]:
    g, ms = m.StudentGroup, m.GroupMembership
    groups = session.execute(
        select(g.id, g.name)
        .join(ms, ms.group_id == g.id)
        .where(ms.student_id == student_id, ms.deleted_at.is_(None), g.deleted_at.is_(None))
        .order_by(g.name)
    ).all()
    ids = [str(group_id) for group_id, _ in groups]
    own, company = rubrics(session, ids), company_feedback(session, ids)
    items: list[Linked] = []
    for group_id, name in groups:
        section, key = f"Feedback · {name}", str(group_id)
        row = own.get((key, str(student_id)))
        if row is not None:
            items += _rubric_items(section, Kind.GROUPS, key, row.ratings, row.comment)
        if key in company:
            given_by, text = company[key]
            items.append(_linked(section, Kind.GROUPS, key, given_by or COMPANY, text))
    return items


def group_feedback_links(session: Any, group_id: str) -> list[Linked]:
    items: list[Linked] = []
    company = company_feedback(session, [group_id]).get(str(group_id))
    if company is not None:
        given_by, text = company
        items.append(_linked(COMPANY, Kind.GROUPS, str(group_id), given_by or "Feedback", text))
    s = m.Student
    found = rubrics(session, [group_id])
    names = {
        str(i): person(first, last, preferred)
        for i, first, last, preferred in session.execute(
            select(s.id, s.first_name, s.last_name, s.preferred_name).where(
                s.id.in_([student for _, student in found])
            )
        )
    }
    for (_, student_id), row in sorted(found.items(), key=lambda item: names.get(item[0][1], "")):
        section = f"Rubric · {names.get(student_id, '')}"
        items += _rubric_items(section, Kind.STUDENTS, student_id, row.ratings, row.comment)
    return items
