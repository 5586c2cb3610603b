"""One preview row in full: its problems, the record it matches side by side, its choice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGroupBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.import_wizard.common import tint
from ixdesk.services.importing import PlannedRow
from ixdesk.services.importing.preview import PreviewText
from ixdesk.services.importing.session import CHOICE_LABELS, STATUS_LABELS

AS_FOR_ALL = "as for all"


class RowDetails(QWidget):
    """Shows the selected row; a per-row duplicate choice is announced, not applied here."""

    choice_made = Signal(int, object)  # spreadsheet row number, "skip"/"fill"/"update" or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Selected row")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setAccessibleName("Problems in the selected row")
        layout.addWidget(self.problems)
        self.match = QLabel()
        self.match.setWordWrap(True)
        self.match.setAccessibleName("What the selected row matches")
        layout.addWidget(self.match)
        self.compare = QTableWidget(0, 3)
        self.compare.setAccessibleName("The matching record and this row, side by side")
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        vertical = self.compare.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.compare.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.compare.setWordWrap(False)
        self.compare.setTabKeyNavigation(False)
        layout.addWidget(self.compare, 10)

        self.choice_box = QGroupBox("For this row")
        choice_layout = QVBoxLayout(self.choice_box)
        self.choice_group = QButtonGroup(self)
        self.choice_buttons: dict[str, QRadioButton] = {}
        for key, text in (
            (AS_FOR_ALL, "As for all duplicates"),
            ("skip", "S&kip: keep the record as it is"),
            ("fill", "Fill &empty fields only"),
            ("update", "&Update all fields from this row"),
        ):
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(lambda _checked=False, k=key: self._chosen(k))
            self.choice_group.addButton(button)
            self.choice_buttons[key] = button
            choice_layout.addWidget(button)
        layout.addWidget(self.choice_box)
        layout.addStretch(1)
        self.row: PlannedRow | None = None
        self.show_row(None, None)

    def show_row(self, row: PlannedRow | None, text: PreviewText | None) -> None:
        self.row = row
        if row is None or text is None:
            self.title.setText("Select a row to see it in full.")
            for widget in (self.problems, self.match, self.compare, self.choice_box):
                widget.hide()
            return
        name = text.name(row)
        self.title.setText(
            f"Row {row.row_number}{' · ' + name if name else ''} — {STATUS_LABELS[row.status]}"
        )
        problems = row.all_problems
        self.problems.setText(
            "\n".join(
                f"• {problem.column + ': ' if problem.column else ''}{problem.message}"
                for problem in problems
            )
        )
        self.problems.setVisible(bool(problems))
        self._show_duplicates(row, text)

    def _show_duplicates(self, row: PlannedRow, text: PreviewText) -> None:
        duplicates = list(row.duplicates)
        self.match.setVisible(bool(duplicates))
        self.compare.setVisible(bool(duplicates))
        differing = any(duplicate.differences for duplicate in duplicates)
        self.choice_box.setVisible(differing)
        if not duplicates:
            return
        self.match.setText("\n".join(text.describe_duplicate(d) + "." for d in duplicates))
        first = duplicates[0]
        other = "In ixdesk" if first.matched == "existing" else f"Row {first.other_row}"
        self.compare.setHorizontalHeaderLabels(["Field", other, "This row"])
        lines = [line for duplicate in duplicates for line in text.compare(duplicate)]
        self.compare.setRowCount(len(lines))
        highlight = QBrush(tint(self.palette(), QPalette.ColorRole.Highlight, 0.22))
        for number, line in enumerate(lines):
            for column, value in enumerate((line.label, line.existing, line.incoming)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if line.differs:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(highlight)
                self.compare.setItem(number, column, item)
        key = row.choice or AS_FOR_ALL
        self.choice_buttons[AS_FOR_ALL].setText(
            f"As for all duplicates ({CHOICE_LABELS[text.plan.on_duplicate].lower()})"
        )
        self.choice_buttons[key].setChecked(True)

    def _chosen(self, key: str) -> None:
        if self.row is not None:
            self.choice_made.emit(self.row.row_number, None if key == AS_FOR_ALL else key)
