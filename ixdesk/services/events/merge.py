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
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select, update

from ixdesk.db import models as m
from ixdesk.db.base import new_id, utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.deletion import tombstone
from ixdesk.services.events.copyfile import CopyContents, read_copy
from ixdesk.services.events.identity import load_identity
from ixdesk.services.events.journal import (
    ANSWERS,
    BOOKKEEPING,
    CHUNK,
    ENROLMENTS,
    STUDENTS,
    TABLES,
    TRACKS,
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
from ixdesk.services.folding import fold
from ixdesk.services.importing.bulk import without_collector
from ixdesk.services.importing.sqlite_rows import insert_batch
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.record_kinds import Kind

FIELDS = {STUDENTS: STUDENT_FIELDS, ENROLMENTS: ENROLMENT_FIELDS, ANSWERS: ANSWER_FIELDS}
PACKED = frozenset((*PACKED_STUDENT_FIELDS, *PACKED_STUDENT_DATES))
# What a packed student's row in a copy holds of the fields that were not packed.
UNPACKED_BASE: dict[str, Any] = {**dict.fromkeys(STUDENT_FIELDS), "messaging_opt_in": False}
BATCH = 2_000
NEW = "_new"  # in what was merged: the record came in new from that copy


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


@dataclass
class _Pending:
    """Rows to insert at the end, in one batch per table."""

    rows: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {STUDENTS: {}, ENROLMENTS: {}, ANSWERS: {}}
    )
    origin: dict[str, str] = field(default_factory=dict)  # new student → its copy


