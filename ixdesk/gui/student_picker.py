"""Pick students who are not yet in a cohort, to add them to it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db.engine import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.gui.kind_views import view_columns
from ixdesk.gui.record_model import RecordTableModel
from ixdesk.gui.record_table import record_table
from ixdesk.gui.search_keys import down_into_results
from ixdesk.services.enrolment import cohort_details, students_in_cohort
from ixdesk.services.kinds import KINDS, status_label
from ixdesk.services.record_kinds import Kind
from ixdesk.services.tables import TableRows, load_table

ES = EnrolmentStatus
ADD_AS = (ES.APPLIED, ES.ACCEPTED, ES.WAITLISTED, ES.ENROLLED)
HIDDEN_COLUMNS = ("phone", "date_of_birth")


def students_outside(database: Database, cohort_id: str) -> TableRows:
    """Every live student without a live enrolment in the cohort."""
    inside = students_in_cohort(database, cohort_id)
    table = load_table(database, KINDS[Kind.STUDENTS])
    keep = [i for i, student_id in enumerate(table.ids) if student_id not in inside]
    return TableRows([table.ids[i] for i in keep], [table.rows[i] for i in keep])


class StudentPickerDialog(QDialog):
    """A searchable, multi-select table of the students not in the cohort, and a status."""

    def __init__(self, database: Database, cohort_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name = cohort_details(database, cohort_id).name
        self.setWindowTitle(f"Add students to {name}")
        self.setAccessibleName("Add students")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose the students to add (Ctrl or Shift + click for several). Students "
            "already in this cohort are not listed."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name, email or school…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search students")
        layout.addWidget(self.search)
        self.model = RecordTableModel(view_columns(Kind.STUDENTS))
        self.model.set_rows(students_outside(database, cohort_id))
        self.table = record_table(self.model, "Students not in this cohort")
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.model.columns):
            header.resizeSection(index, min(column.width, 200))
            self.table.setColumnHidden(index, column.key in HIDDEN_COLUMNS)
        layout.addWidget(self.table, 1)
        down_into_results(self.search, self.table)
        form = QFormLayout()
        self.status = QComboBox()
        self.status.setAccessibleName("Add them as")
        for status in ADD_AS:
            self.status.addItem(status_label(status), str(status))
        form.addRow("Add them &as:", self.status)
        layout.addLayout(form)
        self.count = QLabel()
        self.count.setAccessibleName("Students chosen")
        layout.addWidget(self.count)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            "Add students", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self._search_changed)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.status)
        self.setTabOrder(self.status, self.buttons)
        self.resize(1040, 580)
        self._update()
        self.search.setFocus()
        QTimer.singleShot(0, self.model.prepare_search)

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._update()

    def _update(self) -> None:
        chosen, shown = len(self.chosen_ids()), self.model.rowCount()
        total = self.model.total_count
        listed = f"{shown:,} of {total:,}" if shown != total else f"{total:,}"
        self.count.setText(f"{chosen:,} chosen · {listed} students not in this cohort")
        self.add_button.setEnabled(chosen > 0)
        noun = "student" if chosen == 1 else "students"
        self.add_button.setText(f"Add {chosen:,} {noun}" if chosen else "Add students")

    def chosen_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(row) for row in rows]

    def chosen_status(self) -> EnrolmentStatus:
        return ES(self.status.currentData())

    def accept(self) -> None:
        if self.chosen_ids():
            super().accept()
