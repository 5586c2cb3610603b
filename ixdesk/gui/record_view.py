"""One view per record type: a searchable, sortable table and the editor beside it."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.column_chooser import offer_column_choice, show_columns
from ixdesk.gui.editor import RecordEditor
from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.kind_views import shown_columns, view_columns
from ixdesk.gui.record_actions import RecordActions
from ixdesk.gui.record_model import RecordTableModel
from ixdesk.gui.record_table import fit_columns, record_table
from ixdesk.gui.remember import restore_sizes, save_sizes
from ixdesk.gui.search_keys import down_into_results
from ixdesk.gui.workbench import Workbench
from ixdesk.services import editing
from ixdesk.services.kinds import KINDS, status_label
from ixdesk.services.reads import tables_read
from ixdesk.services.record_kinds import Kind
from ixdesk.services.tables import load_table

BULK_RELOAD = 500


class RecordView(RecordActions):
    open_record = Signal(str, str)  # kind, id: a linked record was asked for

    def __init__(self, kind: Kind, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.spec = kind, KINDS[kind]
        self.workbench = workbench
        self.database, self.dialogs = workbench.database, workbench.dialogs
        self._loaded = False
        self._current_id: str | None = None
        # What the table shows is asked of its query: its own table, and the tables whose
        # changes alter its rows without naming their ids (a track's name, a count).
        self.table_reads = tables_read(self.spec.query())
        # Actions other parts of the window add for this view's rows (e.g. exports).
        self.extra_actions: list[QAction] = []
        self._build()

    def _build(self) -> None:
        spec = self.spec
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(f"Search {spec.plural}…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Search {spec.plural}")
        self.search.textChanged.connect(self._search_changed)
        bar.addWidget(self.search, 3)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Show status")
        self.status_filter.addItem("All statuses", None)
        if spec.status_enum is not None:
            for member in spec.status_enum:
                self.status_filter.addItem(status_label(member), str(member.value))
        else:
            self.status_filter.hide()
        self.status_filter.currentIndexChanged.connect(self._status_changed)
        bar.addWidget(self.status_filter, 1)
        self.hint_button = QPushButton()
        self.hint_button.setIcon(icon("close"))
        self.hint_button.setAccessibleName("Show every record again")
        self.hint_button.setToolTip("Show every record again")
        self.hint_button.clicked.connect(self.clear_hint)
        self.hint_button.hide()
        bar.addWidget(self.hint_button)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of rows shown")
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        status_column = (
            spec.column_index(spec.status_field)
            if spec.status_field in [c.key for c in spec.columns]
            else None
        )
        self.model = RecordTableModel(view_columns(self.kind), status_column)
        self.table = record_table(self.model, f"{spec.plural.capitalize()} table")
        usual = shown_columns(self.kind)
        show_columns(self.table.horizontalHeader(), usual)
        offer_column_choice(self.table, usual)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.activated.connect(self._row_activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        down_into_results(self.search, self.table)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.splitter.addWidget(self.table)

        self.editor = RecordEditor(self.kind, self.workbench)
        self.editor.saved.connect(self._saved)
        self.editor.open_linked.connect(self.open_record)
        self.editor.new_requested.connect(self.new_record)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 1)  # a wider window widens the table
        self.splitter.setStretchFactor(1, 0)
        self._sized = self._header_restored = False
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.search, self.status_filter)
        self.setTabOrder(self.status_filter, self.table)
        self.setTabOrder(self.table, self.editor)

        self.freshness = Freshness(
            self,
            self.workbench,
            self._catch_up,
            reads=self.table_reads | self.editor.reads(),
            stale=True,
        )

    # --- loading ---
    def ensure_loaded(self) -> None:
        """Load the table before it is first shown."""
        if not self._loaded:
            self.freshness.refresh_now()

    def reload(self) -> None:
        """Everything again from the database (View ▸ Refresh)."""
        self.freshness.refresh_now()

    def _load_rows(self) -> None:
        self.model.set_rows(load_table(self.database, self.spec))
        if not self._loaded and not self._header_restored:
            fit_columns(self.table, self.model)
        self._loaded = True
        self._update_count()
        self._reselect()
        # Build the search index once the window has painted, not before.
        QTimer.singleShot(0, self.model.prepare_search)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the editor as wide as it likes, within 45 %; the table the rest
            self._sized = True
            total = sum(self.splitter.sizes())
            editor = min(max(self.editor.sizeHint().width() + 80, 420), 520, total * 45 // 100)
            self.splitter.setSizes([total - editor, editor])
            if self._loaded and not self._header_restored:  # fit the columns to the room
                scroll = self.table.verticalScrollBar().sizeHint().width()
                room = total - editor - scroll - 2 * self.table.frameWidth()
                fit_columns(self.table, self.model, room)

    def _catch_up(self, burst: Burst | None) -> None:
        """Bring the table and editor up to date: everything (``None``), or what changed.

        A change to the kind's own table updates just the rows it names; one to a table
        the query joins (or a very large one) reloads the table.
        """
        if burst is None or not self._loaded:
            self.editor.fill_choices()
            self._load_rows()
            shown = self.editor.loaded.id
            if shown is not None:
                self.editor.reload_if_showing(frozenset({shown}))
            return
        changes = burst.changes
        table = self.spec.model.__tablename__
        if changes.touches(*(self.table_reads - {table})) or len(changes.ids) > BULK_RELOAD:
            self._load_rows()
        elif changes.touches(table):
            ids = set(changes.ids)
            self.model.update_rows(load_table(self.database, self.spec, ids), ids)
            self._update_count()
            self._reselect()
        self.editor.fill_choices(changes.tables)
        if not burst.only_from(self.editor):  # the editor reloads what it saved itself
            self.editor.reload_if_showing(changes.ids)
            self.editor.refresh_links()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count
        noun = self.spec.plural if total != 1 else self.spec.singular
        text = f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun}"
        self.count_label.setText(text)

    # --- search and filter ---
    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._update_count()
        self._reselect()

    def _status_changed(self) -> None:
        wanted = self.status_filter.currentData()
        self.model.set_status_filter(None if wanted is None else frozenset([wanted]))
        self._update_count()
        self._reselect()

    def apply_hint(self, hint: dict[str, object]) -> None:
        """Narrow the table as the dashboard asks: ``{"status": value}`` or
        ``{"ids": [...], "title": "what they are"}``."""
        status = hint.get("status")
        if isinstance(status, str):
            index = self.status_filter.findData(status)
            if index >= 0:
                self.status_filter.setCurrentIndex(index)
        ids = hint.get("ids")
        if isinstance(ids, list | tuple | set | frozenset):
            self.model.set_id_filter(frozenset(str(each) for each in ids))
            title = str(hint.get("title") or f"{len(ids):,} chosen {self.spec.plural}")
            self.hint_button.setText(f"Showing: {title}")
            self.hint_button.show()
            self._update_count()
            self._reselect()

    def clear_hint(self) -> None:
        self.model.set_id_filter(None)
        self.hint_button.hide()
        self._update_count()
        self._reselect()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- selection and editing ---
    def _reselect(self) -> None:
        if self._current_id is None:
            return
        row = self.model.row_of(self._current_id)
        if row is None:
            return
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        index = self.model.index(row, 0)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.table.scrollTo(index)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        record_id = self.model.id_at(current.row())
        if record_id == self._current_id:
            return
        if not self.editor.maybe_leave():
            QTimer.singleShot(0, self._reselect)
            return
        self._show(record_id)

    def _show(self, record_id: str | None) -> None:
        if record_id is None:
            self.editor.load(None)
        else:
            database, kind = self.database, self.kind
            record = self.workbench.operations.read(
                lambda: editing.load_values(database, kind, record_id), title="Cannot open"
            )
            if record is None:
                return
            self.editor.show_record(record)
        self._current_id = record_id

    def select_record(self, record_id: str) -> bool:
        """Show ``record_id`` (clearing the search if it hides it)."""
        self.ensure_loaded()
        if self.model.row_of(record_id) is None:
            self.search.clear()
            self.status_filter.setCurrentIndex(0)
        if not self.editor.maybe_leave():
            return False
        self._show(record_id)
        self._reselect()
        return self.model.row_of(record_id) is not None

    def _row_activated(self, _index: QModelIndex) -> None:
        self.editor.form.focusNextChild()

    def new_record(self) -> None:
        if not self.editor.maybe_leave():
            return
        self.table.clearSelection()
        self._show(None)
        first = next(iter(self.editor.fields.values()))
        first.setFocus()

    def save(self) -> bool:
        return self.editor.save()

    def _saved(self, record_id: str) -> None:
        self._current_id = record_id
        self._reselect()

    def selected_record(self) -> str | None:
        """The one record selected (or shown in the editor when none is); None for several."""
        ids = self.selected_ids()
        if len(ids) == 1:
            return ids[0]
        return self.editor.loaded.id if not ids else None

    @property
    def current_id(self) -> str | None:
        """The record shown in the editor, if it is saved."""
        return self._current_id

    # --- settings ---
    def save_state(self) -> None:
        settings = self.workbench.settings()
        settings.setValue(f"views/{self.kind}/header", self.table.horizontalHeader().saveState())
        save_sizes(settings, f"views/{self.kind}/splitter", self.splitter)
        if self.editor.sections_moved:
            save_sizes(settings, f"views/{self.kind}/sections", self.editor.sections)

    def restore_state(self) -> None:
        settings = self.workbench.settings()
        header = settings.value(f"views/{self.kind}/header")
        if isinstance(header, QByteArray):
            self._header_restored = self.table.horizontalHeader().restoreState(header)
        self._sized = restore_sizes(settings, f"views/{self.kind}/splitter", self.splitter)
        if restore_sizes(settings, f"views/{self.kind}/sections", self.editor.sections):
            self.editor.sections_moved = True
