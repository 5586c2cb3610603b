"""What needs a coordinator's attention before (or while) a cohort runs.

Each concern is one sentence naming the record to fix. They are computed
with a handful of set-based queries for all the cohorts asked about at once
(never one query per group or per student), so the list stays quick with
100,000 students.

The rules:

- **Cohorts looked at**: ``all_concerns`` covers live cohorts that are being
  planned, recruiting or running; ``cohort_concerns`` covers the one cohort
  asked for, whatever its status.
- **Group size**: a group is too big above ``group_size + 1`` members and too
  small below ``group_size - 1`` (the same ±1 the auto-build keeps to); a
  cohort without a group size has no size concerns.
- **Students without a group**: enrolled students (status "enrolled") not in
  a live group of the cohort. While a cohort has no groups at all, this is one
  concern for the cohort ("38 enrolled students and no groups yet") instead
  of one per student.
- **A missing problem or lead**: a deleted business problem or lead
  instructor counts as missing.
- **Safeguarding**: for the lead and the assistants of each group of a
  high-school cohort.
- **Guardian consent**: for accepted and enrolled students who are minors.
- **Absences**: a student absent from two sessions in a row (``running.absences``).

What "approved", a valid safeguarding check and a minor mean is in
``assignments.rules``, shared with the assignment choices.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, aliased

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import Audience, CohortStatus, EnrolmentStatus
from ixdesk.db.statements import AnySelect
from ixdesk.services.assignments.rules import (
    ADULT_AGE,
    SAFEGUARDING_EXPIRES,
    SAFEGUARDING_MISSING,
    cohort_end,
    is_approved,
    is_minor,
    person_name,
    safeguarding_gap,
)
from ixdesk.services.counts import member_count
from ixdesk.services.kinds import status_label
from ixdesk.services.reads import reads
from ixdesk.services.record_kinds import Kind
from ixdesk.services.running.absences import absent_twice
from ixdesk.services.validation import years_before

ATTENTION_STATUSES = (CohortStatus.PLANNING, CohortStatus.RECRUITING, CohortStatus.RUNNING)
CONSENT_STATUSES = (EnrolmentStatus.ACCEPTED, EnrolmentStatus.ENROLLED)


class Severity(enum.StrEnum):
    CRITICAL = "critical"  # the safety of minors: safeguarding checks, guardian consent
    WARNING = "warning"


# Codes read well through ``status_label``: "group_too_big" → "Group too big".
GROUP_TOO_BIG = "group_too_big"
GROUP_TOO_SMALL = "group_too_small"
STUDENT_WITHOUT_GROUP = "student_without_group"
COHORT_WITHOUT_GROUPS = "cohort_without_groups"
GROUP_WITHOUT_PROBLEM = "group_without_problem"
GROUP_WITHOUT_LEAD = "group_without_lead"
MINOR_WITHOUT_CONSENT = "minor_without_consent"
PROBLEM_NOT_APPROVED = "problem_not_approved"
ABSENT_TWICE = "absent_twice"

CONCERN_CODES = (
    SAFEGUARDING_MISSING, SAFEGUARDING_EXPIRES, MINOR_WITHOUT_CONSENT, GROUP_WITHOUT_LEAD,
    GROUP_WITHOUT_PROBLEM, PROBLEM_NOT_APPROVED, ABSENT_TWICE, STUDENT_WITHOUT_GROUP,
    COHORT_WITHOUT_GROUPS, GROUP_TOO_BIG, GROUP_TOO_SMALL,
)  # fmt: skip
CRITICAL_CODES = frozenset({SAFEGUARDING_MISSING, SAFEGUARDING_EXPIRES, MINOR_WITHOUT_CONSENT})


@dataclass(frozen=True)
class Concern:
    """One thing that needs attention; ``record_kind`` uses the main window's keys."""

    code: str
    severity: Severity
    text: str
    record_kind: Kind
    record_id: str
    cohort_id: str
    cohort_name: str = ""
    group_id: str | None = None

    @property
    def label(self) -> str:
        return status_label(self.code)


