"""Writing .xlsx workbooks: the only module that knows which library does it.

Everything that leaves ixdesk as Excel goes through :class:`Workbook` and
:class:`Sheet`, so the rules hold for every roster without each builder
remembering them:

* A cell typed by a person is data, never a formula. Values are written as
  inline strings, numbers, booleans or dates; text starting with a character
  Excel would read as a formula (``= + - @``, a tab, ...), an error value or a
  number also gets Excel's quote prefix, so even editing the cell keeps it text.
* Control characters Excel refuses are removed, line breaks become ``\\n`` and
  text past Excel's 32,767-character cell limit is cut with a visible marker.
* Files are written under a temporary name in the target's folder and renamed
  over the target only when complete (:mod:`ixdesk.services.atomic`): a failed
  or cancelled export never leaves half a workbook, nor damages an existing
  file, and a finished one has the permissions the umask gives any new file.

Rows go straight into XlsxWriter's constant-memory row file as XML we escape
ourselves: several times faster than one library call per cell, and it avoids
XlsxWriter writing any string shaped like ``<r>...</r>`` as raw rich-text XML
(which would let a typed name inject cells). Should a future XlsxWriter lack
the internals this needs, :data:`FAST_ROWS` is false and the public per-cell
API is used instead; ``test_export_workbook`` fails so we notice.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from ixdesk import __version__
from ixdesk.services.export.cells import (
    BLANK,
    BOOL,
    DATE,
    DATETIME,
    FORBIDDEN,
    MAX_CELL,
    MAX_ROWS,
    NUMBER,
    QTEXT,
    TEXT,
    clean_text,
    prepare,
    sheet_name,
    xml_text,
)
from ixdesk.services.export.target import (
    ExportCancelled,
    ExportError,
    check_target,
    default_paper,
    explain_failure,
    open_pending,
)

__all__ = [
    "MAX_CELL",
    "Cancelled",
    "Column",
    "ExportCancelled",
    "ExportError",
    "Progress",
    "Sheet",
    "Workbook",
    "check_target",
    "clean_text",
    "default_paper",
    "prepare",
    "sheet_name",
]

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Cell = tuple[int, Any, Any]  # (kind, payload, format)

MIN_WIDTH, MAX_WIDTH = 8, 50
POLL_EVERY = 250  # rows between progress reports and cancel checks
DATE_FORMAT = "d mmm yyyy"
DATETIME_FORMAT = 'd mmm yyyy hh:mm "UTC"'


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


# --- workbook -------------------------------------------------------------------------


class Workbook:
    """One workbook being written: use it in ``with``, add sheets, then :meth:`save`.

    Leaving the ``with`` block without saving (an error, a cancel) removes the
    temporary files and leaves the target exactly as it was.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        title: str,
        subject: str = "",
        print_title: str | None = None,
        paper: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        keep: Sequence[Path] = (),  # files being read, which it must not replace
    ) -> None:
        self.target = check_target(path, keep=keep)
        self.print_title = print_title or title
        self.paper = 1 if default_paper(paper) == "letter" else 9
        self.total = self.done = 0
        self._progress, self._cancelled = progress, cancelled
        self._sheets: list[Sheet] = []
        self._formats: dict[tuple[tuple[str, Any], ...], Any] = {}
        self._saved = False
        self._pending = open_pending(self.target, keep=keep)
        self._scratch = tempfile.mkdtemp(prefix="ixdesk-export-")
        options = {"constant_memory": True, "tmpdir": self._scratch}
        options |= {"strings_to_formulas": False, "strings_to_numbers": False}
        # The zip goes to a stream we own, so a failed save can be abandoned quietly.
        self._book = xlsxwriter.Workbook(self._pending.stream, options | {"strings_to_urls": False})
        self._book.set_properties(
            {
                "title": title,
                "subject": subject,
                "author": "ixdesk",
                "comments": f"Written by ixdesk {__version__}.",
                "keywords": "ixdesk",
            }
        )
        self._book.set_custom_property("ixdesk version", __version__)

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_: object) -> None:
        if not self._saved:
            self.discard()

    def format(self, **properties: Any) -> Any:
        """A cached cell format (what it is stays inside this module)."""
        key = tuple(sorted(properties.items()))
        if key not in self._formats:
            self._formats[key] = self._book.add_format({"valign": "top", **properties})
        return self._formats[key]

    def add_sheet(
        self,
        name: str,
        columns: Sequence[Column],
        *,
        heading: Sequence[tuple[str, Any]] = (),
        landscape: bool = True,
        borders: bool = False,
        row_height: float | None = None,
    ) -> Sheet:
        """A new sheet: the heading lines (label, value) on top, then the bold header row."""
        final = sheet_name(name, [sheet.name for sheet in self._sheets])
        sheet = Sheet(self, final, columns, heading, landscape, borders, row_height)
        sheet.wanted = name
        self._sheets.append(sheet)
        return sheet

    def expect(self, rows: int) -> None:
        """Announce rows still to come, for the progress total."""
        self.total += rows

    def tick(self, rows: int) -> None:
        self.done += rows
        self.check_cancelled()
        if self._progress is not None:
            self._progress(min(self.done, self.total), max(self.total, self.done, 1))

    def check_cancelled(self) -> None:
        if self._cancelled is not None and self._cancelled():
            kept = " and the existing file was left as it was" if self.target.exists() else ""
            raise ExportCancelled(
                f"The export was cancelled: {self.target.name} was not written{kept}."
            )

    def save(self) -> Path:
        """Finish every sheet, write the file, then rename it over the target."""
        for sheet in self._sheets:
            sheet.finish()
        self.check_cancelled()
        try:
            self._book.close()
            self._pending.finish()
        except xlsxwriter.exceptions.FileCreateError as error:
            cause = error.args[0] if error.args else error
            if isinstance(cause, OSError):
                raise explain_failure(cause, self.target, "written") from error
            raise ExportError(f"{self.target} could not be written ({cause}).") from error
        except OSError as error:
            raise explain_failure(error, self.target, "written") from error
        self.check_cancelled()
        try:
            self._pending.commit()
        except OSError as error:
            raise explain_failure(error, self.target, "replaced") from error
        self._saved = True
        shutil.rmtree(self._scratch, ignore_errors=True)
        if self._progress is not None:
            self._progress(max(self.total, self.done, 1), max(self.total, self.done, 1))
        return self.target

    def discard(self) -> None:
        """Remove everything written so far; the target is never touched."""
        for sheet in self._sheets:
            with contextlib.suppress(Exception):
                sheet.worksheet._opt_close()  # its row file, so Windows lets us delete it
        self._pending.discard()
        shutil.rmtree(self._scratch, ignore_errors=True)


