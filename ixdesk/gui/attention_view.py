"""The "needs attention" list: every concern of one cohort, or of all current cohorts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QComboBox, QMenu, QWidget

from ixdesk.gui.icons import icon
from ixdesk.gui.kind_views import ViewColumn
from ixdesk.gui.live_table import LiveTable
from ixdesk.gui.record_model import RecordTableModel
from ixdesk.gui.workbench import Workbench
from ixdesk.services import attention
from ixdesk.services.attention import Concern, Severity
from ixdesk.services.kinds import KINDS, STATUS, TEXT, status_label
from ixdesk.services.reads import reads_of
from ixdesk.services.record_kinds import Kind
from ixdesk.services.tables import TableRows

SEVERITY, KIND, COHORT, TEXT_COLUMN = range(4)
COLUMNS = (
    ViewColumn("severity", "Severity", STATUS, searchable=False, width=100),
    ViewColumn("code", "Kind", STATUS, width=180),
    ViewColumn("cohort", "Cohort", TEXT, width=200),
    ViewColumn("text", "What needs attention", TEXT, width=600),
)
SEVERITY_ICONS = {Severity.CRITICAL: "alert", Severity.WARNING: "warning"}


class _ConcernModel(RecordTableModel):
    """Concern rows with the severity's icon in the first column."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.isValid():
            if index.column() == SEVERITY:
                return icon(SEVERITY_ICONS[Severity(self.values_at(index.row())[SEVERITY])])
            return None
        return super().data(index, role)


class AttentionView(LiveTable):
    """What needs attention; Enter or a double-click opens the record to fix."""

    assign_group = Signal(str)  # group id: "Assign business problem and instructors…"

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        self.database = workbench.database
        self.cohort_id: str | None = None
        self.cohort_name = ""
        self.concerns: list[Concern] = []
        super().__init__(
            workbench, COLUMNS, icon_name="warning", what="things that need attention",
            reads=reads_of(attention.cohort_concerns, attention.all_concerns,
                           attention.cohort_name),
            filter_column=KIND, parent=parent,
        )  # fmt: skip
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName("Show kind of concern")
        self.kind_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_filter.currentIndexChanged.connect(self._kind_changed)
        self.bar.insertWidget(1, self.kind_filter, 1)
        self.setTabOrder(self.search, self.kind_filter)
        self.setTabOrder(self.kind_filter, self.table)
        header = self.table.horizontalHeader()
        header.setSortIndicator(SEVERITY, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        copy = QAction("Copy", self.table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selection)
        self.table.addAction(copy)

    def make_model(
        self, columns: Sequence[ViewColumn], filter_column: int | None
    ) -> RecordTableModel:
        return _ConcernModel(columns, filter_column)

    # --- scope ---
    def set_cohort(self, cohort_id: str | None) -> None:
        """Show one cohort's concerns, or (None) those of every cohort not yet over."""
        self.cohort_id = cohort_id
        self.cohort_name = attention.cohort_name(self.database, cohort_id) if cohort_id else ""
        self.table.setColumnHidden(COHORT, cohort_id is not None)
        self.refresh()

    # --- LiveTable ---
    def load_rows(self) -> TableRows:
        if self.cohort_id is None:
            self.concerns = attention.all_concerns(self.database)
        else:
            self.concerns = attention.cohort_concerns(self.database, self.cohort_id)
        rows = [(str(c.severity), c.code, c.cohort_name, c.text) for c in self.concerns]
        return TableRows([str(index) for index in range(len(rows))], rows)

    def refresh(self) -> None:
        super().refresh()
        self._fill_kind_filter()

    def update_title(self) -> None:
        total = len(self.concerns)
        if total == 0:
            self.title.setText("Nothing needs attention")
        elif total == 1:
            self.title.setText("1 thing needs attention")
        else:
            self.title.setText(f"{total:,} things need attention")
        if self.cohort_id is not None:
            self.scope_label.setText(f"in {self.cohort_name}")
        else:
            self.scope_label.setText("in cohorts being planned, recruiting or running")
        self.title_icon.setPixmap(
            icon("warning" if total else "group").pixmap(24, 24)  # a calm icon when all is well
        )

    def concern_at(self, row: int) -> Concern:
        return self.concerns[int(self.model.id_at(row))]

    def record_at(self, row: int) -> tuple[Kind, str] | None:
        concern = self.concern_at(row)
        return concern.record_kind, concern.record_id

    # --- filter by kind ---
    def _fill_kind_filter(self) -> None:
        wanted = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(f"All kinds ({len(self.concerns):,})", None)
        for code, count in attention.concern_codes_present(self.concerns):
            self.kind_filter.addItem(f"{status_label(code)} ({count:,})", code)
        index = self.kind_filter.findData(wanted) if wanted is not None else 0
        self.kind_filter.setCurrentIndex(max(index, 0))
        self.kind_filter.blockSignals(False)
        self._kind_changed()

    def _kind_changed(self) -> None:
        code = self.kind_filter.currentData()
        self.model.set_status_filter(None if code is None else frozenset([code]))
        self.update_count()

    def show_kind(self, code: str | None) -> None:
        index = self.kind_filter.findData(code) if code is not None else 0
        self.kind_filter.setCurrentIndex(max(index, 0))

    # --- actions ---
    def copy_selection(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if rows:
            text = "\n".join(self.concern_at(row).text for row in rows)
            QGuiApplication.clipboard().setText(text + "\n")

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        concern = self.concern_at(index.row())
        menu = QMenu(self)
        singular = KINDS[concern.record_kind].singular
        menu.addAction(f"Open {singular}", lambda: self.open_row(index.row()))
        if concern.group_id is not None and concern.record_kind != Kind.GROUPS:
            group_id = concern.group_id
            menu.addAction("Open group", lambda: self.open_record.emit(Kind.GROUPS, group_id))
        if concern.record_kind != Kind.COHORTS:
            cohort_id = concern.cohort_id
            menu.addAction("Open cohort", lambda: self.open_record.emit(Kind.COHORTS, cohort_id))
        if concern.group_id is not None:
            group = concern.group_id
            menu.addSeparator()
            menu.addAction(
                icon("instructor"),
                "Assign business problem and instructors…",
                lambda: self.assign_group.emit(group),
            )
        menu.addSeparator()
        menu.addAction("Copy", self.copy_selection)
        menu.exec(self.table.viewport().mapToGlobal(position))
