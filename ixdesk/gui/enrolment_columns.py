"""One column of the enrolment board: a list model of one status, its look, and its header.

Each column's model holds plain ``BoardRow``s and one folded search string per
row; dragging hands the enrolment ids over as MIME data and a drop calls the
board back, which does the move through the services.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db.enums import EnrolmentStatus
from ixdesk.gui.enrolment_text import card_tag, search_key, tooltip
from ixdesk.gui.icons import icon
from ixdesk.services.enrolment import BoardRow
from ixdesk.services.kinds import status_label
from ixdesk.services.search import matches

MIME_TYPE = "application/x-ixdesk-enrolments"
# The narrowest a column gets: six of them fit beside the side bar at 1280 pixels.
COLUMN_WIDTH = 130
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ENROLMENT_ROLE = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
ES = EnrolmentStatus

# A drop: (target status, source status, enrolment ids, the visible row dropped
# before, or None for the end). Returns whether the board takes it.
DropHandler = Callable[[EnrolmentStatus, EnrolmentStatus, list[str], int | None], bool]


def drag_payload(cohort_id: str, status: EnrolmentStatus, ids: Sequence[str]) -> QMimeData:
    data = QMimeData()
    payload = {"cohort": cohort_id, "status": str(status), "ids": list(ids)}
    data.setData(MIME_TYPE, json.dumps(payload).encode("utf-8"))
    return data


def read_payload(data: QMimeData) -> dict[str, Any] | None:
    if not data.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


class EnrolmentListModel(QAbstractListModel):
    """The enrolments of one status, filtered by the board's search."""

    def __init__(self, status: EnrolmentStatus, on_drop: DropHandler) -> None:
        super().__init__()
        self.status = status
        self.cohort_id = ""
        self.grade_word = "Grade"
        self._on_drop = on_drop
        self._rows: list[BoardRow] = []
        self._keys: list[str] = []
        self._visible: list[int] = []
        self._terms: list[str] = []
        self._row_of: dict[str, int] | None = None

    # --- rows and search ---
    def set_rows(self, rows: list[BoardRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._keys = [search_key(row) for row in rows]
        self._visible = self._filtered()
        self._row_of = None
        self.endResetModel()

    def set_search(self, terms: list[str]) -> None:
        if terms == self._terms:
            return
        self.beginResetModel()
        self._terms = terms
        self._visible = self._filtered()
        self._row_of = None
        self.endResetModel()

    def _filtered(self) -> list[int]:
        if not self._terms:
            return list(range(len(self._rows)))
        return [i for i, key in enumerate(self._keys) if matches(self._terms, key)]

    @property
    def total_count(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> BoardRow:
        return self._rows[self._visible[row]]

    def all_rows(self) -> list[BoardRow]:
        return list(self._rows)

    def row_of(self, enrolment_id: str) -> int | None:
        """The visible row of an enrolment, if it is shown."""
        if self._row_of is None:
            rows = self._rows
            self._row_of = {rows[base].enrolment_id: row for row, base in enumerate(self._visible)}
        return self._row_of.get(enrolment_id)

    # --- Qt model API ---
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.title(row)
        if role == Qt.ItemDataRole.DecorationRole and row.consent is not None:
            return icon("warning")  # a minor without a valid consent to take part
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{self.title(row)}: {self.detail(row, long=True)}", row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.title(row)}: {self.detail(row, long=True)}"
        if role == ROW_ROLE:
            return row
        if role == ENROLMENT_ROLE:
            return row.enrolment_id
        return None

    def title(self, row: BoardRow) -> str:
        if row.status == ES.WAITLISTED and row.waitlist_position is not None:
            return f"{row.waitlist_position}. {row.name}"
        return row.name

    def detail(self, row: BoardRow, long: bool = False) -> str:
        """Grade and school (the short part first, so it survives a narrow column)."""
        parts = [f"{self.grade_word} {row.grade}" if row.grade is not None else "", row.school]
        if long:
            parts.insert(0, f"goes by {row.preferred_name}" if row.preferred_name else "")
            parts += [self.tag(row, long=True), row.email]
        return " · ".join(part for part in parts if part)

    def tag(self, row: BoardRow, long: bool = False) -> str:
        return card_tag(row, long)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        ids = [self.row_at(row).enrolment_id for row in rows]
        return drag_payload(self.cohort_id, self.status, ids)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        payload = read_payload(data)
        return payload is not None and payload.get("cohort") == self.cohort_id

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        payload = read_payload(data)
        if payload is None or payload.get("cohort") != self.cohort_id:
            return False
        if parent.isValid():
            row = parent.row()
        before = row if 0 <= row < len(self._visible) else None
        ids = [str(each) for each in payload.get("ids", [])]
        source = ES(str(payload.get("status")))
        return bool(ids) and self._on_drop(self.status, source, ids, before)


class EnrolmentDelegate(QStyledItemDelegate):
    """A card per student: the name (wrapped onto a second line rather than cut when
    the column is narrow), then grade, school and what needs doing."""

    PADDING = 5
    NAME_LINES = 2

    def _name_layout(
        self, option: QStyleOptionViewItem, model: EnrolmentListModel, row: BoardRow
    ) -> tuple[QRect, str, QFont]:
        """Where the name goes in a card of ``option.rect``'s width, and its bold font."""
        font = QFont(option.font)
        font.setBold(True)
        bold = QFontMetrics(font)
        rect = option.rect.adjusted(8, self.PADDING, -8, -self.PADDING)
        tag = model.tag(row)
        room = rect.width()
        if tag:
            room -= option.fontMetrics.horizontalAdvance(tag) + 8
        room = max(room, 1)
        flags = int(Qt.TextFlag.TextWordWrap)
        wanted = bold.boundingRect(QRect(0, 0, room, 10_000), flags, model.title(row))
        lines = min(max(round(wanted.height() / bold.lineSpacing()), 1), self.NAME_LINES)
        return QRect(rect.left(), rect.top(), room, lines * bold.lineSpacing()), tag, font

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        model, row = index.model(), index.data(ROW_ROLE)
        line = option.fontMetrics.height()
        if not isinstance(model, EnrolmentListModel) or not isinstance(row, BoardRow):
            return QSize(0, line * 2 + 2 * self.PADDING + 2)
        item = QStyleOptionViewItem(option)
        widget = item.widget
        if isinstance(widget, QAbstractScrollArea):  # the card is as wide as the column
            item.rect = QRect(0, 0, widget.viewport().width(), 0)
        name, _tag, _font = self._name_layout(item, model, row)
        return QSize(0, name.height() + line + 2 * self.PADDING + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        model = index.model()
        row = index.data(ROW_ROLE)
        if not isinstance(model, EnrolmentListModel) or not isinstance(row, BoardRow):
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text, item.icon = "", QIcon()  # the card draws its own text and warning icon
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        palette: QPalette = item.palette
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = palette.color(role)
        quiet = QColor(text_colour)
        quiet.setAlphaF(0.7)
        metrics = item.fontMetrics
        name_rect, tag, bold = self._name_layout(item, model, row)
        rect = item.rect.adjusted(8, self.PADDING, -8, -self.PADDING)
        painter.save()
        if tag:
            painter.setPen(quiet)
            tag_rect = QRect(rect.left(), rect.top(), rect.width(), metrics.height())
            painter.drawText(
                tag_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, tag
            )
        painter.setFont(bold)
        painter.setPen(text_colour)
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, model.title(row)
        )
        painter.setFont(item.font)
        painter.setPen(quiet)
        detail = QRect(rect.left(), name_rect.bottom() + 1, rect.width(), metrics.height())
        marker = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(marker, QIcon):  # before the detail line, leaving the name its room
            marker.paint(painter, QRect(detail.topLeft(), QSize(detail.height(), detail.height())))
            detail.setLeft(detail.left() + detail.height() + 4)
        elide = Qt.TextElideMode.ElideRight
        painter.drawText(
            detail,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(model.detail(row), elide, detail.width()),
        )
        painter.restore()


class BoardListView(QListView):
    """A list that says so when it is empty, rather than showing a blank box."""

    def __init__(self, model: EnrolmentListModel) -> None:
        super().__init__()
        self.setModel(model)
        self._model = model

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._model.rowCount():
            return
        text = "No matches" if self._model.total_count else "No students"
        painter = QPainter(self.viewport())
        colour = QColor(self.palette().color(QPalette.ColorRole.Text))
        colour.setAlphaF(0.55)
        painter.setPen(colour)
        area = self.viewport().rect().adjusted(8, 12, -8, -8)
        painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        painter.end()


class EnrolmentColumn(QWidget):
    """A header ("Enrolled  38 / 40") over the list of one status."""

    def __init__(
        self, status: EnrolmentStatus, model: EnrolmentListModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.status, self.model = status, model
        self.label = status_label(status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.title = QLabel(self.label)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        header.addStretch(1)
        self.count = QLabel()
        self.count.setAccessibleName(f"{self.label} count")
        header.addWidget(self.count)
        layout.addLayout(header)
        self.view = BoardListView(model)
        self.view.setItemDelegate(EnrolmentDelegate(self.view))
        # Cards as wide as the column, never a sideways scroll bar: a long name wraps
        # (and the cards are laid out again when the column's width changes).
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setAccessibleName(f"{self.label} students")
        self.title.setBuddy(self.view)
        layout.addWidget(self.view, 1)
        self.setMinimumWidth(COLUMN_WIDTH)

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        return [self.model.row_at(row).enrolment_id for row in rows]

    def select(self, ids: list[str], focus: bool = False) -> None:
        """Add these enrolments (those shown) to the selection, in one step."""
        rows = sorted(row for row in map(self.model.row_of, ids) if row is not None)
        if rows:
            chosen = QItemSelection()
            for row in rows:
                chosen.select(self.model.index(row), self.model.index(row))
            selection = self.view.selectionModel()
            selection.select(chosen, QItemSelectionModel.SelectionFlag.Select)
            first = self.model.index(rows[0])
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(first)
        if focus:
            self.view.setFocus()

    def show_count(self, capacity: int | None) -> None:
        """Shows "12", or "38 / 40" on the enrolled column; "· 5 shown" while searching."""
        total, shown = self.model.total_count, self.model.rowCount()
        text = f"{total:,}"
        if self.status == ES.ENROLLED and capacity is not None:
            text = f"{total:,} / {capacity:,}"
        over = self.status == ES.ENROLLED and capacity is not None and total > capacity
        if shown != total:
            text += f" · {shown:,} shown"
        self.count.setText(text)
        font = self.count.font()
        font.setBold(over)
        self.count.setFont(font)
        tip = f"{total - capacity:,} over capacity" if over and capacity is not None else ""
        self.count.setToolTip(tip)
        self.view.setAccessibleDescription(f"{self.label}: {text}" + (f", {tip}" if tip else ""))
