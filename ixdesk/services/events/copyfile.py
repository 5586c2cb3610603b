"""Reading an event copy for a merge, or refusing it in one sentence.

A file that is not an ixdesk database, an ixdesk database that is not an event
copy, a copy made from another database, a damaged or cut-short file and a
copy from a newer ixdesk are each refused before anything is merged; the
main database is not touched. What a merge needs is read in one go: the
copy's identity, the students it added or changed (those packed and never
touched are left out), what each changed student held when packed, and the
enrolments, application answers and tracks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Connection, Select, Table, Uuid, or_, select
from sqlalchemy.exc import DBAPIError

from ixdesk.db import models as m
from ixdesk.db.base import UTCDateTime
from ixdesk.db.engine import Database, open_database
from ixdesk.db.problems import DatabaseMissingError
from ixdesk.errors import (
    DamagedDatabaseError,
    DatabaseOpenError,
    DatabaseTooNewError,
    IxdeskError,
    NotAnIxdeskDatabaseError,
)
from ixdesk.services.events.identity import Identity, identity_in
from ixdesk.services.events.values import (
    ANSWER_FIELDS,
    DELETED,
    ENROLMENT_FIELDS,
    STUDENT_FIELDS,
    plain,
)
from ixdesk.services.tables import canonical_id, raw_rows


class EventCopyError(IxdeskError):
    """A file given to merge is not an event copy of this database that can be read."""


@dataclass
class CopyContents:
    """What a merge takes from one event copy, as plain values."""

    path: Path
    identity: Identity
    students: list[dict[str, Any]] = field(default_factory=list)
    packed: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    enrolments: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    tracks: list[dict[str, Any]] = field(default_factory=list)
    # (student, cohort) → the problems ranked at the event, first choice first: every
    # ranking made or changed there (an emptied one too)
    rankings: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @property
    def copy_id(self) -> str:
        return self.identity.id

    @property
    def name(self) -> str:
        return self.identity.event_name or self.path.name


def read_copy(path: Path, main: Identity) -> CopyContents:
    """The contents of the event copy at ``path``, made from the database ``main`` is."""
    path = Path(path).expanduser()
    try:
        copy = open_database(path, create=False, rolling_backup=False)
    except DatabaseMissingError:
        raise EventCopyError(f"There is no event copy at {path}; nothing was merged.") from None
    except DatabaseTooNewError:
        raise EventCopyError(
            f"{path} was made by a newer version of ixdesk; install that version to merge it. "
            "Nothing was merged."
        ) from None
    except NotAnIxdeskDatabaseError:
        raise EventCopyError(
            f"{path} is not an event copy (it is not an ixdesk database); nothing was merged."
        ) from None
    except DamagedDatabaseError:
        raise _damaged(path) from None
    except DatabaseOpenError as error:
        raise EventCopyError(f"{path} could not be read, so nothing was merged: {error}") from None
    try:
        return _read(copy, path, main)
    except DBAPIError:
        raise _damaged(path) from None
    finally:
        copy.close()


def _damaged(path: Path) -> EventCopyError:
    return EventCopyError(
        f"{path} is damaged or incomplete (perhaps copied before it was whole), so it was "
        "not merged; nothing was changed."
    )


def _read(copy: Database, path: Path, main: Identity) -> CopyContents:
    with copy.read() as session:
        identity = identity_in(session)
        if not identity.is_event_copy:
            raise EventCopyError(
                f"{path} is an ixdesk database but not an event copy; nothing was merged."
            )
        if identity.origin_id != main.id:
            raise EventCopyError(
                f"{path} is an event copy of another ixdesk database, not of this one; "
                "nothing was merged."
            )
        if identity.id == main.id:
            raise EventCopyError(f"{path} is this database itself; nothing was merged.")
        connection = session.connection()
        contents = CopyContents(path, identity)
        contents.students, contents.packed = _students(connection)
        contents.enrolments = _rows(
            connection, m.Enrolment.__table__, ENROLMENT_FIELDS, "student_id", "cohort_id"
        )
        contents.answers = _rows(
            connection, m.ApplicationAnswer.__table__, ANSWER_FIELDS, "student_id", "cohort_id"
        )
        contents.tracks = [
            {"id": row.id, "name": row.name, "description": row.description}
            for row in connection.execute(select(m.Track.__table__))
        ]
        contents.rankings = _rankings(connection)
        return contents


def _rankings(connection: Connection) -> dict[tuple[str, str], list[str]]:
    """Each ranking made at the event (every row in a copy was made there)."""
    pp = m.ProblemPreference.__table__
    statement = select(
        pp.c.student_id, pp.c.cohort_id, pp.c.business_problem_id, pp.c.rank, pp.c.deleted_at
    )
    found: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for row in _plain_rows(connection, statement):
        ranked = found.setdefault((row["student_id"], row["cohort_id"]), [])
        if row["deleted_at"] is None:
            ranked.append((row["rank"], row["business_problem_id"]))
    return {key: [problem for _rank, problem in sorted(ranked)] for key, ranked in found.items()}


_STAMP = ("id", "version", "deleted_at")


def _moment(text: str) -> str:
    return str(plain(datetime.fromisoformat(text)))


def _reader(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How a value as SQLite's driver returns it (an event copy is always an SQLite file)
    becomes the plain value a merge compares (None: it is that already)."""
    kind = column.type
    if isinstance(kind, Uuid):
        return canonical_id
    if isinstance(kind, Boolean):
        return bool
    if isinstance(kind, UTCDateTime):
        return _moment
    if isinstance(kind, JSON):
        return json.loads
    return None  # text, numbers, statuses, and dates (ISO text already)


