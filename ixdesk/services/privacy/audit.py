"""The audit log: every export and bulk action, who made it, when, how many records.

Entries are only ever added (:func:`record_action`, or :func:`note` inside an
operation already running); nothing in ixdesk changes or removes one. They are
read by ``ixdesk audit`` and the window's audit log view (docs/privacy.md).
"""

from __future__ import annotations

import getpass
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.privacy.profiles import HANDOVER
from ixdesk.services.reads import reads

EXPORT, IMPORT, PURGE, ERASE = "export", "import", "purge", "erase"
DELETE, STATUS = "delete", "status"  # several records at once
MERGE = "merge"  # event copies merged back
COLUMNS = ("at", "who", "action", "what", "profile", "records", "file_name")


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    who: str
    action: str
    what: str
    profile: str | None
    records: int
    file_name: str | None

    def as_json(self) -> dict[str, Any]:
        values = asdict(self)
        values["at"] = self.at.isoformat()
        values["id"] = str(self.id)
        return values


def who(session: Session | None = None) -> str:
    """Who is working (never a student's detail): on a shared PostgreSQL server the login
    the connection was made with (``session_user``: a role taken later with SET ROLE
    does not change it), the same person on whichever computer; in an SQLite file, the
    account working on this computer."""
    if session is not None and session.get_bind().dialect.name == "postgresql":
        login = session.scalar(select(func.session_user()))
        if login:
            return str(login)
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def note(
    session: Session,
    action: str,
    what: str,
    *,
    profile: str | None = None,
    records: int = 0,
    file_name: str | Path | None = None,
) -> None:
    """Add an entry inside an operation (a bulk action and its entry commit together)."""
    session.add(
        m.AuditEntry(
            at=utcnow(),
            who=who(session)[:120],
            action=action,
            what=what[:300],
            profile=profile,
            records=records,
            file_name=None if file_name is None else str(file_name)[:300],
        )
    )


def record_action(
    database: Database,
    action: str,
    what: str,
    *,
    profile: str | None = None,
    records: int = 0,
    file_name: str | Path | None = None,
    hub: ChangeHub | None = None,
) -> None:
    """Add an entry on its own (an export, once its file is written). A database open
    for reading only keeps no log: nothing can be added to it."""
    if database.read_only is not None:
        return

    def work(context: OperationContext) -> None:
        note(
            context.session,
            action,
            what,
            profile=profile,
            records=records,
            file_name=file_name,
        )

    run_operation(database, work, hub=hub)


@reads("audit_log")
def audit_entries(database: Database, limit: int | None = None) -> list[AuditRow]:
    """The entries, oldest first (the last ``limit`` when given)."""
    a = m.AuditEntry
    with database.read() as session:
        statement = select(a).order_by(a.at.desc(), a.id.desc())
        if limit is not None:
            statement = statement.limit(limit)
        rows = [
            AuditRow(e.id, e.at, e.who, e.action, e.what, e.profile, e.records, e.file_name)
            for e in session.scalars(statement)
        ]
    rows.reverse()
    return rows


def exported(database: Database, what: str, path: Path, *, profile: str, records: int) -> Path:
    """Note an export written to ``path``; returns the path (for the builders' last line)."""
    record_action(database, EXPORT, what, profile=profile, records=records, file_name=path)
    return path


def export_audit_log(database: Database, path: str | Path) -> Path:
    """The whole audit log as a CSV file (written whole or not at all); noted in the log."""
    from ixdesk.services.export.csvfile import write_csv

    entries = audit_entries(database)
    rows = ([getattr(entry, name) for name in COLUMNS] for entry in entries)
    written = write_csv(path, COLUMNS, rows)
    return exported(database, "Audit log", written, profile=HANDOVER.key, records=len(entries))
