"""The preview: what importing each row would do, before anything is written.

``plan_import`` checks every row, matches it against the database (same
email, case-insensitive; for partner companies the name) and against earlier
rows of the same file, and gives each row a status: new, updated, unchanged,
repeated, skipped or invalid. A matching row is never applied silently: the choice per
row or for all (skip, the default; fill: empty fields only; update: every
mapped field the row has a value for, empty cells never erase) decides, and
a row equal to the record it matches in ixdesk is "unchanged", so importing
the same file twice changes nothing; a row equal to an earlier row of the same
file is "repeated" (its record is the earlier row's, and there was nothing in
ixdesk to stay unchanged). Near-duplicates (same name and same date of birth or
school, another email) become warnings. Changing a choice re-runs only the
matching, never the checks or the queries.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any

from ixdesk.db.engine import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import IxdeskError
from ixdesk.services import validation
from ixdesk.services.importing import existing as ex
from ixdesk.services.importing.bulk import collector_paused, without_collector
from ixdesk.services.importing.duplicates import Duplicate
from ixdesk.services.importing.fields import FIELD_BY_NAME, PROBLEM_CHOICES, RECORD_WORDS
from ixdesk.services.importing.mapping import Mapping, check_kind, propose_mapping
from ixdesk.services.importing.matching import resolve
from ixdesk.services.importing.parts import PARTS, Part, Target
from ixdesk.services.importing.reading import SourceTable
from ixdesk.services.importing.rows import Answers, PlannedRow, Problem, TrackBook, convert_rows
from ixdesk.services.importing.values import value_key
from ixdesk.services.record_kinds import Kind
from ixdesk.services.settings import load_settings

RANKING_NEEDS_COHORT = (
    "The rankings of business problems are kept only when the students are imported into a "
    "cohort; choose one to keep them."
)
NEW, UPDATED, UNCHANGED, SKIPPED, INVALID = "new", "updated", "unchanged", "skipped", "invalid"
REPEATED = "repeated"
STATUSES = (NEW, UPDATED, UNCHANGED, REPEATED, SKIPPED, INVALID)
CHOICES = ("skip", "fill", "update")
_status = attrgetter("status")


@dataclass(eq=False)
class ImportPlan:
    """Everything ``commit_import`` will write, and everything the preview shows."""

    kind: Kind
    table: SourceTable
    mapping: Mapping
    day_first: bool
    region: str
    on_duplicate: str
    rows: list[PlannedRow]
    tracks: TrackBook
    existing: dict[str, ex.Existing]
    cohort_id: str | None = None
    cohort_name: str | None = None
    enrolment_status: str = EnrolmentStatus.APPLIED.value
    enrolled: set[str] = field(default_factory=set)
    targets: dict[str, list[Target]] = field(default_factory=dict)
    from_rows: dict[str, list[int]] = field(default_factory=dict)  # new records, each its row
    enrolments: list[str] = field(default_factory=list)
    tracks_to_create: dict[str, str] = field(default_factory=dict)
    new_ids: dict[Any, str] = field(default_factory=dict)
    row_ids: dict[str, list[str]] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)  # students with answers for the cohort
    titles: dict[str, str] = field(default_factory=dict)  # folded problem title -> its id
    ranked: set[str] = field(default_factory=set)  # students with a ranking for the cohort

    @property
    def parts(self) -> tuple[Part, ...]:
        return PARTS[self.kind]

    def row(self, row_number: int) -> PlannedRow:
        for planned in self.rows:
            if planned.row_number == row_number:
                return planned
        raise IxdeskError(f"Row {row_number} is not a data row of {self.table.path.name}.")

    def choose(self, row_number: int, choice: str | None) -> None:
        """Skip, fill or update for one row (None: back to the choice for all)."""
        if choice is not None:
            _check_choice(choice)
        self.row(row_number).choice = choice
        self.resolve()

    def choose_all(self, choice: str) -> None:
        """The choice for every duplicate row; per-row choices are forgotten."""
        self.on_duplicate = _check_choice(choice)
        for planned in self.rows:
            planned.choice = None
        self.resolve()

    def resolve(self) -> None:
        with collector_paused():
            resolve(self)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        counts.update(Counter(map(_status, self.rows)))
        return counts

    @property
    def problems(self) -> list[Problem]:
        """Every error and warning, in row order."""
        return [problem for planned in self.rows for problem in planned.all_problems]

    @property
    def duplicates(self) -> list[Duplicate]:
        return [duplicate for planned in self.rows for duplicate in planned.duplicates]

    @property
    def invalid_rows(self) -> list[PlannedRow]:
        return [planned for planned in self.rows if planned.status == INVALID]

    @property
    def notes(self) -> list[str]:
        found = self.table.notes + self.mapping.notes
        if self.cohort_id is None and self.mapping.choice_headers():
            found = [*found, RANKING_NEEDS_COHORT]
        return found

    @property
    def has_changes(self) -> bool:
        counts = self.counts
        return bool(
            counts[NEW]
            or counts[UPDATED]
            or self.enrolments
            or self.answers_to_add()
            or self.choices_to_add()
        )

    def answers_to_add(self) -> list[tuple[str, Answers]]:
        """(student id, answers) the import keeps: a student's first valid row with
        answers, unless they already have application answers for this cohort."""
        store = self.rows[0].store if self.rows else None
        return self._first_per_student(store.answers if store else None, self.answered)

    def choices_to_add(self) -> list[tuple[str, list[str]]]:
        """(student id, business problem ids, first choice first) the import keeps for the
        cohort: a student's first valid row with a ranking, unless they have one already."""
        store = self.rows[0].store if self.rows else None
        if self.cohort_id is None or store is None or store.choices is None:
            return []
        resolved = [self.problem_ids(names) if names else None for names in store.choices]
        return self._first_per_student([r or None for r in resolved], self.ranked)

    def problem_ids(self, names: tuple[str, ...]) -> list[str]:
        """The business problems typed names mean (the mapping's meanings first)."""
        meanings = {
            value_key(k): t for k, t in self.mapping.values.get(PROBLEM_CHOICES, {}).items()
        }
        found: list[str] = []
        for name in names:
            title = meanings.get(value_key(name), name)
            problem_id = self.titles.get(value_key(title)) if title else None
            if problem_id is not None and problem_id not in found:
                found.append(problem_id)
        return found

    def _first_per_student(self, values: list[Any] | None, already: set[str]) -> list[Any]:
        if values is None:
            return []
        found: list[Any] = []
        seen = set(already)
        for row, value in zip(self.rows, values, strict=True):
            if value is None or row.status == INVALID or not row.record_ids:
                continue
            student_id = row.record_ids[0]
            if student_id not in seen:
                seen.add(student_id)
                found.append((student_id, value))
        return found

    def unreadable_columns(self) -> list[str]:
        """Columns of which no cell could be read (each refused): better left out."""
        refused: dict[str, set[int]] = {}
        for row in self.rows:
            for problem in row.problems:
                if problem.severity == validation.ERROR and problem.column and problem.field:
                    refused.setdefault(problem.column, set()).add(row.index)
        index_of = {header: i for i, header in enumerate(self.table.headers)}
        found = []
        for header, indexes in refused.items():
            position = index_of.get(header)
            if position is None or self.mapping.field_for(header) is None:
                continue
            filled = sum(1 for cell in self.table.columns[position] if cell not in ("", None))
            if filled and len(indexes) >= filled:
                found.append(header)
        return found

    def summary(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": str(self.table.path),
            "format": self.table.format,
            "sheet": self.table.sheet,
            "encoding": self.table.encoding_label,
            "delimiter": self.table.delimiter,
            "header_row": self.table.header_row,
            "day_first": self.day_first,
            "region": self.region,
            "on_duplicate": self.on_duplicate,
            "cohort": self.cohort_name,
            "mapping": dict(self.mapping.columns),
            "counts": self.counts,
            "enrolments": len(self.enrolments),
            "application_answers": len(self.answers_to_add()),
            "rankings": len(self.choices_to_add()),
            "new_tracks": sorted(self.tracks_to_create.values()),
            "notes": self.notes,
        }


