"""The instructor's attendance workbook from the Attendance tab: written, and read back.

Writing asks which of the cohort's instructors it is for and where to save, then writes
on a worker thread like every export. Reading it back shows the diff first: the cells
the instructor changed (ixdesk's value beside the workbook's) and the conflicts (the
value when written, the workbook's and ixdesk's, side by side). Applying saves exactly
the changed cells in one step, which Undo takes back. A file that cannot be read back
is said in one sentence; nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui import exports
from ixdesk.gui.settings import remember, remembered_folder
from ixdesk.gui.undo import save_undoably
from ixdesk.gui.workbench import Workbench
from ixdesk.services.attention import cohort_name
from ixdesk.services.privacy.profiles import INSTRUCTOR
from ixdesk.services.running.attendance import cohort_instructors

if TYPE_CHECKING:  # the reader loads the Excel libraries: only once a workbook is read
    from ixdesk.services.running.attendance_import import AttendanceImport

TITLE_OUT = "Attendance workbook for an instructor"
TITLE_IN = "Import an instructor's workbook"
FOLDER_KEY = "attendance/folder"
CHANGE_HEADERS = (
    "Sheet",
    "Cell",
    "Student",
    "Session or skill",
    "In ixdesk now",
    "In the workbook",
)
CONFLICT_HEADERS = (
    "Sheet", "Cell", "Student", "Session or skill", "When written", "In the workbook",
    "In ixdesk now (kept)",
)  # fmt: skip


def export_for_instructor(workbench: Workbench, cohort_id: str | None) -> object:
    """Ask which instructor, then write their workbook for this cohort."""
    if cohort_id is None:
        return None
    database = workbench.database
    choices = cohort_instructors(database, cohort_id)
    if not choices:
        workbench.dialogs.info(
            TITLE_OUT, "No instructor leads or assists a group of this cohort yet."
        )
        return None
    instructor_id = workbench.dialogs.choose(TITLE_OUT, "Which instructor's workbook?", choices)
    if instructor_id is None:
        return None
    name = next(label for label, key in choices if key == instructor_id).split(" · ")[0]
    cohort = cohort_name(database, cohort_id)

    def write(path: Path, progress: exports.Progress, cancelled: exports.Cancelled) -> Path:
        from ixdesk.services.running.attendance_book import export_attendance_workbook

        return export_attendance_workbook(
            database, instructor_id, path, cohort_id=cohort_id, progress=progress,
            cancelled=cancelled,
        )  # fmt: skip

    return exports.run_export(
        workbench, TITLE_OUT, f"{cohort} attendance {name}.xlsx",
        f"The attendance workbook for {name}", write, INSTRUCTOR,
    )  # fmt: skip


def import_workbook(workbench: Workbench, cohort_id: str | None, parent: QWidget) -> bool:
    """Ask for the file, show the diff, apply the changed cells on OK; True when applied."""
    from ixdesk.services.running import attendance_import as ai

    if cohort_id is None:
        return False
    chosen = workbench.dialogs.open_file(
        TITLE_IN, "Excel workbook (*.xlsx)", str(remembered_folder(FOLDER_KEY))
    )
    if not chosen:
        return False
    path = Path(chosen)
    remember(FOLDER_KEY, str(path.parent))
    database, hub = workbench.database, workbench.hub
    found = workbench.operations.read(
        lambda: ai.read_attendance_workbook(database, path, cohort_id=cohort_id),
        title=TITLE_IN,
    )
    if found is None:
        return False
    if not found.changes and not found.conflicts:
        workbench.dialogs.info(
            TITLE_IN, f"{path.name}: nothing to change; ixdesk already holds every cell of it."
        )
        return False
    if not workbench.dialogs.review(WorkbookDiffDialog(found, parent)) or not found.changes:
        return False
    return save_undoably(
        workbench, lambda cells: ai.save_cells(database, cells, hub=hub),
        ai.CellChanges(tuple(found.marks), tuple(found.rubric)), lambda done: done.reversed(),
        title="The workbook was not imported", label=f"Import {path.name}", source=parent,
        status=f"{path.name}: {found.summary()}",
    )  # fmt: skip


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(row, column, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class WorkbookDiffDialog(QDialog):
    """What the workbook changes, cell by cell, and where both sides changed a cell."""

    def __init__(self, found: AttendanceImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE_IN)
        layout = QVBoxLayout(self)
        summary = QLabel(f"{found.path.name}: {found.summary()}")
        summary.setAccessibleName("Summary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        changes = [
            (d.sheet, d.cell, d.student, d.what, d.current, d.workbook) for d in found.changes
        ]
        self.changes = _table(CHANGE_HEADERS, changes, "Changes")
        layout.addWidget(QLabel("Cells the instructor changed (these are saved):"))
        layout.addWidget(self.changes, 2)
        conflicts = [
            (d.sheet, d.cell, d.student, d.what, d.base, d.workbook, d.current)
            for d in found.conflicts
        ]
        self.conflicts = _table(CONFLICT_HEADERS, conflicts, "Conflicts")
        note = QLabel(
            "Conflicts: cells changed in the workbook and in ixdesk since it was written. "
            "ixdesk keeps its own value; change the cell in the grid if the workbook is right."
        )
        note.setWordWrap(True)
        for widget in (note, self.conflicts):
            widget.setVisible(bool(conflicts))
        layout.addWidget(note)
        layout.addWidget(self.conflicts, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton(
            "&Save the changed cells", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setEnabled(bool(changes))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(980, 520)
