"""Make an event copy: a database file of its own for one laptop at an event.

The copy holds the cohorts and tracks being signed up for, the organisation's
settings, and of the existing students only what a duplicate warning needs
(names, email, school, date of birth): no phone numbers, guardian contacts,
notes or anything else. It is built afresh (never a copy of this database
with rows removed, whose freed pages would still hold them), compacted, and
put in place whole under its final name. Its identity names the database it
was made from, the event and the PIN guarding event mode.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.orm import Session

from ixdesk.db import cipher
from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database, open_database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import IxdeskError, ValidationError
from ixdesk.services.events.identity import hash_pin, identity_in, made_up_pin
from ixdesk.services.events.problems import (
    PACKED_COMPANY_COLUMNS,
    PACKED_PROBLEM_COLUMNS,
    offered_problems,
)
from ixdesk.services.events.values import (
    PACKED_STUDENT_DATES,
    PACKED_STUDENT_FIELDS,
    plain_row,
)
from ixdesk.services.importing.existing import find_cohort
from ixdesk.services.importing.sqlite_rows import insert_sqlite
from ixdesk.services.privacy import audit
from ixdesk.services.privacy.profiles import EVENT_COPY
from ixdesk.services.read.cohorts import cohort_names
from ixdesk.services.reads import reads
from ixdesk.targets import create_beside, target_problem

BATCH = 5_000
PACKED = (*PACKED_STUDENT_FIELDS, *PACKED_STUDENT_DATES)
_STAMP = ("id", "created_at", "updated_at", "version", "deleted_at")
MAX_EVENT_NAME = 200
# The tables packed as rows read, in the order their references need.
_PACKED_TABLES: dict[str, Table] = {
    "settings": m.Setting.__table__,
    "tracks": m.Track.__table__,
    "cohorts": m.Cohort.__table__,
    "partner_companies": m.PartnerCompany.__table__,
    "business_problems": m.BusinessProblem.__table__,
}


@dataclass
class PackResult:
    """What went into an event copy."""

    path: Path
    copy_id: str
    event_name: str
    cohorts: list[str]
    students: int
    packed_at: datetime
    pin: str | None = None  # the PIN made up for a copy asked without one
    enrolment_status: str = EnrolmentStatus.APPLIED.value
    tracks: int = 0
    problems: int = 0
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        cohorts = ", ".join(self.cohorts)
        return (
            f"Event copy “{self.event_name}” written to {self.path}: sign-ups for {cohorts}; "
            f"{self.students:,} students packed to warn about duplicates; "
            f"{self.problems:,} business problems to rank."
        ) + "".join(f" {note}" for note in self.notes)


@reads("cohorts")
def cohort_choices(database: Database) -> list[str]:
    """The names of the cohorts an event copy may sign students up for (every live one)."""
    with database.read() as session:
        return sorted((name for _id, name, _same in cohort_names(session)), key=str.casefold)


def check_event_name(name: str | None) -> str:
    text = " ".join((name or "").split()) or "Event"
    if len(text) > MAX_EVENT_NAME:
        raise ValidationError(f"The event's name must be at most {MAX_EVENT_NAME} characters.")
    return text


def refuse_copy_target(database: Database, target: Path) -> None:
    """Refuse a target that exists (it may be a copy still holding sign-ups) or cannot be."""
    problem = target_problem(target)
    if problem is not None:
        raise IxdeskError(problem)
    if os.path.lexists(target):
        raise IxdeskError(
            f"{target} already exists; choose a new file name for the event copy "
            "(an existing copy may hold sign-ups not merged yet). Nothing was written."
        )
    if not target.parent.is_dir():
        raise IxdeskError(f"The folder {target.parent} does not exist; nothing was written.")


def pack_event_copy(
    database: Database,
    target: Path,
    cohorts: Sequence[str],
    *,
    event_name: str | None = None,
    pin: str | None = None,
    enrolment_status: str = EnrolmentStatus.APPLIED.value,
) -> PackResult:
    """Write an event copy of ``database`` for sign-ups to ``cohorts`` (names) at ``target``.

    Without a PIN one is made up (``PackResult.pin``) so event mode is always guarded.
    """
    target = Path(target).expanduser().absolute()
    name = check_event_name(event_name)
    if not cohorts:
        raise ValidationError("Choose at least one cohort the event signs students up for.")
    if enrolment_status not in {status.value for status in EnrolmentStatus}:
        raise ValidationError(f"“{enrolment_status}” is not an enrolment status.")
    made_up = None if pin else made_up_pin()
    pin_hash = hash_pin(pin or made_up or "")
    refuse_copy_target(database, target)
    with database.read() as session:
        identity = identity_in(session)
        if identity.is_event_copy:
            raise IxdeskError(
                "This database is itself an event copy; make event copies from the main "
                "database. Nothing was written."
            )
        cohort_ids = list(dict.fromkeys(find_cohort(session, each)[0] for each in cohorts))
        contents = _read(session, cohort_ids)
    packed_at = utcnow()
    temporary = create_beside(target)
    try:
        copy_id = _build(
            temporary, contents, identity.id, name, packed_at, pin_hash, enrolment_status
        )
        _compact(temporary)
        problem = target_problem(target)
        if problem is not None or os.path.lexists(target):
            raise IxdeskError(
                problem or f"{target} appeared while the copy was made; nothing was written."
            )
        os.replace(temporary, target)
    except OSError as error:
        raise IxdeskError(
            f"The event copy could not be written to {target} ({error.strerror or error}); "
            "nothing was written."
        ) from error
    finally:
        for end in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{temporary}{end}")
    cohort_names = [row["name"] for row in contents["cohorts"]]
    audit.record_action(
        database, audit.EXPORT, f"Event copy for {name}", profile=EVENT_COPY.key,
        records=len(contents["students"]), file_name=target,
    )  # fmt: skip
    return PackResult(
        path=target,
        copy_id=copy_id,
        event_name=name,
        cohorts=cohort_names,
        students=len(contents["students"]),
        packed_at=packed_at,
        pin=made_up,
        enrolment_status=enrolment_status,
        tracks=len(contents["tracks"]),
        problems=len(contents["business_problems"]),
        notes=_notes(database, len(contents["students"])),
    )


def _notes(database: Database, students: int) -> list[str]:
    """What the coordinator must know of the copy: an encrypted database's copy is not
    encrypted (the volunteers at the event have no password; docs/privacy.md)."""
    if database.path is None or cipher.key_for(database.path) is None:
        return []
    return [
        "This database is encrypted, but the event copy is not: it holds the names, "
        f"emails, schools and dates of birth of {students:,} students. Delete it from the "
        "laptop once it is merged."
    ]


def _rows(connection: Connection, table: Table, *where: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in connection.execute(select(table).where(*where))]


def _read(session: Session, cohort_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """What goes into the copy, read in one transaction of this database."""
    connection = session.connection()
    tracks = m.Track.__table__
    cohorts = m.Cohort.__table__
    students = m.Student.__table__
    wanted = [students.c[name] for name in (*_STAMP, *PACKED_STUDENT_FIELDS, *PACKED_STUDENT_DATES)]
    live_students = [
        dict(row._mapping)
        for row in connection.execute(select(*wanted).where(students.c.deleted_at.is_(None)))
    ]
    return {
        "settings": _rows(connection, m.Setting.__table__),
        "tracks": _rows(connection, tracks),  # all: retired and deleted ones are referred to
        "cohorts": _rows(connection, cohorts, cohorts.c.id.in_(cohort_ids)),
        **_offered(session, cohort_ids),
        "students": live_students,
    }


def _offered(session: Session, cohort_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The business problems the cohorts offer, and their companies: only what a ranking
    shows (title, company's name, track), nothing of their statements or contacts."""
    connection = session.connection()
    offered = offered_problems(session, cohort_ids)
    ids = sorted({problem.id for problems in offered.values() for problem in problems})
    problems = m.BusinessProblem.__table__
    wanted = [problems.c[name] for name in dict.fromkeys((*_STAMP, *PACKED_PROBLEM_COLUMNS))]
    problem_rows = [
        dict(row._mapping)
        for row in connection.execute(select(*wanted).where(problems.c.id.in_(ids)))
    ] if ids else []  # fmt: skip
    companies = m.PartnerCompany.__table__
    company_ids = sorted({str(row["company_id"]) for row in problem_rows})
    columns = [companies.c[name] for name in dict.fromkeys((*_STAMP, *PACKED_COMPANY_COLUMNS))]
    company_rows = [
        dict(row._mapping)
        for row in connection.execute(select(*columns).where(companies.c.id.in_(company_ids)))
    ] if company_ids else []  # fmt: skip
    return {"partner_companies": company_rows, "business_problems": problem_rows}


