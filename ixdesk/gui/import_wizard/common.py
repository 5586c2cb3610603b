"""Small pieces the import wizard's pages share: a message bar, a plain rows model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ixdesk.gui.icons import icon
from ixdesk.services.validation import shown

AnyIndex = QModelIndex | QPersistentModelIndex
ICON_SIZE = 20


def tint(palette: QPalette, role: QPalette.ColorRole, amount: float) -> QColor:
    """The window colour with a little of ``role`` mixed in: follows light and dark themes."""
    base, mixed = palette.color(QPalette.ColorRole.Window), palette.color(role)
    return QColor.fromRgbF(
        base.redF() + (mixed.redF() - base.redF()) * amount,
        base.greenF() + (mixed.greenF() - base.greenF()) * amount,
        base.blueF() + (mixed.blueF() - base.blueF()) * amount,
    )


class MessageBar(QFrame):
    """A sentence the page wants read: what is wrong, or what happened."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(
            QPalette.ColorRole.Window, tint(palette, QPalette.ColorRole.Highlight, 0.12)
        )
        self.setPalette(palette)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.icon_label = QLabel()
        self.icon_label.setPixmap(icon("warning").pixmap(ICON_SIZE, ICON_SIZE))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.icon_label)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setAccessibleName(accessible_name)
        layout.addWidget(self.text_label, 1)
        self.layout_ = layout
        self.hide()

    def add_button(self, text: str, accessible_name: str) -> QPushButton:
        """A button at the bar's end, for the one thing that mends what it says."""
        button = QPushButton(text)
        button.setAccessibleName(accessible_name)
        self.layout_.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        return button

    def text(self) -> str:
        """The sentence shown ("" when the bar is hidden)."""
        return "" if self.isHidden() else self.text_label.text()

    def show_problem(self, text: str) -> None:
        self._show(text, warning=True)

    def show_note(self, text: str) -> None:
        self._show(text, warning=False)

    def _show(self, text: str, *, warning: bool) -> None:
        self.icon_label.setVisible(warning)
        font = self.text_label.font()
        font.setBold(warning)
        self.text_label.setFont(font)
        self.text_label.setText(text)
        self.show()

    def clear(self) -> None:
        self.text_label.clear()
        self.hide()


class RowsModel(QAbstractTableModel):
    """A few rows of a file as read, numbered as the spreadsheet numbers them."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: Sequence[Sequence[Any]] = []
        self.numbers: Sequence[int] = []

    def set_rows(
        self, headers: list[str], rows: Sequence[Sequence[Any]], numbers: Sequence[int]
    ) -> None:
        self.beginResetModel()
        self.headers, self.rows, self.numbers = headers, rows, numbers
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        return "" if value is None else shown(value)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        return str(self.numbers[section]) if section < len(self.numbers) else None
