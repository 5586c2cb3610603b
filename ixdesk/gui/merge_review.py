"""The merge review: what merges of event copies left for a person to decide.

A list of the items waiting (a duplicate pair, a field changed on both sides,
a guardian or consent field, a record deleted on one side and changed on the
other), searchable (Ctrl+F) and filtered by kind; beside it the item chosen,
with each side's value and where it came from, and its decisions as buttons.
Keyboard first: Up and Down move through the list, the digit of a decision
(1, 2, …) takes it and moves on to the next item. "Decide all shown" applies
one decision to every item shown of that kind, in one step. Every decision
goes through the runner with an undo step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.workbench import Workbench
from ixdesk.services.events.decide import Decided, decide, undo_decisions
from ixdesk.services.events.review import (
    APART,
    DELETE,
    KEEP,
    KIND_LABELS,
    LEAVE,
    MERGE,
    RESTORE,
    ReviewItem,
    load_review,
)
from ixdesk.services.events.state import (
    CONFLICT,
    DELETED_HERE,
    DELETED_THERE,
    DUPLICATE,
    GUARDIAN,
    HERE,
)
from ixdesk.services.folding import fold
from ixdesk.services.reads import reads_of

HEADERS = ("Kind", "Student", "About")
ALL_KINDS = ""
TAKE_EVENT = "event"  # for many items at once: the event's value, where one event changed it
ModelIndex = QModelIndex | QPersistentModelIndex


class ReviewModel(QAbstractTableModel):
    """The items waiting, with those shown after the search and the kind chosen."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ReviewItem] = []
        self.shown: list[ReviewItem] = []
        self.search = ""
        self.kind = ALL_KINDS

    def load(self, items: list[ReviewItem]) -> None:
        self.items = items
        self.refilter()

    def refilter(self) -> None:
        self.beginResetModel()
        words = fold(self.search).split()
        self.shown = [
            item
            for item in self.items
            if (not self.kind or item.kind == self.kind)
            and all(word in item.search for word in words)
        ]
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.shown[index.row()]
        return (item.kind_label, item.title, item.about)[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


def bulk_choice(item: ReviewItem, choice: str) -> str | None:
    """What ``choice`` made for many items means for this one (None: leave it)."""
    if item.kind in (CONFLICT, GUARDIAN) and choice == TAKE_EVENT:
        events = [decision for decision, _words in item.choices if decision != HERE]
        return events[0] if len(events) == 1 else None
    return choice if any(decision == choice for decision, _words in item.choices) else None


def bulk_choices(kind: str) -> list[tuple[str, str]]:
    """The decisions "Decide all shown" offers for a kind."""
    if kind in (CONFLICT, GUARDIAN):
        return [(HERE, "Keep ixdesk's"), (TAKE_EVENT, "Take the event's (one event only)")]
    words = {
        MERGE: "Merge into one",
        APART: "Keep apart",
        RESTORE: "Restore with the event's changes",
        LEAVE: "Leave deleted",
        DELETE: "Delete",
        KEEP: "Keep",
    }
    offered = {
        DUPLICATE: (MERGE, APART),
        DELETED_HERE: (RESTORE, LEAVE),
        DELETED_THERE: (DELETE, KEEP),
    }
    return [(choice, words[choice]) for choice in offered.get(kind, ())]


class MergeReview(QWidget):
    """The window of the merge review; see the module text."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.workbench = workbench
        self.setWindowTitle("ixdesk — review merged sign-ups")
        self.model = ReviewModel()
        self.search = QLineEdit()
        self.search.setObjectName("reviewSearch")
        self.search.setPlaceholderText("Search names, emails, fields, events (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.search.setFocus)
        self.kind = QComboBox()
        self.kind.setObjectName("reviewKind")
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.kind, 1)
        top.addWidget(self.count)
        self.table = QTableView()
        self.table.setObjectName("reviewItems")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.sides = QFormLayout()
        self.buttons = QVBoxLayout()
        self.bulk = QComboBox()
        self.bulk.setObjectName("reviewBulk")
        self.bulk_button = QPushButton("Decide all shown of this kind")
        self.bulk_button.clicked.connect(self.decide_all_shown)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.title)
        detail_layout.addWidget(self.about)
        detail_layout.addLayout(self.sides)
        detail_layout.addSpacing(12)
        detail_layout.addWidget(QLabel("Decide (or press the number):"))
        detail_layout.addLayout(self.buttons)
        detail_layout.addStretch(1)
        detail_layout.addWidget(QLabel("For every item shown of this kind:"))
        bulk_row = QHBoxLayout()
        bulk_row.addWidget(self.bulk, 1)
        bulk_row.addWidget(self.bulk_button)
        detail_layout.addLayout(bulk_row)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        # The digits decide while the list has the focus (typing a search stays typing).
        self.table.installEventFilter(self)
        self.freshness = Freshness(
            self, workbench, self._caught_up, reads=reads_of(load_review), stale=True
        )
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.decide_current(event.key() - Qt.Key.Key_1)
            return True
        return super().eventFilter(watched, event)

    # --- what is shown ---
    def reload(self) -> None:
        items = self.workbench.operations.read(
            lambda: load_review(self.workbench.database), title="The review could not be read"
        )
        current = self.current()
        self.model.load(items or [])
        self._fill_kinds()
        self._select(current.id if current is not None else None)

    def _caught_up(self, _burst: Burst | None) -> None:
        self.reload()

    def _fill_kinds(self) -> None:
        chosen = self.kind.currentData()
        counts = {kind: 0 for kind in KIND_LABELS}
        for item in self.model.items:
            counts[item.kind] += 1
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(f"All kinds ({len(self.model.items):,})", ALL_KINDS)
        for kind, label in KIND_LABELS.items():
            if counts[kind]:
                self.kind.addItem(f"{label} ({counts[kind]:,})", kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(chosen)))
        self.kind.blockSignals(False)
        if self.kind.currentData() != self.model.kind:
            self.model.kind = self.kind.currentData()
            self.model.refilter()
        self._count()

    def _count(self) -> None:
        shown, total = len(self.model.shown), len(self.model.items)
        self.count.setText(
            f"{total:,} waiting" if shown == total else f"{shown:,} of {total:,} shown"
        )

    def _search(self, text: str) -> None:
        current = self.current()
        self.model.search = text
        self.model.refilter()
        self._count()
        self._select(current.id if current is not None else None)

    def _kind_chosen(self) -> None:
        self.model.kind = self.kind.currentData() or ALL_KINDS
        self.model.refilter()
        self._count()
        self._select(None)

    def _select(self, item_id: str | None, row: int = 0) -> None:
        rows = [n for n, item in enumerate(self.model.shown) if item.id == item_id]
        if rows:
            row = rows[0]
        if self.model.shown:
            self.table.selectRow(min(row, len(self.model.shown) - 1))
        self._show_current()

    def current(self) -> ReviewItem | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.shown):
            return None
        return self.model.shown[index.row()]

    def _show_current(self) -> None:
        item = self.current()
        while self.sides.rowCount():
            self.sides.removeRow(0)
        while self.buttons.count():
            taken = self.buttons.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # gone now, not only once deleted
                widget.deleteLater()
        self.bulk.clear()
        if item is None:
            self.title.setText("Nothing waits for review." if not self.model.items else "")
            self.about.setText("")
            self.bulk_button.setEnabled(False)
            return
        self.title.setText(item.title)
        self.about.setText(f"{item.kind_label}: {item.about}")
        for side in item.sides:
            text = QLabel(side.text)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.sides.addRow(f"<b>{side.label}</b>", text)
        for number, (choice, words) in enumerate(item.choices, start=1):
            button = QPushButton(f"{number}  {words}")
            button.setObjectName(f"decide_{choice}")
            button.clicked.connect(lambda _=False, c=choice: self.decide_items({item.id: c}))
            self.buttons.addWidget(button)
        for choice, words in bulk_choices(item.kind):
            self.bulk.addItem(words, choice)
        self.bulk_button.setEnabled(self.bulk.count() > 0)

    # --- deciding ---
    def decide_current(self, position: int) -> None:
        item = self.current()
        if item is not None and 0 <= position < len(item.choices):
            self.decide_items({item.id: item.choices[position][0]})

    def decide_all_shown(self) -> None:
        item, choice = self.current(), self.bulk.currentData()
        if item is None or choice is None:
            return
        wanted = {
            each.id: decision
            for each in self.model.shown
            if each.kind == item.kind and (decision := bulk_choice(each, choice)) is not None
        }
        words = self.bulk.currentText()
        if wanted and self.workbench.dialogs.confirm(
            "Decide all shown",
            f"{words}: for {len(wanted):,} item{'s' if len(wanted) != 1 else ''} shown?",
            "Decide",
        ):
            self.decide_items(wanted)

    def decide_items(self, choices: dict[str, str]) -> None:
        row = self.table.currentIndex().row()
        database, hub = self.workbench.database, self.workbench.hub
        self.workbench.operations.run(
            lambda: decide(database, choices, hub=hub),
            title="The review items were not decided",
            source=self,
            undo=lambda decided: _DecisionStep(self.workbench, decided),
            status=lambda decided: decided.describe(),
            then=lambda _decided: self._after_deciding(row),
        )

    def _after_deciding(self, row: int) -> None:
        self.reload()
        self._select(None, row)
        self.table.setFocus()


class _DecisionStep:
    """Undo takes the decisions back; redo makes them again."""

    def __init__(self, workbench: Workbench, decided: Decided) -> None:
        self.workbench, self.decided = workbench, decided
        self.text = decided.describe().removesuffix(".")

    def undo(self) -> None:
        undo_decisions(self.workbench.database, self.decided, hub=self.workbench.hub)

    def redo(self) -> None:
        self.decided = decide(self.workbench.database, self.decided.choices, hub=self.workbench.hub)