def _concern(
    code: str, text: str, kind: Kind, record_id: str, cohort: _Cohort, **more: Any
) -> Concern:
    severity = Severity.CRITICAL if code in CRITICAL_CODES else Severity.WARNING
    return Concern(code, severity, text, kind, record_id, cohort.id, cohort.name, **more)


# --- computing the concerns ---
@dataclass(frozen=True)
class _Cohort:
    id: str
    name: str
    audience: Audience
    starts_on: date | None
    ends_on: date | None
    group_size: int | None

    @property
    def high_school(self) -> bool:
        return Audience(self.audience) == Audience.HIGH_SCHOOL


# Every table the concerns are read from (the checks look at all of them).
CONCERN_TABLES = (
    "cohorts", "student_groups", "group_memberships", "group_assistants", "enrolments",
    "students", "instructors", "business_problems", "partner_companies", "sessions", "attendance",
)  # fmt: skip


@reads(*CONCERN_TABLES)
def cohort_concerns(
    database: Database, cohort_id: str, *, today: date | None = None
) -> list[Concern]:
    """Everything that needs attention in one cohort."""
    return _concerns(database, m.Cohort.id == cohort_id, today or date.today())


@reads(*CONCERN_TABLES)
def all_concerns(database: Database, *, today: date | None = None) -> list[Concern]:
    """Everything that needs attention in cohorts being planned, recruiting or running."""
    return _concerns(database, m.Cohort.status.in_(ATTENTION_STATUSES), today or date.today())


@reads("cohorts")
def cohort_name(database: Database, cohort_id: str) -> str:
    with database.read() as session:
        cohort = session.get(m.Cohort, cohort_id)
        return cohort.name if cohort is not None else ""


def group_concerns(concerns: Iterable[Concern], group_id: str) -> list[Concern]:
    """The concerns about one group (its size, problem, instructors), for marks beside it."""
    return [concern for concern in concerns if concern.group_id == group_id]


# What a group's own row already tells (sizes follow every move as it happens).
_SHOWN_BY_THE_GROUP = frozenset(
    {GROUP_TOO_BIG, GROUP_TOO_SMALL, GROUP_WITHOUT_PROBLEM, GROUP_WITHOUT_LEAD}
)


@reads(*CONCERN_TABLES)
def group_marks(database: Database, cohort_id: str) -> dict[str, list[str]]:
    """Per group of the cohort, the concerns its own row cannot tell: instructors'
    safeguarding checks and business problems not yet approved."""
    marks: dict[str, list[str]] = {}
    for concern in cohort_concerns(database, cohort_id):
        if concern.group_id is not None and concern.code not in _SHOWN_BY_THE_GROUP:
            marks.setdefault(concern.group_id, []).append(concern.text)
    return marks


def _concerns(database: Database, wanted: ColumnElement[bool], today: date) -> list[Concern]:
    c = m.Cohort
    scope = and_(wanted, c.deleted_at.is_(None))
    with database.read() as session:
        cohorts = {
            row.id: _Cohort(*row)
            for row in session.execute(
                select(c.id, c.name, c.audience, c.starts_on, c.ends_on, c.group_size).where(scope)
            )
        }
        if not cohorts:
            return []
        finder = _Finder(session, select(c.id).where(scope), cohorts, today)
        with_groups = finder.groups()
        finder.assistants()
        finder.ungrouped_students(with_groups)
        finder.minors_without_consent()
        finder.absences()
    finder.found.sort(key=_order)
    return finder.found


def _order(concern: Concern) -> tuple[Any, ...]:
    return (
        concern.severity != Severity.CRITICAL,
        concern.cohort_name.lower(),
        CONCERN_CODES.index(concern.code),
        concern.text.lower(),
    )


def _instructor_columns(i: Any) -> tuple[Any, ...]:
    return (
        i.id.label("instructor_id"),
        i.first_name.label("first"),
        i.last_name.label("last"),
        i.safeguarding_status.label("check"),
        i.safeguarding_expires_on.label("expires"),
    )


