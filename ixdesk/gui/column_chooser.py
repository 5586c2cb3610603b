"""Which columns a table shows, and in what order: the view's defaults, then the person's.

Right-clicking a table's header offers every column with a tick (show or hide),
"Move left" and "Move right" for the column clicked, and the defaults again.
Columns can also be dragged by their header. The choice lives in the header's
state, which the record views keep between runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView


def show_columns(header: QHeaderView, shown: Sequence[int]) -> None:
    """Show just the logical columns ``shown``, in that order, the others after them hidden."""
    order = [*shown, *(c for c in range(header.count()) if c not in shown)]
    for visual, logical in enumerate(order):
        header.moveSection(header.visualIndex(logical), visual)
        header.setSectionHidden(logical, logical not in shown)


def shown_columns(header: QHeaderView) -> list[int]:
    """The logical columns shown, left to right."""
    ordered = (header.logicalIndex(visual) for visual in range(header.count()))
    return [logical for logical in ordered if not header.isSectionHidden(logical)]


def _move(header: QHeaderView, logical: int, step: int) -> None:
    """Move a column one place among the shown ones (hidden ones are skipped over)."""
    shown = shown_columns(header)
    place = shown.index(logical) + step
    if 0 <= place < len(shown):
        header.moveSection(header.visualIndex(logical), header.visualIndex(shown[place]))


def column_menu(header: QHeaderView, defaults: Sequence[int], clicked: int) -> QMenu:
    """The header's menu; ``clicked`` is the logical column under the pointer (or -1)."""
    menu = QMenu(header)
    model = header.model()
    shown = shown_columns(header)
    for logical in range(header.count()):
        label = str(model.headerData(logical, Qt.Orientation.Horizontal))
        action = menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(logical in shown)
        action.setEnabled(not (logical in shown and len(shown) == 1))  # keep one column
        action.toggled.connect(lambda on, column=logical: header.setSectionHidden(column, not on))
    menu.addSeparator()
    where = shown.index(clicked) if clicked in shown else -1
    left = menu.addAction("Move column &left", lambda: _move(header, clicked, -1))
    left.setEnabled(where > 0)
    right = menu.addAction("Move column &right", lambda: _move(header, clicked, 1))
    right.setEnabled(0 <= where < len(shown) - 1)
    menu.addSeparator()
    menu.addAction("Show the &usual columns", lambda: show_columns(header, defaults))
    return menu


def offer_column_choice(table: QTableView, defaults: Sequence[int]) -> None:
    """Columns movable by dragging, and chosen from the header's right-click menu."""
    header = table.horizontalHeader()
    header.setSectionsMovable(True)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def ask(point: QPoint) -> None:
        menu = column_menu(header, defaults, header.logicalIndexAt(point))
        menu.exec(header.mapToGlobal(point))
        menu.deleteLater()

    header.customContextMenuRequested.connect(ask)
