"""The cohort workspace's Attendance tab: the grid of marks, filled with the keyboard.

P, L, A or E marks the selected cells present, late, absent or excused; Delete clears
them; arrows move, and after marking one cell the cursor goes down to the next student,
so a session's column is taken top to bottom. Each change is one step on the undo
stack. The sessions are planned and edited from here too (double-click a session's
header), and the instructor's workbook goes out and comes back through the buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db import models as m
from ixdesk.db.enums import AttendanceStatus
from ixdesk.gui.attendance_model import FIXED, AttendanceModel
from ixdesk.gui.attendance_workbook import export_for_instructor, import_workbook
from ixdesk.gui.feedback_dialog import edit_feedback
from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.operations import Reversible
from ixdesk.gui.session_dialogs import PlanSessionsDialog, SessionDialog
from ixdesk.gui.undo import save_undoably
from ixdesk.gui.workbench import Workbench
from ixdesk.services.instructor_view import instructor_choices
from ixdesk.services.kinds import status_label
from ixdesk.services.operations import delete_record, restore_record, update_record
from ixdesk.services.reads import reads_of
from ixdesk.services.running import attendance as at
from ixdesk.services.running import sessions as ss

CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
MAX_SESSION_WIDTH = 150  # a session's column fits its topic up to this many pixels


class AttendanceTable(QTableView):
    """A table that turns P, L, A, E and Delete into marks for the selected cells."""

    marked = Signal(object)  # an AttendanceStatus, or None to clear

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text().upper()
        if text in at.KEYS and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            self.marked.emit(at.KEYS[text])
            return
        if event.key() in CLEAR_KEYS:
            self.marked.emit(None)
            return
        super().keyPressEvent(event)


class AttendanceView(QWidget):
    """Students × sessions of one cohort (or one of its groups)."""

    HINT = (
        "Keys: P present · L late · A absent · E excused · Delete clears · arrows move. "
        "Double-click a session's header to edit it."
    )

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench, self.database = workbench, workbench.database
        self.cohort_id: str | None = None
        self.grid: at.AttendanceGrid | None = None
        self.model = AttendanceModel()
        self.table = AttendanceTable()
        self.table.setAccessibleName("Attendance")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # keys mark
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setDefaultSectionSize(72)
        self.table.marked.connect(self.mark_selection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        shown = QLabel("&Show:")
        self.scope = QComboBox()
        self.scope.setAccessibleName("Show the students of")
        self.scope.setMinimumContentsLength(14)
        self.scope.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scope.activated.connect(lambda _index: self.refresh())
        shown.setBuddy(self.scope)
        bar.addWidget(shown)
        bar.addWidget(self.scope)
        bar.addStretch(1)
        self._add_tools(bar)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.rates = QLabel()
        self.rates.setAccessibleName("Attendance rates")
        self.rates.setWordWrap(True)
        layout.addWidget(self.rates)
        hint = QLabel(self.HINT)
        hint.setEnabled(False)
        layout.addWidget(hint)
        self.freshness = Freshness(self, workbench, self._catch_up, reads=self.reads())

    def reads(self) -> frozenset[str]:
        """The tables what this view shows is read from."""
        return reads_of(at.attendance_grid)

    def _add_tools(self, bar: QHBoxLayout) -> None:
        """The coordinator's buttons: sessions, feedback and the instructor's workbook."""
        workbench = self.workbench
        self.plan_button = self._button(bar, "&Plan sessions…", "calendar", self.plan_sessions)
        self.edit_button = self._button(bar, "Edit &session…", "edit", self.edit_session)
        self.feedback_button = self._button(bar, "&Feedback…", "edit", self.edit_feedback)
        menu = QMenu(self)
        self.export_action = menu.addAction(
            icon("export"), "&Write a workbook for an instructor…",
            lambda: export_for_instructor(workbench, self.cohort_id),
        )  # fmt: skip
        self.import_action = menu.addAction(
            icon("import"), "&Import an instructor's filled-in workbook…",
            lambda: import_workbook(workbench, self.cohort_id, self),
        )  # fmt: skip
        self.workbook_button = QToolButton()
        self.workbook_button.setText("Instructor &workbook")
        self.workbook_button.setIcon(icon("export"))
        self.workbook_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.workbook_button.setAccessibleName("Instructor workbook")
        self.workbook_button.setToolTip(
            "An Excel workbook of marks and rubric for an instructor who does not run ixdesk"
        )
        self.workbook_button.setMenu(menu)
        self.workbook_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        bar.addWidget(self.workbook_button)
        self.table.horizontalHeader().sectionDoubleClicked.connect(self._header_clicked)

    def _button(
        self, bar: QHBoxLayout, text: str, icon_name: str, slot: Callable[[], object]
    ) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        bar.addWidget(button)
        return button

    # --- what is shown ---
    def set_cohort(self, cohort_id: str) -> None:
        self.cohort_id = cohort_id
        self.scope.setCurrentIndex(0)
        self.refresh()

    def _catch_up(self, _burst: Burst | None) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.grid = self.load()
        if self.grid is None:
            self.model.set_grid(None)
            self._show_rates()
            return
        current = self.table.currentIndex()
        self.model.set_grid(self.grid)
        for column in range(FIXED + len(self.grid.sessions)):  # names, session titles
            self.table.resizeColumnToContents(column)
            if column >= FIXED:
                width = self.table.columnWidth(column)
                self.table.setColumnWidth(column, min(max(width, 72), MAX_SESSION_WIDTH))
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self._show_rates()
        self.freshness.clear()

    def load(self) -> at.AttendanceGrid | None:
        """The grid to show: the cohort's, or the group's chosen under Show."""
        if self.cohort_id is None:
            return None
        group_id = self.scope.currentData()
        whole = at.attendance_grid(self.database, self.cohort_id)
        self._fill_scope(whole, group_id)
        if group_id is None:
            return whole
        return at.attendance_grid(self.database, self.cohort_id, group_id)

    def _fill_scope(self, whole: at.AttendanceGrid, chosen: str | None) -> None:
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem("All students", None)
        for group_id, members in whole.groups().items():
            if group_id is not None:
                self.scope.addItem(members[0].group or "", group_id)
        self.scope.setCurrentIndex(max(self.scope.findData(chosen), 0))
        self.scope.blockSignals(False)

    def _show_rates(self) -> None:
        grid = self.grid
        if grid is None or not grid.students:
            self.rates.setText("No students yet." if grid is not None else "")
            return
        parts = [
            f"{members[0].group or 'Not in a group'} {at.rate_text(grid.rate(members))}"
            for members in grid.groups().values()
        ]
        whole = at.rate_text(grid.rate(grid.students))
        self.rates.setText("Attendance rate: " + " · ".join(parts) + f" · all shown {whole}")

    # --- marking ---
    def mark_selection(self, mark: AttendanceStatus | None) -> None:
        if self.grid is None:
            return
        grid = self.grid
        cells = [
            found for index in self.table.selectedIndexes() if (found := self.model.cell(index))
        ]
        changes = [
            at.MarkChange(session.id, student.id, grid.mark(student.id, session.id), mark)
            for student, session in cells
            if grid.mark(student.id, session.id) != mark
        ]
        current = self.table.currentIndex()
        if changes:
            self._apply(changes, mark)
        if len(cells) == 1 and current.row() + 1 < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row() + 1, current.column()))

    def _apply(self, changes: list[at.MarkChange], mark: AttendanceStatus | None) -> None:
        database, hub = self.database, self.workbench.hub
        what = status_label(mark).lower() if mark is not None else "cleared"
        cells = "1 cell" if len(changes) == 1 else f"{len(changes)} cells"
        label = f"Mark {cells} {what}" if mark is not None else f"Clear {cells}"
        save_undoably(
            self.workbench, lambda cells: at.set_marks(database, cells, hub=hub), changes,
            lambda done: [change.reversed() for change in done],
            title="The attendance was not saved", label=label, source=self,
        )  # fmt: skip

    # --- feedback ---
    def edit_feedback(self) -> None:
        """The feedback of the current student's group (or the group shown, or one asked)."""
        student = self.model.student_at(self.table.currentIndex().row())
        group_id = (student.group_id if student else None) or self.scope.currentData()
        if group_id is None and self.grid is not None:
            groups = [
                (members[0].group or "", key)
                for key, members in self.grid.groups().items()
                if key is not None
            ]
            if not groups:
                self.workbench.dialogs.info("Feedback", "This cohort has no groups yet.")
                return
            group_id = self.workbench.dialogs.choose("Feedback", "Which group's feedback?", groups)
        if group_id is not None:
            edit_feedback(self.workbench, str(group_id), self)

    # --- sessions ---
    def plan_sessions(self) -> None:
        if self.cohort_id is None:
            return
        cohort_id, database, hub = self.cohort_id, self.database, self.workbench.hub
        first = ss.default_first_day(database, cohort_id)
        location = next((s.location for s in (self.grid.sessions if self.grid else [])), None)
        dialog = PlanSessionsDialog(first, location, instructor_choices(database), self)
        if not self.workbench.dialogs.review(dialog):
            return
        pattern = dialog.pattern()
        options = {
            "title": dialog.topic.text(),
            "location": dialog.location.text().strip() or None,
            "instructor_id": dialog.instructor.currentData(),
        }
        self.workbench.operations.run(
            lambda: ss.plan_sessions(database, cohort_id, pattern, hub=hub, **options),
            title="The sessions were not planned",
            source=self,
            undo=lambda made: Reversible(
                f"Plan {len(made)} sessions",
                undo=lambda: [delete_record(database, m.CohortSession, s, hub=hub) for s in made],
                redo=lambda: [restore_record(database, m.CohortSession, s, hub=hub) for s in made],
            ),
            status=lambda made: f"{len(made)} sessions planned.",
        )

    def edit_session(self) -> None:
        session = self.model.session_at(self.table.currentIndex().column())
        if session is None:
            self.workbench.dialogs.info(
                "Edit session", "Choose a cell of the session to edit (its column) first."
            )
            return
        self._edit(session)

    def _header_clicked(self, section: int) -> None:
        session = self.model.session_at(section)
        if session is not None:
            self._edit(session)

    def _edit(self, session: ss.SessionRow) -> None:
        database, hub = self.database, self.workbench.hub
        dialog = SessionDialog(session, instructor_choices(database), self)
        if not self.workbench.dialogs.review(dialog):
            return
        if dialog.delete_requested:
            self._delete(session)
            return
        values = dialog.values()
        before = ss.session_values(
            session.title, session.starts_at, session.ends_at, session.location,
            session.instructor_id,
        )  # fmt: skip

        seen = {"version": session.version}  # what the next save expects to find

        def save(new: dict[str, object]) -> Callable[[], object]:
            def call() -> object:
                saved = update_record(
                    database, m.CohortSession, session.id, seen["version"], new, hub=hub
                )
                seen["version"] = saved.version
                return saved

            return call

        self.workbench.operations.run(
            save(values),
            title="The session was not saved",
            source=self,
            undo=lambda _saved: Reversible(
                f"Edit session {values['title']}", undo=save(before), redo=save(values)
            ),
            status=f"Session {values['title']} saved.",
        )

    def _delete(self, session: ss.SessionRow) -> None:
        """Delete a session (its marks go with it, and come back with Undo)."""
        database, hub = self.database, self.workbench.hub
        marked = at.marks_at(database, session.id)
        if marked and not self.workbench.dialogs.confirm(
            "Delete session",
            f"{session.title} has {marked} attendance marks; they are deleted with it.",
            "Delete",
        ):
            return
        self.workbench.operations.run(
            lambda: delete_record(database, m.CohortSession, session.id, hub=hub),
            title="The session was not deleted",
            source=self,
            undo=lambda _done: Reversible(
                f"Delete session {session.title}",
                undo=lambda: restore_record(database, m.CohortSession, session.id, hub=hub),
                redo=lambda: delete_record(database, m.CohortSession, session.id, hub=hub),
            ),
            status=f"Session {session.title} deleted.",
        )
