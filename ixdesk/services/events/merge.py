"""Merge event copies back into the database they were made from.

For each copy (in the order of their ids, so one merge of several copies does
the same whatever order they were named in), by record id:

* a student or enrolment made at the event comes in as it is, unless it is
  someone already here (the same email, or the same name and date of birth):
  then the pair waits for review, the second of the two held back (kept as a
  deleted row, with their enrolments) so nobody is doubled meanwhile. Of two
  sign-ups from different copies, the one with the smaller id is kept, so the
  order copies come in does not matter;
* a record changed at the event is compared field by field with what the copy
  packed (or merged last time): a field changed on one side only takes that
  change; changed on both sides to different values, it keeps this database's
  value and waits for review with both values (:mod:`.state`). Guardian and
  consent fields are never decided otherwise, and no clock is ever asked;
* deletions travel as tombstones; a record deleted on one side and changed on
  the other waits for review.

What was merged from each copy (the copy's version of each record) is kept,
so merging the same copy again changes nothing, and a copy merged again after
more sign-ups brings only what is new. The whole merge is one transaction,
kept with what undoing it takes (:mod:`.undo`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.deletion import tombstone
from ixdesk.services.events.copyfile import CopyContents, read_copy
from ixdesk.services.events.identity import load_identity
from ixdesk.services.events.journal import (
    ANSWERS,
    BOOKKEEPING,
    ENROLMENTS,
    STUDENTS,
    TABLES,
    TRACKS,
)
from ixdesk.services.events.merge_base import NEW, PACKED, UNPACKED_BASE
from ixdesk.services.events.merge_rankings import RankingMerge
from ixdesk.services.events.report import CopyReport, MergeReport
from ixdesk.services.events.values import (
    DELETED,
    plain,
    typed_row,
)
from ixdesk.services.folding import fold
from ixdesk.services.importing.bulk import without_collector
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.privacy import audit
from ixdesk.services.record_kinds import Kind


class _DryRun(Exception):
    def __init__(self, report: MergeReport) -> None:
        super().__init__("dry run")
        self.report = report


@without_collector
def merge_event_copies(
    database: Database,
    paths: Sequence[Path | str],
    *,
    dry_run: bool = False,
    hub: ChangeHub | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MergeReport:
    """Merge the event copies at ``paths`` in one transaction; returns what was done.

    Every copy is read and checked before anything is written: one that cannot be
    merged is refused with a sentence and nothing is merged.
    """
    if not paths:
        raise IxdeskError("Name at least one event copy to merge.")
    main = load_identity(database)
    if main.is_event_copy:
        raise IxdeskError(
            "This database is an event copy; merge event copies into the database they "
            "were made from. Nothing was merged."
        )
    read = [read_copy(Path(path), main) for path in paths]
    copies = list({copy.copy_id: copy for copy in sorted(read, key=lambda c: c.copy_id)}.values())

    def work(context: OperationContext) -> MergeReport:
        report = _Merger(context, copies, progress).run()
        report.dry_run = dry_run
        if dry_run:  # nothing stays: no merge to name or undo
            report.merge_id = None
            raise _DryRun(report)
        return report

    try:
        return run_operation(database, work, hub=hub)
    except _DryRun as done:
        return done.report


class _Merger(RankingMerge):
    # --- the run ---
    def run(self) -> MergeReport:
        for done, copy in enumerate(self.copies):
            counts = CopyReport(copy.copy_id, copy.name, str(copy.path), copy.identity.packed_at)
            self.report.copies.append(counts)
            self._tracks(copy)
            self._students(copy, counts)
            self._enrolments(copy, counts)
            self._answers(copy, counts)
            self._rankings(copy, counts)
            if self.progress is not None:
                self.progress(done + 1, len(self.copies))
        self._write_pending()
        self._write_rankings()
        self.fields.write()
        self.report.reviews = self.reviews.counts()
        if self.report.changed or self.reviews.touched:
            self._finish()
        return self.report

    def _finish(self) -> None:
        self.context.session.flush()
        self.journal.record_consents(self.connection)
        self.journal.record_versions(self.connection)
        self.report.merge_id = self.merge_id
        self.connection.execute(
            m.EventMerge.__table__.insert().values(
                id=self.merge_id,
                merged_at=self.now,
                copies=[copy.summary() for copy in self.report.copies],
                report=self.report.as_dict(),
                undo=self.journal.as_json(),
            )
        )
        self.context.changed([*TABLES, *BOOKKEEPING])
        copies = self.report.copies
        counts = self.report.counts
        records = sum(counts[name] for name in ("new_students", "enrolments", "updated", "deleted"))
        audit.note(
            self.context.session,
            audit.MERGE,
            "Merge of event copies: " + ", ".join(copy.name for copy in copies),
            records=records,
            file_name=", ".join(copy.file for copy in copies),
        )

    # --- tracks ---
    def _tracks(self, copy: CopyContents) -> None:
        """Tracks made at the event: the track of the same name here, else added."""
        table = TABLES[TRACKS]
        rows = self.connection.execute(select(table.c.id, table.c.name, table.c.deleted_at))
        known = {str(row.id) for row in rows}
        live = self.connection.execute(
            select(table.c.id, table.c.name).where(table.c.deleted_at.is_(None))
        )
        by_name = {fold(name).strip(): str(track_id) for track_id, name in live}
        for track in copy.tracks:
            track_id = str(track["id"])
            name = fold(track["name"]).strip()
            if track_id in known:
                self.tracks[track_id] = track_id
            elif name in by_name:
                self.tracks[track_id] = by_name[name]
            else:
                row = {"id": track_id, "name": track["name"], "description": track["description"]}
                self.connection.execute(table.insert().values(**row, **self._new_stamp()))
                self.journal.insert(TRACKS, [track_id])
                self.tracks[track_id] = by_name[name] = track_id
                known.add(track_id)
                self.report.copies[-1].counts["tracks"] += 1

    # --- students ---
    def _students(self, copy: CopyContents, counts: CopyReport) -> None:
        rows = copy.students
        main = self._main_rows(TABLES[STUDENTS], [str(row["id"]) for row in rows])
        self.fields.load(main)
        for row in rows:
            record_id = str(row["id"])
            ledger = self.ledger.get((copy.copy_id, record_id))
            if ledger is not None and ledger["copy_version"] == row["version"]:
                counts.counts["unchanged"] += 1
                continue
            values = self._laptop_values(STUDENTS, row)
            here = main.get(record_id)
            if here is None:
                if not row[DELETED]:
                    self._new_student(copy, record_id, values, counts)
            elif ledger is None and record_id not in copy.packed:
                counts.counts["unchanged"] += 1  # already here, by another way
            else:
                base, known = self._base(copy, ledger, record_id)
                self._three_way(copy, STUDENTS, here, values, row[DELETED], base, known, counts)
            self._note(
                copy, STUDENTS, record_id, row["version"], {**values, DELETED: row[DELETED]}, ledger
            )

    def _base(
        self, copy: CopyContents, ledger: dict[str, Any] | None, record_id: str
    ) -> tuple[dict[str, Any], frozenset[str]]:
        """What the copy started from: the values merged last time, else those packed."""
        if ledger is not None:
            merged = dict(ledger["merged"])
            return merged, frozenset(merged)
        _version, packed = copy.packed[record_id]
        return {**UNPACKED_BASE, **packed, DELETED: False}, PACKED

    def _new_student(
        self, copy: CopyContents, record_id: str, values: dict[str, Any], counts: CopyReport
    ) -> None:
        born = _day(values.get("date_of_birth"))
        first, last, email = values["first_name"], values["last_name"], values.get("email")
        matches = self.people.find(email, first, last, born, exclude=record_id)
        held: datetime | None = None
        if matches:
            match = matches[0]
            other_copy = self._replaceable(copy, match.id) if record_id < match.id else None
            if other_copy is not None:
                self._hold(match.id)
                self.reviews.repoint(match.id, record_id)
                self.reviews.duplicate(record_id, match.id, match.reason, self._event(other_copy))
            else:
                held = self._stamp()
                self.reviews.duplicate(match.id, record_id, match.reason, copy.name)
                self.held.add(record_id)
            counts.counts["duplicates"] += 1
        table = TABLES[STUDENTS]
        self.pending.rows[STUDENTS][record_id] = {
            **typed_row(table, values),
            "id": record_id,
            **self._new_stamp(held),
        }
        self.pending.origin[record_id] = copy.copy_id
        if held is None:
            self.people.add(record_id, email, first, last, born)
        counts.counts["new_students"] += 1

    def _replaceable(self, copy: CopyContents, other: str) -> str | None:
        """The copy ``other`` came from, when it is a sign-up from another copy, untouched
        here since it came in: then of the two, the one with the smaller id is kept,
        whichever copy came first (and the pair names the event of the one held)."""
        if other in self.pending.rows[STUDENTS]:
            origin = self.pending.origin[other]
            return origin if origin != copy.copy_id else None
        table = m.MergedRecord.__table__
        merged = self.connection.execute(
            select(table.c.copy_id, table.c.main_version, table.c.merged).where(
                table.c.record_id == other
            )
        ).first()
        if merged is None or str(merged.copy_id) == copy.copy_id or not merged.merged.get(NEW):
            return None
        version = self.connection.execute(
            select(TABLES[STUDENTS].c.version).where(TABLES[STUDENTS].c.id == other)
        ).scalar()
        return str(merged.copy_id) if version == merged.main_version else None

    def _event(self, copy_id: str) -> str:
        """The name of the event of a copy: one being merged, or one merged before."""
        if not self.events:
            self.events = {
                str(each["id"]): each["event"]
                for (copies,) in self.connection.execute(select(m.EventMerge.copies))
                for each in copies
            }
            self.events.update((copy.copy_id, copy.name) for copy in self.copies)
        return self.events.get(copy_id, "another event")

    def _hold(self, record_id: str) -> None:
        """Keep a student out until the pair is decided: deleted, with a stamp of its own."""
        stamp = self._stamp()
        pending = self.pending.rows[STUDENTS].get(record_id)
        if pending is not None:
            pending["deleted_at"] = stamp
            for table in (ENROLMENTS, ANSWERS):
                for row in self.pending.rows[table].values():
                    if row["student_id"] == record_id and row["deleted_at"] is None:
                        row["deleted_at"] = stamp
        else:
            tombstone(self.context.session, Kind.STUDENTS, [record_id], stamp)
            self.context.session.flush()
            self.journal.tombstoned.append((STUDENTS, record_id, plain(stamp)))
        self.people.remove(record_id)
        self.held.add(record_id)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None
