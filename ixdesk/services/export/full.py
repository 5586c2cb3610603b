"""The full export: every live record of every type, every field, for hand-over or archive.

One sheet per record type, headed with the canonical snake_case field names
(the same names as ``ixdesk list --json``), in one fixed order: ``id``, the
fields as the record type declares them, then ``created_at``, ``updated_at``,
``version``. References stay ids so sheets can be joined again. Everything is
read in one transaction (a snapshot), streamed in partitions, and written in
constant memory, so 100,000 students cost seconds, not gigabytes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from ixdesk import __version__
from ixdesk.db.base import Record
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.export.workbook import Cancelled, Column, Progress, Workbook
from ixdesk.services.read import full as q
from ixdesk.services.settings import settings_in

PathLike = str | os.PathLike[str]

RECORD_TYPES: dict[str, type[Record]] = {model.__tablename__: model for model in q.FULL_TABLES}
"""Sheet name → record type, in the order the full export writes them."""


def _snapshot(database: Database, session: Session) -> None:
    """PostgreSQL: one snapshot for the whole export, so counts and sheets agree.

    (An SQLite read transaction already sees one snapshot.)
    """
    if not database.is_sqlite:
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def export_everything(
    database: Database,
    path: PathLike,
    *,
    paper: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Every record type on its own sheet, after an "About" sheet with the counts."""
    sqlite = database.is_sqlite
    with database.read() as session:
        _snapshot(database, session)
        counts = {name: q.count_live(session, model) for name, model in RECORD_TYPES.items()}
        with Workbook(
            path,
            title="ixdesk: full export",
            subject="Full export",
            print_title="ixdesk full export",
            paper=paper or settings_in(session).paper,
            progress=progress,
            cancelled=cancelled,
        ) as book:
            book.expect(sum(counts.values()) + len(counts))
            about = book.add_sheet(
                "About",
                [Column("sheet"), Column("records")],
                heading=[
                    ("Exported from", database.location),
                    ("Exported on", date.today()),
                    ("ixdesk version", __version__),
                    (
                        "Contents",
                        "Every live (not deleted) record; times are in UTC; "
                        "references are ids of rows on the other sheets.",
                    ),
                ],
            )
            about.write_rows([name, count] for name, count in counts.items())
            for name, model in RECORD_TYPES.items():
                fields = q.field_names(model)
                sheet = book.add_sheet(name, [Column(field) for field in fields])
                sheet.write_rows(q.stream(session, q.plain_select(model, fields, sqlite=sqlite)))
            return book.save()


def export_records(
    database: Database,
    record_type: str,
    path: PathLike,
    *,
    fields: Sequence[str] | None = None,
    paper: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """One record type (e.g. ``students``) on one sheet; ``fields`` picks and orders columns."""
    model = RECORD_TYPES.get(record_type)
    if model is None:
        raise IxdeskError(
            f"'{record_type}' is not a record type ixdesk exports; choose one "
            f"of {', '.join(RECORD_TYPES)}."
        )
    known = q.field_names(model)
    chosen = list(fields) if fields is not None else known
    unknown = [name for name in chosen if name not in known]
    if unknown:
        raise IxdeskError(f"{record_type} have no field called {', '.join(unknown)}.")
    with database.read() as session:
        total = q.count_live(session, model)
        with Workbook(
            path,
            title=f"ixdesk: {record_type}",
            subject="Export",
            print_title=record_type,
            paper=paper or settings_in(session).paper,
            progress=progress,
            cancelled=cancelled,
        ) as book:
            book.expect(total)
            sheet = book.add_sheet(record_type, [Column(field) for field in chosen])
            plain = q.plain_select(model, chosen, sqlite=database.is_sqlite)
            sheet.write_rows(q.stream(session, plain))
            return book.save()
