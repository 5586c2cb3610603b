"""What a group's assignment is, and what a coordinator chooses from.

The choices come back as plain rows in the order a coordinator should look at
them, each with the warning that applies to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import Audience, CohortStatus, InstructorStatus
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.assignments.rules import (
    cohort_end,
    instructor_fit,
    is_approved,
    person_name,
    safeguarding_gap,
)
from ixdesk.services.kinds import status_label
from ixdesk.services.reads import reads

# Cohorts not over yet: a group led in a recruiting cohort is work taken on.
LOAD_STATUSES = (CohortStatus.PLANNING, CohortStatus.RECRUITING, CohortStatus.RUNNING)
LOAD_SCOPE = "in planned, recruiting and running cohorts"


@dataclass(frozen=True)
class GroupContext:
    """What the choices for one group depend on: its cohort's track, audience and dates."""

    group_id: str
    group_name: str
    cohort_id: str
    cohort_name: str
    track_id: str | None
    track_name: str | None
    audience: Audience
    starts_on: date | None
    ends_on: date | None

    @property
    def high_school(self) -> bool:
        return Audience(self.audience) == Audience.HIGH_SCHOOL


@dataclass(frozen=True)
class ProblemChoice:
    id: str
    title: str
    company: str
    track: str | None
    status: str
    recommended: bool
    warning: str | None

    @property
    def label(self) -> str:
        return f"{self.company} — {self.title}"


def load_text(leads: int, assists: int) -> str:
    return f"leads {leads}, assists {assists}"


@dataclass(frozen=True)
class InstructorLoad:
    """Groups an instructor leads and assists in cohorts not over yet (``LOAD_STATUSES``)."""

    id: str
    name: str
    email: str | None
    status: str
    leads: int
    assists: int
    safeguarding_status: str
    safeguarding_expires_on: date | None

    @property
    def total(self) -> int:
        return self.leads + self.assists

    @property
    def load_text(self) -> str:
        return load_text(self.leads, self.assists)


@dataclass(frozen=True)
class InstructorChoice:
    id: str
    name: str
    status: str
    teaches_track: bool
    leads: int
    assists: int
    warning: str | None

    @property
    def label(self) -> str:
        return f"{self.name} — {load_text(self.leads, self.assists)}"


@dataclass(frozen=True)
class Assignment:
    """A group's problem, lead and assistants, and the group version they belong to."""

    business_problem_id: str | None
    lead_instructor_id: str | None
    assistant_ids: tuple[str, ...]
    version: int


@dataclass(frozen=True)
class AssignmentChange:
    previous: Assignment
    current: Assignment

    @property
    def changed(self) -> bool:
        return self.previous.version != self.current.version


def group_context(database: Database, group_id: str) -> GroupContext:
    with database.read() as session:
        return _context(session, group_id)


def _context(session: Session, group_id: str) -> GroupContext:
    g, c, t = m.StudentGroup, m.Cohort, m.Track
    row = session.execute(
        select(g.id, g.name, c.id, c.name, t.id, t.name, c.audience, c.starts_on, c.ends_on)
        .join(c, c.id == g.cohort_id)
        .outerjoin(t, and_(t.id == c.track_id, t.deleted_at.is_(None)))
        .where(g.id == group_id, g.deleted_at.is_(None))
    ).first()
    if row is None:
        raise RecordNotFoundError("This group no longer exists.")
    return GroupContext(*row)


def load_assignment(database: Database, group_id: str) -> Assignment:
    with database.read() as session:
        group = session.get(m.StudentGroup, group_id)
        if group is None or group.deleted_at is not None:
            raise RecordNotFoundError("This group no longer exists.")
        return assignment_of(session, group)


def assignment_of(session: Session, group: m.StudentGroup) -> Assignment:
    assistants = session.scalars(
        select(m.GroupAssistant.instructor_id).where(
            m.GroupAssistant.group_id == group.id, m.GroupAssistant.deleted_at.is_(None)
        )
    )
    return Assignment(
        group.business_problem_id,
        group.lead_instructor_id,
        tuple(sorted(assistants)),
        group.version,
    )


def problem_choices(database: Database, group_id: str) -> list[ProblemChoice]:
    """Approved problems of the cohort's track first, then every other live problem."""
    p, company, t = m.BusinessProblem, m.PartnerCompany, m.Track
    with database.read() as session:
        context = _context(session, group_id)
        rows = session.execute(
            select(p.id, p.title, company.name, p.track_id, t.name, p.status)
            .join(company, company.id == p.company_id)
            .outerjoin(t, t.id == p.track_id)
            .where(p.deleted_at.is_(None))
        ).all()
    choices = [_problem_choice(context, *row) for row in rows]
    choices.sort(key=lambda each: (not each.recommended, each.company.lower(), each.title.lower()))
    return choices


