"""The match preview: groups formed around the problems students ranked, with the figures.

Built on the auto-build preview (:class:`AutoBuildDialog`): the same tree of
proposed groups, the same Move to group… (Ctrl+M), the same buttons. Beside
the tree: the priority distribution of the match against the groups as they
are now, and for the selected student why they got their problem. Nothing is
saved here; the builder saves :attr:`MatchDialog.plan` once it is accepted.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.errors import IxdeskError
from ixdesk.gui.group_builder.common import ID_ROLE
from ixdesk.gui.group_builder.match_chart import ChoiceChart
from ixdesk.gui.group_builder.preview import INDEX_ROLE, AutoBuildDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services import matching
from ixdesk.services.groups import CohortInfo, GroupRow, StudentRow
from ixdesk.services.matching.loading import load_setup
from ixdesk.services.matching.why import why

MATCH_SECONDS = 10.0


class MatchDialog(AutoBuildDialog):
    def __init__(
        self,
        cohort: CohortInfo,
        students: Sequence[StudentRow],
        groups: Sequence[GroupRow],
        workbench: Workbench,
        parent: QWidget | None = None,
    ) -> None:
        self.plan: matching.MatchPlan | None = None
        self.problem_words: str = ""
        self._ready = False  # the first match runs once, when the dialog is built
        super().__init__(cohort, students, groups, workbench, parent)
        self._ready = True
        self.propose()
        self.setWindowTitle("Match students to business problems")
        self.setAccessibleName("Match students to business problems")
        self.resize(1180, 700)

    def intro_text(self) -> str:
        return (
            f"Groups for {self.cohort.name} formed around the business problems the students "
            "ranked: as few students as possible far from their wishes (the sum of squared "
            "ranks is as small as it can be), then schools, grades and track interests spread "
            "as auto-build spreads them. Locked groups and students stay. Nothing is saved "
            "until you accept the match; Ctrl+Z undoes it."
        )

    def _build(self) -> None:
        super()._build()
        self.leads_box = QCheckBox("Use the groups' &lead instructors")
        self.leads_box.setToolTip(
            "Fill only the existing groups; students under 18 only in groups whose lead "
            "instructor's safeguarding check covers the cohort's dates"
        )
        self.size_row.insertWidget(2, self.leads_box)
        self.leads_box.toggled.connect(self.propose)
        rules_row = QHBoxLayout()
        self.rules_edit = QLineEdit()
        self.rules_edit.setPlaceholderText(
            "none; e.g. school<=2; grade=12>=1 (at most 2 of one school, at least 1 in grade 12)"
        )
        self.rules_edit.setAccessibleName("Group rules")
        self.rules_edit.setToolTip(
            "Limits every group keeps, separated by semicolons: school, grade or "
            "track_interest, then <= or >= a number; name one value with ="
        )
        self.rules_edit.editingFinished.connect(self._rules_changed)
        rules_label = QLabel("Group &rules:")
        rules_label.setBuddy(self.rules_edit)
        rules_row.addWidget(rules_label)
        rules_row.addWidget(self.rules_edit, 1)
        self.layout_box.insertLayout(self.layout_box.indexOf(self.tree), rules_row)
        self._rules_text = ""
        index = self.layout_box.indexOf(self.tree)
        self.layout_box.removeWidget(self.tree)
        side = QWidget()
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Choices students got</b> — the match, and (grey) the groups now")
        box.addWidget(heading)
        self.chart = ChoiceChart()
        box.addWidget(self.chart)
        self.why_label = QLabel("Select a student to see why they got their problem.")
        self.why_label.setWordWrap(True)
        self.why_label.setAccessibleName("Why this problem")
        self.why_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.why_label)
        box.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.layout_box.insertWidget(index, self.splitter, 1)
        self.tree.setHeaderLabels(["Group / student", "Choice", "School", "Grade"])
        for column, width in enumerate((250, 95, 170)):
            self.tree.setColumnWidth(column, width)
        self.tree.currentItemChanged.connect(self._show_why)

    # --- the match ---
    def propose(self) -> None:
        if not self._ready:
            return
        database, cohort = self.workbench.database, self.cohort
        size, leads = self.size_box.value(), self.leads_box.isChecked()
        texts = [part for part in self.rules_edit.text().split(";") if part.strip()]
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan, self.problem_words = None, ""
            try:
                rules = [matching.Rule.parse(text) for text in texts]
                setup = load_setup(database, cohort.id, size, use_leads=leads, rules=rules)
                self.plan = matching.match(setup, seconds=MATCH_SECONDS)
            except IxdeskError as error:  # a conflict or a refusal is said in the dialog
                self.problem_words = str(error)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_all()

    def _rules_changed(self) -> None:
        if self.rules_edit.text() != self._rules_text:
            self._rules_text = self.rules_edit.text()
            self.propose()

    def _show_all(self) -> None:
        self.tree.clear()
        self._items: dict[int, QTreeWidgetItem] = {}
        plan = self.plan
        if plan is not None:
            for index, group in enumerate(plan.groups):
                if group.members:
                    self._items[index] = self._group_item(index)
            self.tree.addTopLevelItems(list(self._items.values()))
            self.tree.expandAll()
        self._update_summary()

    def _fill_group(self, item: QTreeWidgetItem, index: int) -> None:
        assert self.plan is not None
        setup, group = self.plan.setup, self.plan.groups[index]
        problem = setup.problem(group.problem_id)
        what = "locked" if group.locked else ("new" if group.group_id is None else "existing")
        title = problem.title if problem else "no business problem"
        item.setText(0, f"{group.name} — {title} ({len(group.members)}, {what})")
        item.setToolTip(0, item.text(0))
        item.setFirstColumnSpanned(True)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        item.setFont(0, bold)
        item.takeChildren()
        for student_id in group.members:
            candidate = setup.candidate(student_id)
            if candidate is None:
                continue
            rank = candidate.ranks.get(group.problem_id or "")
            child = QTreeWidgetItem(
                [
                    candidate.student.name,
                    f"{matching.ordinal(rank)} choice" if rank else "not ranked",
                    candidate.student.school or "",
                    "" if candidate.student.grade is None else str(candidate.student.grade),
                ]
            )
            child.setData(0, ID_ROLE, student_id)
            if group.locked or candidate.fixed:
                child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                child.setToolTip(0, "Locked: stays in this group")
            item.addChild(child)

    def _update_summary(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Accept match")
        plan = self.plan
        if plan is None:
            self.summary.setText(self.problem_words)
            self.summary.setWordWrap(True)
            self.chart.set_rows([])
            ok.setEnabled(False)
            return
        self.summary.setText(plan.summary())
        now = dict(matching.distribution(plan.setup, matching.current_problems(plan.setup)))
        rows = matching.distribution(plan.setup, plan.problem_of())
        self.chart.set_rows([(label, count, now.get(label)) for label, count in rows])
        ok.setEnabled(bool(plan.placements()))

    def _show_why(self, current: QTreeWidgetItem | None) -> None:
        student_id = current.data(0, ID_ROLE) if current is not None else None
        if self.plan is None or not student_id:
            self.why_label.setText("Select a student to see why they got their problem.")
            return
        name = self.plan.setup.name_of(str(student_id))
        reason = why(self.plan, str(student_id))
        self.why_label.setText(f"<b>{html.escape(name)}</b>: {html.escape(reason)}")

    # --- adjusting ---
    def move_student(self, student_id: str, group_index: int) -> None:
        plan = self.plan
        if plan is None:
            return
        moved = self.workbench.operations.read(
            lambda: plan.with_move(student_id, group_index), title="Cannot move this student"
        )
        if moved is not None:
            self.plan = moved
            self._show_all()

    def move_selected(self) -> None:
        students = self.selected_students()
        if not students or self.plan is None:
            self.dialogs.info("Move to group", "Select the students to move first.")
            return
        choices = [
            (f"{group.name} ({len(group.members)} students)", str(index))
            for index, group in enumerate(self.plan.groups)
            if not group.locked
        ]
        noun = "student" if len(students) == 1 else "students"
        chosen = self.dialogs.choose("Move to group", f"Move {len(students)} {noun} to:", choices)
        if chosen is not None:
            for student_id in students:
                self.move_student(student_id, int(chosen))

    def group_index_of(self, item: QTreeWidgetItem) -> int | None:
        value = item.data(0, INDEX_ROLE)
        return None if value is None else int(value)
