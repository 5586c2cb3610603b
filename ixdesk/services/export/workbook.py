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
the internals this needs, :data:`.sheet.FAST_ROWS` is false and the public per-cell
API is used instead; ``test_export_workbook`` fails so we notice.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from ixdesk import __version__
from ixdesk.services.export.cells import MAX_CELL, clean_text, prepare, sheet_name
from ixdesk.services.export.sheet import Column, Sheet
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
        organisation: str | None = None,  # its name, in every page's header
        logo: bytes | None = None,  # an image at the top right of the first sheet
        for_print: bool = False,  # laid out for paper: see :mod:`.printing`
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        keep: Sequence[Path] = (),  # files being read, which it must not replace
    ) -> None:
        self.target = check_target(path, keep=keep)
        self.print_title = print_title or title
        self.paper_name = default_paper(paper)
        self.paper = 1 if self.paper_name == "letter" else 9
        self.organisation, self.logo, self.for_print = organisation, logo, for_print
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
        for index, sheet in enumerate(self._sheets):
            sheet.finish(logo=self.logo if index == 0 else None)
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