def _problem_choice(
    context: GroupContext,
    problem_id: str,
    title: str,
    company: str,
    track_id: str | None,
    track: str | None,
    status: Any,
) -> ProblemChoice:
    warnings = []
    approved = is_approved(status)
    if not approved:
        warnings.append(f"Not approved yet ({status_label(status).lower()})")
    same_track = context.track_id is None or track_id == context.track_id
    if not same_track:
        if track is None:
            warnings.append(f"Has no track; this cohort's track is {context.track_name}")
        else:
            warnings.append(f"For the {track} track, not this cohort's {context.track_name} track")
    return ProblemChoice(
        problem_id,
        title,
        company,
        track,
        str(status),
        approved and same_track,
        _sentences(warnings),
    )


def _loads(session: Session) -> dict[str, tuple[int, int]]:
    """Instructor id → (groups led, groups assisted) in cohorts not over yet."""
    g, c, a = m.StudentGroup, m.Cohort, m.GroupAssistant
    counted = and_(g.deleted_at.is_(None), c.deleted_at.is_(None), c.status.in_(LOAD_STATUSES))
    led = session.execute(
        select(g.lead_instructor_id, func.count())
        .join(c, c.id == g.cohort_id)
        .where(counted, g.lead_instructor_id.is_not(None))
        .group_by(g.lead_instructor_id)
    )
    assisted = session.execute(
        select(a.instructor_id, func.count())
        .join(g, g.id == a.group_id)
        .join(c, c.id == g.cohort_id)
        .where(counted, a.deleted_at.is_(None))
        .group_by(a.instructor_id)
    )
    loads: dict[str, tuple[int, int]] = {}
    for instructor_id, count in led:
        if instructor_id is not None:  # the query keeps only groups with a lead
            loads[instructor_id] = (count, 0)
    for instructor_id, count in assisted:
        loads[instructor_id] = (loads.get(instructor_id, (0, 0))[0], count)
    return loads


@reads("cohorts", "student_groups", "group_assistants", "instructors")
def instructor_load(database: Database) -> list[InstructorLoad]:
    """Every live instructor with the groups they lead and assist in cohorts not over yet."""
    i = m.Instructor
    with database.read() as session:
        loads = _loads(session)
        rows = session.execute(
            select(
                i.id, i.first_name, i.last_name, i.email, i.status,
                i.safeguarding_status, i.safeguarding_expires_on,
            )
            .where(i.deleted_at.is_(None))
            .order_by(i.last_name, i.first_name)
        ).all()  # fmt: skip
    return [
        InstructorLoad(
            row.id,
            person_name(row.first_name, row.last_name),
            row.email,
            str(row.status),
            *loads.get(row.id, (0, 0)),
            str(row.safeguarding_status),
            row.safeguarding_expires_on,
        )
        for row in rows
    ]


def instructor_choices(
    database: Database, group_id: str, *, today: date | None = None
) -> list[InstructorChoice]:
    """Active instructors first, those who teach the cohort's track first among them."""
    i, x = m.Instructor, m.InstructorExpertise
    today = today or date.today()
    with database.read() as session:
        context = _context(session, group_id)
        teaches = (
            select(x.id)
            .where(x.instructor_id == i.id, x.track_id == context.track_id, x.deleted_at.is_(None))
            .exists()
        )
        rows = session.execute(
            select(
                i.id, i.first_name, i.last_name, i.status, teaches,
                i.safeguarding_status, i.safeguarding_expires_on,
            ).where(i.deleted_at.is_(None))
        ).all()  # fmt: skip
        loads = _loads(session)
    needed_until = cohort_end(context.ends_on, context.starts_on, today)
    choices = []
    for instructor_id, first, last, status, teaches_track, check, expires in rows:
        warnings = []
        if context.high_school:
            gap = safeguarding_gap(check, expires, needed_until)
            if gap is not None:
                phrase = gap[1]
                warnings.append(f"{phrase[0].upper()}{phrase[1:]}, needed for high-school students")
        track = context.track_name if context.track_id is not None else None
        warnings += [phrase for _code, phrase in instructor_fit(status, teaches_track, track)]
        leads, assists = loads.get(instructor_id, (0, 0))
        choices.append(
            InstructorChoice(
                instructor_id,
                person_name(first, last),
                str(status),
                bool(teaches_track) or context.track_id is None,
                leads,
                assists,
                _sentences(warnings),
            )
        )
    choices.sort(
        key=lambda each: (
            InstructorStatus(each.status) != InstructorStatus.ACTIVE,
            not each.teaches_track,
            each.name.lower(),
        )
    )
    return choices


def _sentences(phrases: list[str]) -> str | None:
    return " ".join(f"{phrase}." for phrase in phrases) or None
