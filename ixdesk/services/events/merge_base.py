"""What every part of a merge of event copies shares.

The rows to insert at the end, this database's rows as they are, the people
index, the three-way comparison of a record changed at an event with what the
copy started from, and what was merged from each copy (see :mod:`.merge`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, select, update

from ixdesk.db import models as m
from ixdesk.db.base import new_id, utcnow
from ixdesk.services.deletion import tombstone
from ixdesk.services.events.copyfile import CopyContents
from ixdesk.services.events.journal import (
    ANSWERS,
    CHUNK,
    ENROLMENTS,
    STUDENTS,
    TABLES,
    Journal,
)
from ixdesk.services.events.journal import versions as journal_versions
from ixdesk.services.events.people import PeopleIndex
from ixdesk.services.events.report import CopyReport, MergeReport
from ixdesk.services.events.state import DELETED_HERE, DELETED_THERE, FieldStates, ReviewBook
from ixdesk.services.events.values import (
    ANSWER_FIELDS,
    DELETED,
    ENROLMENT_FIELDS,
    PACKED_STUDENT_DATES,
    PACKED_STUDENT_FIELDS,
    STUDENT_FIELDS,
    plain,
    typed_row,
)
from ixdesk.services.importing.sqlite_rows import indexes_built_after, insert_batch
from ixdesk.services.operations import OperationContext
from ixdesk.services.record_kinds import Kind

FIELDS = {STUDENTS: STUDENT_FIELDS, ENROLMENTS: ENROLMENT_FIELDS, ANSWERS: ANSWER_FIELDS}
PACKED = frozenset((*PACKED_STUDENT_FIELDS, *PACKED_STUDENT_DATES))
# What a packed student's row in a copy holds of the fields that were not packed.
UNPACKED_BASE: dict[str, Any] = {**dict.fromkeys(STUDENT_FIELDS), "messaging_opt_in": False}
BATCH = 2_000
NEW = "_new"  # in what was merged: the record came in new from that copy


@dataclass
class Pending:
    """Rows to insert at the end, in one batch per table."""

    rows: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {STUDENTS: {}, ENROLMENTS: {}, ANSWERS: {}}
    )
    origin: dict[str, str] = field(default_factory=dict)  # new student → its copy


class MergeBase:
    """The state of one merge run, and what its parts share."""

    def __init__(
        self,
        context: OperationContext,
        copies: list[CopyContents],
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.context = context
        self.connection = context.session.connection()
        self.copies = copies
        self.progress = progress
        self.now = utcnow()
        self.stamps = 0
        self.merge_id = new_id()
        self.journal = Journal()
        self.pending = Pending()
        self.reviews = ReviewBook(self.connection, self.merge_id, self.journal)
        self.fields = FieldStates(self.connection, self.journal)
        self.held = self.reviews.held
        self._people: PeopleIndex | None = None
        self.ledger = self._load_ledger([copy.copy_id for copy in copies])
        self.noted: list[dict[str, Any]] = []
        self.tracks: dict[str, str] = {}
        self.ranked: dict[tuple[str, str], list[str]] = {}  # (student, cohort) → ranking
        self.events: dict[str, str] = {}
        self.report = MergeReport(merge_id=None, dry_run=False)

    # --- loading ---
    @property
    def people(self) -> PeopleIndex:
        if self._people is None:
            self._people = PeopleIndex.load(self.context.session)
        return self._people

    def _load_ledger(self, copy_ids: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
        table = m.MergedRecord.__table__
        rows = self.connection.execute(select(table).where(table.c.copy_id.in_(copy_ids)))
        return {(str(r.copy_id), str(r.record_id)): dict(r._mapping) for r in rows}

    def _main_rows(self, table: Table, ids: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for row in self.connection.execute(select(table).where(table.c.id.in_(chunk))):
                values = dict(row._mapping)
                found[str(values["id"])] = values
        return found

    def _stamp(self) -> datetime:
        """A deletion stamp of its own, so restoring one record brings back only its rows."""
        self.stamps += 1
        return self.now + timedelta(microseconds=self.stamps)

    def _new_stamp(self, deleted_at: datetime | None = None) -> dict[str, Any]:
        return {
            "created_at": self.now,
            "updated_at": self.now,
            "version": 1,
            "deleted_at": deleted_at,
        }

    def _laptop_values(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        values = {name: row[name] for name in FIELDS[table]}
        track = values.get("track_interest_id")
        if track is not None:
            values["track_interest_id"] = self.tracks.get(track, track)
        return values

    # --- records here changed at the event ---
    def _three_way(
        self,
        copy: CopyContents,
        table: str,
        here: dict[str, Any],
        values: dict[str, Any],
        deleted: bool,
        base: dict[str, Any],
        known: frozenset[str],
        counts: CopyReport,
    ) -> None:
        record_id = str(here["id"])
        fields = FIELDS[table]
        changed = {name: values[name] for name in fields if values[name] != base.get(name)}
        deleted_there = deleted and not base.get(DELETED, False)
        if not changed and not deleted_there:
            counts.counts["unchanged"] += 1
            return
        if record_id in self.held:  # nobody here can have changed it: take the event's
            self._update(table, record_id, changed)
            counts.counts["updated"] += 1
            return
        if here["deleted_at"] is not None:
            if not deleted_there:
                self.reviews.deleted(
                    DELETED_HERE, table, record_id, copy.copy_id, copy.name, changed
                )
                counts.counts["review"] += 1
            return
        if deleted_there:
            changed_here = [n for n in fields if n in known and plain(here[n]) != base.get(n)]
            if changed_here:
                self.reviews.deleted(DELETED_THERE, table, record_id, copy.copy_id, copy.name, {})
                counts.counts["review"] += 1
            else:
                self._delete(table, record_id)
                counts.counts["deleted"] += 1
            return
        updates: dict[str, Any] = {}
        conflicts = 0
        for name, value in changed.items():
            current = plain(here[name])
            found = self.fields.merge(
                table, record_id, name, base.get(name), current, copy.copy_id, copy.name, value
            )
            if name == "email" and found.value and self._email_taken(found.value, record_id):
                found = self.fields.hold(record_id, name)  # another student has that email
            if found.conflict:
                self.reviews.conflict(table, record_id, name, found.state)
                conflicts += 1
            else:
                self.reviews.settle(record_id, name, self.now)
            if found.value != current:
                updates[name] = found.value
        if updates:
            self._update(table, record_id, updates)
            counts.counts["updated"] += 1
        if conflicts:
            counts.counts["review"] += 1

    def _email_taken(self, email: str, record_id: str) -> bool:
        owner = self.people.owner(email)
        return owner is not None and owner != record_id

    def _update(self, table: str, record_id: str, values: dict[str, Any]) -> None:
        if not values:
            return
        pending = self.pending.rows.get(table, {}).get(record_id)
        target = TABLES[table]
        typed = typed_row(target, values)
        if pending is not None:
            pending.update(typed)
            return
        self.journal.keep(self.connection, target, record_id)
        self.connection.execute(
            update(target)
            .where(target.c.id == record_id)
            .values(**typed, version=target.c.version + 1, updated_at=self.now)
        )
        if table == STUDENTS and any(
            n in values for n in ("email", "first_name", "last_name", "date_of_birth")
        ):
            self._reindex(record_id)

    def _reindex(self, record_id: str) -> None:
        s = TABLES[STUDENTS]
        row = self.connection.execute(select(s).where(s.c.id == record_id)).first()
        self.people.remove(record_id)
        if row is not None and row.deleted_at is None:
            self.people.add(record_id, row.email, row.first_name, row.last_name, row.date_of_birth)

    def _delete(self, table: str, record_id: str) -> None:
        """A deletion made at the event, of a record nobody here changed since."""
        stamp = self._stamp()
        if table == STUDENTS:
            tombstone(self.context.session, Kind.STUDENTS, [record_id], stamp)
            self.context.session.flush()
            self.journal.tombstoned.append((STUDENTS, record_id, plain(stamp)))
            self.people.remove(record_id)
            return
        target = TABLES[table]
        self.journal.keep(self.connection, target, record_id)
        self.connection.execute(
            update(target)
            .where(target.c.id == record_id)
            .values(deleted_at=stamp, version=target.c.version + 1, updated_at=self.now)
        )

    # --- what was merged from each copy, and writing ---
    def _note(
        self,
        copy: CopyContents,
        table: str,
        record_id: str,
        version: int,
        merged: dict[str, Any],
        ledger: dict[str, Any] | None,
    ) -> None:
        if (ledger is None and record_id in self.pending.rows[table]) or (
            ledger is not None and ledger["merged"].get(NEW)
        ):
            merged = {**merged, NEW: True}
        row = {
            "copy_id": copy.copy_id,
            "record_id": record_id,
            "table_name": table,
            "copy_version": version,
            "main_version": 0,  # set once written
            "merged": merged,
            "merge_id": self.merge_id,
        }
        self.journal.keep_ledger(f"{copy.copy_id}/{record_id}", _plain_ledger(ledger))
        self.ledger[(copy.copy_id, record_id)] = row
        self.noted.append(row if ledger is None else {**row, "_update": True})

    def _write_pending(self) -> None:
        connection = self.connection
        bound: dict[tuple[str, str], dict[Any, Any]] = {}
        for table in (STUDENTS, ENROLMENTS, ANSWERS):
            rows = list(self.pending.rows[table].values())
            if not rows:
                continue
            _insert(connection, TABLES[table], rows, bound)
            ids = [row["id"] for row in rows]
            self.journal.insert(table, ids)
            self.context.changed([table], ids)
        self._write_ledger(bound)

    def _write_ledger(self, bound: dict[tuple[str, str], dict[Any, Any]]) -> None:
        if not self.noted:
            return
        self.context.session.flush()
        versions: dict[str, int] = {}
        for table in (STUDENTS, ENROLMENTS):
            inserted = self.pending.rows[table]  # at their first version
            noted = [row["record_id"] for row in self.noted if row["table_name"] == table]
            versions.update((record_id, 1) for record_id in noted if record_id in inserted)
            ids = [record_id for record_id in noted if record_id not in inserted]
            versions.update(journal_versions(self.connection, TABLES[table], ids))
        ledger = m.MergedRecord.__table__
        fresh = []
        for row in self.noted:
            row["main_version"] = versions.get(row["record_id"], 0)
            if row.pop("_update", False):
                self.connection.execute(
                    update(ledger)
                    .where(
                        ledger.c.copy_id == row["copy_id"], ledger.c.record_id == row["record_id"]
                    )
                    .values({k: v for k, v in row.items() if k not in ("copy_id", "record_id")})
                )
            else:
                fresh.append(row)
        if fresh:
            _insert(self.connection, ledger, fresh, bound)


def _insert(
    connection: Connection,
    table: Table,
    rows: list[dict[str, Any]],
    bound: dict[tuple[str, str], dict[Any, Any]],
) -> None:
    """New rows in batches; a table about to receive many gets its indexes built once."""
    names = list(rows[0])
    with indexes_built_after(connection, {table.name: len(rows)}):
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            insert_batch(connection, table, names, [[r[n] for r in batch] for n in names], bound)


def _plain_ledger(row: dict[str, Any] | None) -> dict[str, Any] | None:
    return (
        None
        if row is None
        else {name: plain(value) if name != "merged" else value for name, value in row.items()}
    )
