"""Check every data row, one column at a time, into a compact store of values.

Each mapped column goes through the converter for its field's type (the
checks the editors use, from :mod:`ixdesk.services.validation`); a failure is
an error for that row and column, a doubt (an ambiguous date, a phone whose
leading zero was lost, a formula's cached value) a warning. Working by
column keeps the inner loops tight and lets repeated values (schools, dates
of birth, grades) be checked once; the checked values stay in one list per
field rather than a dict per row, which is what lets 100,000 rows import in
a few seconds and well under 300 MB.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import compress, count, repeat
from operator import is_
from typing import Any

from ixdesk.services import validation as v
from ixdesk.services.importing.columns import ColumnCheck, column_check
from ixdesk.services.importing.converters import CONSENT_NOW, TrackBook, make_converter
from ixdesk.services.importing.fields import (
    CONSENT,
    DATE,
    EMAIL,
    FIELD_BY_NAME,
    FULL_NAME,
    PAST_DATE,
    PHONE,
    TEXT,
    FieldSpec,
)
from ixdesk.services.importing.mapping import Mapping
from ixdesk.services.importing.ranking import row_rankings
from ixdesk.services.importing.reading import SourceTable
from ixdesk.services.importing.values import remap
from ixdesk.services.record_kinds import Kind
from ixdesk.services.validation import ERROR, WARNING, FieldProblem, InvalidValue

__all__ = ["CONSENT_NOW", "PlannedRow", "Problem", "TrackBook", "ValueStore", "convert_rows"]
Answers = tuple[tuple[str, str], ...]  # (question, answer) in the file's column order
_UNCACHED = (EMAIL, PHONE, TEXT, FULL_NAME)
_NUMBERS = {int, float, bool}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or doubtful) in the file: spreadsheet row number and header."""

    row: int | None
    column: str | None
    message: str
    severity: str = ERROR
    field: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "severity": self.severity,
            "field": self.field,
        }


class ValueStore:
    """Checked values, one list per key (a column name); None where the cell gave none."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.columns: dict[str, list[Any]] = {}
        # each row's application answers (None: none), when columns are kept as answers
        self.answers: list[Answers | None] | None = None
        # each row's ranked business problems as typed, first choice first (None: none)
        self.choices: list[tuple[str, ...] | None] | None = None

    def row(self, index: int) -> dict[str, Any]:
        return {
            key: values[index] for key, values in self.columns.items() if values[index] is not None
        }

    def get(self, key: str, index: int) -> Any:
        values = self.columns.get(key)
        return None if values is None else values[index]


@dataclass(eq=False, slots=True)
class PlannedRow:
    """One data row: its checked values, problems, and, once matched, its status
    (new, updated, unchanged, skipped or invalid) and duplicate matches."""

    index: int
    row_number: int
    store: ValueStore = field(repr=False)
    problems: list[Problem] | tuple[()] = ()
    invalid: bool = False
    status: str = "new"
    choice: str | None = None
    duplicates: list[Any] | tuple[()] = ()
    warnings: list[Problem] | tuple[()] = ()
    record_ids: tuple[str, ...] = ()

    @property
    def values(self) -> dict[str, Any]:
        """The row's checked values by key (database column), empty cells left out."""
        return self.store.row(self.index)

    @property
    def all_problems(self) -> list[Problem]:
        return [*self.problems, *self.warnings]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


