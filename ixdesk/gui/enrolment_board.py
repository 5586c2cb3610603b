"""The enrolment board: one column per enrolment state, students moved between them.

Students move by drag and drop, by Ctrl+Shift+1…6 ("Move to…") or from the
context menu, one or many at a time; the waitlist is reordered by dragging
within it or with Alt+Up / Alt+Down. Every move is one command on the shared
undo stack, and undo puts statuses, waitlist order and group memberships back
exactly. Applications are listed first come, first served; the waitlist in
its order; the other columns by name.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import RecordNotFoundError
from ixdesk.gui.enrolment_columns import ROW_ROLE, EnrolmentColumn, EnrolmentListModel
from ixdesk.gui.enrolment_moves import EnrolmentMoves
from ixdesk.gui.freshness import Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.search_keys import down_into_results
from ixdesk.gui.workbench import Workbench
from ixdesk.services.enrolment import (
    BOARD_STATUSES,
    BoardRow,
    EnrolmentChange,
    cohort_details,
    enrolment_board,
)
from ixdesk.services.kinds import grade_word, status_label
from ixdesk.services.reads import reads_of
from ixdesk.services.record_kinds import Kind
from ixdesk.services.search import search_terms

ES = EnrolmentStatus


class EnrolmentBoard(QWidget):
    open_record = Signal(str, str)  # "students", student id

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.database, self.dialogs = workbench.database, workbench.dialogs
        self.moves = EnrolmentMoves(workbench, self)
        self.cohort_id: str | None = None
        self.capacity: int | None = None
        self._syncing = False
        self.columns: dict[EnrolmentStatus, EnrolmentColumn] = {}
        self._build()
        self.freshness = Freshness(
            self,
            workbench,
            lambda _burst: self.reload() if self.cohort_id is not None else None,
            reads=reads_of(cohort_details, enrolment_board),
        )
        self.setEnabled(False)

    # --- construction ---
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search students in every column…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the enrolment board")
        self.search.textChanged.connect(self._search_changed)
        bar.addWidget(self.search, 1)
        self._build_actions()
        self.move_button = QToolButton()
        self.move_button.setText("Move to…")
        self.move_button.setAccessibleName("Move the selected students to")
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.move_button.setIcon(icon("move"))
        self.move_menu = QMenu("Move to", self)
        self.move_menu.addActions(list(self.move_actions.values()))
        self.move_button.setMenu(self.move_menu)
        bar.addWidget(self.move_button)
        buttons = [self.move_button]
        for action in (self.up_action, self.down_action, self.add_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            bar.addWidget(button)
            buttons.append(button)
        layout.addLayout(bar)
        lanes = QHBoxLayout()
        lanes.setSpacing(8)
        for status in BOARD_STATUSES:
            model = EnrolmentListModel(status, self._dropped)
            column = EnrolmentColumn(status, model)
            view = column.view
            view.selectionModel().selectionChanged.connect(
                lambda *_args, s=status: self._selection_changed(s)
            )
            view.activated.connect(self._activated)
            view.customContextMenuRequested.connect(
                lambda point, s=status: self._context_menu(s, point)
            )
            self.columns[status] = column
            lanes.addWidget(column, 1)
        layout.addLayout(lanes, 1)
        down_into_results(self.search, self._first_with_students)
        chain: list[QWidget] = [self.search, *buttons]
        chain += [column.view for column in self.columns.values()]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)
        self._update_actions()

    def _first_with_students(self) -> QListView | None:
        """The first column that shows someone (where Down from the search goes)."""
        return next((c.view for c in self.columns.values() if c.model.rowCount()), None)

    def _action(self, text: str, keys: str, slot: Callable[[], None], name: str = "") -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text.rstrip('…')} ({action.shortcut().toString()})")
        if name:
            action.setIcon(icon(name))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.move_actions: dict[EnrolmentStatus, QAction] = {}
        for number, status in enumerate(BOARD_STATUSES, start=1):
            self.move_actions[status] = self._action(
                status_label(status),
                f"Ctrl+Shift+{number}",
                partial(self.move_selected, status),
            )
        self.up_action = self._action("Move up", "Alt+Up", lambda: self.move_in_waitlist(-1), "up")
        self.down_action = self._action(
            "Move down", "Alt+Down", lambda: self.move_in_waitlist(1), "down"
        )
        self.add_action = self._action("Add students…", "Ctrl+Shift+A", self.add_students, "new")
        self.open_action = self._action("Open student", "", self._open_current, "student")
        self.find_action = self._action("Find", "Ctrl+F", self.focus_search)

    # --- loading ---
    def set_cohort(self, cohort_id: str | None) -> None:
        self.cohort_id = cohort_id
        for column in self.columns.values():
            column.model.cohort_id = cohort_id or ""
            column.view.clearSelection()
        self.reload()

    def reload(self) -> None:
        self.freshness.clear()
        rows: list[BoardRow] = []
        try:
            details = cohort_details(self.database, self.cohort_id) if self.cohort_id else None
        except RecordNotFoundError:  # deleted meanwhile
            details = self.cohort_id = None
        self.capacity = details.capacity if details is not None else None
        if details is not None:
            rows = enrolment_board(self.database, details.id)
            for column in self.columns.values():
                column.model.grade_word = grade_word(details.audience)
        self.setEnabled(self.cohort_id is not None)
        kept = {status: self.selected_ids(status) for status in self.columns}
        self._syncing = True
        for status, column in self.columns.items():
            column.model.set_rows([row for row in rows if row.status == status])
            self._select(status, kept[status])
        self._syncing = False
        self._update_counts()
        self._update_actions()

    def _update_counts(self) -> None:
        for column in self.columns.values():
            column.show_count(self.capacity)

    # --- search and selection ---
    def _search_changed(self, text: str) -> None:
        terms = search_terms(text)
        self._syncing = True
        for status, column in self.columns.items():
            kept = self.selected_ids(status)
            column.model.set_search(terms)
            self._select(status, kept)
        self._syncing = False
        self._update_counts()
        self._update_actions()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_status(self) -> EnrolmentStatus | None:
        """The column whose students are selected (one column at a time)."""
        for status, column in self.columns.items():
            if column.view.selectionModel().hasSelection():
                return status
        return None

    def selected_ids(self, status: EnrolmentStatus) -> list[str]:
        return self.columns[status].selected_ids()

    def _select(self, status: EnrolmentStatus, ids: list[str], focus: bool = False) -> None:
        self.columns[status].select(ids, focus)

    def _selection_changed(self, status: EnrolmentStatus) -> None:
        """Selecting in one column clears the others: a move takes one column's students."""
        if not self._syncing and self.columns[status].view.selectionModel().hasSelection():
            self._syncing = True
            for other, column in self.columns.items():
                if other != status:
                    column.view.clearSelection()
            self._syncing = False
        self._update_actions()

    def _update_actions(self) -> None:
        status = self.selected_status()
        for target, action in self.move_actions.items():
            action.setEnabled(status is not None and target != status)
        self.move_button.setEnabled(status is not None)
        on_waitlist = status == ES.WAITLISTED
        self.up_action.setEnabled(on_waitlist)
        self.down_action.setEnabled(on_waitlist)
        self.open_action.setEnabled(status is not None)

    # --- moves ---
    def _after(self, change: EnrolmentChange | None) -> bool:
        """After a refusal, show the board as it is again (a drop may have moved a row)."""
        if change is None:
            self.reload()
        return change is not None

    def _who(self, status: EnrolmentStatus, ids: list[str]) -> str:
        if len(ids) == 1:
            model = self.columns[status].model
            row = model.row_of(ids[0])
            if row is not None:
                return model.row_at(row).name
        return f"{len(ids):,} students"

    def move_enrolments(
        self, ids: list[str], source: EnrolmentStatus, target: EnrolmentStatus
    ) -> bool:
        """Move enrolments (all from ``source``) to ``target``."""
        cohort_id = self.cohort_id
        if cohort_id is None or not ids or source == target:
            return False
        label = f"Move {self._who(source, ids)} to {status_label(target)}"
        return self._after(self.moves.set_status(cohort_id, ids, target, label))

    def move_selected(self, target: EnrolmentStatus) -> None:
        source = self.selected_status()
        if source is None or source == target:
            return
        view = self.columns[source].view
        row = min((index.row() for index in view.selectionModel().selectedIndexes()), default=0)
        had_focus = view.hasFocus()
        if self.move_enrolments(self.selected_ids(source), source, target):
            # Stay in the column, on the next student, to keep working down it.
            model = self.columns[source].model
            if model.rowCount():
                next_id = model.row_at(min(row, model.rowCount() - 1)).enrolment_id
                self._select(source, [next_id], focus=had_focus)

    def move_in_waitlist(self, delta: int) -> None:
        if self.cohort_id is None or self.selected_status() != ES.WAITLISTED:
            return
        ids = self.selected_ids(ES.WAITLISTED)
        model = self.columns[ES.WAITLISTED].model
        positions = [
            row.waitlist_position or 0 for row in model.all_rows() if row.enrolment_id in ids
        ]
        if not positions:
            return
        new_position = min(positions) + delta
        if new_position < 1 or new_position + len(ids) - 1 > model.total_count:
            return
        direction = "up" if delta < 0 else "down"
        self._reorder(ids, new_position, f"Move {self._who(ES.WAITLISTED, ids)} {direction}")

    def _reorder(self, ids: list[str], new_position: int, label: str) -> bool:
        cohort_id = self.cohort_id
        if cohort_id is None:
            return False
        done = self._after(
            self.moves.reorder(cohort_id, ids, new_position, label + " the waitlist")
        )
        if done:
            self._select(ES.WAITLISTED, ids, focus=True)
        return done

    def _dropped(
        self,
        target: EnrolmentStatus,
        source: EnrolmentStatus,
        ids: list[str],
        before_row: int | None,
    ) -> bool:
        """A drop: another column's students move here; the waitlist's own reorder."""
        if target != source:
            QTimer.singleShot(0, lambda: self.move_enrolments(ids, source, target))
            return True
        if target != ES.WAITLISTED:
            return False
        model = self.columns[ES.WAITLISTED].model
        before = None if before_row is None else model.row_at(before_row).enrolment_id
        rest = [row.enrolment_id for row in model.all_rows() if row.enrolment_id not in ids]
        if before in ids:
            return False  # dropped onto itself
        new_position = (rest.index(before) if before is not None else len(rest)) + 1
        label = f"Move {self._who(ES.WAITLISTED, ids)} to place {new_position} on"
        QTimer.singleShot(0, lambda: self._reorder(ids, new_position, label))
        return True

    def add_students(self) -> None:
        """Pick students not yet in the cohort and add them with the chosen status."""
        cohort_id = self.cohort_id
        if cohort_id is None:
            return
        from ixdesk.gui.student_picker import StudentPickerDialog

        picker = StudentPickerDialog(self.database, cohort_id, self)
        if picker.exec() != StudentPickerDialog.DialogCode.Accepted:
            return
        self.add(picker.chosen_ids(), picker.chosen_status())

    def add(self, student_ids: list[str], status: EnrolmentStatus) -> bool:
        cohort_id = self.cohort_id
        if cohort_id is None or not student_ids:
            return False
        count = len(student_ids)
        label = f"Add {count:,} student{'s' if count != 1 else ''} as {status_label(status)}"
        return self._after(self.moves.add(cohort_id, student_ids, status, label))

    # --- opening and menus ---
    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, BoardRow):
            self.open_record.emit(Kind.STUDENTS, row.student_id)

    def _open_current(self) -> None:
        status = self.selected_status()
        if status is not None:
            view: QListView = self.columns[status].view
            self._activated(view.currentIndex())

    def _context_menu(self, status: EnrolmentStatus, point: QPoint) -> None:
        view = self.columns[status].view
        index = view.indexAt(point)
        if index.isValid() and not view.selectionModel().isSelected(index):
            view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        moves = menu.addMenu(icon("move"), "Move to")
        moves.addActions(list(self.move_actions.values()))
        if status == ES.WAITLISTED:
            menu.addAction(self.up_action)
            menu.addAction(self.down_action)
        menu.addSeparator()
        menu.addAction(self.add_action)
        menu.exec(view.viewport().mapToGlobal(point))