def _plain_rows(connection: Connection, statement: Select[Any]) -> list[dict[str, Any]]:
    """The statement's rows as plain values, straight from the driver (a merge reads many
    thousands; SQLAlchemy's own result processing would cost as much as the query)."""
    columns = list(statement.selected_columns)
    readers = [_reader(column) for column in columns]  # type: ignore[arg-type]
    names = [str(column.key) for column in columns]
    found = []
    for raw in raw_rows(connection, statement):
        found.append(
            {
                name: value if read is None or value is None else read(value)
                for name, read, value in zip(names, readers, raw, strict=True)
            }
        )
    return found


def _record(
    values: dict[str, Any], fields: tuple[str, ...], links: tuple[str, ...] = ()
) -> dict[str, Any]:
    """One row of the copy as a merge takes it: id, version, links, plain values, deletion."""
    return {
        "id": values["id"],
        "version": values["version"],
        **{link: values[link] for link in links},
        **{name: values[name] for name in fields},
        DELETED: values["deleted_at"] is not None,
    }


def _rows(
    connection: Connection, table: Table, fields: tuple[str, ...], *links: str
) -> list[dict[str, Any]]:
    wanted = (*_STAMP, *links, *fields)  # only what a merge compares
    statement = select(*(table.c[name] for name in wanted))
    return [_record(row, fields, links) for row in _by_id(_plain_rows(connection, statement))]


def _by_id(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows in the order of their ids, so a merge takes them in the same order every time
    (sorted here: asking SQLite to sort makes it read every row through the index)."""
    return sorted(rows, key=lambda row: str(row["id"]))


def _students(
    connection: Connection,
) -> tuple[list[dict[str, Any]], dict[str, tuple[int, dict[str, Any]]]]:
    """Students added or changed in the copy, and the packed values of those changed."""
    s = m.Student.__table__
    p = m.PackedRecord.__table__
    statement = (
        select(
            *(s.c[name] for name in (*_STAMP, *STUDENT_FIELDS)),
            p.c.version.label("packed_version"),
            p.c.packed,
        )
        .outerjoin(p, p.c.record_id == s.c.id)
        .where(or_(p.c.record_id.is_(None), p.c.version != s.c.version))
    )
    students: list[dict[str, Any]] = []
    packed: dict[str, tuple[int, dict[str, Any]]] = {}
    for values in _by_id(_plain_rows(connection, statement)):
        students.append(_record(values, STUDENT_FIELDS))
        if values["packed_version"] is not None:
            packed[values["id"]] = (values["packed_version"], dict(values["packed"]))
    return students, packed
