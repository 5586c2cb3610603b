"""What a record view does with its selected rows: delete them, set their status, copy
them, and the context menu offering that (and the actions other parts add).

The base of :class:`~ixdesk.gui.record_view.RecordView`, which builds what these
actions work on (declared here); each change runs through the operation runner
with its undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from ixdesk.gui.column_chooser import shown_columns
from ixdesk.gui.icons import icon
from ixdesk.gui.record_table import rows_as_tsv
from ixdesk.gui.undo import deletion, status_change
from ixdesk.services import editing
from ixdesk.services.kinds import KindSpec, status_label
from ixdesk.services.record_kinds import Kind
from ixdesk.services.validation import quoted

if TYPE_CHECKING:
    from ixdesk.db.engine import Database
    from ixdesk.gui.dialogs import DialogService
    from ixdesk.gui.editor import RecordEditor
    from ixdesk.gui.record_model import RecordTableModel
    from ixdesk.gui.workbench import Workbench


class RecordActions(QWidget):
    """The selected rows' actions; the base of :class:`RecordView`."""

    # Set up by the view:
    kind: Kind
    spec: KindSpec
    workbench: Workbench
    database: Database
    dialogs: DialogService
    model: RecordTableModel
    table: QTableView
    editor: RecordEditor
    extra_actions: list[QAction]
    _current_id: str | None
    new_record: Callable[[], None]

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(row) for row in rows]

    def _title_of(self, record_id: str) -> str:
        row = self.model.row_of(record_id)
        if row is None:
            return self.editor.title.text()
        keys = [column.key for column in self.spec.columns]
        return self.spec.title(dict(zip(keys, self.model.values_at(row), strict=True)))

    def delete_selected(self) -> None:
        ids = self.selected_ids() or ([self._current_id] if self._current_id else [])
        if not ids:
            return
        many = len(ids) > 1
        what = (
            f"{len(ids):,} {self.spec.plural}"
            if many
            else f"the {self.spec.singular} {quoted(self._title_of(ids[0]))}"
        )
        effects = editing.deletion_effects(self.database, self.kind, ids)
        text = effects.question(what, many) + "\n\nYou can undo this with Ctrl+Z."
        if not self.dialogs.confirm(f"Delete {self.spec.plural}", text, "Delete"):
            return
        database, kind, hub = self.database, self.kind, self.workbench.hub

        def deleted(done: list[str]) -> None:
            if self._current_id in done:
                self._current_id = None
                self.editor.show_nothing()

        self.workbench.operations.run(
            lambda: editing.delete_records(database, kind, ids, hub=hub),
            title="Nothing was deleted",
            source=self,
            undo=lambda done: deletion(database, hub, kind, done, what),
            status=f"Deleted {what}.",
            then=deleted,
        )

    def set_status(self, status: str) -> None:
        ids = self.selected_ids()
        if not ids or self.spec.status_enum is None:
            return
        new = dict.fromkeys(ids, status)
        database, kind, hub = self.database, self.kind, self.workbench.hub
        label = f"Set {len(ids):,} {self.spec.plural} to {status_label(status)}"
        self.workbench.operations.run(
            lambda: editing.set_statuses(database, kind, new, hub=hub),
            title="No status was changed",
            source=self,
            undo=lambda previous: status_change(database, hub, kind, new, previous, label),
            status=label + ".",
        )

    def copy_selection(self) -> None:
        """Selected rows as tab-separated text with a header row: pastes cleanly into Excel."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        columns = shown_columns(self.table.horizontalHeader())
        QGuiApplication.clipboard().setText(rows_as_tsv(self.model, rows, columns))
        self.workbench.status(f"Copied {len(rows):,} rows.")

    def context_menu(self) -> QMenu:
        """What a right-click (or the Menu key) on the table offers."""
        menu = QMenu(self)
        menu.addAction(icon("new"), f"New {self.spec.singular}", self.new_record)
        menu.addAction(icon("copy"), "Copy rows", self.copy_selection)
        if self.spec.status_enum is not None:
            statuses = menu.addMenu("Set status")
            statuses.setEnabled(bool(self.selected_ids()))
            for member in self.spec.status_enum:
                action = statuses.addAction(
                    status_label(member), partial(self.set_status, str(member.value))
                )
                action.setData(str(member.value))
        if self.extra_actions:
            menu.addSeparator()
            menu.addActions(self.extra_actions)
        menu.addSeparator()
        menu.addAction(icon("delete"), "Delete…", self.delete_selected)
        return menu

    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()
