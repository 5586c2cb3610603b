"""Realistic, repeatable demo data, so a coordinator can explore ixdesk safely.

The same seed and the same ``today`` give the same rows, ids included, so
benchmarks and screenshots can be reproduced. Rows are built as plain dicts
and written with Core ``INSERT``s in one transaction: 100,000 students take
seconds, and a failure leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import Record
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.demo.cohorts import CohortRows
from ixdesk.services.demo.partners import PartnerRows
from ixdesk.services.demo.rows import BATCH, Row

Progress = Callable[[str, int, int], None]
# Parents before children, so every foreign key points at a row already written.
BEFORE_STUDENTS: tuple[type[Record], ...] = (
    m.Track,
    m.PartnerCompany,
    m.Contact,
    m.BusinessProblem,
    m.Instructor,
    m.InstructorExpertise,
    m.Cohort,
)
AFTER_STUDENTS: tuple[type[Record], ...] = (
    m.Enrolment,
    m.StudentGroup,
    m.GroupMembership,
    m.GroupAssistant,
)


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each record type the demo wrote (field = table name)."""

    tracks: int
    partner_companies: int
    contacts: int
    business_problems: int
    cohorts: int
    students: int
    enrolments: int
    student_groups: int
    group_memberships: int
    instructors: int
    instructor_expertise: int
    group_assistants: int


class _Builder(PartnerRows, CohortRows):
    """One demo run: partners first, then cohorts and the people in them."""


def _refuse_if_not_empty(session: Session, database: Database) -> None:
    for model in (m.PartnerCompany, m.Cohort, m.Student, m.Instructor):
        table = model.__table__
        live = select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
        if session.scalar(live):
            raise IxdeskError(
                f"The database {database.location} already holds records; demo data goes "
                "into an empty database (use --database to pick a new file)."
            )


def _insert(
    session: Session, model: type[Record], rows: list[Row], progress: Progress | None
) -> None:
    """Core executemany in batches: no ORM objects, so 100,000 rows take seconds."""
    stage = str(model.__tablename__).replace("_", " ")
    for start in range(0, len(rows), BATCH):
        session.execute(insert(model.__table__), rows[start : start + BATCH])
        if progress is not None:
            progress(stage, min(start + BATCH, len(rows)), len(rows))


def generate_demo(
    database: Database,
    *,
    students: int = 500,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with demo records in one transaction; refuse a used one."""
    today = today or date.today()
    with database.write() as session:
        _refuse_if_not_empty(session, database)
        live_tracks = select(m.Track.id, m.Track.name).where(m.Track.deleted_at.is_(None))
        existing = {name.lower(): str(id_) for id_, name in session.execute(live_tracks)}
        build = _Builder(seed, today, existing)
        build.tracks()
        build.companies(max(12, students // 80))
        build.instructors(max(8, students // 25))
        build.make_cohorts(max(6, round(students / 40)))
        for model in BEFORE_STUDENTS:
            _insert(session, model, build.rows.get(model, []), progress)
        build.place_students(students)
        for batch in build.students():
            session.execute(insert(m.Student.__table__), batch)
            if progress is not None:
                progress("students", len(build.student_ids), students)
        build.groups(build.enrolments())
        for model in AFTER_STUDENTS:
            _insert(session, model, build.rows.get(model, []), progress)
    counts = {str(model.__tablename__): len(rows) for model, rows in build.rows.items()}
    counts["students"] = len(build.student_ids)
    return DemoSummary(**{field.name: counts.get(field.name, 0) for field in fields(DemoSummary)})
