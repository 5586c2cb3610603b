"""Page 4 (when needed): what typed answers mean, asked once per distinct value.

"Junior" → which grade, "DA" → which track, "Ja, graag" → yes or no, "St Johns"
→ "St John's College": one line per distinct value, with how many rows typed
it and a suggestion already chosen where ixdesk has one. Next confirms every
line; the answers are kept in the mapping (and saved with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from ixdesk.services.importing.fields import FIELD_BY_NAME, GRADE, TRACK
from ixdesk.services.importing.session import counted
from ixdesk.services.importing.values import KEEP, ValueQuestion, answer_choices

if TYPE_CHECKING:
    from ixdesk.gui.import_wizard.wizard import ImportWizard

COLUMN, TYPED, ROWS, MEANS, WHY = range(5)
HEADINGS = ("Column", "Typed value", "Rows", "Means", "Why it is asked")


def meaning_label(field_type: str, meaning: Any) -> str:
    if isinstance(meaning, bool):
        return "Yes" if meaning else "No"
    if field_type == GRADE and isinstance(meaning, int):
        return f"Grade {meaning}"
    return str(meaning)


class ValuesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Answers as typed")
        self.setSubTitle(
            "Some answers cannot be read as they were typed, or may mean something ixdesk "
            "should not guess. Say what each one means; Next uses what is chosen here."
        )
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What needs an answer")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setHorizontalHeaderLabels(list(HEADINGS))
        self.table.setAccessibleName("Typed values and what they mean")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((COLUMN, 220), (TYPED, 180), (ROWS, 60), (MEANS, 240)):
            header.resizeSection(column, width)
        layout.addWidget(self.table, 1)
        self.combos: list[tuple[ValueQuestion, QComboBox]] = []

    def initializePage(self) -> None:
        session = self.owner.session
        questions = session.value_questions(self.owner.database)
        self.table.setRowCount(len(questions))
        self.combos = []
        specs = FIELD_BY_NAME[session.source.kind]
        for row, question in enumerate(questions):
            spec = specs[question.field]
            cells = (question.header, question.value, f"{question.count:,}", "", question.why)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            combo = self._combo(spec.type, question, session.tracks)
            chosen = session.current_answer(question)
            combo.setCurrentIndex(max(self._index_of(combo, chosen), 0))
            self.table.setCellWidget(row, MEANS, combo)
            self.combos.append((question, combo))
        needed = sum(1 for question in questions if question.needed)
        text = f"{counted(len(questions), 'typed value')} to look at."
        if needed:
            text += (
                f" {counted(needed, 'value cannot', 'values cannot')} be read as typed: "
                "their rows are invalid unless you say what they mean."
            )
        self.summary.setText(text)

    def _combo(self, field_type: str, question: ValueQuestion, tracks: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"What “{question.value}” in “{question.header}” means")
        spec = FIELD_BY_NAME[self.owner.session.source.kind][question.field]
        if field_type == TRACK:
            combo.addItem(f"New track “{question.value}”", KEEP)
        elif question.needed:
            combo.addItem("As typed (the rows are invalid)", KEEP)
        else:
            combo.addItem("As typed", KEEP)
        combo.addItem("Leave empty", None)
        problems = self.owner.session.problems
        for meaning in answer_choices(spec, question, tracks, problems):
            combo.addItem(meaning_label(field_type, meaning), meaning)
        return combo

    @staticmethod
    def _index_of(combo: QComboBox, meaning: Any) -> int:
        for index in range(combo.count()):
            data = combo.itemData(index)
            if data is meaning or (type(data) is type(meaning) and data == meaning):
                return index
        return -1

    def validatePage(self) -> bool:
        session = self.owner.session
        for question, combo in self.combos:
            session.answer(question, combo.currentData())
        return True
