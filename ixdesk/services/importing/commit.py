"""Write a previewed import: one transaction through ``run_operation``, all of it or none.

Rows go in with Core ``executemany`` in batches (one ORM object per row would
take several times longer for 100,000 students). Updates name the version
the preview saw, so a record someone changed since is never overwritten: the
whole import is refused instead. Between batches the progress callback is
told how far it got and the cancel check is asked; cancelling raises
:class:`ImportCancelled`, which rolls everything back.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, bindparam, update

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import ChangedElsewhereError, IxdeskError, ValidationError
from ixdesk.services.importing.bulk import without_collector
from ixdesk.services.importing.parts import Part, Target
from ixdesk.services.importing.plan import ImportPlan
from ixdesk.services.importing.result import ImportResult
from ixdesk.services.importing.rows import CONSENT_NOW, Answers
from ixdesk.services.importing.safety import ImportCancelled
from ixdesk.services.importing.sqlite_rows import indexes_built_after, insert_batch
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.privacy import audit
from ixdesk.services.privacy.consent_dates import consents_to_add
from ixdesk.services.record_kinds import Kind
from ixdesk.services.records import fixed_defaults, plain_value

T = TypeVar("T")

BATCH = 2_000
SQLITE_CACHE_KIB = -16_384  # negative: KiB, so 16 MiB


class _Writer:
    def __init__(
        self,
        plan: ImportPlan,
        context: OperationContext,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.plan = plan
        self.context = context
        self.connection: Connection = context.session.connection()
        self.progress = progress
        self.cancelled = cancelled
        self.now = utcnow()
        self.done = 0
        self.total = 0
        self.result = ImportResult(plan.counts)
        self.bound: dict[tuple[str, str], dict[Any, Any]] = {}  # (table, column): value → bound

    def step(self, count: int) -> None:
        """Between batches: report progress, then honour a cancel."""
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled("The import was cancelled; nothing was written.")

    def _stamp(self) -> dict[str, Any]:
        return {"created_at": self.now, "updated_at": self.now, "version": 1, "deleted_at": None}

    def insert_numbered(
        self,
        table: Table,
        cohort_id: str | None,
        lists: Sequence[tuple[str, Sequence[T]]],
        columns: Callable[[int, T], dict[str, Any]],
    ) -> None:
        """A row per item of each student's list, numbered from 1 (answers, rankings)."""
        self.insert(
            table,
            (
                {"id": str(uuid.uuid4()), "student_id": student_id, "cohort_id": cohort_id,
                 **columns(number, item), **self._stamp()}
                for student_id, items in lists
                for number, item in enumerate(items, start=1)
            ),
        )  # fmt: skip

    def insert(self, table: Table, rows: Iterable[dict[str, Any]]) -> None:
        """Insert rows given as dicts (all with the same keys), in batches."""
        for batch in _batches(rows):
            names = list(batch[0])
            self._insert_columns(table, names, [[row[name] for row in batch] for name in names])

    def _insert_columns(self, table: Table, names: list[str], columns: list[list[Any]]) -> None:
        """Insert one batch given column by column; report progress and the new ids."""
        count = len(columns[0])
        insert_batch(self.connection, table, names, columns, self.bound)
        name = table.name
        self.result.inserted[name] = self.result.inserted.get(name, 0) + count
        self.context.changed([name], columns[names.index("id")])
        self.step(count)

    def insert_targets(self, part: Part, from_rows: list[int], targets: list[Target]) -> None:
        """New records: those still exactly their row straight from the column store, then
        the others."""
        table = part.model.__table__
        if from_rows:
            store = self.plan.rows[0].store
            ids = self.plan.row_ids[part.record]
            defaults = fixed_defaults(table)
            names = [c for c in part.columns if c not in part.pseudo]
            names += [c for c in defaults if c not in names and c not in _STAMP]
            for start in range(0, len(from_rows), BATCH):
                indexes = from_rows[start : start + BATCH]
                first = indexes[0]
                if indexes[-1] - first == len(indexes) - 1:  # ascending: the rows follow
                    rows: slice | list[int] = slice(first, first + len(indexes))
                else:
                    rows = indexes
                columns = []
                for name in names:
                    values = _gather(store.columns.get(name), rows)
                    if name in defaults and None in values:
                        default = defaults[name]
                        values = [default if value is None else value for value in values]
                    if name == "guardian_consent_at" and CONSENT_NOW in values:
                        values = [self.now if value is CONSENT_NOW else value for value in values]
                    columns.append(values)
                stamp = self._stamp()
                self._insert_columns(
                    table,
                    [*names, "id", *stamp],
                    [*columns, _gather(ids, rows), *([v] * len(indexes) for v in stamp.values())],
                )
        self.insert(table, self._new_rows(part, [(t.id, t.values) for t in targets]))

    def run(self) -> ImportResult:
        if self.connection.dialect.name != "sqlite":
            return self._run()
        # A larger page cache for the transaction: index pages of 100,000 new rows
        # stay in memory instead of spilling (a tenth faster; new ids come sorted, so
        # twice this buys no more); restored after.
        before = self.connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
        self.connection.exec_driver_sql(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
        try:
            return self._run()
        finally:
            self.connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")

    def _run(self) -> ImportResult:
        plan = self.plan
        new = {  # (a new target is one without a version)
            p.record: [t for t in plan.targets.get(p.record, ()) if t.version is None]
            for p in plan.parts
        }
        changed = {
            p.record: [
                t for t in plan.targets.get(p.record, ()) if t.version is not None and t.changes
            ]
            for p in plan.parts
        }
        expertise = self._expertise_rows()
        answers = plan.answers_to_add()
        rankings = plan.choices_to_add()
        self.total = (
            len(plan.tracks_to_create)
            + sum(map(len, new.values()))
            + sum(map(len, plan.from_rows.values()))
            + sum(map(len, changed.values()))
            + len(expertise)
            + len(plan.enrolments)
            + sum(len(pairs) for _student, pairs in answers)
            + sum(len(ranking) for _student, ranking in rankings)
        )
        self.step(0)
        new_rows = {
            m.Track.__tablename__: len(plan.tracks_to_create),
            **{
                p.model.__table__.name: len(new[p.record]) + len(plan.from_rows.get(p.record, ()))
                for p in plan.parts
            },
            m.InstructorExpertise.__tablename__: len(expertise),
            m.Enrolment.__tablename__: len(plan.enrolments),
            m.ApplicationAnswer.__tablename__: sum(len(pairs) for _student, pairs in answers),
            m.ProblemPreference.__tablename__: sum(len(ranking) for _student, ranking in rankings),
        }
        with indexes_built_after(self.connection, new_rows):
            self._write(new, changed, expertise, answers, rankings)
        if plan.kind == Kind.STUDENTS:
            students = [t.id for p in plan.parts for t in plan.targets.get(p.record, ())]
            students += self._consenting_from_rows()
            consents = list(consents_to_add(self.connection, students, self._stamp()))
            self.total += len(consents)
            self.insert(m.Consent.__table__, consents)
        written = plan.counts["new"] + plan.counts["updated"]
        audit.note(self.context.session, audit.IMPORT, f"Import of {plan.kind}",
                   records=written, file_name=plan.table.path)  # fmt: skip
        return self.result

    def _consenting_from_rows(self) -> list[str]:
        """The ids of the new records kept as their rows whose row gives a consent date:
        only these can need a consent record (the others were written without one)."""
        plan = self.plan
        if not plan.rows:
            return []
        given = plan.rows[0].store.columns.get("guardian_consent_at")
        if given is None:
            return []
        students: list[str] = []
        for p in plan.parts:
            ids = plan.row_ids.get(p.record, [])
            students += [ids[i] for i in plan.from_rows.get(p.record, ()) if given[i] is not None]
        return students

    def _write(
        self,
        new: dict[str, list[Target]],
        changed: dict[str, list[Target]],
        expertise: list[dict[str, Any]],
        answers: list[tuple[str, Answers]],
        rankings: list[tuple[str, list[str]]],
    ) -> None:
        plan = self.plan
        tracks = [
            {"id": track_id, "name": name, "description": None, **self._stamp()}
            for track_id, name in plan.tracks_to_create.items()
        ]
        self.insert(m.Track.__table__, tracks)
        self.result.tracks_created = [row["name"] for row in tracks]
        for part in plan.parts:
            self.insert_targets(part, plan.from_rows.get(part.record, []), new[part.record])
            self._update(part, changed[part.record])
        self.insert(m.InstructorExpertise.__table__, expertise)
        enrolments = [
            {
                "id": str(uuid.uuid4()),
                "student_id": student_id,
                "cohort_id": plan.cohort_id,
                "status": plan.enrolment_status,
                "waitlist_position": None,
                "status_changed_at": self.now,
                **self._stamp(),
            }
            for student_id in plan.enrolments
        ]
        self.insert(m.Enrolment.__table__, enrolments)
        self.result.enrolled = len(enrolments)
        self.result.cohort_name = plan.cohort_name or ""
        self.result.enrolment_status = plan.enrolment_status
        self.insert_numbered(
            m.ApplicationAnswer.__table__, plan.cohort_id, answers,
            lambda position, pair: {"position": position, "question": pair[0], "answer": pair[1]},
        )  # fmt: skip
        self.result.answered = len(answers)
        self.insert_numbered(
            m.ProblemPreference.__table__, plan.cohort_id, rankings,
            lambda rank, problem_id: {"business_problem_id": problem_id, "rank": rank},
        )  # fmt: skip
        self.result.ranked = len(rankings)

    def _value(self, value: Any) -> Any:
        if value is CONSENT_NOW:
            return self.now
        return plain_value(value)

    def _new_rows(
        self, part: Part, records: list[tuple[str, dict[str, Any]]]
    ) -> Iterator[dict[str, Any]]:
        """Full rows for new records: every column, defaults where the file left a gap."""
        table = part.model.__table__
        defaults = fixed_defaults(table)
        base = dict.fromkeys(part.columns)
        base.update(self._stamp())
        gaps = [column for column in defaults if column in base or column in table.c]
        consent = "guardian_consent_at" if "guardian_consent_at" in part.columns else None
        for record_id, values in records:
            row = base.copy()
            row.update(values)
            for column in part.pseudo:
                row.pop(column, None)
            for column in gaps:
                if row.get(column) is None:
                    row[column] = defaults[column]
            if consent and row[consent] is CONSENT_NOW:
                row[consent] = self.now
            row["id"] = record_id
            yield row

    def _update(self, part: Part, targets: list[Target]) -> None:
        table = part.model.__table__
        groups: dict[tuple[str, ...], list[Target]] = {}
        for target in targets:
            columns = tuple(sorted(c for c in target.changes if c not in part.pseudo))
            if columns:
                groups.setdefault(columns, []).append(target)
        for columns, members in groups.items():
            statement = (
                update(table)
                .where(
                    table.c.id == bindparam("_id"),
                    table.c.version == bindparam("_version"),
                    table.c.deleted_at.is_(None),
                )
                .values(
                    {
                        **{c: bindparam(f"_new_{c}") for c in columns},
                        "version": table.c.version + 1,
                        "updated_at": self.now,
                    }
                )
            )
            params = [
                {
                    "_id": t.id,
                    "_version": t.version,
                    **{f"_new_{c}": self._value(t.changes[c]) for c in columns},
                }
                for t in members
            ]
            for batch in _batches(params):
                self._execute_checked(statement, batch, part)
                self.step(len(batch))
            self.result.updated[table.name] = self.result.updated.get(table.name, 0) + len(members)
            self.context.changed([table.name], [t.id for t in members])

    def _execute_checked(self, statement: Any, batch: list[dict[str, Any]], part: Part) -> None:
        if self.connection.dialect.supports_sane_multi_rowcount:
            matched = self.connection.execute(statement, batch).rowcount
        else:
            matched = sum(self.connection.execute(statement, one).rowcount for one in batch)
        if matched != len(batch):
            raise ChangedElsewhereError(
                f"A {part.record} this import would update was changed or deleted in ixdesk "
                "since the preview. Nothing was imported; preview the import again."
            )

    def _expertise_rows(self) -> list[dict[str, Any]]:
        plan = self.plan
        if plan.kind != Kind.INSTRUCTORS:
            return []
        found = plan.existing["instructor"].expertise
        chosen_by = [(t.id, t.values.get("expertise")) for t in plan.targets.get("instructor", ())]
        new = plan.from_rows.get("instructor", [])
        if new:  # new instructors still exactly their row: the tracks from the column store
            ids, store = plan.row_ids["instructor"], plan.rows[0].store
            chosen_by += [(ids[index], store.get("expertise", index)) for index in new]
        rows = []
        for instructor_id, chosen in chosen_by:
            wanted = set(chosen or ())
            for track_id in sorted(wanted - found.get(instructor_id, set())):
                rows.append(
                    {
                        "id": str(uuid.uuid4()),
                        "instructor_id": instructor_id,
                        "track_id": track_id,
                        **self._stamp(),
                    }
                )
        return rows


def _gather(source: list[Any] | None, rows: slice | list[int]) -> list[Any]:
    """The values of these rows: a slice when they follow each other, as they usually do."""
    if isinstance(rows, slice):
        return [None] * (rows.stop - rows.start) if source is None else source[rows]
    if source is None:
        return [None] * len(rows)
    return list(map(source.__getitem__, rows))


_STAMP = ("created_at", "updated_at", "version", "deleted_at")


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, BATCH)):
        yield batch


@without_collector
def commit_import(
    database: Database,
    plan: ImportPlan,
    *,
    hub: ChangeHub | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    skip_invalid: bool = False,
) -> ImportResult:
    """Write the plan in one transaction; with invalid rows, only if ``skip_invalid``."""
    invalid = plan.counts["invalid"]
    if invalid and not skip_invalid:
        raise IxdeskError(
            f"{invalid:,} row{'s are' if invalid != 1 else ' is'} invalid, so nothing was "
            "imported. Fix them (the rejected rows can be saved to a workbook) or choose to "
            "skip invalid rows."
        )
    try:
        return run_operation(
            database, lambda context: _Writer(plan, context, progress, cancelled).run(), hub=hub
        )
    except ValidationError as error:
        raise ValidationError(
            f"Nothing was imported: {error} Preview the import again to see why."
        ) from error
