"""A read sheet or CSV as a plain table: the header row found, data rows kept.

What a coordinator receives is rarely a clean table. A title row or blank
rows may sit above the header, so the header is the row (among the first 30)
naming the most known fields. Blank rows and a totals row at the bottom are
not data, and are listed as left out rather than silently dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, overload

from ixdesk.services.importing.headers import is_known_header
from ixdesk.services.importing.safety import ImportFileError

HEADER_SEARCH_ROWS = 30
_TOTALS = re.compile(
    r"\s*(?:(?:grand\s+)?(?:sub\s*)?totals?\b|sum\b|summe\b|somme\b|gesamt|totaal|count\b"
    r"|nombre\s+total|number\s+of\b)",
    re.IGNORECASE,
)
_TOTAL_STARTS = frozenset("tTsSgGcCnN \t")
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool


@dataclass(frozen=True)
class LeftOutRow:
    """A non-blank row that is not data (a totals row), with the reason, for the preview."""

    row_number: int
    reason: str


class TableRows(Sequence[list[Any]]):
    """A table's rows, read from its columns: row ``i`` is each column's cell ``i``."""

    def __init__(self, columns: list[Sequence[Any]], size: int) -> None:
        self._columns = columns
        self._size = size

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> list[Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[list[Any]]: ...
    def __getitem__(self, index: int | slice) -> list[Any] | list[list[Any]]:
        if isinstance(index, slice):
            return [list(cells) for cells in zip(*(c[index] for c in self._columns), strict=True)]
        return [column[index] for column in self._columns]

    def __iter__(self) -> Iterator[list[Any]]:
        return map(list, zip(*self._columns, strict=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def column(self, position: int) -> Sequence[Any]:
        return self._columns[position]


@dataclass
class SourceTable:
    """The data of one sheet or CSV file, with everything learnt while reading it.

    Kept by column: ``columns[c][i]`` is the cell of header ``c`` in data
    row ``i`` (str, float, int, bool, date or datetime from a workbook; str
    from a CSV; "" when empty), which is row ``row_numbers[i]`` of the file,
    counted as the spreadsheet counts. ``rows`` shows the same cells row by row.
    """

    path: Path
    format: str
    headers: list[str]
    columns: list[Sequence[Any]]
    row_numbers: list[int]
    header_row: int
    sheet: str | None = None
    sheets: list[SheetInfo] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    formula_cells: set[tuple[int, int]] = field(default_factory=set)
    left_out: list[LeftOutRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> TableRows:
        return TableRows(self.columns, len(self.row_numbers))

    @property
    def encoding_label(self) -> str | None:
        return ENCODING_LABELS.get(self.encoding or "", self.encoding)

    @property
    def delimiter_label(self) -> str | None:
        names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
        return names.get(self.delimiter or "", self.delimiter)

    def describe(self) -> str:
        """One line saying what was read, e.g. for the command line."""
        if self.format == "csv":
            how = f"CSV, {self.encoding_label}, {self.delimiter_label}-separated"
        else:
            how = f"sheet “{self.sheet}”"
        rows = len(self.row_numbers)
        return (
            f"{self.path.name}: {how}, header in row {self.header_row}, "
            f"{rows:,} data row{'s' if rows != 1 else ''}"
        )


def blank(row: list[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


@lru_cache(maxsize=4096)
def _known(text: str) -> bool:
    return is_known_header(text)


def _header_score(row: list[Any]) -> int:
    return sum(1 for cell in row if isinstance(cell, str) and cell.strip() and _known(cell))


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def build_table(
    path: Path,
    fmt: str,
    raw: list[list[Any]],
    first_row_number: int,
    header_row: int | None,
    formula_cells: set[tuple[int, int]],
) -> SourceTable:
    if header_row is not None:
        header_index = header_row - first_row_number
        if not 0 <= header_index < len(raw) or blank(raw[header_index]):
            raise ImportFileError(f"Row {header_row} of {path.name} is not a header row.")
    else:
        header_index = _find_header(path, raw)
    header_cells = raw[header_index]
    width = max((i + 1 for i, cell in enumerate(header_cells) if not blank([cell])), default=0)
    headers = _unique_headers(header_cells[:width])
    table = SourceTable(
        path, fmt, headers, [], [], header_index + first_row_number, formula_cells=formula_cells
    )
    data = raw[header_index + 1 :]
    columns = _plain_columns(data, width)
    beyond = 0
    if columns is not None:  # every row data: no look at each
        start = header_index + 1 + first_row_number
        table.row_numbers = list(range(start, start + len(data)))
    else:
        kept, beyond = _data_rows(table, data, header_index + 1 + first_row_number, width)
        columns = list(zip(*kept, strict=True)) if kept else [() for _ in range(width)]
    table.columns = _share_repeated_text(columns)
    if beyond:
        table.notes.append(
            f"{beyond} row{'s have' if beyond > 1 else ' has'} values in columns without a "
            "header; those values were not read."
        )
    for left in table.left_out:
        table.notes.append(f"Row {left.row_number} was left out: {left.reason}.")
    return table


def _plain_columns(data: list[list[Any]], width: int) -> list[Sequence[Any]] | None:
    """The rows' columns when every row is data, as in most workbooks: each row exactly as
    wide as the header, a column without a blank cell (so no row is blank), and no first
    cell that is empty or reads as a totals label. None: look at each row."""
    if not data or set(map(len, data)) != {width}:
        return None
    columns: list[Sequence[Any]] = list(zip(*data, strict=True))
    if not any(map(_never_blank, columns)):
        return None
    first = columns[0]
    labels = (c for c in set(first) if type(c) is str and c[:1] in _TOTAL_STARTS)
    if "" in first or any(map(_totals_word, labels)):
        return None
    return columns


def _never_blank(cells: Sequence[Any]) -> bool:
    """Whether a column of text has no blank cell (empty, or only spaces)."""
    if set(map(type, cells)) != {str}:
        return False
    return "" not in cells and not any(map(str.isspace, cells))


def _data_rows(
    table: SourceTable, data: list[list[Any]], first_number: int, width: int
) -> tuple[list[list[Any]], int]:
    """The data rows, as wide as the header, and how many rows had values beyond it; blank
    rows and totals rows are left out (the totals rows listed as such)."""
    kept: list[list[Any]] = []
    beyond = 0
    blank_cells = [""] * width
    for number, row in enumerate(data, start=first_number):
        size = len(row)
        cells = row  # most rows are exactly as wide as the header: no copy
        if size != width:
            cells = row[:width] if size > width else row + blank_cells[size:]
        if size > width and not blank(row[width:]):
            beyond += 1
        empties = cells.count("")
        if empties == width or (empties + 2 >= width and blank(cells)):
            continue
        first = cells[0]  # most rows start with a value no totals row starts with
        maybe_totals = first == "" or (
            type(first) is str and first[:1] in _TOTAL_STARTS and _totals_word(first)
        )
        if maybe_totals and _is_totals(cells, number, table.formula_cells):
            table.left_out.append(LeftOutRow(number, "a totals row, not data"))
            continue
        kept.append(cells)
        table.row_numbers.append(number)
    return kept, beyond


def _share_repeated_text(columns: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """One string object per distinct value in columns that repeat (schools, tracks, yes/no).

    Readers make a new object per cell; sharing them keeps a 100,000-row
    sheet tens of MB smaller. Columns of mostly distinct values are left alone;
    in the others, each text the first 1,000 rows hold is shared by every cell
    of the column holding it.
    """
    shared: list[Sequence[Any]] = []
    for cells in columns:
        sample = cells[:1000]
        texts = {cell: cell for cell in sample if type(cell) is str}
        if texts and len(texts) <= len(sample) // 4:
            cells = list(map(texts.get, cells, cells))  # get(cell, cell): shared, or the cell
        shared.append(cells)
    return shared


def _find_header(path: Path, raw: list[list[Any]]) -> int:
    best_index, best_score = -1, 1
    seen = 0
    for index, row in enumerate(raw):
        if blank(row):
            continue
        seen += 1
        if seen > HEADER_SEARCH_ROWS:
            break
        score = _header_score(row)
        if score > best_score:
            best_index, best_score = index, score
    if best_index < 0:
        raise ImportFileError(
            f"No header row was found in {path.name}: none of its first {HEADER_SEARCH_ROWS} "
            "rows names columns such as “First name”, “Last name” or “Email”. Add a header "
            "row, or say which row is the header."
        )
    return best_index


def _unique_headers(cells: list[Any]) -> list[str]:
    headers: list[str] = []
    seen: Counter[str] = Counter()
    for index, cell in enumerate(cells):
        text = " ".join(str(cell).split()) if not blank([cell]) else ""
        if isinstance(cell, float) and cell.is_integer():
            text = str(int(cell))
        text = text or f"Column {_column_letter(index)}"
        seen[text] += 1
        headers.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return headers


@lru_cache(maxsize=4096)
def _totals_word(text: str) -> bool:
    """Whether a text starts as a totals row's label does (names repeat: asked once each)."""
    return text[:1] in _TOTAL_STARTS and _TOTALS.match(text) is not None


def _is_totals(cells: list[Any], number: int, formula_cells: set[tuple[int, int]]) -> bool:
    first = cells[0] if cells[0] != "" else next((c for c in cells if c != ""), None)
    if type(first) is not str or not _totals_word(first):
        return False
    filled = sum(1 for cell in cells if not blank([cell]))
    has_formula = any((number, column) in formula_cells for column in range(len(cells)))
    return has_formula or filled <= max(2, len(cells) // 2)
