"""What the import wizard keeps between its pages, and the words for its choices.

The wizard's pages (file, sheet and encoding, mapping, preview, import) each
settle one part of an :class:`ImportSession`; the reading, checking and
writing are the rest of :mod:`ixdesk.services.importing`'s, the preview's
sentences :mod:`~ixdesk.services.importing.preview`'s. Nothing here touches
Qt, so all of it is tested without a window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import phonenumbers

from ixdesk.errors import IxdeskError
from ixdesk.services.importing import (
    FIELDS,
    ImportPlan,
    ImportResult,
    Mapping,
    SourceTable,
    date_columns,
    detect_day_first,
    existing,
    fit_mapping,
    load_mapping,
    plan_import,
    propose_mapping,
    read_table,
)
from ixdesk.services.importing.fields import CONSENT, DATE, FIELD_BY_NAME, PAST_DATE, PHONE
from ixdesk.services.importing.values import KEEP, ValueQuestion, value_questions
from ixdesk.services.record_kinds import Kind
from ixdesk.services.validation import (
    default_day_first,
    default_region,
    shown,
    written_in_numbers,
)

CHOICE_LABELS = {"skip": "Skip", "fill": "Fill empty fields", "update": "Update all fields"}
STATUS_LABELS = {
    "new": "New",
    "updated": "Updated",
    "unchanged": "Unchanged",
    "repeated": "Repeated",
    "skipped": "Skipped",
    "invalid": "Invalid",
}
NOUNS = {
    Kind.STUDENTS: ("student", "students"),
    Kind.INSTRUCTORS: ("instructor", "instructors"),
    Kind.COMPANIES: ("partner company row", "partner company rows"),
}
KIND_LABELS = {
    Kind.STUDENTS: "Students",
    Kind.INSTRUCTORS: "Instructors",
    Kind.COMPANIES: "Partner companies with contacts",
}
SAMPLE_ROWS = 200


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 student", "2,000 students"."""
    return f"{count:,} {singular if count == 1 else plural or singular + 's'}"


def phone_regions() -> list[str]:
    """Two-letter codes of the countries phone numbers can be read for."""
    return sorted(phonenumbers.SUPPORTED_REGIONS)


class ReadCancelled(IxdeskError):
    """Reading or checking the file was stopped on request."""


@dataclass
class ImportSource:
    """Where and how to read: what the first two pages chose (None: detect)."""

    kind: Kind = Kind.STUDENTS
    path: Path | None = None
    mapping_file: Path | None = None
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int | None = None


@dataclass
class ReadOutcome:
    """A read file, the mapping proposed (or loaded) for it, and the date order it proves."""

    table: SourceTable
    mapping: Mapping
    detected_day_first: bool | None


def read_source(source: ImportSource, previous: Mapping | None = None) -> ReadOutcome:
    """Read the file and match its columns; raise IxdeskError with a sentence if it cannot be.

    ``previous`` (the mapping a coordinator already adjusted, for the same
    kind) is kept for the headers it knows, so re-reading with another
    header row or sheet does not undo their choices.
    """
    if source.path is None:
        raise IxdeskError("Choose the file to import.")
    table = read_table(
        source.path,
        sheet=source.sheet,
        encoding=source.encoding,
        delimiter=source.delimiter,
        header_row=source.header_row,
    )
    if previous is not None and previous.kind == source.kind:
        mapping = fit_mapping(previous, table.headers)
        mapping.notes = []
    elif source.mapping_file is not None:
        mapping = load_mapping(source.mapping_file, table.headers)
        if mapping.kind != source.kind:
            raise IxdeskError(
                f"The saved mapping {source.mapping_file.name} is for "
                f"{KIND_LABELS[mapping.kind].lower()}, not {KIND_LABELS[source.kind].lower()}."
            )
    else:
        mapping = propose_mapping(source.kind, table.headers)
    return ReadOutcome(table, mapping, detect_day_first(source.kind, table, mapping))