class Sheet:
    """A table on one worksheet, written top to bottom in constant memory."""

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
        self._widths = [len(column.label) + 3 for column in self.columns]  # + filter button
        self._letters = [xl_col_to_name(index) for index in range(max(len(self.columns), 2))]
        line = {"border": 1} if borders else {}
        fmt = book.format
        self._styles: dict[int, list[Any]] = {
            TEXT: [fmt(text_wrap=column.wrap, **line) for column in self.columns],
            QTEXT: [fmt(text_wrap=column.wrap, quote_prefix=True, **line) for column in columns],
        }
        for kind, extra in ((NUMBER, {}), (BOOL, {}), (DATE, {"num_format": DATE_FORMAT})):
            self._styles[kind] = [fmt(align="left", **extra, **line)] * len(self.columns)
        self._styles[DATETIME] = [fmt(num_format=DATETIME_FORMAT, align="left", **line)] * len(
            self.columns
        )
        self._styles[BLANK] = [fmt(**line) if borders else None] * len(self.columns)
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
        header = fmt(bold=True, bg_color="#DDE4EE", bottom=1, **line)
        self._write([[(*prepare(column.label)[:2], header) for column in self.columns]])

    def write_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Append data rows (values in column order); polls cancel, reports progress."""
        if self._continued is not None:
            self._continued.write_rows(rows)
            return
        rows = iter(rows)
        styles, widths = self._styles, self._widths
        batch: list[list[Cell]] = []
        for row in rows:
            cells = []
            for index, value in enumerate(row):
                kind, payload, width = prepare(value)
                if width > widths[index]:
                    widths[index] = width
                cells.append((kind, payload, styles[kind][index]))
            batch.append(cells)
            if len(batch) >= POLL_EVERY or self._next + len(batch) >= MAX_ROWS:
                self._flush(batch)
                batch = []
                if self._next >= MAX_ROWS:
                    self._continue(rows)
                    return
        self._flush(batch)

    def write_numbered_blank_rows(self, count: int, first_number: int) -> None:
        """Empty rows numbered in the first column (walk-ins on a sign-in sheet)."""
        blanks = [None] * (len(self.columns) - 1)
        self.write_rows([first_number + n, *blanks] for n in range(count))

    def _flush(self, batch: list[list[Cell]]) -> None:
        if batch:
            self._write(batch)
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

    def _write(self, batch: list[list[Cell]]) -> None:
        try:
            (self._write_xml if FAST_ROWS else self._write_cells)(batch)
        except OSError as error:  # the row file filled the disk, most likely
            raise explain_failure(error, self.book.target, "written") from error
        self._next += len(batch)

    def _write_xml(self, batch: list[list[Cell]]) -> None:
        sheet, first, letters = self.worksheet, self._next, self._letters
        sheet._write_single_row(first)  # flush anything XlsxWriter itself still holds
        sheet._check_dimensions(first, 0)
        sheet._check_dimensions(first + len(batch) - 1, len(letters) - 1)
        tall = self.row_height is not None and self._next > self.header_row  # data rows only
        height = f' ht="{self.row_height}" customHeight="1"' if tall else ""
        parts: list[str] = []
        for number, cells in enumerate(batch, start=first + 1):
            parts.append(f'<row r="{number}"{height}>')
            for index, (kind, payload, style) in enumerate(cells):
                at = f'r="{letters[index]}{number}"' + (
                    "" if style is None else f' s="{style._get_xf_index()}"'
                )
                if kind in (TEXT, QTEXT):
                    keep = payload[0] in " \t\n" or payload[-1] in " \t\n"
                    space = ' xml:space="preserve"' if keep else ""
                    text = xml_text(payload)
                    parts.append(f'<c {at} t="inlineStr"><is><t{space}>{text}</t></is></c>')
                elif kind in (NUMBER, DATE, DATETIME):
                    parts.append(f"<c {at}><v>{payload:.16G}</v></c>")
                elif kind == BOOL:
                    parts.append(f'<c {at} t="b"><v>{int(payload)}</v></c>')
                elif style is not None:
                    parts.append(f"<c {at}/>")
            parts.append("</row>")
        sheet.previous_row = first + len(batch) - 1
        sheet.row_data_fh.write("".join(parts))

    def _write_cells(self, batch: list[list[Cell]]) -> None:
        """The slower path through XlsxWriter's public API: same cells, same styles."""
        sheet = self.worksheet
        for row, cells in enumerate(batch, start=self._next):
            if self.row_height is not None and row > self.header_row:
                sheet.set_row(row, self.row_height)
            for column, (kind, payload, style) in enumerate(cells):
                if kind in (TEXT, QTEXT) and payload.startswith("<r>") and payload.endswith("</r>"):
                    # XlsxWriter would copy this into the file as raw XML: two runs instead.
                    sheet.write_rich_string(row, column, "<r>", style, payload[3:], style)
                elif kind in (TEXT, QTEXT):
                    sheet.write_string(row, column, payload, style)
                elif kind in (NUMBER, DATE, DATETIME):
                    sheet.write_number(row, column, payload, style)
                elif kind == BOOL:
                    sheet.write_boolean(row, column, payload, style)
                elif style is not None:
                    sheet.write_blank(row, column, None, style)

    def finish(self) -> None:
        """Widths, frozen header, filter and print set-up, once every row is in."""
        sheet = self.worksheet
        for index, column in enumerate(self.columns):
            width = column.width or min(max(self._widths[index] + 2, MIN_WIDTH), MAX_WIDTH)
            sheet.set_column(index, index, width)
        sheet.freeze_panes(self.header_row + 1, 0)
        last_row = max(self._next - 1, self.header_row)
        sheet.autofilter(self.header_row, 0, last_row, max(len(self.columns) - 1, 0))
        sheet.repeat_rows(self.header_row)
        sheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
        if self.landscape:
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        sheet.set_paper(self.book.paper)
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.75)
        sheet.hide_gridlines(0)  # gridlines on screen and on paper
        title = _header_text(self.book.print_title, 120)
        sheet.set_header(f'&L&"-,Bold"{title}&R{_header_text(self.name, 40)}')
        stamp = f"Written by ixdesk {__version__} on {date.today():%d %b %Y}"
        sheet.set_footer(f"&L{stamp}&RPage &P of &N")


def _header_text(text: str, limit: int) -> str:
    """Text for a print header: '&' doubled (it starts codes there), length bounded."""
    text = " ".join(FORBIDDEN.sub("", text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("&", "&&")
