"""Down from a search box goes into what it found, as in a browser's address bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

Results = Callable[[], QAbstractItemView | None]


class _DownIntoResults(QObject):
    def __init__(self, search: QLineEdit, results: Results) -> None:
        super().__init__(search)  # goes with the search box
        self.results = results
        search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            view = self.results()
            if view is not None and view.model() is not None and view.model().rowCount():
                enter(view)
                return True
        return super().eventFilter(watched, event)


def enter(view: QAbstractItemView) -> None:
    """Focus ``view`` on its current row (its first row when none is current)."""
    view.setFocus(Qt.FocusReason.TabFocusReason)
    current = view.currentIndex()
    if not current.isValid():
        first = view.model().index(0, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        if view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows:
            flags |= QItemSelectionModel.SelectionFlag.Rows
        view.selectionModel().setCurrentIndex(first, flags)
    view.scrollTo(view.currentIndex())


def down_into_results(search: QLineEdit, results: QAbstractItemView | Results) -> None:
    """Down (without modifiers) in ``search`` moves the focus into ``results``: a view, or a
    function giving the view to go to (None: stay)."""
    pick: Results = results if callable(results) else (lambda: results)
    _DownIntoResults(search, pick)