class _Finder:
    """One query per kind of concern over every cohort in scope.

    Rows are narrowed with ``cohort_id IN (cohorts in scope)``, which lets the
    database start from the cohort index instead of scanning every enrolment.
    """

    def __init__(
        self, session: Session, in_scope: AnySelect, cohorts: dict[str, _Cohort], today: date
    ) -> None:
        self.session, self.in_scope, self.cohorts, self.today = session, in_scope, cohorts, today
        self.found: list[Concern] = []

    def groups(self) -> set[str]:
        """Size, problem and lead of every live group; returns the cohorts that have groups."""
        g, p, company = m.StudentGroup, m.BusinessProblem, m.PartnerCompany
        lead = aliased(m.Instructor)
        statement: AnySelect = (
            select(
                g.id.label("group_id"), g.cohort_id, g.name.label("group_name"),
                member_count().label("members"), p.id.label("problem_id"), p.title,
                p.status.label("problem_status"), company.name.label("company"),
                *_instructor_columns(lead),
            )
            .outerjoin(p, and_(p.id == g.business_problem_id, p.deleted_at.is_(None)))
            .outerjoin(company, company.id == p.company_id)
            .outerjoin(lead, and_(lead.id == g.lead_instructor_id, lead.deleted_at.is_(None)))
            .where(g.cohort_id.in_(self.in_scope), g.deleted_at.is_(None))
        )  # fmt: skip
        with_groups: set[str] = set()
        for row in self.session.execute(statement):
            cohort = self.cohorts[row.cohort_id]
            with_groups.add(cohort.id)
            self.found.extend(_one_group(cohort, self.today, row))
        return with_groups

    def assistants(self) -> None:
        a, g, c, i = m.GroupAssistant, m.StudentGroup, m.Cohort, m.Instructor
        high_school = self.in_scope.where(c.audience == Audience.HIGH_SCHOOL)
        statement = (
            select(g.id.label("group_id"), g.cohort_id, g.name.label("group_name"),
                   *_instructor_columns(i))
            .select_from(a)
            .join(g, g.id == a.group_id)
            .join(i, i.id == a.instructor_id)
            .where(
                g.cohort_id.in_(high_school), a.deleted_at.is_(None), g.deleted_at.is_(None),
                i.deleted_at.is_(None),
            )
        )  # fmt: skip
        for row in self.session.execute(statement):
            cohort = self.cohorts[row.cohort_id]
            role = f"assistant instructor of {row.group_name} in {cohort.name}"
            self.found.extend(_safeguarding(cohort, self.today, role, row.group_id, row))

    def ungrouped_students(self, with_groups: set[str]) -> None:
        e, s, gm, g = m.Enrolment, m.Student, m.GroupMembership, m.StudentGroup
        in_a_group = (
            select(gm.id)
            .join(g, g.id == gm.group_id)
            .where(
                gm.student_id == e.student_id,
                gm.cohort_id == e.cohort_id,
                gm.deleted_at.is_(None),
                g.deleted_at.is_(None),
            )
            .exists()
        )
        statement = (
            select(e.cohort_id, s.id, s.first_name, s.last_name)
            .join(s, s.id == e.student_id)
            .where(
                e.cohort_id.in_(self.in_scope),
                e.status == EnrolmentStatus.ENROLLED,
                e.deleted_at.is_(None),
                s.deleted_at.is_(None),
                ~in_a_group,
            )
        )
        waiting: dict[str, int] = {}
        for cohort_id, student_id, first, last in self.session.execute(statement):
            cohort = self.cohorts[cohort_id]
            if cohort_id not in with_groups:
                waiting[cohort_id] = waiting.get(cohort_id, 0) + 1
                continue
            text = f"{person_name(first, last)} is enrolled in {cohort.name} but is in no group."
            self.found.append(
                _concern(STUDENT_WITHOUT_GROUP, text, Kind.STUDENTS, student_id, cohort)
            )
        for cohort_id, count in waiting.items():
            cohort = self.cohorts[cohort_id]
            noun = "enrolled student" if count == 1 else "enrolled students"
            text = f"{cohort.name} has {count:,} {noun} and no groups yet."
            self.found.append(
                _concern(COHORT_WITHOUT_GROUPS, text, Kind.COHORTS, cohort_id, cohort)
            )

    def minors_without_consent(self) -> None:
        e, s, today = m.Enrolment, m.Student, self.today
        earliest = min(cohort.starts_on or today for cohort in self.cohorts.values())
        # One bound for every cohort: who could be a minor on the earliest start.
        bound = or_(s.date_of_birth > years_before(earliest, ADULT_AGE), s.date_of_birth.is_(None))
        statement = (
            select(e.cohort_id, s.id, s.first_name, s.last_name, s.date_of_birth)
            .join(s, s.id == e.student_id)
            .where(
                e.cohort_id.in_(self.in_scope),
                e.status.in_(CONSENT_STATUSES),
                e.deleted_at.is_(None),
                s.deleted_at.is_(None),
                s.guardian_consent_at.is_(None),
                bound,
            )
        )
        for cohort_id, student_id, first, last, born in self.session.execute(statement):
            cohort = self.cohorts[cohort_id]
            if not is_minor(born, cohort.starts_on or today, cohort.audience):
                continue
            name = person_name(first, last)
            if born is None:
                text = (
                    f"{name} has no date of birth and no guardian consent; {cohort.name} is "
                    "for high-school students."
                )
            else:
                text = f"{name} is under 18 when {cohort.name} starts and has no guardian consent."
            self.found.append(
                _concern(MINOR_WITHOUT_CONSENT, text, Kind.STUDENTS, student_id, cohort)
            )

    def absences(self) -> None:
        for found in absent_twice(self.session, self.in_scope):
            cohort = self.cohorts[found.cohort_id]
            text = found.text(person_name(found.first_name, found.last_name), cohort.name)
            self.found.append(_concern(ABSENT_TWICE, text, Kind.STUDENTS, found.student_id, cohort))