class _Column:
    """Converts one mapped column of the table, gathering its problems by row index."""

    def __init__(
        self, spec: FieldSpec, header: str, converter: Any, fast: ColumnCheck | None = None
    ) -> None:
        self.spec = spec
        self.header = header
        self.converter = converter
        self.fast = fast
        self.problems: list[tuple[int, str, str]] = []  # (row index, message, severity)

    def run(self, cells: Sequence[Any]) -> list[Any]:
        if self.spec.type in _UNCACHED:
            return self._each(cells)
        return self._distinct(cells)

    def _each(self, cells: Sequence[Any]) -> list[Any]:
        """Values that mostly differ (emails, phones, names): the column's fast path first,
        then the converter for each cell it left."""
        if self.fast is None:
            out: list[Any] = [None] * len(cells)
            todo: Iterable[int] = range(len(cells))
        else:  # (addresses seldom repeat: not worth finding which do)
            repeats = self.spec.type != EMAIL
            out = _each_distinct_once(self.fast, cells) if repeats else self.fast(cells)
            todo = list(compress(count(), map(is_, out, repeat(None)))) if None in out else []
        convert = self.converter
        problems = self.problems
        pending: list[FieldProblem] = []
        for index in todo:
            raw = cells[index]
            if raw == "" or raw is None:
                continue
            try:
                value = convert(raw, pending)
            except InvalidValue as error:
                problems.append((index, error.problem.message, ERROR))
                continue
            if pending:
                for warning in pending:
                    problems.append((index, warning.message, warning.severity))
                pending.clear()
            out[index] = value
        return out

    def _distinct(self, cells: Sequence[Any]) -> list[Any]:
        """Values that repeat (dates of birth, grades, tracks, yes/no): each checked once.

        11, 11.0 and True are equal in Python but not the same answer, so
        where a column mixes such numbers, they are told apart by their type too.
        """
        keys: Sequence[Any]
        if len(set(map(type, cells)) & _NUMBERS) > 1:
            keys = [raw if type(raw) is str else (type(raw), raw) for raw in cells]
        else:
            keys = cells
        convert = self.converter
        values: dict[Any, Any] = {}
        flagged: dict[Any, tuple[tuple[str, str], ...]] = {}
        pending: list[FieldProblem] = []
        for key in dict.fromkeys(keys):  # distinct values, in order of first use
            raw = key[1] if type(key) is tuple else key
            values[key] = None
            if raw == "" or raw is None:
                continue
            try:
                values[key] = convert(raw, pending)
            except InvalidValue as error:
                flagged[key] = ((error.problem.message, ERROR),)
                continue
            if pending:
                flagged[key] = tuple((warning.message, warning.severity) for warning in pending)
                pending.clear()
        if flagged:
            problems = self.problems
            for index, key in enumerate(keys):
                for message, severity in flagged.get(key, ()):
                    problems.append((index, message, severity))
        return list(map(values.__getitem__, keys))


def _each_distinct_once(check: ColumnCheck, cells: Sequence[Any]) -> list[Any]:
    """A column check over each distinct cell once, when enough cells repeat to pay
    (guardians' numbers shared by siblings, schools); the cells' results in order."""
    distinct = list(dict.fromkeys(cells))
    if len(distinct) * 4 > len(cells) * 3:
        return check(cells)
    found = dict(zip(distinct, check(distinct), strict=True))
    return list(map(found.__getitem__, cells))


