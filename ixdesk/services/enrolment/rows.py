"""What the cohort workspace reads: the enrolment board's rows and the cohort's details.

Plain rows from one query each, so a cohort of a few thousand students opens at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import (
    Audience,
    CohortFormat,
    CohortSchedule,
    CohortStatus,
    ConsentPurpose,
    EnrolmentStatus,
)
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.answers import Answers, cohort_answers
from ixdesk.services.counts import enrolled_count
from ixdesk.services.folding import fold
from ixdesk.services.privacy.consent import cohort_gaps
from ixdesk.services.reads import reads

ES = EnrolmentStatus
_BY_APPLICATION = frozenset({ES.APPLIED, ES.ACCEPTED})
PARTICIPATION = ConsentPurpose.PARTICIPATION
COHORT_GONE = "This cohort no longer exists; someone may have deleted it. Reload the cohorts."


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One student's enrolment, as the board shows it."""

    enrolment_id: str
    student_id: str
    first_name: str
    last_name: str
    preferred_name: str | None
    school: str | None
    grade: int | None
    email: str | None
    status: EnrolmentStatus
    waitlist_position: int | None
    applied_on: date | None
    in_group: bool
    answers: Answers = ()  # the application answers for this cohort, in the form's order
    consent: str | None = None  # a minor's consent to take part: "missing", "withdrawn"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _board_key(row: BoardRow) -> tuple[Any, ...]:
    """Waitlist by position, applications first come first served, others by name."""
    if row.status == ES.WAITLISTED:
        return (row.waitlist_position or 0, "", "")
    if row.status in _BY_APPLICATION:
        return (0, str(row.applied_on or ""), fold(row.last_name + " " + row.first_name))
    return (0, "", fold(row.last_name + " " + row.first_name))


def _local_date(moment: datetime | None) -> date | None:
    return moment.astimezone().date() if moment is not None else None


@reads("enrolments", "students", "group_memberships", "application_answers", "consents", "cohorts")
def enrolment_board(database: Database, cohort_id: str) -> list[BoardRow]:
    """Every live enrolment of the cohort, in the order the board shows them."""
    e, s, gm = m.Enrolment, m.Student, m.GroupMembership
    in_group = (
        select(gm.id)
        .where(gm.student_id == e.student_id, gm.cohort_id == e.cohort_id, gm.deleted_at.is_(None))
        .exists()
    )
    columns = (
        e.id, e.student_id, s.first_name, s.last_name, s.preferred_name, s.school, s.grade,
        s.email, e.status, e.waitlist_position, e.created_at, in_group,
    )  # fmt: skip
    statement = (
        select(*columns)
        .join(s, s.id == e.student_id)
        .where(e.cohort_id == cohort_id, e.deleted_at.is_(None), s.deleted_at.is_(None))
    )
    with database.read() as session:
        result = session.execute(statement).all()
        answers = cohort_answers(session, cohort_id)
        gaps = cohort_gaps(session, cohort_id, [row[1] for row in result], PARTICIPATION)
    rows = [
        BoardRow(
            *row[:10], _local_date(row[10]), bool(row[11]), answers.get(row[1], ()),
            gaps.get(row[1]),
        )
        for row in result
    ]  # fmt: skip
    rows.sort(key=_board_key)
    return rows


@dataclass(frozen=True)
class CohortDetails:
    """What the cohort workspace shows in its header."""

    id: str
    name: str
    track: str | None
    starts_on: date | None
    ends_on: date | None
    format: CohortFormat
    schedule: CohortSchedule
    location: str | None
    capacity: int | None
    group_size: int | None
    audience: Audience
    status: CohortStatus
    enrolled: int

    @property
    def enrolled_text(self) -> str:
        """Reads "38 / 40 enrolled", or "38 enrolled" for a cohort without a capacity."""
        if self.capacity is None:
            return f"{self.enrolled} enrolled"
        return f"{self.enrolled} / {self.capacity} enrolled"

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else self.capacity - self.enrolled


@reads("cohorts", "tracks", "enrolments")
def cohort_details(database: Database, cohort_id: str) -> CohortDetails:
    c, t = m.Cohort, m.Track
    columns = (
        c.id, c.name, t.name, c.starts_on, c.ends_on, c.format, c.schedule, c.location,
        c.capacity, c.group_size, c.audience, c.status, enrolled_count(),
    )  # fmt: skip
    statement = (
        select(*columns)
        .outerjoin(t, t.id == c.track_id)
        .where(c.id == cohort_id, c.deleted_at.is_(None))
    )
    with database.read() as session:
        row = session.execute(statement).first()
    if row is None:
        raise RecordNotFoundError(COHORT_GONE)
    return CohortDetails(*row)


def students_in_cohort(database: Database, cohort_id: str) -> set[str]:
    """Ids of the students with a live enrolment in the cohort (any status)."""
    e = m.Enrolment
    with database.read() as session:
        return set(
            session.scalars(
                select(e.student_id).where(e.cohort_id == cohort_id, e.deleted_at.is_(None))
            )
        )
