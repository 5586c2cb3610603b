"""A titled, searchable table that keeps itself up to date with the database.

Shared by the "needs attention" list and the instructor load table: a
heading with a count, a search box (plus any filters a subclass adds), and a
sortable table whose rows open their record on Enter or double-click. It
keeps itself fresh through :mod:`ixdesk.gui.freshness`: hidden, it is only
marked stale and reloaded the next time it is shown (first shown: loaded);
shown, a burst of changes (a coordinator moving students one after another)
costs one reload. A subclass says what its rows are read from (``reads``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.freshness import Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.kind_views import ViewColumn
from ixdesk.gui.record_model import RecordTableModel
from ixdesk.gui.search_keys import down_into_results
from ixdesk.gui.workbench import Workbench
from ixdesk.services.record_kinds import Kind
from ixdesk.services.tables import TableRows

ROW_PADDING = 8


class LiveTable(QWidget):
    open_record = Signal(str, str)  # kind (the main window's key), id

    def __init__(
        self,
        workbench: Workbench,
        columns: Sequence[ViewColumn],
        *,
        icon_name: str,
        what: str,
        reads: frozenset[str],
        filter_column: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.freshness = Freshness(
            self, workbench, lambda _burst: self.refresh(), reads=reads, stale=True
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        self.title_icon = QLabel()
        self.title_icon.setPixmap(icon(icon_name).pixmap(24, 24))
        top.addWidget(self.title_icon)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName(f"{what.capitalize()}: summary")
        top.addWidget(self.title)
        self.scope_label = QLabel()
        self.scope_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        top.addWidget(self.scope_label, 1)
        layout.addLayout(top)

        self.bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(f"Search {what}…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Search {what}")
        self.search.textChanged.connect(self._search_changed)
        self.bar.addWidget(self.search, 3)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of rows shown")
        self.bar.addWidget(self.count_label)
        layout.addLayout(self.bar)

        self.model = self.make_model(columns, filter_column)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(f"{what.capitalize()} table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for index, column in enumerate(columns):
            header.resizeSection(index, column.width)
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.table)
        down_into_results(self.search, self.table)

    # --- for subclasses ---
    def make_model(
        self, columns: Sequence[ViewColumn], filter_column: int | None
    ) -> RecordTableModel:
        return RecordTableModel(columns, filter_column)

    def load_rows(self) -> TableRows:
        raise NotImplementedError

    def record_at(self, row: int) -> tuple[Kind, str] | None:
        """(kind, id) the row at ``row`` opens."""
        raise NotImplementedError

    def update_title(self) -> None:
        raise NotImplementedError

    # --- loading ---
    def refresh(self) -> None:
        self.freshness.clear()
        self.model.set_rows(self.load_rows())
        self.update_title()
        self.update_count()

    def update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count
        self.count_label.setText(
            f"{shown:,} shown" if shown == total else f"{shown:,} of {total:,}"
        )

    # --- search and opening ---
    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        self.update_count()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int) -> None:
        record = self.record_at(row)
        if record is not None:
            self.open_record.emit(*record)