class _Merger:
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
        self.pending = _Pending()
        self.reviews = ReviewBook(self.connection, self.merge_id, self.journal)
        self.fields = FieldStates(self.connection, self.journal)
        self.held = self.reviews.held
        self._people: PeopleIndex | None = None
        self.ledger = self._load_ledger([copy.copy_id for copy in copies])
        self.noted: list[dict[str, Any]] = []
        self.tracks: dict[str, str] = {}
        self.events: dict[str, str] = {}
        self.report = MergeReport(merge_id=None, dry_run=False)

    # --- the run ---
    def run(self) -> MergeReport:
        for done, copy in enumerate(self.copies):
            counts = CopyReport(copy.copy_id, copy.name, str(copy.path), copy.identity.packed_at)
            self.report.copies.append(counts)
            self._tracks(copy)
            self._students(copy, counts)
            self._enrolments(copy, counts)
            self._answers(copy, counts)
            if self.progress is not None:
                self.progress(done + 1, len(self.copies))
        self._write_pending()
        self.fields.write()
        self.report.reviews = self.reviews.counts()
        if self.report.changed or self.reviews.touched:
            self._finish()
        return self.report

    def _finish(self) -> None:
        self.context.session.flush()
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
        owner = self.people.found.index.get(email.lower())
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

    # --- enrolments and application answers ---
    def _enrolments(self, copy: CopyContents, counts: CopyReport) -> None:
        rows = copy.enrolments
        table = TABLES[ENROLMENTS]
        main = self._main_rows(table, [str(row["id"]) for row in rows])
        students = self._students_here({str(row["student_id"]) for row in rows})
        cohorts = self._deleted_cohorts()
        enrolled = self._live_enrolments(set(students))
        for row in rows:
            record_id = str(row["id"])
            ledger = self.ledger.get((copy.copy_id, record_id))
            if ledger is not None and ledger["copy_version"] == row["version"]:
                continue
            values = self._laptop_values(ENROLMENTS, row)
            here = main.get(record_id)
            if here is None:
                student_id, cohort_id = str(row["student_id"]), str(row["cohort_id"])
                if row[DELETED]:
                    pass
                elif (student_id, cohort_id) in enrolled:
                    counts.counts["already_enrolled"] += 1
                elif self._enrol(copy, record_id, row, values, students, cohorts):
                    enrolled.add((student_id, cohort_id))
                    counts.counts["enrolments"] += 1
            elif ledger is not None:
                base, known = dict(ledger["merged"]), frozenset(ENROLMENT_FIELDS)
                self._three_way(copy, ENROLMENTS, here, values, row[DELETED], base, known, counts)
            self._note(
                copy,
                ENROLMENTS,
                record_id,
                row["version"],
                {**values, DELETED: row[DELETED]},
                ledger,
            )

    def _enrol(
        self,
        copy: CopyContents,
        record_id: str,
        row: dict[str, Any],
        values: dict[str, Any],
        students: dict[str, datetime | None],
        cohorts: dict[str, datetime],
    ) -> bool:
        student_id, cohort_id = str(row["student_id"]), str(row["cohort_id"])
        if student_id not in students:
            return False  # its student never came in (removed at the event before a merge)
        deleted_at = students[student_id] or cohorts.get(cohort_id)
        if students[student_id] is not None and student_id not in self.held:
            change = {"enrolment": cohort_id}
            self.reviews.deleted(
                DELETED_HERE, STUDENTS, student_id, copy.copy_id, copy.name, change
            )
        self.pending.rows[ENROLMENTS][record_id] = {
            **typed_row(TABLES[ENROLMENTS], values),
            "id": record_id,
            "student_id": student_id,
            "cohort_id": cohort_id,
            "status_changed_at": self.now,
            **self._new_stamp(deleted_at),
        }
        return True

    def _students_here(self, ids: set[str]) -> dict[str, datetime | None]:
        """Each of these students' deletion stamp here (None: live), pending ones too."""
        found = {i: row["deleted_at"] for i, row in self.pending.rows[STUDENTS].items() if i in ids}
        missing = sorted(ids - set(found))
        s = TABLES[STUDENTS]
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            for record_id, deleted_at in self.connection.execute(
                select(s.c.id, s.c.deleted_at).where(s.c.id.in_(chunk))
            ):
                found[str(record_id)] = deleted_at
        return found

    def _deleted_cohorts(self) -> dict[str, datetime]:
        c = m.Cohort.__table__
        rows = self.connection.execute(
            select(c.c.id, c.c.deleted_at).where(c.c.deleted_at.is_not(None))
        )
        return {str(cohort_id): deleted_at for cohort_id, deleted_at in rows}

    def _live_enrolments(self, student_ids: set[str]) -> set[tuple[str, str]]:
        e = TABLES[ENROLMENTS]
        found = {
            (str(r["student_id"]), str(r["cohort_id"]))
            for r in self.pending.rows[ENROLMENTS].values()
            if r["deleted_at"] is None
        }
        wanted = sorted(student_ids - set(self.pending.rows[STUDENTS]))
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            statement = select(e.c.student_id, e.c.cohort_id).where(
                e.c.student_id.in_(chunk), e.c.deleted_at.is_(None)
            )
            found.update((str(a), str(b)) for a, b in self.connection.execute(statement))
        return found

    def _answers(self, copy: CopyContents, counts: CopyReport) -> None:
        """Application answers made at the event come in with their student (never changed)."""
        rows = [row for row in copy.answers if not row[DELETED]]
        main = self._main_rows(TABLES[ANSWERS], [str(row["id"]) for row in rows])
        students = self._students_here({str(row["student_id"]) for row in rows})
        for row in rows:
            record_id, student_id = str(row["id"]), str(row["student_id"])
            if record_id in main or student_id not in students:
                continue
            self.pending.rows[ANSWERS][record_id] = {
                **typed_row(TABLES[ANSWERS], {n: row[n] for n in ANSWER_FIELDS}),
                "id": record_id,
                "student_id": student_id,
                "cohort_id": row["cohort_id"],
                **self._new_stamp(students[student_id]),
            }
            counts.counts["answers"] += 1

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
            names = list(rows[0])
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                insert_batch(
                    connection, TABLES[table], names, [[r[n] for r in batch] for n in names], bound
                )
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
            ids = [row["record_id"] for row in self.noted if row["table_name"] == table]
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
            names = list(fresh[0])
            for start in range(0, len(fresh), BATCH):
                batch = fresh[start : start + BATCH]
                insert_batch(
                    self.connection, ledger, names, [[r[n] for r in batch] for n in names], bound
                )


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _plain_ledger(row: dict[str, Any] | None) -> dict[str, Any] | None:
    return (
        None
        if row is None
        else {name: plain(value) if name != "merged" else value for name, value in row.items()}
    )
