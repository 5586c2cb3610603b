"""Counts of live records, for the overview and the status bar."""

from __future__ import annotations

from sqlalchemy import func, select

from ixdesk.db import models as m
from ixdesk.db.base import Record
from ixdesk.db.engine import Database
from ixdesk.services.reads import reads

COUNTED: tuple[tuple[str, type[Record]], ...] = (
    ("Cohorts", m.Cohort),
    ("Groups", m.StudentGroup),
    ("Students", m.Student),
    ("Instructors", m.Instructor),
    ("Partner companies", m.PartnerCompany),
    ("Business problems", m.BusinessProblem),
)


@reads(
    "cohorts",
    "student_groups",
    "students",
    "instructors",
    "partner_companies",
    "business_problems",
)
def record_counts(database: Database) -> dict[str, int]:
    """Live records per kind, in the order of the navigation."""
    counts: dict[str, int] = {}
    with database.read() as session:
        for label, model in COUNTED:
            table = model.__table__
            counts[label] = (
                session.scalar(
                    select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
                )
                or 0
            )
    return counts
