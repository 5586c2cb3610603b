"""A group's feedback: the instructor's rubric for each member, and the company's words.

Rows are the group's members; columns the skills its business problem practises (a
rating from 1 to 4, or none) and a comment. Below, what the partner company said about
the group's deliverable and who said it. OK saves the cells that changed in one step,
which Undo takes back; a cell someone else changed meanwhile is refused, not overwritten.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.undo import save_undoably
from ixdesk.gui.workbench import Workbench
from ixdesk.services.running import feedback as fb

TITLE = "Feedback"


class FeedbackDialog(QDialog):
    """``company=False``: the partner company's feedback is shown but not changed (an
    instructor's window: that feedback is the coordinator's to keep)."""

    def __init__(
        self, found: fb.GroupFeedback, parent: QWidget | None = None, *, company: bool = True
    ) -> None:
        super().__init__(parent)
        self.found, self.company_editable = found, company
        self.setWindowTitle(f"Feedback · {found.group}")
        layout = QVBoxLayout(self)
        skills = ", ".join(found.skills) or "none listed on its business problem"
        intro = QLabel(
            f"The instructor's rubric for each student of {found.group}: each skill practised "
            f"({skills}) rated from 1 Beginning to 4 Excellent, and a comment."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.columns = [*found.skills, fb.COMMENT]
        headers = [*found.skills, "Comment"]
        self.table = QTableWidget(len(found.students), len(headers))
        self.table.setAccessibleName("Rubric")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setVerticalHeaderLabels([row.name for row in found.students])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row, student in enumerate(found.students):
            for column, skill in enumerate(self.columns):
                if skill == fb.COMMENT:
                    self.table.setItem(row, column, QTableWidgetItem(student.comment or ""))
                    continue
                box = QComboBox()
                box.setAccessibleName(f"{student.name}: {skill}")
                box.addItem("", None)
                for rating in fb.SCALE:
                    box.addItem(fb.rating_text(rating), rating)
                box.setCurrentIndex(max(box.findData(student.ratings.get(skill)), 0))
                self.table.setCellWidget(row, column, box)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.given_by = QLineEdit(found.company_given_by or "")
        self.given_by.setAccessibleName("Company feedback given by")
        self.given_by.setPlaceholderText("who at the partner company")
        form.addRow("Given by:", self.given_by)
        self.company = QPlainTextEdit(found.company_comment or "")
        self.company.setAccessibleName("Company feedback on the deliverable")
        self.company.setMaximumHeight(110)
        self.given_by.setReadOnly(not company)
        self.company.setReadOnly(not company)
        form.addRow("Partner company's feedback\non the deliverable:", self.company)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 560)

    def value(self, row: int, column: int) -> fb.RubricValue:
        if self.columns[column] == fb.COMMENT:
            item = self.table.item(row, column)
            return (item.text().strip() or None) if item is not None else None
        box = self.table.cellWidget(row, column)
        assert isinstance(box, QComboBox)
        data = box.currentData()
        return int(data) if data is not None else None

    def changes(self) -> fb.FeedbackChanges:
        """What the person changed, cell by cell, against what the dialog opened with."""
        found, rubric = self.found, []
        for row, student in enumerate(found.students):
            for column, skill in enumerate(self.columns):
                before, after = student.value(skill), self.value(row, column)
                if before != after:
                    rubric.append(
                        fb.RubricChange(found.group_id, student.student_id, skill, before, after)
                    )
        before_company = (
            (found.company_given_by, found.company_comment) if found.company_comment else None
        )
        text = self.company.toPlainText().strip()
        after_company = (self.given_by.text().strip() or None, text) if text else None
        company = []
        if self.company_editable and after_company != before_company:
            company.append(fb.CompanyChange(found.group_id, before_company, after_company))
        return fb.FeedbackChanges(tuple(rubric), tuple(company))


def edit_feedback(
    workbench: Workbench, group_id: str, parent: QWidget | None = None, *, company: bool = True
) -> bool:
    """Open the group's feedback; save what changed on OK (one undo step). ``company=False``
    leaves the partner company's feedback as it is (shown, not changed)."""
    database, hub = workbench.database, workbench.hub
    found = workbench.operations.read(lambda: fb.group_feedback(database, group_id), title=TITLE)
    if found is None:
        return False
    dialog = FeedbackDialog(found, parent, company=company)
    if not workbench.dialogs.review(dialog):
        return False
    changes = dialog.changes()
    if not changes:
        return False
    return save_undoably(
        workbench, lambda cells: fb.save_feedback(database, cells, hub=hub), changes,
        lambda done: done.reversed(), title="The feedback was not saved",
        label=f"Feedback for {found.group}", source=parent,
        status=f"Feedback for {found.group} saved.",
    )  # fmt: skip