def convert_rows(
    kind: Kind,
    table: SourceTable,
    mapping: Mapping,
    *,
    day_first: bool,
    region: str,
    tracks: TrackBook,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[PlannedRow]:
    """Check every data row against the mapping; nothing here touches the database."""
    today = today or date.today()
    specs = FIELD_BY_NAME[kind]
    index_of = {header: i for i, header in enumerate(table.headers)}
    size = len(table.row_numbers)
    store = ValueStore(size)
    rows = list(map(PlannedRow, range(size), table.row_numbers, repeat(store)))
    mapped = [
        (h, f) for h, f in mapping.columns.items() if f and h in index_of and not specs[f].many
    ]
    answers = [h for h in mapping.answer_headers() if h in index_of]
    ranking = [h for h in mapping.choice_headers() if h in index_of]
    for done, (header, field_name) in enumerate(mapped, start=1):
        spec = specs[field_name]
        converter = make_converter(
            spec, day_first=day_first, region=region, tracks=tracks, today=today
        )
        column = _Column(spec, header, converter, column_check(spec, region))
        cells = table.columns[index_of[header]]
        values = column.run(remap(cells, mapping.values.get(field_name) or {}))
        for index, message, severity in column.problems:
            row = rows[index]
            _add(row, Problem(row.row_number, header, message, severity, field_name))
            if severity == ERROR:
                row.invalid = True
        if spec.type == FULL_NAME:
            _split_full_names(store, values)
        else:
            store.columns[spec.key] = values
        if progress is not None:
            progress(done * size // len(mapped), size)
    if answers and size:
        store.answers = _answers(answers, [table.columns[index_of[h]] for h in answers])
    if ranking and size:
        store.choices = row_rankings(ranking, [table.columns[index_of[h]] for h in ranking])
    _check_required(kind, mapping, store, rows)
    _formula_warnings(table, mapping, rows)
    return rows


def _answers(questions: list[str], columns: list[Sequence[Any]]) -> list[Answers | None]:
    """Each row's (question, answer) pairs for the columns kept as application answers."""
    found: list[Answers | None] = []
    for cells in zip(*columns, strict=True):
        pairs = tuple(
            (question, text)
            for question, cell in zip(questions, cells, strict=True)
            if (text := _answer_text(cell))
        )
        found.append(pairs or None)
    return found


def _answer_text(cell: Any) -> str:
    if cell is None:
        return ""
    return (cell if isinstance(cell, str) else v.shown(cell)).strip()


def _add(row: PlannedRow, problem: Problem) -> None:
    if isinstance(row.problems, tuple):
        row.problems = []
    row.problems.append(problem)


def _split_full_names(store: ValueStore, values: list[Any]) -> None:
    """A full-name column fills first and last name where their own columns left gaps."""
    for key, part in (("first_name", 0), ("last_name", 1)):
        own = store.columns.get(key)
        split = [None if value is None else value[part] for value in values]
        if own is None:
            store.columns[key] = split
        else:
            store.columns[key] = [
                o if o is not None else s for o, s in zip(own, split, strict=True)
            ]


def _check_required(
    kind: Kind, mapping: Mapping, store: ValueStore, rows: list[PlannedRow]
) -> None:
    mapped = mapping.mapped()
    for spec in FIELD_BY_NAME[kind].values():
        if not spec.required:
            continue
        header = mapped.get(spec.name) or mapped.get("full_name")
        values = store.columns.get(spec.key) or [None] * store.size
        fields = {spec.name, "full_name"}
        for index, value in enumerate(values):
            if value is not None:
                continue
            row = rows[index]
            if any(p.field in fields and p.column == header for p in row.problems):
                continue  # the cell had a value, already reported as wrong
            message = f"{spec.label} is missing."
            _add(row, Problem(row.row_number, header, message, ERROR, spec.name))
            row.invalid = True


def _formula_warnings(table: SourceTable, mapping: Mapping, rows: list[PlannedRow]) -> None:
    if not table.formula_cells:
        return
    by_number = {row.row_number: row for row in rows}
    for number, position in sorted(table.formula_cells):
        row = by_number.get(number)
        if row is None or position >= len(table.headers):
            continue
        header = table.headers[position]
        raw = table.columns[position][row.index]
        if raw == "" or raw is None:
            message = "This cell holds a formula with no calculated value; it was left empty."
        else:
            message = (
                f"This cell holds a formula; its last calculated value {v.quoted(raw)} was "
                "imported, not the formula."
            )
        _add(row, Problem(number, header, message, WARNING, mapping.field_for(header)))


def date_columns(kind: Kind, table: SourceTable, mapping: Mapping) -> list[int]:
    """The positions of the columns mapped to date fields."""
    specs = FIELD_BY_NAME[kind]
    index_of = {header: i for i, header in enumerate(table.headers)}
    return [
        index_of[header]
        for header, name in mapping.columns.items()
        if name and specs[name].type in (DATE, PAST_DATE, CONSENT) and header in index_of
    ]


def detect_day_first(kind: Kind, table: SourceTable, mapping: Mapping) -> bool | None:
    """The day/month order the file's text dates prove (31/12/2010 or 12/31/2010), or None.

    None when no value tells (every date fits both orders) or when values
    contradict each other; the caller then keeps its own choice.
    """
    columns = date_columns(kind, table, mapping)
    votes = {True: 0, False: 0}
    for column in columns:
        for cell in table.columns[column][:20_000]:
            hint = v.date_order_hint(cell)
            if hint is not None:
                votes[hint] += 1
    if votes[True] and not votes[False]:
        return True
    if votes[False] and not votes[True]:
        return False
    return None