def _build(
    path: Path,
    contents: dict[str, list[dict[str, Any]]],
    origin_id: str,
    name: str,
    packed_at: datetime,
    pin_hash: str,
    enrolment_status: str,
) -> str:
    """Fill a new database at ``path``; returns its id (the copy's own)."""
    copy = open_database(path, create=True, rolling_backup=False)
    try:
        with copy.write() as session:
            connection = session.connection()
            identity = m.DatabaseIdentity.__table__
            connection.execute(
                update(identity).values(
                    event_origin_id=origin_id,
                    event_name=name,
                    event_packed_at=packed_at,
                    event_pin=pin_hash,
                    event_enrolment_status=enrolment_status,
                )
            )
            for key, table in _PACKED_TABLES.items():
                rows = contents[key]
                if rows:
                    connection.execute(table.insert(), rows)
            _insert_students(connection, contents["students"])
            copy_id = str(connection.execute(select(identity.c.id)).scalar_one())
    finally:
        copy.close()
    return copy_id


def _insert_students(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """The packed students, and what each held when packed (the base of a later merge)."""
    students = m.Student.__table__
    packed = m.PackedRecord.__table__
    defaults = {"messaging_opt_in": False}
    bound: dict[tuple[str, str], dict[Any, Any]] = {}
    for start in range(0, len(rows), BATCH):
        batch = [{**row, **defaults} for row in rows[start : start + BATCH]]
        names = list(batch[0])
        insert_sqlite(connection, students, names, [[r[n] for r in batch] for n in names], bound)
        bases = [
            {
                "record_id": row["id"],
                "table_name": "students",
                "version": row["version"],
                "packed": {
                    name: value
                    for name, value in plain_row(row, PACKED).items()
                    if value is not None
                },
            }
            for row in batch
        ]
        connection.execute(packed.insert(), bases)


def _compact(path: Path) -> None:
    """One file, rebuilt page by page: no log beside it, no free page keeping old bytes."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("VACUUM")
        connection.commit()
    finally:
        connection.close()
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())
