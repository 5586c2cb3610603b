"""Reading an instructor's attendance workbook back: a diff, cell by cell, then exactly
the changed cells applied in one transaction.

For each cell the workbook's hidden sheet names (see ``attendance_book``) three values
are compared: the one it held when the workbook was written (*base*), the one in the
file now (*workbook*) and the one in ixdesk now (*current*):

* workbook = base: the instructor left it; nothing to do, whatever ixdesk holds now;
* workbook ≠ base and current = base: the instructor changed it; a **change**;
* workbook ≠ base and current = workbook: already applied (a second import); nothing;
* workbook ≠ base, current ≠ base, current ≠ workbook: both changed it; a **conflict**,
  shown side by side and left as ixdesk holds it.

A file ixdesk did not write, one for another cohort (or another database), one whose
hidden ids were edited or that has rows added, one with a value that is not a mark or
a rating, or a damaged file: refused with one sentence, nothing read further.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from xlsxwriter.utility import xl_cell_to_rowcol

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import AttendanceStatus
from ixdesk.errors import IxdeskError
from ixdesk.services.importing.safety import ImportFileError, check_zip, sniff
from ixdesk.services.importing.workbook import open_workbook
from ixdesk.services.kinds import status_label
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.read.common import person
from ixdesk.services.running import feedback as fb
from ixdesk.services.running.attendance import MarkChange, apply_marks, read_marks
from ixdesk.services.running.attendance_book import (
    COMMENT,
    FORMAT,
    MARK,
    MARKER,
    META_SHEET,
    RATING,
    ROW,
)

Value = str | int | None


class AttendanceFileError(IxdeskError):
    """The workbook cannot be read back; nothing was changed."""


@dataclass(frozen=True)
class CellDiff:
    """One cell the instructor changed: where, whose, what, and the three values."""

    sheet: str
    cell: str
    student: str
    what: str  # "Session 2 (Tue 2 Mar)", "Data cleaning", "Comment"
    base: str
    workbook: str
    current: str

    def as_json(self) -> dict[str, str]:
        return dict(self.__dict__)


@dataclass
class AttendanceImport:
    """What reading the workbook found, and the changes to make."""

    path: Path
    changes: list[CellDiff] = field(default_factory=list)
    conflicts: list[CellDiff] = field(default_factory=list)
    unchanged: int = 0
    marks: list[MarkChange] = field(default_factory=list)
    rubric: list[fb.RubricChange] = field(default_factory=list)

    def summary(self) -> str:
        changed = (
            "1 cell changed" if len(self.changes) == 1 else f"{len(self.changes)} cells changed"
        )
        clash = len(self.conflicts)
        clashes = (
            f", {clash} conflict{'s' if clash != 1 else ''} (kept as in ixdesk)" if clash else ""
        )
        return f"{changed}{clashes}, {self.unchanged} unchanged."


@dataclass(frozen=True)
class CellChanges:
    """The cells one import set, for its undo."""

    marks: tuple[MarkChange, ...]
    rubric: tuple[fb.RubricChange, ...]

    def reversed(self) -> CellChanges:
        return CellChanges(
            tuple(c.reversed() for c in self.marks), tuple(c.reversed() for c in self.rubric)
        )


def save_cells(
    database: Database, cells: CellChanges, *, hub: ChangeHub | None = None
) -> CellChanges:
    """Set the marks and rubric cells in one transaction, each checked to hold what it did."""

    def work(context: OperationContext) -> None:
        apply_marks(context, cells.marks)
        fb.apply_rubric(context, cells.rubric)

    run_operation(database, work, hub=hub)
    return cells


def apply_import(
    database: Database, found: AttendanceImport, *, hub: ChangeHub | None = None
) -> CellChanges:
    """Apply exactly the changed cells the diff found (nothing when there are none)."""
    cells = CellChanges(tuple(found.marks), tuple(found.rubric))
    if cells.marks or cells.rubric:
        save_cells(database, cells, hub=hub)
    return cells


# --- reading the file ---
def _refuse(path: Path, reason: str) -> AttendanceFileError:
    return AttendanceFileError(f"{path.name} cannot be imported: {reason} Nothing was changed.")


def _rows(path: Path) -> tuple[dict[str, list[list[Any]]], list[str]]:
    """Every sheet's cells (from A1) and the sheets' names; a damaged file is refused."""
    try:
        if sniff(path) != "xlsx":
            raise _refuse(path, "it is not an Excel workbook (.xlsx).")
        check_zip(path)
        book = open_workbook(path)
    except ImportFileError as error:
        raise AttendanceFileError(f"{error} Nothing was changed.") from None
    try:
        names = list(book.sheet_names)
        if META_SHEET not in names:
            raise _refuse(path, "it is not an attendance workbook written by ixdesk.")
        sheets = {
            name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in names
        }
    except AttendanceFileError:
        raise
    except Exception:  # a foreign parser: any failure means a damaged file
        raise _refuse(path, "the workbook is damaged.") from None
    finally:
        book.close()
    return sheets, names


def _at(rows: list[list[Any]], ref: str) -> Any:
    row, column = xl_cell_to_rowcol(ref)
    if row < len(rows) and column < len(rows[row]):
        value = rows[row][column]
        return None if value == "" else value
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass(frozen=True)
class _Entry:
    sheet: str
    cell: str
    kind: str
    a: str
    b: str
    c: str
    base: str


def _meta(path: Path, rows: list[list[Any]]) -> tuple[list[str], list[_Entry]]:
    heading = {_text(row[0]): _text(row[1]) for row in rows[:6] if len(row) > 1 and row[0]}
    if heading.get(MARKER) != FORMAT:
        raise _refuse(path, "it is not an attendance workbook written by this version of ixdesk.")
    entries = []
    try:
        header = next(n for n, row in enumerate(rows) if row and row[0] == "sheet")
        for row in rows[header + 1 :]:
            if any(_text(value) for value in row):
                entries.append(_Entry(*(_text(value) for value in row[:7])))
    except (StopIteration, TypeError):
        raise _refuse(path, "its hidden sheet of ids is damaged.") from None
    return heading.get("cohorts", "").split(), entries


def read_attendance_workbook(
    database: Database, path: Path, *, cohort_id: str | None = None
) -> AttendanceImport:
    """The diff of the workbook against ixdesk; nothing is written."""
    path = Path(path)
    sheets, _names = _rows(path)
    cohorts, entries = _meta(path, sheets[META_SHEET])
    if cohort_id is not None and cohort_id not in cohorts:
        raise _refuse(path, "it is a workbook for another cohort.")
    if cohort_id is not None and len(cohorts) > 1:
        raise _refuse(
            path, "it covers several cohorts; read it back with 'ixdesk import attendance', "
            "or write the instructor a workbook of this cohort only."
        )  # fmt: skip
    _check_rows(path, sheets, entries)
    with database.read() as session:
        known = _known(session, cohorts, entries)
        if known is None:
            raise _refuse(
                path, "it names sessions, groups or students this database does not have "
                "(it was written from another database, or they were deleted since)."
            )  # fmt: skip
        names, titles = known
        marks = read_marks(session, sorted({e.a for e in entries if e.kind == MARK}))
        rubrics = fb.rubrics(
            session, sorted({e.a for e in entries if e.kind != MARK and e.kind != ROW})
        )
    found = AttendanceImport(path)
    for entry in entries:
        if entry.kind == ROW:
            continue
        raw = _at(sheets[entry.sheet], entry.cell)
        if entry.kind == MARK:
            workbook_value: Value = _mark(path, entry, raw)
            now = marks.get((entry.b, entry.a))
            current: Value = now.value if now is not None else None
            what = titles[entry.a]
        else:
            workbook_value = _rubric_value(path, entry, raw)
            own = rubrics.get((entry.a, entry.b))
            current = own.value(entry.c) if own is not None else None
            what = entry.c or "Comment"
        base = _base(entry)
        if _same(workbook_value, base) or _same(current, workbook_value):
            found.unchanged += 1
            continue
        shown = [_shown(entry.kind, value) for value in (base, workbook_value, current)]
        diff = CellDiff(entry.sheet, entry.cell, names[entry.b], what, *shown)
        if not _same(current, base):
            found.conflicts.append(diff)
        elif entry.kind == MARK:
            found.changes.append(diff)
            found.marks.append(
                MarkChange(entry.a, entry.b, _as_mark(current), _as_mark(workbook_value))
            )
        else:
            found.changes.append(diff)
            found.rubric.append(fb.RubricChange(entry.a, entry.b, entry.c, current, workbook_value))
    return found


def _same(one: Value, other: Value) -> bool:
    return _text(one) == _text(other)


def _base(entry: _Entry) -> Value:
    if not entry.base:
        return None
    return int(entry.base) if entry.kind == RATING else entry.base


def _as_mark(value: Value) -> AttendanceStatus | None:
    return AttendanceStatus(str(value)) if value else None


def _shown(kind: str, value: Value) -> str:
    if value is None or value == "":
        return "(empty)"
    if kind == MARK:
        return status_label(str(value))
    if kind == RATING:
        return fb.rating_text(int(value))
    return str(value)


_MARKS = {status_label(mark).casefold(): mark.value for mark in AttendanceStatus}
_MARKS |= {mark.value[0]: mark.value for mark in AttendanceStatus}


def _mark(path: Path, entry: _Entry, raw: Any) -> str | None:
    text = _text(raw).casefold()
    if not text:
        return None
    if text not in _MARKS:
        raise _refuse(
            path, f"the sheet “{entry.sheet}”, cell {entry.cell}, holds something that is not "
            "a mark (Present, Late, Absent or Excused)."
        )  # fmt: skip
    return _MARKS[text]


def _rubric_value(path: Path, entry: _Entry, raw: Any) -> Value:
    text = _text(raw)
    if entry.kind == COMMENT:
        return text or None
    if not text:
        return None
    if text not in {str(n) for n in fb.SCALE}:
        raise _refuse(
            path, f"the sheet “{entry.sheet}”, cell {entry.cell}, holds something that is not "
            f"a rating from 1 to {max(fb.SCALE)}."
        )  # fmt: skip
    return int(text)


def _check_rows(path: Path, sheets: dict[str, list[list[Any]]], entries: Sequence[_Entry]) -> None:
    """Every hidden id where it was written, and no row added below or between them."""
    last_rows: dict[str, int] = {}
    for entry in entries:
        if entry.sheet not in sheets:
            raise _refuse(path, f"the sheet “{entry.sheet}” is missing.")
        if entry.kind != ROW:
            continue
        if _text(_at(sheets[entry.sheet], entry.cell)) != entry.a:
            raise _refuse(
                path, f"the hidden ids of the sheet “{entry.sheet}” were changed (cell "
                f"{entry.cell}); rows must stay as ixdesk wrote them."
            )  # fmt: skip
        row = xl_cell_to_rowcol(entry.cell)[0]
        last_rows[entry.sheet] = max(last_rows.get(entry.sheet, row), row)
    for sheet, last in last_rows.items():
        for number, row in enumerate(sheets[sheet][last + 1 :], start=last + 2):
            if any(_text(value) for value in row):
                raise _refuse(
                    path, f"rows were added to the sheet “{sheet}” (row {number}); add "
                    "students in ixdesk and write a new workbook instead."
                )  # fmt: skip


def _known(
    session: Any, cohorts: list[str], entries: Sequence[_Entry]
) -> tuple[dict[str, str], dict[str, str]] | None:
    """Students' names and sessions' titles, or None when any id is not in this database."""
    s, st, g = m.CohortSession, m.Student, m.StudentGroup
    session_ids = {e.a for e in entries if e.kind == MARK}
    group_ids = {e.a for e in entries if e.kind in (RATING, COMMENT)}
    student_ids = {e.b for e in entries if e.kind != ROW} | {e.a for e in entries if e.kind == ROW}
    try:
        titles = {
            str(
                i
            ): f"{title} ({start.astimezone():%a} {start.astimezone().day} {start.astimezone():%b})"
            if start
            else title
            for i, title, start in session.execute(
                select(s.id, s.title, s.starts_at).where(
                    s.id.in_(session_ids), s.cohort_id.in_(cohorts), s.deleted_at.is_(None)
                )
            )
        }
        groups = set(
            str(i)
            for (i,) in session.execute(
                select(g.id).where(
                    g.id.in_(group_ids), g.cohort_id.in_(cohorts), g.deleted_at.is_(None)
                )
            )
        )
        names = {
            str(i): person(first, last, preferred)
            for i, first, last, preferred in session.execute(
                select(st.id, st.first_name, st.last_name, st.preferred_name).where(
                    st.id.in_(student_ids), st.deleted_at.is_(None)
                )
            )
        }
    except (ValueError, SQLAlchemyError):  # an id that is not even a UUID
        return None
    if titles.keys() != session_ids or groups != group_ids or names.keys() != student_ids:
        return None
    return names, titles