def _check_choice(choice: str) -> str:
    if choice not in CHOICES:
        raise IxdeskError(f"“{choice}” is not a choice for duplicates; use skip, fill or update.")
    return choice


@without_collector
def plan_import(
    database: Database,
    kind: Kind,
    table: SourceTable,
    mapping: Mapping | None = None,
    *,
    cohort: str | None = None,
    day_first: bool = True,
    region: str | None = None,
    on_duplicate: str = "skip",
    enrolment_status: str = EnrolmentStatus.APPLIED.value,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """Check and match every row; write nothing. Raise IxdeskError if the mapping cannot work."""
    check_kind(kind)
    _check_choice(on_duplicate)
    mapping = mapping or propose_mapping(kind, table.headers)
    if mapping.kind != kind:
        raise IxdeskError(f"This mapping is for {mapping.kind}, not for {kind}.")
    missing = mapping.missing_required()
    if missing:
        labels = ", ".join(FIELD_BY_NAME[kind][name].label.lower() for name in missing)
        raise IxdeskError(
            f"No column of {table.path.name} is matched to {labels}, which every "
            f"{RECORD_WORDS[kind]} needs; choose the column that holds it."
        )
    if cohort and kind != Kind.STUDENTS:
        raise IxdeskError("Only students are enrolled into a cohort.")
    if enrolment_status not in {status.value for status in EnrolmentStatus}:
        raise IxdeskError(f"“{enrolment_status}” is not an enrolment status.")
    try:
        region = validation.check_region(region or load_settings(database).region)
    except ValueError as error:
        raise IxdeskError(str(error)) from None
    new_ids: dict[Any, str] = {}

    def new_id(key: Any) -> str:
        return new_ids.setdefault(("track", key), str(uuid.uuid4()))

    with database.read() as session:
        tracks = TrackBook(ex.load_tracks(session), new_id)
        cohort_id = cohort_name = None
        enrolled: set[str] = set()
        if cohort:
            cohort_id, cohort_name = ex.find_cohort(session, cohort)
            enrolled = ex.enrolled_students(session, cohort_id)
        converted = convert_rows(
            kind,
            table,
            mapping,
            day_first=day_first,
            region=region,
            tracks=tracks,
            today=today,
            progress=progress,
        )
        if kind == Kind.COMPANIES:
            _check_contacts(converted, mapping)
        existing = _load_existing(session, kind, converted)
        answered = ex.answered_students(session, cohort_id) if mapping.answer_headers() else set()
        ranking = bool(mapping.choice_headers())
        titles = ex.problem_ids(session) if ranking else {}
        ranked = ex.ranked_students(session, cohort_id) if ranking and cohort_id else set()
    plan = ImportPlan(
        kind=kind,
        table=table,
        mapping=mapping,
        day_first=day_first,
        region=region,
        on_duplicate=on_duplicate,
        rows=converted,
        tracks=tracks,
        existing=existing,
        cohort_id=cohort_id,
        cohort_name=cohort_name,
        enrolment_status=enrolment_status,
        enrolled=enrolled,
        new_ids=new_ids,
        answered=answered,
        titles=titles,
        ranked=ranked,
    )
    _check_rankings(plan)
    plan.resolve()
    return plan


def _check_rankings(plan: ImportPlan) -> None:
    """A warning on each row whose ranking names something that is no business problem."""
    store = plan.rows[0].store if plan.rows else None
    if store is None or store.choices is None:
        return
    if plan.cohort_id is None:
        return
    header = plan.mapping.choice_headers()[0]
    for row, names in zip(plan.rows, store.choices, strict=True):
        for name in names or ():
            if not plan.problem_ids((name,)):
                row.problems = [*row.problems]
                row.problems.append(
                    Problem(
                        row.row_number,
                        header,
                        f"{validation.quoted(name)} is not a business problem in ixdesk; it is "
                        "left out of this student's ranking (say which problem it means on the "
                        "typed answers step, or with --mapping).",
                        validation.WARNING,
                        PROBLEM_CHOICES,
                    )
                )


def _check_contacts(converted: list[PlannedRow], mapping: Mapping) -> None:
    header = mapping.header_for("contact_name")
    for row in converted:
        values = row.values
        has_contact = any(
            name in values for name in ("contact_role", "contact_email", "contact_phone")
        )
        if has_contact and "contact_name" not in values:
            row.problems = [*row.problems]
            row.problems.append(
                Problem(
                    row.row_number,
                    header,
                    "Contact name is missing: the row has a contact's details but not their name.",
                    validation.ERROR,
                    "contact_name",
                )
            )
            row.invalid = True


def _load_existing(session: Any, kind: Kind, converted: list[PlannedRow]) -> dict[str, ex.Existing]:
    parts = PARTS[kind]
    if kind == Kind.COMPANIES:
        companies = ex.load_companies(session, parts[0].columns)
        contacts = ex.load_contacts(session, parts[1].columns)
        companies.load(session, companies.index.values())
        contacts.load(session, contacts.index.values())
        return {parts[0].record: companies, parts[1].record: contacts}
    part = parts[0]
    loader = ex.load_students if kind == Kind.STUDENTS else ex.load_instructors
    found = loader(session, part.columns)
    store_emails = converted[0].store.columns.get("email", []) if converted and found.index else []
    emails = found.index.keys() & set(map(str.lower, filter(None, store_emails)))
    matched = [found.index[email] for email in emails]
    found.load(session, matched)
    if kind == Kind.INSTRUCTORS:
        ex.load_expertise(session, found, matched)
    return {part.record: found}