@dataclass
class ImportSession:
    """Everything chosen and learnt so far; the preview's plan once checked."""

    source: ImportSource = field(default_factory=ImportSource)
    cohort: str | None = None
    region: str = field(default_factory=default_region)
    day_first: bool = field(default_factory=default_day_first)
    on_duplicate: str = "skip"
    skip_invalid: bool = False
    table: SourceTable | None = None
    mapping: Mapping | None = None
    detected_day_first: bool | None = None
    plan: ImportPlan | None = None
    planned_for: tuple[Any, ...] | None = None
    committed: ImportResult | None = None
    questions: list[ValueQuestion] = field(default_factory=list)
    asked_for: tuple[Any, ...] | None = None
    tracks: list[str] = field(default_factory=list)  # existing tracks' names, for the answers
    problems: list[str] = field(default_factory=list)  # business problems' titles, likewise

    def take_read(self, outcome: ReadOutcome) -> None:
        """A new reading of the file: the mapping and date order follow it; the plan is stale."""
        self.table, self.mapping = outcome.table, outcome.mapping
        self.detected_day_first = outcome.detected_day_first
        if outcome.mapping.day_first is not None:
            self.day_first = outcome.mapping.day_first
        elif outcome.detected_day_first is not None:
            self.day_first = outcome.detected_day_first
        self.plan = self.planned_for = None

    def forget_file(self) -> None:
        """Another file, kind or saved mapping: nothing read so far applies."""
        self.table = self.mapping = self.plan = self.planned_for = None
        self.detected_day_first = None

    def plan_inputs(self) -> tuple[Any, ...]:
        """What the plan depends on; the preview checks again when any of it changes."""
        columns = tuple(self.mapping.columns.items()) if self.mapping else ()
        values = repr(sorted(self.mapping.values.items())) if self.mapping else ""
        return (id(self.table), columns, values, self.cohort, self.day_first, self.region)

    def value_questions(self, database: Any) -> list[ValueQuestion]:
        """The typed values worth a look for the mapping as it is (asked once per mapping)."""
        if self.table is None or self.mapping is None:
            return []
        inputs = (id(self.table), tuple(self.mapping.columns.items()), self.cohort)
        if self.asked_for != inputs:
            with database.read() as session:
                self.tracks = existing.track_names(session)
                self.problems = existing.problem_titles(session)
                audience = None
                if self.cohort and self.source.kind == Kind.STUDENTS:
                    audience = existing.cohort_audience(session, self.cohort)
            self.questions = value_questions(
                self.source.kind,
                self.table.headers,
                self.table.rows,
                self.mapping.columns,
                tracks=self.tracks,
                audience=audience,
                problems=self.problems,
            )
            self.asked_for = inputs
        return self.questions

    def current_answer(self, question: ValueQuestion) -> Any:
        """What a question is answered with now: the mapping's value, else the suggestion."""
        assert self.mapping is not None
        meanings = self.mapping.values.get(question.field, {})
        return meanings.get(question.value, question.suggestion)

    def answer(self, question: ValueQuestion, meaning: Any) -> None:
        """Say what a typed value means (KEEP: as typed) in the mapping's value mappings."""
        assert self.mapping is not None
        meanings = self.mapping.values.setdefault(question.field, {})
        if meaning is KEEP:
            meanings.pop(question.value, None)
        else:
            meanings[question.value] = meaning
        if not meanings:
            del self.mapping.values[question.field]

    @property
    def plan_is_current(self) -> bool:
        return self.plan is not None and self.planned_for == self.plan_inputs()

    def make_plan(
        self, database: Any, progress: Callable[[int, int], None] | None = None
    ) -> ImportPlan:
        """Check and match every row (on a worker thread: reads only the session)."""
        if self.table is None or self.mapping is None:
            raise IxdeskError("Read the file first.")
        return plan_import(
            database,
            self.source.kind,
            self.table,
            self.mapping,
            cohort=self.cohort if self.source.kind == Kind.STUDENTS else None,
            day_first=self.day_first,
            region=self.region,
            on_duplicate=self.on_duplicate,
            progress=progress,
        )

    def take_plan(self, plan: ImportPlan, inputs: tuple[Any, ...]) -> None:
        self.plan, self.planned_for, self.committed = plan, inputs, None


# --- mapping ------------------------------------------------------------------------


def field_choices(kind: Kind) -> list[tuple[str, str]]:
    """(label, field name) of every field a column can fill; required ones marked."""
    return [(spec.label + (" *" if spec.required else ""), spec.name) for spec in FIELDS[kind]]


def missing_labels(mapping: Mapping) -> list[str]:
    specs = FIELD_BY_NAME[mapping.kind]
    return [specs[name].label for name in mapping.missing_required()]


def maps_type(mapping: Mapping, *types: str) -> bool:
    specs = FIELD_BY_NAME[mapping.kind]
    return any(name and specs[name].type in types for name in mapping.columns.values())


def maps_dates(mapping: Mapping) -> bool:
    return maps_type(mapping, DATE, PAST_DATE, CONSENT)


def date_order_note(session: ImportSession) -> str:
    """What the mapping page says about the order of day and month."""
    table, mapping, detected = session.table, session.mapping, session.detected_day_first
    if detected is not None:
        text = "The file's dates show the " + ("day" if detected else "month") + " first."
        if detected != session.day_first:
            text += " The other order was chosen: dates that fit only one order are refused."
        return text
    if table is not None and mapping is not None:
        columns = date_columns(mapping.kind, table, mapping)
        typed = (row[column] for row in table.rows[:20_000] for column in columns)
        if not any(map(written_in_numbers, typed)):
            return (
                "The file's dates are stored as dates, so their order is known; this "
                "choice applies only to dates typed as numbers (04/03/2009)."
            )
    return (
        "The file's dates fit both orders (04/03/2009 could be 4 March or 3 April): "
        "choose the one your file uses. Ambiguous dates are flagged in the preview."
    )


def maps_phones(mapping: Mapping) -> bool:
    return maps_type(mapping, PHONE)


def sample_values(table: SourceTable, header: str, limit: int = 3) -> list[str]:
    """The first few distinct values of a column, as typed."""
    column = table.headers.index(header)
    found: list[str] = []
    for row in table.rows[:SAMPLE_ROWS]:
        text = shown(row[column]) if row[column] is not None else ""
        if text and text not in found:
            found.append(text)
            if len(found) == limit:
                break
    return found