def _one_group(cohort: _Cohort, today: date, row: Any) -> list[Concern]:
    group_id, where = row.group_id, f"{row.group_name} in {cohort.name}"
    found: list[Concern] = []

    def add(code: str, text: str, kind: Kind = Kind.GROUPS, record_id: str = group_id) -> None:
        found.append(_concern(code, text, kind, record_id, cohort, group_id=group_id))

    size, members = cohort.group_size, row.members
    if size and members > size + 1:
        add(GROUP_TOO_BIG, f"{where} has {_students(members)}; the group size is {size}.")
    elif size and members < size - 1:
        add(GROUP_TOO_SMALL, f"{where} has {_students(members)}; the group size is {size}.")
    if row.problem_id is None:
        add(GROUP_WITHOUT_PROBLEM, f"{where} has no business problem.")
    elif not is_approved(row.problem_status):
        status = status_label(row.problem_status).lower()
        text = f"{where} works on “{row.title}” ({row.company}), not approved yet ({status})."
        add(PROBLEM_NOT_APPROVED, text, Kind.PROBLEMS, row.problem_id)
    if row.instructor_id is None:
        add(GROUP_WITHOUT_LEAD, f"{where} has no lead instructor.")
    elif cohort.high_school:
        found.extend(_safeguarding(cohort, today, f"lead instructor of {where}", group_id, row))
    return found


def _safeguarding(
    cohort: _Cohort, today: date, role: str, group_id: str, instructor: Any
) -> list[Concern]:
    """The concern, if any, about one instructor teaching one group of a high-school cohort."""
    needed_until = cohort_end(cohort.ends_on, cohort.starts_on, today)
    gap = safeguarding_gap(instructor.check, instructor.expires, needed_until)
    if gap is None:
        return []
    code, phrase = gap
    name = person_name(instructor.first, instructor.last)
    text = f"{name}, {role}, {phrase}."
    return [
        _concern(code, text, Kind.INSTRUCTORS, instructor.instructor_id, cohort, group_id=group_id)
    ]


def _students(count: int) -> str:
    return "1 student" if count == 1 else f"{count} students"


def concern_codes_present(concerns: Sequence[Concern]) -> list[tuple[str, int]]:
    """(code, how many) for the codes that occur, in the list's usual order."""
    counts: dict[str, int] = {}
    for concern in concerns:
        counts[concern.code] = counts.get(concern.code, 0) + 1
    return [(code, counts[code]) for code in CONCERN_CODES if code in counts]
