"""The one door every change goes through.

``run_operation`` runs a piece of work in one write transaction (all of it or
none of it), turns database refusals (a broken rule, a read-only database, a
full disk) into sentences a coordinator can act on, never quoting row values,
and, once committed, tells every listener what changed so views refresh. Views
never open transactions of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ixdesk.db.base import Record, utcnow
from ixdesk.db.engine import Database
from ixdesk.db.live import announce
from ixdesk.errors import (
    ChangedElsewhereError,
    IxdeskError,
    RecordNotFoundError,
    ValidationError,
)
from ixdesk.services.records import TABLE_NAMES, record_name

T = TypeVar("T")
R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Changes:
    """The tables and row ids one committed operation touched."""

    tables: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


ChangeListener = Callable[[Changes], None]


@dataclass
class ChangeHub:
    """Plain observer list: the GUI adapts it to a Qt signal, the CLI ignores it."""

    listeners: list[ChangeListener] = field(default_factory=list)

    def subscribe(self, listener: ChangeListener) -> None:
        self.listeners.append(listener)

    def unsubscribe(self, listener: ChangeListener) -> None:
        if listener in self.listeners:
            self.listeners.remove(listener)

    def publish(self, changes: Changes) -> None:
        for listener in list(self.listeners):
            listener(changes)


CHANGED_ELSEWHERE = (
    "This {kind} was changed by someone else (another window, another copy of ixdesk or "
    "another coordinator) since you opened it. Reload it to see their changes; yours "
    "were not saved."
)

_UNIQUE_MESSAGES = {
    "uq_students_email_live": "Another student already uses this email address.",
    "uq_instructors_email_live": "Another instructor already uses this email address.",
    "uq_contacts_email_live": "Another contact already uses this email address.",
    "uq_partner_companies_name_live": "A partner company with this name already exists.",
    "uq_cohorts_name_live": "A cohort with this name already exists.",
    "uq_tracks_name_live": "A track with this name already exists.",
    "uq_student_groups_name_live": "This cohort already has a group with this name.",
    "uq_group_memberships_student_cohort_live": (
        "This student is already in a group of this cohort; a student is in at most one "
        "group per cohort."
    ),
    "uq_enrolments_student_cohort_live": "This student is already enrolled in this cohort.",
    "uq_instructor_expertise_live": "The instructor already has this track.",
    "uq_group_assistants_live": "This instructor already assists this group.",
    "uq_attendance_live": "Attendance for this student at this session is already recorded.",
    "uq_student_feedback_live": "This student already has a rubric in this group.",
    "uq_group_feedback_live": "This group already has feedback from its partner company.",
}

# SQLite names the columns of a plain unique index rather than the index.
_SQLITE_UNIQUE_COLUMNS = {
    "group_memberships.student_id, group_memberships.cohort_id": (
        "uq_group_memberships_student_cohort_live"
    ),
    "enrolments.student_id, enrolments.cohort_id": "uq_enrolments_student_cohort_live",
    "instructor_expertise.instructor_id, instructor_expertise.track_id": (
        "uq_instructor_expertise_live"
    ),
    "group_assistants.group_id, group_assistants.instructor_id": "uq_group_assistants_live",
    "attendance.session_id, attendance.student_id": "uq_attendance_live",
    "student_feedback.group_id, student_feedback.student_id": "uq_student_feedback_live",
    "group_feedback.group_id": "uq_group_feedback_live",
}


def explain_integrity_error(error: IntegrityError) -> str:
    """A sentence for a constraint the database refused."""
    text = str(error.orig)
    for name, message in _UNIQUE_MESSAGES.items():
        if name in text:
            return message
    for columns, name in _SQLITE_UNIQUE_COLUMNS.items():
        if columns in text:
            return _UNIQUE_MESSAGES[name]
    if "FOREIGN KEY" in text.upper() or "foreign key" in text:
        return "The change refers to a record that no longer exists; reload and try again."
    if "NOT NULL" in text.upper() or "null value" in text:
        match = re.search(r"(?:NOT NULL constraint failed: |column \")([\w.]+)", text)
        column = match.group(1).split(".")[-1].replace("_", " ") if match else "a field"
        return f"A required value is missing: {column}."
    if "CHECK" in text.upper() or "check constraint" in text:
        return "A value is not one of the allowed choices."
    return f"The database refused the change ({text.splitlines()[0]})."


class DatabaseWriteError(IxdeskError):
    """The database could not take the change: read-only, full, or failing underneath."""


READ_ONLY = (
    "The database is read-only: nothing was saved. {location} (or its folder) cannot be "
    "written, or your account may only read it; make it writable or ask for write access, "
    "then try again."
)
DISK_FULL = (
    "The disk holding the database {location} is full: nothing was saved. Free some space, "
    "then try again."
)
DISK_FAILED = (
    "The database {location} could not be written because the disk reported an error: "
    "nothing was saved. Check the drive (a removed USB stick, a lost network share), then "
    "try again."
)
NOT_ALLOWED = (
    "The server refused the change: your login may not make it (an instructor's login "
    "changes only attendance and the rubric of their own groups, and a group may have "
    "been given to someone else meanwhile). Nothing was saved."
)


def explain_write_failure(location: str, error: DBAPIError) -> str | None:
    """A sentence for a database that cannot be written at all (or not by this login), or
    None for other errors.

    Judged by the driver's error code (SQLite's name, PostgreSQL's SQLSTATE) and
    never by quoting its message, which may carry the row's values.
    """
    orig = error.orig
    code = str(getattr(orig, "sqlite_errorname", None) or getattr(orig, "sqlstate", None) or "")
    text = str(orig).split("\n", 1)[0].lower()
    if code.startswith("SQLITE_READONLY") or code == "25006" or "readonly database" in text:
        return READ_ONLY.format(location=location)
    if code == "SQLITE_FULL" or code == "53100" or "database or disk is full" in text:
        return DISK_FULL.format(location=location)
    if code.startswith("SQLITE_IOERR") or code == "58030" or "disk i/o error" in text:
        return DISK_FAILED.format(location=location)
    if code == "42501":  # insufficient privilege: the server's roles said no
        return NOT_ALLOWED
    return None


class _ChangeRecorder:
    def __init__(self, session: Session) -> None:
        self.tables: set[str] = set()
        self.ids: set[str] = set()
        event.listen(session, "after_flush", self._after_flush)

    def _after_flush(self, session: Session, _context: Any) -> None:
        for instance in [*session.new, *session.dirty, *session.deleted]:
            table = getattr(instance, "__tablename__", None)
            if table is None:
                continue
            self.tables.add(table)
            # Records' ids only: an audit entry's number is no record a view could show.
            if isinstance(instance, Record) and instance.id is not None:
                self.ids.add(str(instance.id))

    def note(self, tables: Iterable[str], ids: Iterable[str] = ()) -> None:
        """Record changes made with bulk statements, which no flush sees."""
        self.tables.update(tables)
        self.ids.update(map(str, ids))

    def changes(self) -> Changes:
        return Changes(frozenset(self.tables), frozenset(self.ids))


class OperationContext:
    """Handed to the work: its session, and a way to report bulk changes."""

    def __init__(self, session: Session, recorder: _ChangeRecorder) -> None:
        self.session = session
        self._recorder = recorder

    def changed(self, tables: Iterable[str], ids: Iterable[str] = ()) -> None:
        self._recorder.note(tables, ids)


def run_operation(
    database: Database,
    work: Callable[[OperationContext], T],
    *,
    hub: ChangeHub | None = None,
) -> T:
    """Run ``work`` in one transaction; publish what changed once committed."""
    try:
        with database.write() as session:
            recorder = _ChangeRecorder(session)
            result = work(OperationContext(session, recorder))
            session.flush()
            if not database.is_sqlite:  # the other copies on a shared server hear of it
                announce(session, recorder.tables, recorder.ids)
    except IntegrityError as error:
        raise ValidationError(explain_integrity_error(error)) from error
    except DBAPIError as error:
        message = explain_write_failure(database.location, error)
        if message is None:
            raise
        raise DatabaseWriteError(message) from error
    except StaleDataError as error:
        table = _table_in(str(error))
        kind = TABLE_NAMES.get(table, "record")
        raise ChangedElsewhereError(CHANGED_ELSEWHERE.format(kind=kind)) from error
    if hub is not None:
        hub.publish(recorder.changes())
    return result


def _table_in(message: str) -> str:
    match = re.search(r"UPDATE statement on table '(\w+)'", message)
    return match.group(1) if match else ""


def live_record(
    session: Session, model: type[R], record_id: str, expected_version: int | None
) -> R:
    """The live row, checked to be the version the person saw (None: any version)."""
    record = session.get(model, record_id, populate_existing=True)
    kind = record_name(model)
    if record is None:
        raise RecordNotFoundError(f"No {kind} with id {record_id} exists.")
    if record.deleted_at is not None:
        raise ChangedElsewhereError(
            f"This {kind} was deleted by someone else since you opened it; nothing was saved."
        )
    if expected_version is not None and record.version != expected_version:
        raise ChangedElsewhereError(CHANGED_ELSEWHERE.format(kind=kind))
    return record


def create_record(
    database: Database,
    model: type[R],
    values: Mapping[str, Any],
    *,
    hub: ChangeHub | None = None,
) -> R:
    def work(context: OperationContext) -> R:
        record = model(**values)
        context.session.add(record)
        return record

    return run_operation(database, work, hub=hub)


def update_record(
    database: Database,
    model: type[R],
    record_id: str,
    expected_version: int,
    values: Mapping[str, Any],
    *,
    hub: ChangeHub | None = None,
) -> R:
    """Save edits made to the version the person saw; refuse if it moved on since."""

    def work(context: OperationContext) -> R:
        record = live_record(context.session, model, record_id, expected_version)
        for name, value in values.items():
            setattr(record, name, value)
        return record

    return run_operation(database, work, hub=hub)


def delete_record(
    database: Database,
    model: type[R],
    record_id: str,
    expected_version: int | None = None,
    *,
    hub: ChangeHub | None = None,
) -> R:
    """Mark a record deleted (a tombstone that merges of offline copies carry)."""

    def work(context: OperationContext) -> R:
        record = live_record(context.session, model, record_id, expected_version)
        record.deleted_at = utcnow()
        return record

    return run_operation(database, work, hub=hub)


def restore_record(
    database: Database,
    model: type[R],
    record_id: str,
    *,
    hub: ChangeHub | None = None,
) -> R:
    """Undo a deletion."""

    def work(context: OperationContext) -> R:
        record = context.session.get(model, record_id)
        if record is None:
            raise RecordNotFoundError(f"No {record_name(model)} with id {record_id} exists.")
        record.deleted_at = None
        return record

    return run_operation(database, work, hub=hub)
