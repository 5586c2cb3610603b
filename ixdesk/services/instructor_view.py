"""What one instructor sees of ixdesk: their groups, read-only, with only what they need.

The same reader as the instructor roster (docs/rosters.md), so the same
rules: only groups the instructor leads or assists, in cohorts that are not
archived (unless asked), and members with the fields of
``read.students.INSTRUCTOR_FIELDS`` only. The member query selects nothing
else and :class:`InstructorMember` has no field for anything else, so
guardian contacts, dates of birth, phone numbers and notes cannot reach the
view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import CohortStatus
from ixdesk.errors import IxdeskError
from ixdesk.services.folding import fold
from ixdesk.services.read import students
from ixdesk.services.read.common import person
from ixdesk.services.read.finding import find_instructor
from ixdesk.services.read.groups import group_rows
from ixdesk.services.reads import reads

SUMMARY_CHARS = 400
LEAD, ASSISTANT = "Lead", "Assistant"
# The columns selected, in the order of InstructorMember (a test keeps them in step):
# the same as ixdesk.services.read.students.INSTRUCTOR_FIELDS.
MEMBER_FIELDS = ("last_name", "first_name", "preferred_name", "school", "grade", "email")


@dataclass(frozen=True)
class InstructorMember:
    """A student as an instructor sees them: names, school, grade and email, nothing more."""

    last_name: str
    first_name: str
    preferred_name: str | None
    school: str | None
    grade: int | None
    email: str | None

    @property
    def name(self) -> str:
        return person(self.first_name, self.last_name, self.preferred_name)


@dataclass(frozen=True)
class InstructorGroup:
    group_id: str
    name: str
    role: str  # LEAD or ASSISTANT
    cohort_id: str
    cohort: str
    cohort_status: str
    starts_on: date | None
    ends_on: date | None
    location: str | None
    meeting_slot: str | None
    business_problem: str | None
    problem_summary: str | None
    deliverables: str | None
    partner_company: str | None
    lead_instructor: str
    assistants: str
    members: tuple[InstructorMember, ...]


@dataclass(frozen=True)
class InstructorChoice:
    instructor_id: str
    name: str
    email: str | None

    @property
    def label(self) -> str:
        return f"{self.name} · {self.email}" if self.email else self.name


def find_instructor_by_email(database: Database, email: str) -> str:
    """The id of the live instructor with this email (any case); a helpful error otherwise."""
    return find_instructor(database, email)


def instructor_by_email(database: Database, email: str) -> InstructorChoice:
    """The live instructor with this email (any case): id, name and email only; a
    helpful error when there is none."""
    instructor_id = find_instructor_by_email(database, email)
    (choice,) = _choices(database, m.Instructor.id == instructor_id)
    return choice


def instructor_by_id(database: Database, instructor_id: str) -> InstructorChoice:
    """The live instructor with this id; a helpful error when there is none."""
    found = _choices(database, m.Instructor.id == instructor_id)
    if not found:
        raise IxdeskError(
            "The instructor this login belongs to no longer exists; ask a coordinator."
        )
    return found[0]


@reads("instructors")
def instructor_choices(database: Database) -> list[InstructorChoice]:
    """Every live instructor, by last then first name, for a chooser."""
    return _choices(database)


def _choices(database: Database, *where: Any) -> list[InstructorChoice]:
    i = m.Instructor
    with database.read() as session:
        found = session.execute(
            select(i.id, i.first_name, i.last_name, i.preferred_name, i.email).where(
                i.deleted_at.is_(None), *where
            )
        ).all()
    rows = sorted(found, key=lambda row: (fold(row[2] or ""), fold(row[1] or "")))
    return [
        InstructorChoice(str(id_), person(first, last, preferred), email)
        for id_, first, last, preferred, email in rows
    ]


@reads(
    "instructors",
    "student_groups",
    "group_assistants",
    "group_memberships",
    "students",
    "enrolments",
    "cohorts",
    "business_problems",
    "partner_companies",
)
def instructor_groups(
    database: Database, instructor_id: str, *, include_archived: bool = False
) -> list[InstructorGroup]:
    """The groups the instructor leads or assists, cohort by cohort (archived ones last),
    with their members."""
    with database.read() as session:
        groups = [
            group
            for group in group_rows(session, instructor_id=instructor_id)
            if include_archived or group["cohort_status"] != CohortStatus.ARCHIVED
        ]
        ids = [group["id"] for group in groups]
        members = students.members(session, ids, MEMBER_FIELDS)
        problems = _problem_texts(session, ids)
    groups.sort(key=lambda group: group["cohort_status"] == CohortStatus.ARCHIVED)
    return [
        _group(group, instructor_id, members[group["id"]], problems.get(group["id"], (None, None)))
        for group in groups
    ]


def _group(
    group: dict[str, Any],
    instructor_id: str,
    rows: Sequence[tuple[Any, ...]],
    texts: tuple[str | None, str | None],
) -> InstructorGroup:
    statement, deliverables = texts
    status = group["cohort_status"]
    return InstructorGroup(
        group_id=str(group["id"]),
        name=group["name"],
        role=LEAD if group["lead_instructor_id"] == instructor_id else ASSISTANT,
        cohort_id=str(group["cohort_id"]),
        cohort=group["cohort"],
        cohort_status=str(getattr(status, "value", status)),
        starts_on=group["starts_on"],
        ends_on=group["ends_on"],
        location=group["location"],
        meeting_slot=group["meeting_slot"],
        business_problem=group["business_problem"],
        problem_summary=summary(statement),
        deliverables=deliverables,
        partner_company=group["partner_company"],
        lead_instructor=group["lead_instructor"],
        assistants=group["assistants"],
        members=tuple(InstructorMember(*row) for row in rows),
    )


def _problem_texts(
    session: Session, group_ids: Sequence[str]
) -> dict[str, tuple[str | None, str | None]]:
    """Each group's business problem statement and deliverables (live problems only)."""
    if not group_ids:
        return {}
    g, p = m.StudentGroup, m.BusinessProblem
    rows = session.execute(
        select(g.id, p.problem_statement, p.deliverables)
        .join(p, p.id == g.business_problem_id)
        .where(g.id.in_(group_ids), p.deleted_at.is_(None))
    )
    return {str(id_): (statement, deliverables) for id_, statement, deliverables in rows}


def summary(text: str | None, limit: int = SUMMARY_CHARS) -> str | None:
    """The first paragraph of a problem statement, cut at a word near ``limit`` characters."""
    if not text or not text.strip():
        return None
    first = text.strip().split("\n\n")[0]
    first = " ".join(first.split())
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"
