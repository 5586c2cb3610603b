"""Pick one record from a list you can search as you type (a cohort, an instructor, ...)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.services.folding import fold
from ixdesk.services.search import matches, search_terms

ID_ROLE = Qt.ItemDataRole.UserRole
_MOVE_KEYS = {Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp}


class ChooserDialog(QDialog):
    """``choices`` are (label, id) pairs; :meth:`chosen` is the id picked."""

    def __init__(
        self,
        title: str,
        text: str,
        choices: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        prompt = QLabel(text)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type to search…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the list")
        prompt.setBuddy(self.search)
        layout.addWidget(self.search)
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setUniformItemSizes(True)
        for label, record_id in choices:
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, record_id)
            self.list.addItem(item)
        self._folded = [fold(label) for label, _id in choices]
        layout.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.currentItemChanged.connect(self._update_ok)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.setTabOrder(self.search, self.list)
        self.setTabOrder(self.list, self.buttons)
        self.resize(420, 460)
        self._filter("")
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        terms = search_terms(text)
        first = -1  # the first row shown (-1: none)
        for row, folded in enumerate(self._folded):
            hidden = not matches(terms, folded)
            self.list.item(row).setHidden(hidden)
            if not hidden and first < 0:
                first = row
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentRow(first)
        self._update_ok()

    def _update_ok(self) -> None:
        current = self.list.currentItem()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(current is not None and not current.isHidden())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move through the list, as in a combo box."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _MOVE_KEYS
        ):
            self.list.setFocus()
            self.list.keyPressEvent(event)
            self.search.setFocus()
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()

    def chosen(self) -> str | None:
        current = self.list.currentItem()
        if current is None or current.isHidden():
            return None
        return str(current.data(ID_ROLE))
