"""The auto-build preview: choose a size, look at the proposed groups, adjust, then confirm.

Nothing is saved here; the builder applies :attr:`AutoBuildDialog.proposal`
once the coordinator confirms.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.group_builder.common import COLUMNS, ID_ROLE, student_cell
from ixdesk.gui.icons import icon
from ixdesk.gui.workbench import Workbench
from ixdesk.services import autobuild
from ixdesk.services.groups import CohortInfo, GroupRow, StudentRow
from ixdesk.services.kinds import grade_word

INDEX_ROLE = Qt.ItemDataRole.UserRole + 5


class AutoBuildDialog(QDialog):
    def __init__(
        self,
        cohort: CohortInfo,
        students: Sequence[StudentRow],
        groups: Sequence[GroupRow],
        workbench: Workbench,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.cohort, self.students, self.groups = cohort, students, groups
        self.workbench, self.dialogs = workbench, workbench.dialogs
        self.setWindowTitle("Auto-build groups")
        self.setAccessibleName("Auto-build groups")
        self._build()
        self.size_box.setValue(cohort.group_size or workbench.organisation.group_size)
        self.propose()
        self.resize(920, 640)

    def intro_text(self) -> str:
        noun = "student" if len(self.students) == 1 else "students"
        return (
            f"{len(self.students):,} enrolled {noun} of {self.cohort.name} "
            f"{'is' if len(self.students) == 1 else 'are'} not in a group yet. Auto-build "
            "spreads schools, grades and track interests evenly; existing groups are kept and "
            "topped up first. Nothing is saved until you create the groups."
        )

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.layout_box = layout
        intro = QLabel(self.intro_text())
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        label = QLabel("Students per &group:")
        self.size_box = QSpinBox()
        self.size_box.setRange(autobuild.MIN_SIZE, autobuild.MAX_SIZE)
        self.size_box.setAccessibleName("Students per group")
        label.setBuddy(self.size_box)
        row.addWidget(label)
        row.addWidget(self.size_box)
        self.summary = QLabel()
        self.summary.setAccessibleName("What the proposal does")
        row.addWidget(self.summary, 1)
        layout.addLayout(row)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Proposed groups")
        self.tree.setColumnCount(len(COLUMNS))
        grades = f"{grade_word(self.cohort.audience)}s"
        self.tree.setHeaderLabels(["Group / student", "Schools", grades, "Track interest"])
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        for column, width in enumerate((270, 250, 170)):
            self.tree.setColumnWidth(column, width)
        layout.addWidget(self.tree, 1)
        actions = QHBoxLayout()
        self.move_button = QPushButton(icon("move"), "&Move to group…")
        self.move_button.setToolTip("Move the selected students to another group (Ctrl+M)")
        self.move_button.clicked.connect(self.move_selected)
        QShortcut(QKeySequence("Ctrl+M"), self, self.move_selected)
        actions.addWidget(self.move_button)
        actions.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        actions.addWidget(self.buttons)
        layout.addLayout(actions)
        self.size_box.valueChanged.connect(self.propose)
        self.size_row = row
        self.setTabOrder(self.size_box, self.tree)
        self.setTabOrder(self.tree, self.move_button)
        self.setTabOrder(self.move_button, self.buttons)

    # --- the proposal ---
    def propose(self) -> None:
        self.proposal = autobuild.propose_groups(
            self.students, self.size_box.value(), self.groups, track=self.cohort.track_id
        )
        self._show_all()

    def _show_all(self) -> None:
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._items: dict[int, QTreeWidgetItem] = {}
        for index, group in enumerate(self.proposal.groups):
            if group.added:
                self._items[index] = self._group_item(index)
        self.tree.addTopLevelItems(list(self._items.values()))
        self.tree.expandAll()
        self.tree.setUpdatesEnabled(True)
        self._update_summary()

    def _group_item(self, index: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, INDEX_ROLE, index)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self._fill_group(item, index)
        return item

    def _fill_group(self, item: QTreeWidgetItem, index: int) -> None:
        group = self.proposal.groups[index]
        if group.group_id is None:
            title = f"{group.name} — {group.size} students (new)"
        else:
            title = f"{group.name} — {len(group.existing)} + {len(group.added)} students"
        schools, grades = autobuild.mix(group.members)
        top = f", {schools[0][1]} from {schools[0][0]}" if schools and schools[0][1] > 1 else ""
        chosen = sum(1 for s in group.members if s.track_interest_id == self.cohort.track_id)
        texts = [
            title,
            f"{len(schools)} {'school' if len(schools) == 1 else 'schools'}{top}",
            "grades " + ", ".join(_grade(name, n) for name, n in grades),
            f"{chosen} chose {self.cohort.track}" if self.cohort.track else "",
        ]
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for column, text in enumerate(texts):
            item.setText(column, text)
            item.setToolTip(column, text)
        item.setFont(0, bold)
        item.takeChildren()
        children = [self._student_item(s, True) for s in group.existing]
        children += [self._student_item(s, False) for s in group.added]
        item.addChildren(children)

    def _student_item(self, student: StudentRow, existing: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([student_cell(student, column) for column in range(4)])
        item.setData(0, ID_ROLE, student.id)
        if existing:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(0, "Already in this group")
            font = QFont(self.tree.font())
            font.setItalic(True)
            for column in range(4):
                item.setFont(column, font)
        return item

    def _update_summary(self) -> None:
        self.summary.setText(self.proposal.summary())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        new = len(self.proposal.new_groups)
        ok.setText(f"&Create {new:,} groups" if new != 1 else "&Create 1 group")
        if not new:
            ok.setText("&Place students")
        ok.setEnabled(self.proposal.placed > 0)

    # --- adjusting ---
    def selected_students(self) -> list[str]:
        return [
            str(item.data(0, ID_ROLE))
            for item in self.tree.selectedItems()
            if item.data(0, ID_ROLE) is not None
        ]

    def move_student(self, student_id: str, group_index: int) -> None:
        """Move one proposed student to another group of the proposal."""
        before = self.proposal.placements().get(student_id)
        proposal = self.proposal
        moved = self.workbench.operations.read(
            lambda: proposal.with_move(student_id, group_index), title="Cannot move this student"
        )
        if moved is None:
            return
        self.proposal = moved
        for index in (before, group_index):
            if index is None:
                continue
            item = self._items.get(index)
            if item is None:
                item = self._items[index] = self._group_item(index)
                self.tree.insertTopLevelItem(sum(1 for known in self._items if known < index), item)
            else:
                self._fill_group(item, index)
            item.setExpanded(True)
        self._update_summary()

    def move_selected(self) -> None:
        students = self.selected_students()
        if not students:
            self.dialogs.info("Move to group", "Select the students to move first.")
            return
        choices = [
            (f"{group.name} ({group.size} students)", str(index))
            for index, group in enumerate(self.proposal.groups)
        ]
        noun = "student" if len(students) == 1 else "students"
        chosen = self.dialogs.choose("Move to group", f"Move {len(students)} {noun} to:", choices)
        if chosen is None:
            return
        for student_id in students:
            self.move_student(student_id, int(chosen))


def _grade(name: str, count: int) -> str:
    """ "10 ×2" for two students in grade 10, "9" for one."""
    grade = name.removeprefix("grade ")
    return f"{grade} ×{count}" if count > 1 else grade
