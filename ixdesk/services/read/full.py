"""Every field of every record type, as stored: for the full export and one-type exports.

Headed with the canonical field names (the same as ``ixdesk list --json``),
references left as ids, live rows only, streamed in partitions and never held
in memory. Exports read plain rows (:func:`plain_select`): what a cell shows,
made by the database, with no Python object per value on the way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    DateTime,
    Enum,
    Select,
    String,
    Text,
    Uuid,
    cast,
    func,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import Record, UTCDateTime
from ixdesk.db.statements import AnySelect

STREAM_ROWS = 2_000
FULL_TABLES: tuple[type[Record], ...] = (
    m.Track,
    m.PartnerCompany,
    m.Contact,
    m.BusinessProblem,
    m.Cohort,
    m.Student,
    m.Enrolment,
    m.ApplicationAnswer,
    m.Consent,
    m.Instructor,
    m.InstructorExpertise,
    m.StudentGroup,
    m.GroupMembership,
    m.GroupAssistant,
    m.CohortSession,
    m.Attendance,
    m.StudentFeedback,
    m.GroupFeedback,
)
_FIRST, _LAST = ("id",), ("created_at", "updated_at", "version")


def field_names(model: type[Record]) -> list[str]:
    """Every field of a record type: id, the fields in declared order, then bookkeeping."""
    names = [column.key for column in model.__table__.columns]
    middle = [name for name in names if name not in (*_FIRST, *_LAST, "deleted_at")]
    return [*_FIRST, *middle, *_LAST]


def table_select(model: type[Record], fields: Sequence[str] | None = None) -> AnySelect:
    table = model.__table__
    chosen = list(fields) if fields is not None else field_names(model)
    return (
        select(*(table.c[name] for name in chosen))
        .where(table.c.deleted_at.is_(None))
        .order_by(table.c.created_at, table.c.id)
    )


def plain_select(
    model: type[Record], fields: Sequence[str] | None = None, *, sqlite: bool
) -> Select[Any]:
    """:func:`table_select` with each value as a cell shows it, straight from the driver:
    ids as dashed text made by the database (no ``uuid.UUID`` per value), moments
    as naive UTC datetimes on SQLite (a time zone's worth of work less per value),
    statuses as their text."""
    table = model.__table__
    chosen = list(fields) if fields is not None else field_names(model)
    return (
        select(*(_plain(table.c[name], sqlite).label(name) for name in chosen))
        .where(table.c.deleted_at.is_(None))
        .order_by(table.c.created_at, table.c.id)
    )


def _plain(column: Any, sqlite: bool) -> ColumnElement[Any]:
    kind = column.type
    if isinstance(kind, Uuid):
        return dashed_id(column, sqlite)
    if isinstance(kind, UTCDateTime) and sqlite:  # stored in UTC, without a zone
        return type_coerce(column, DateTime())
    if isinstance(kind, Enum):
        return type_coerce(column, String())
    if isinstance(kind, JSON):  # a rubric's ratings: as the JSON text stored
        return cast(column, Text)
    return column  # type: ignore[no-any-return]


def dashed_id(column: Any, sqlite: bool) -> ColumnElement[str]:
    """An id in its dashed form, as text, made by the database (SQLite keeps 32 hex digits)."""
    if not sqlite:
        return cast(column, Text)
    dash = literal("-")
    parts = [func.substr(column, start, length) for start, length in _UUID_PARTS]
    joined: ColumnElement[str] = parts[0]
    for part in parts[1:]:
        joined = joined.concat(dash).concat(part)
    return type_coerce(joined, String())


_UUID_PARTS = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))


def count_live(session: Session, model: type[Record]) -> int:
    table = model.__table__
    return int(
        session.scalar(select(func.count()).select_from(table).where(table.c.deleted_at.is_(None)))
        or 0
    )


def stream(session: Session, statement: AnySelect) -> Iterator[Sequence[Any]]:
    """Rows in partitions (a server-side cursor on PostgreSQL), never all at once."""
    result = session.execute(statement, execution_options={"yield_per": STREAM_ROWS})
    for partition in result.partitions():
        yield from partition
