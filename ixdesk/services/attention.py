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
- **Instructors' fit**: a lead or assistant who is not active (invited,
  paused, …) or does not teach the cohort's track, in the same words the
  assignment dialog warns with.
- **Guardian consent**: a valid consent to take part, for accepted and enrolled minors;
  and for messages, for those of them opted in to messages.
- **Absences**: a student absent from two sessions in a row (``running.absences``).

What "approved", a valid safeguarding check and a minor mean is in
``assignments.rules``, shared with the assignment choices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, select

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import CohortStatus
from ixdesk.services.assignments.rules import (
    INSTRUCTOR_NOT_ACTIVE,
    INSTRUCTOR_OUTSIDE_TRACK,
    SAFEGUARDING_EXPIRES,
    SAFEGUARDING_MISSING,
)
from ixdesk.services.concern_finder import Finder
from ixdesk.services.concerns import (
    ABSENT_TWICE,
    COHORT_WITHOUT_GROUPS,
    CONCERN_CODES,
    CRITICAL_CODES,
    GROUP_TOO_BIG,
    GROUP_TOO_SMALL,
    GROUP_WITHOUT_LEAD,
    GROUP_WITHOUT_PROBLEM,
    MESSAGES_WITHOUT_CONSENT,
    MINOR_WITHOUT_CONSENT,
    PROBLEM_NOT_APPROVED,
    STUDENT_WITHOUT_GROUP,
    CohortScope,
    Concern,
    Severity,
)
from ixdesk.services.reads import reads

ATTENTION_STATUSES = (CohortStatus.PLANNING, CohortStatus.RECRUITING, CohortStatus.RUNNING)

# The concerns' codes and types are named from here too (they live in ``concerns``).
__all__ = [
    "ABSENT_TWICE",
    "ATTENTION_STATUSES",
    "COHORT_WITHOUT_GROUPS",
    "CONCERN_CODES",
    "CONCERN_TABLES",
    "CRITICAL_CODES",
    "GROUP_TOO_BIG",
    "GROUP_TOO_SMALL",
    "GROUP_WITHOUT_LEAD",
    "GROUP_WITHOUT_PROBLEM",
    "INSTRUCTOR_NOT_ACTIVE",
    "INSTRUCTOR_OUTSIDE_TRACK",
    "MESSAGES_WITHOUT_CONSENT",
    "MINOR_WITHOUT_CONSENT",
    "PROBLEM_NOT_APPROVED",
    "SAFEGUARDING_EXPIRES",
    "SAFEGUARDING_MISSING",
    "STUDENT_WITHOUT_GROUP",
    "Concern",
    "Severity",
    "all_concerns",
    "cohort_concerns",
    "cohort_name",
    "concern_codes_present",
    "group_concerns",
    "group_marks",
]


# Every table the concerns are read from (the checks look at all of them).
CONCERN_TABLES = (
    "cohorts", "student_groups", "group_memberships", "group_assistants", "enrolments",
    "students", "instructors", "instructor_expertise", "tracks", "business_problems",
    "partner_companies", "sessions", "attendance", "consents",
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
        track = m.Track
        cohorts = {
            row.id: CohortScope(*row)
            for row in session.execute(
                select(
                    c.id, c.name, c.audience, c.starts_on, c.ends_on, c.group_size, c.track_id,
                    track.name,
                )
                .outerjoin(track, and_(track.id == c.track_id, track.deleted_at.is_(None)))
                .where(scope)
            )
        }  # fmt: skip
        if not cohorts:
            return []
        finder = Finder(session, select(c.id).where(scope), cohorts, today)
        with_groups = finder.groups()
        finder.assistants()
        finder.ungrouped_students(with_groups)
        finder.minors_without_consent()
        finder.messages_without_consent()
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


def concern_codes_present(concerns: Sequence[Concern]) -> list[tuple[str, int]]:
    """(code, how many) for the codes that occur, in the list's usual order."""
    counts: dict[str, int] = {}
    for concern in concerns:
        counts[concern.code] = counts.get(concern.code, 0) + 1
    return [(code, counts[code]) for code in CONCERN_CODES if code in counts]
