"""A student's ranking of business problems for a cohort, on the student's card.

The list is in order of preference, first choice first: drag a problem to
reorder (or Ctrl+Up / Ctrl+Down), add one from the list of business
problems, remove the selected one. Every change is saved at once as one
undo step (:func:`ixdesk.services.matching.choices.set_choices`), and the
match reads it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.operations import Reversible
from ixdesk.gui.workbench import Workbench
from ixdesk.services.matching.choices import (
    CohortChoices,
    problem_titles,
    set_choices,
    student_choices,
)
from ixdesk.services.matching.plan import ordinal
from ixdesk.services.reads import reads_of

ID_ROLE = Qt.ItemDataRole.UserRole + 20
LABEL_ROLE = Qt.ItemDataRole.UserRole + 21
SHOWN_ROWS = 3  # the list never shrinks below this many rows


def _label(title: str, company: str | None) -> str:
    return f"{title} — {company}" if company else title


class ProblemChoices(QWidget):
    """The ranked business problems of the student shown, one cohort at a time."""

    READS = reads_of(student_choices, problem_titles)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench, self.database = workbench, workbench.database
        self.student_id: str | None = None
        self.cohorts: list[CohortChoices] = []
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel("Business problems &ranked for")
        self.cohort = QComboBox()
        self.cohort.setAccessibleName("Cohort of the ranking")
        self.cohort.currentIndexChanged.connect(self._show_list)
        self.title.setBuddy(self.cohort)
        top.addWidget(self.title)
        top.addWidget(self.cohort, 1)
        layout.addLayout(top)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.list = QListWidget()
        self.list.setAccessibleName("Business problems in order of preference")
        self.list.setAccessibleDescription(
            "First choice first; drag to reorder, or Ctrl+Up and Ctrl+Down"
        )
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self._dropped)
        self.list.currentRowChanged.connect(self._refresh_buttons)
        rows = self.list.fontMetrics().height() + 6
        self.list.setMinimumHeight(rows * SHOWN_ROWS + 2 * self.list.frameWidth())
        layout.addWidget(self.list, 1)
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda step=step: self.move_current(step))
        buttons = QHBoxLayout()
        self.adding = QComboBox()
        self.adding.setAccessibleName("Business problem to add to the ranking")
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add the business problem as the next choice")
        self.add_button.clicked.connect(self.add_chosen)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the selected business problem")
        self.remove_button.clicked.connect(self.remove_current)
        buttons.addWidget(self.adding, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)
        self.show_for(None)

    # --- loading ---
    def show_for(self, student_id: str | None) -> None:
        """Show this student's rankings (None: a student not saved yet)."""
        self.student_id = student_id
        chosen = self.cohort.currentData()
        self.cohorts = [] if student_id is None else student_choices(self.database, student_id)
        self._filling = True
        self.cohort.clear()
        for each in self.cohorts:
            self.cohort.addItem(each.cohort, each.cohort_id)
        found = self.cohort.findData(chosen)
        self.cohort.setCurrentIndex(max(found, 0))
        self._filling = False
        self._show_list()

    def _current(self) -> CohortChoices | None:
        index = self.cohort.currentIndex()
        return self.cohorts[index] if 0 <= index < len(self.cohorts) else None

    def _show_list(self) -> None:
        if self._filling:
            return
        current = self._current()
        self.list.clear()
        ranked = current.problems if current else ()
        for problem_id, title, company in ranked:
            item = QListWidgetItem()
            item.setData(ID_ROLE, problem_id)
            item.setData(LABEL_ROLE, _label(title, company))
            self.list.addItem(item)
        self._number()
        taken = {problem_id for problem_id, _title, _company in ranked}
        self.adding.clear()
        if current is not None:
            for problem_id, title, company in problem_titles(self.database):
                if problem_id not in taken:
                    self.adding.addItem(_label(title, company), problem_id)
        if self.student_id is None:
            self.note.setText("Save the student first; then rank business problems here.")
        else:
            self.note.setText("Enrol the student in a cohort to rank business problems for it.")
        # Without a cohort there is nothing to rank: the sentence alone says why.
        for widget in (self.list, self.adding, self.add_button, self.remove_button):
            widget.setVisible(current is not None)
        self.note.setVisible(current is None)
        self.list.setToolTip(
            "First choice first; drag to reorder (or Ctrl+Up and Ctrl+Down)"
            if ranked
            else "No business problem ranked yet: add the first choice below"
        )
        self.cohort.setEnabled(current is not None)
        self._refresh_buttons()

    def _number(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(f"{ordinal(row + 1)} choice: {item.data(LABEL_ROLE)}")

    def _refresh_buttons(self) -> None:
        current = self._current()
        self.add_button.setEnabled(current is not None and self.adding.count() > 0)
        self.adding.setEnabled(current is not None and self.adding.count() > 0)
        self.remove_button.setEnabled(current is not None and self.list.currentRow() >= 0)

    def ranked_ids(self) -> list[str]:
        return [str(self.list.item(row).data(ID_ROLE)) for row in range(self.list.count())]

    # --- changes ---
    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        order = self.ranked_ids()
        order.insert(target, order.pop(row))
        self._save(order, f"Move a choice of business problem to {ordinal(target + 1)}", target)

    def add_chosen(self) -> None:
        problem_id = self.adding.currentData()
        if problem_id is None:
            return
        order = [*self.ranked_ids(), str(problem_id)]
        self._save(order, "Add a choice of business problem", len(order) - 1)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        order = self.ranked_ids()
        order.pop(row)
        self._save(order, "Remove a choice of business problem", min(row, len(order) - 1))

    def _dropped(self) -> None:
        self._save(self.ranked_ids(), "Reorder the choices of business problems", None)

    def _save(self, order: list[str], text: str, select: int | None) -> None:
        current = self._current()
        if current is None or self.student_id is None:
            return
        database, hub = self.database, self.workbench.hub
        student_id, cohort_id = self.student_id, current.cohort_id

        def step(before: list[str]) -> Reversible:
            return Reversible(
                text,
                undo=lambda: set_choices(database, cohort_id, student_id, before, hub=hub),
                redo=lambda: set_choices(database, cohort_id, student_id, order, hub=hub),
            )

        self.workbench.operations.run(
            lambda: set_choices(database, cohort_id, student_id, order, hub=hub),
            title="The ranking was not saved",
            source=self,
            undo=step,
            status=f"{text} for {current.cohort}. Undo with Ctrl+Z.",
        )
        self.show_for(student_id)  # the saved order (or the one kept, when refused)
        if select is not None and 0 <= select < self.list.count():
            self.list.setCurrentRow(select)
