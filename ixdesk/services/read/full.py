"""Every field of every record type, as stored: for the full export and one-type exports.

Headed with the canonical field names (the same as ``ixdesk list --json``),
references left as ids, live rows only, streamed in partitions and never held
in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import Base

STREAM_ROWS = 2_000
FULL_TABLES: tuple[type[Base], ...] = (
    m.Track,
    m.PartnerCompany,
    m.Contact,
    m.BusinessProblem,
    m.Cohort,
    m.Student,
    m.Enrolment,
    m.ApplicationAnswer,
    m.Instructor,
    m.InstructorExpertise,
    m.StudentGroup,
    m.GroupMembership,
    m.GroupAssistant,
    m.CohortSession,
    m.Attendance,
)
_FIRST, _LAST = ("id",), ("created_at", "updated_at", "version")


def field_names(model: type[Base]) -> list[str]:
    """Every field of a record type: id, the fields in declared order, then bookkeeping."""
    names = [column.key for column in model.__table__.columns]
    middle = [name for name in names if name not in (*_FIRST, *_LAST, "deleted_at")]
    return [*_FIRST, *middle, *_LAST]


def table_select(model: type[Base], fields: Sequence[str] | None = None) -> Select[Any]:
    table = model.__table__
    chosen = list(fields) if fields is not None else field_names(model)
    return (
        select(*(table.c[name] for name in chosen))
        .where(table.c.deleted_at.is_(None))
        .order_by(table.c.created_at, table.c.id)
    )


def count_live(session: Session, model: type[Base]) -> int:
    table = model.__table__
    return int(
        session.scalar(select(func.count()).select_from(table).where(table.c.deleted_at.is_(None)))
        or 0
    )


def stream(session: Session, statement: Select[Any]) -> Iterator[Sequence[Any]]:
    """Rows in partitions (a server-side cursor on PostgreSQL), never all at once."""
    result = session.execute(statement, execution_options={"yield_per": STREAM_ROWS})
    for partition in result.partitions():
        yield from partition
