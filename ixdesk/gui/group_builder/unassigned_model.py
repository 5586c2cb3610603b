"""Enrolled students not yet in a group: searchable, sortable, a place to drop students."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, Qt, Signal

from ixdesk.gui.group_builder.common import (
    COLUMNS,
    GRADE_COLUMN,
    ID_ROLE,
    KIND_ROLE,
    MIME,
    AnyIndex,
    Display,
    consent_note,
    decode_ids,
    encode_ids,
    runs,
    sort_value,
    student_cell,
    student_icon,
)
from ixdesk.services.folding import fold
from ixdesk.services.groups import StudentRow
from ixdesk.services.search import matches, search_terms


class UnassignedModel(QAbstractTableModel):
    """Enrolled students not in a group: searchable, sortable, a drop target."""

    students_dropped = Signal(list, object)  # student ids, None (= out of their group)

    def __init__(self) -> None:
        super().__init__()
        self.grade_word = "Grade"  # "Year" for a university cohort
        self._all: list[StudentRow] = []
        self._rows: list[StudentRow] = []
        self._folded: dict[str, str] = {}
        self._terms: list[str] = []
        self._sort = (0, Qt.SortOrder.AscendingOrder)

    # --- contents ---
    def set_students(self, students: Sequence[StudentRow]) -> None:
        self.beginResetModel()
        self._all = list(students)
        self._folded = {s.id: self._fold(s) for s in self._all}
        self._order_all()
        self._rows = [s for s in self._all if self._shown(s)]
        self.endResetModel()

    def set_search(self, text: str) -> None:
        self.beginResetModel()
        self._terms = search_terms(text)
        self._rows = [s for s in self._all if self._shown(s)]
        self.endResetModel()

    def remove(self, ids: Iterable[str]) -> None:
        gone = set(ids)
        if not gone:
            return
        self._all = [s for s in self._all if s.id not in gone]
        rows = [row for row, s in enumerate(self._rows) if s.id in gone]
        for first, last in reversed(runs(rows)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()

    def add(self, students: Iterable[StudentRow]) -> None:
        """Insert students at their place in the current order, row by row."""
        known = {s.id for s in self._all}
        new = [s for s in students if s.id not in known]
        if not new:
            return
        for student in new:
            self._folded[student.id] = self._fold(student)
        self._all.extend(new)
        self._order_all()
        wanted = [s for s in self._all if self._shown(s)]
        position = {s.id: row for row, s in enumerate(wanted)}
        for student in sorted((s for s in new if s.id in position), key=lambda s: position[s.id]):
            row = position[student.id]
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, student)
            self.endInsertRows()

    def _fold(self, student: StudentRow) -> str:
        return fold(" ".join(student_cell(student, column) for column in range(4)))

    def _shown(self, student: StudentRow) -> bool:
        return not self._terms or matches(self._terms, self._folded[student.id])

    def _order_all(self) -> None:
        column, order = self._sort
        self._all.sort(
            key=lambda s: sort_value(s, column), reverse=order == Qt.SortOrder.DescendingOrder
        )

    @property
    def total(self) -> int:
        return len(self._all)

    def students(self) -> list[StudentRow]:
        return list(self._all)

    def ids(self) -> list[str]:
        return [s.id for s in self._all]

    def id_at(self, row: int) -> str:
        return self._rows[row].id

    # --- Qt ---
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Display) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Display:
            return self.grade_word if section == GRADE_COLUMN else COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Display) -> Any:
        if not index.isValid():
            return None
        student = self._rows[index.row()]
        if role == Display:
            return student_cell(student, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return student_cell(student, index.column()) + consent_note(student)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return student_icon(student)
        if role == ID_ROLE:
            return student.id
        if role == KIND_ROLE:
            return "student"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order)
        self._order_all()
        self._rows = [s for s in self._all if self._shown(s)]
        self.endResetModel()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return encode_ids(self._rows[row].id for row in rows)

    def canDropMimeData(self, data: QMimeData, *_args: Any) -> bool:
        ids = decode_ids(data)
        listed = {s.id for s in self._all}
        return bool(ids) and not set(ids) <= listed

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, *_args: Any) -> bool:
        ids = decode_ids(data)
        if not ids or action == Qt.DropAction.IgnoreAction:
            return False
        listed = {s.id for s in self._all}
        moving = [each for each in ids if each not in listed]
        if moving:
            self.students_dropped.emit(moving, None)
        return bool(moving)
