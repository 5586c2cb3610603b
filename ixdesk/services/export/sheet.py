"""One sheet of an exported workbook: a table written top to bottom in constant memory.

:class:`Sheet` turns each value into a cell by the rules of :mod:`.workbook` (text is
data, never a formula) and writes rows straight into XlsxWriter's row file
(:mod:`.rowfile`); a sheet made for paper holds its rows until their widths and
heights are known (:mod:`.printing`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from ixdesk.services.export.cells import (
    BLANK,
    BOOL,
    DATE,
    DATETIME,
    MAX_ROWS,
    NUMBER,
    QTEXT,
    TEXT,
    prepare,
)
from ixdesk.services.export.fillable import finish as finish_fillable
from ixdesk.services.export.printing import (
    WRAP_FLOOR,
    bold_width,
    row_height,
    set_up_page,
    sheet_plan,
)
from ixdesk.services.export.rowfile import Cell, RowWriter
from ixdesk.services.export.target import explain_failure

if TYPE_CHECKING:
    from ixdesk.services.export.workbook import Workbook

POLL_EVERY = 250  # rows between progress reports and cancel checks
DATE_FORMAT = "d mmm yyyy"
DATETIME_FORMAT = 'd mmm yyyy hh:mm "UTC"'
RULE = "#BFBFBF"  # the light rule under each row of a table


def _has_fast_rows() -> bool:
    sheet, fmt = xlsxwriter.worksheet.Worksheet, xlsxwriter.format.Format
    needed = ("_write_single_row", "_check_dimensions", "_opt_close")
    return all(hasattr(sheet, name) for name in needed) and hasattr(fmt, "_get_xf_index")


FAST_ROWS = _has_fast_rows()


@dataclass(frozen=True)
class Column:
    """A column of a table: its header, and optionally a fixed width or wrapped text."""

    label: str
    width: int | None = None
    wrap: bool = False
    # A workbook that comes back (see :mod:`.fillable`): a column kept out of sight, a
    # column a person fills in on a protected sheet, and the values its drop-down offers.
    hidden: bool = False
    editable: bool = False
    choices: tuple[str, ...] = ()


class Sheet(RowWriter):
    """A table on one worksheet, written top to bottom in constant memory; a sheet of a
    workbook made for paper (``Workbook(for_print=True)``) holds its rows until it is
    finished, when their widths and heights are known (see :mod:`.printing`)."""

    def __init__(
        self,
        book: Workbook,
        name: str,
        columns: Sequence[Column],
        heading: Sequence[tuple[str, Any]],
        landscape: bool,
        borders: bool,
        row_height: float | None,
    ) -> None:
        self.book, self.name, self.columns = book, name, list(columns)
        self.worksheet = book._book.add_worksheet(name)
        self.landscape, self.borders, self.row_height = landscape, borders, row_height
        self.rows = 0  # data rows written on this sheet
        self.wanted, self.part = name, 1
        self._heading = list(heading)
        self._next = 0  # next worksheet row, 0-based
        self.header_row = MAX_ROWS  # known once the heading lines are written
        self._continued: Sheet | None = None
        self._held: list[list[Cell]] | None = [] if book.for_print else None
        self._widths = [len(column.label) + 3 for column in self.columns]  # + filter button
        # The longest word of each column: how narrow its wrapped text may go.
        self._words = [max(map(len, column.label.split())) + 3 for column in self.columns]
        self._labels = max((bold_width(str(label)) for label, _ in heading), default=0)
        self._letters = [xl_col_to_name(index) for index in range(max(len(self.columns), 2))]
        self._xfs: dict[Any, str] = {None: ""}  # format → ' s="its index"
        # On paper no grid is printed: a sign-in sheet has boxes to write in, a roster a
        # light rule under each row, so nothing marks the empty cells around a table.
        rule = {"bottom": 1, "bottom_color": RULE} if book.for_print else {}
        line = {"border": 1} if borders else rule
        fmt = book.format
        wraps = [book.for_print or column.wrap for column in self.columns]
        opened = [{"locked": False} if column.editable else {} for column in self.columns]
        self._styles: dict[int, list[Any]] = {
            TEXT: [fmt(text_wrap=w, **line, **o) for w, o in zip(wraps, opened, strict=True)],
            QTEXT: [
                fmt(text_wrap=w, quote_prefix=True, **line, **o)
                for w, o in zip(wraps, opened, strict=True)
            ],
        }
        for kind, extra in (
            (NUMBER, {}),
            (BOOL, {}),
            (DATE, {"num_format": DATE_FORMAT}),
            (DATETIME, {"num_format": DATETIME_FORMAT}),
        ):
            self._styles[kind] = [fmt(align="left", **extra, **line, **o) for o in opened]
        self._styles[BLANK] = [fmt(**line, **o) if line or o else None for o in opened]
        for label, value in heading:
            kind, payload, _ = prepare(value)
            value_format = fmt(
                quote_prefix=kind == QTEXT,
                num_format={DATE: DATE_FORMAT, DATETIME: DATETIME_FORMAT}.get(kind, 0),
                align="left",
            )
            self._write([[(*prepare(label)[:2], fmt(bold=True)), (kind, payload, value_format)]])
        self._next += 1 if heading else 0
        self.header_row = self._next
        edge = {"border": 1} if borders else {"bottom": 1}
        header = fmt(bold=True, bg_color="#DDE4EE", text_wrap=book.for_print, **edge)
        self._write([[(*prepare(column.label)[:2], header) for column in self.columns]])

    def write_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Append data rows (values in column order); polls cancel, reports progress."""
        if self._continued is not None:
            self._continued.write_rows(rows)
            return
        rows = iter(rows)
        styles, widths, words = self._styles, self._widths, self._words
        batch: list[list[Cell]] = []
        for row in rows:
            cells = []
            for index, value in enumerate(row):
                kind, payload, width = prepare(value)
                if width > widths[index]:
                    widths[index] = width
                if width > WRAP_FLOOR and kind <= QTEXT:  # text that may wrap: its words
                    word = max(map(len, payload.split()), default=0)
                    if word > words[index]:
                        words[index] = word
                cells.append((kind, payload, styles[kind][index]))
            batch.append(cells)
            if len(batch) >= POLL_EVERY or self._next + len(batch) >= MAX_ROWS:
                self._flush(batch)
                batch = []
                if self._next >= MAX_ROWS:
                    self._continue(rows)
                    return
        self._flush(batch)

    def hide_from_view(self) -> None:
        """Keep the sheet in the file but out of Excel's list of sheets (very hidden)."""
        self.worksheet.very_hidden()

    def write_numbered_blank_rows(self, count: int, first_number: int) -> None:
        """Empty rows numbered in the first column (walk-ins on a sign-in sheet)."""
        blanks = [None] * (len(self.columns) - 1)
        self.write_rows([first_number + n, *blanks] for n in range(count))

    def _flush(self, batch: list[list[Cell]]) -> None:
        if batch:
            if self._held is not None and self._next + len(self._held) < MAX_ROWS - len(batch):
                self._held.extend(batch)  # written when finished
            else:
                self._write(batch, [self.row_height] * len(batch))
            self.rows += len(batch)
            self.book.tick(len(batch))

    def _continue(self, rows: Iterator[Sequence[Any]]) -> None:
        """Excel stops at 1,048,576 rows: the rest goes on "name (2)", "name (3)", ..."""
        options = {"landscape": self.landscape, "borders": self.borders}
        nxt = self.book.add_sheet(
            f"{self.wanted} ({self.part + 1})",
            self.columns,
            heading=self._heading,
            row_height=self.row_height,
            **options,
        )
        nxt.wanted, nxt.part = self.wanted, self.part + 1
        self._continued = nxt
        nxt.write_rows(rows)

    def _write(
        self, batch: list[list[Cell]], heights: Sequence[float | None] | None = None
    ) -> None:
        try:
            writer = self._write_xml if FAST_ROWS else self._write_cells
            writer(batch, self._next, heights or [None] * len(batch))
        except OSError as error:  # the row file filled the disk, most likely
            raise explain_failure(error, self.book.target, "written") from error
        self._next += len(batch)

    def finish(self, logo: bytes | None = None) -> None:
        """Widths, held rows, frozen header, filter and print set-up, once every row is in."""
        plan = sheet_plan(
            [column.width for column in self.columns],
            self._widths,
            self._words,
            self._labels,
            self.book.paper_name if self._held is not None else None,
            self.landscape,
        )
        if self._held is not None:
            held, self._held = self._held, None
            for start in range(0, len(held), POLL_EVERY):
                batch = held[start : start + POLL_EVERY]
                self._write(batch, [row_height(row, plan.widths, self.row_height) for row in batch])
        book = self.book
        set_up_page(
            self.worksheet,
            plan,
            header_row=self.header_row,
            last_row=max(self._next - 1, self.header_row),
            columns=len(self.columns),
            landscape=self.landscape,
            paper=book.paper,
            grid=not book.for_print,
            header=(book.print_title, book.organisation, self.name),
            logo=logo,
        )
        if any(column.hidden or column.editable for column in self.columns):
            finish_fillable(self.worksheet, self.columns, self.header_row, self._next - 1)
