"""The cohort's groups (top level) with their members (children), as a tree model."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, overload

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from ixdesk.gui.group_builder.common import (
    COLUMNS,
    DETAILS_ROLE,
    GRADE_COLUMN,
    ID_ROLE,
    KIND_ROLE,
    MIME,
    TITLE_ROLE,
    AnyIndex,
    Display,
    consent_note,
    decode_ids,
    encode_ids,
    header_details,
    header_text,
    header_title,
    student_cell,
    student_icon,
)
from ixdesk.gui.icons import icon
from ixdesk.services.groups import GroupRow, StudentRow, group_warnings
from ixdesk.services.read.common import sort_key

_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_GROUP_FLAGS = _SELECTABLE | Qt.ItemFlag.ItemIsDropEnabled
_GROUP_NAME_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemIsEditable
_MEMBER_FLAGS = (
    _SELECTABLE
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)
_NONE = QModelIndex()


class _GroupNode:
    __slots__ = ("key", "members", "order", "row")

    def __init__(self, key: int, row: GroupRow, members: list[StudentRow]) -> None:
        self.key, self.members = key, members
        self.row = replace(row, members=())
        self.order = sort_key(row.name)


class GroupTreeModel(QAbstractItemModel):
    """Groups (top level) with their members (children)."""

    students_dropped = Signal(list, object)  # student ids, target group id
    rename_requested = Signal(str, str)  # group id, new name

    def __init__(self) -> None:
        super().__init__()
        self.grade_word = "Grade"  # "Year" for a university cohort
        self._nodes: list[_GroupNode] = []
        self._by_key: dict[int, _GroupNode] = {}
        self._by_id: dict[str, _GroupNode] = {}
        self._position: dict[int, int] = {}
        self._serial = 0
        self.group_size: int | None = None
        # Concerns the group's own row cannot tell (safeguarding, approval), by group id.
        self._concerns: dict[str, list[str]] = {}
        self.tint: QColor | None = None
        self._warning_icon: QIcon | None = None
        self._group_icon: QIcon | None = None
        self._bold: QFont | None = None

    # --- contents ---
    def set_groups(self, groups: Sequence[GroupRow], group_size: int | None) -> None:
        self.beginResetModel()
        self.group_size = group_size
        self._nodes = [self._node(group, list(group.members)) for group in groups]
        self._index_nodes()
        self.endResetModel()

    def _node(self, group: GroupRow, members: list[StudentRow]) -> _GroupNode:
        self._serial += 1
        node = _GroupNode(self._serial, group, members)
        self._by_key[node.key] = node
        return node

    def _index_nodes(self) -> None:
        self._by_key = {node.key: node for node in self._nodes}
        self._by_id = {node.row.id: node for node in self._nodes}
        self._position = {node.key: row for row, node in enumerate(self._nodes)}

    def group_ids(self) -> list[str]:
        return [node.row.id for node in self._nodes]

    def group(self, group_id: str) -> GroupRow | None:
        node = self._by_id.get(group_id)
        return node.row if node else None

    def members(self, group_id: str) -> list[StudentRow]:
        node = self._by_id.get(group_id)
        return list(node.members) if node else []

    def group_index(self, group_id: str) -> QModelIndex:
        node = self._by_id.get(group_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._position[node.key], 0, 0)

    def upsert_group(self, group: GroupRow) -> None:
        """Show new details of a group, or add it in its place by name."""
        node = self._by_id.get(group.id)
        if node is None:
            self._insert(self._node(group, []))
            return
        header = replace(group, members=())
        if header == node.row:
            return
        if header.name == node.row.name:
            node.row = header
            index = self.createIndex(self._position[node.key], 0, 0)
            self.dataChanged.emit(index, index.siblingAtColumn(len(COLUMNS) - 1))
            return
        members = node.members
        self.remove_group(group.id)
        self._insert(self._node(group, members))

    def _insert(self, node: _GroupNode) -> None:
        row = bisect_left([each.order for each in self._nodes], node.order)
        self.beginInsertRows(QModelIndex(), row, row)
        self._nodes.insert(row, node)
        self._index_nodes()
        self.endInsertRows()

    def remove_group(self, group_id: str) -> None:
        node = self._by_id.get(group_id)
        if node is None:
            return
        row = self._position[node.key]
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._nodes[row]
        self._index_nodes()
        self.endRemoveRows()

    def set_members(self, changes: Mapping[str, Sequence[StudentRow]]) -> None:
        """Give groups their new members, all in one layout change.

        Inserting rows under an expanded group makes the tree lay out every row
        again, and each row signal walks every persistent index (one per expanded
        group): one layout change for a whole move costs one pass, not one per row.
        Members who stay keep their selection; the tree keeps what is expanded.
        """
        nodes = [
            (self._by_id[gid], members) for gid, members in changes.items() if gid in self._by_id
        ]
        if not nodes:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        seen: list[tuple[_GroupNode, str | None, int, int]] = []
        for index in old:
            key = index.internalId()
            if key == 0:
                seen.append((self._nodes[index.row()], None, index.row(), index.column()))
            else:
                node = self._by_key[key]
                seen.append((node, node.members[index.row()].id, index.row(), index.column()))
        rows: dict[int, dict[str, int]] = {}
        for node, members in nodes:
            node.members = sorted(members, key=lambda s: s.sort_key)
            rows[node.key] = {s.id: row for row, s in enumerate(node.members)}
        new = []
        for node, student, row, column in seen:
            if student is None:
                new.append(self.createIndex(row, column, 0))
            elif node.key not in rows:
                new.append(self.createIndex(row, column, node.key))
            else:
                moved = rows[node.key].get(student)
                new.append(
                    QModelIndex() if moved is None else self.createIndex(moved, column, node.key)
                )
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def set_concerns(self, concerns: dict[str, list[str]]) -> None:
        """Sentences from the "needs attention" rules for each group; repaints the headers."""
        self._concerns = concerns
        if self._nodes:
            last = len(self._nodes) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, 0))

    def warnings(self, group_id: str) -> list[str]:
        node = self._by_id[group_id]
        return self._warnings(node)

    def _warnings(self, node: _GroupNode) -> list[str]:
        own = group_warnings(node.row, len(node.members), self.group_size)
        return own + self._concerns.get(node.row.id, [])

    # --- navigation ---
    def _node_of(self, index: AnyIndex) -> tuple[_GroupNode, StudentRow | None]:
        """The group of an index, and the member it is (None for the group's own row)."""
        key = index.internalId()
        if key == 0:
            return self._nodes[index.row()], None
        node = self._by_key[key]
        return node, node.members[index.row()]

    def group_id_of(self, index: AnyIndex) -> str | None:
        if not index.isValid():
            return None
        return self._node_of(index)[0].row.id

    def student_of(self, index: AnyIndex) -> StudentRow | None:
        return self._node_of(index)[1] if index.isValid() else None

    def index(self, row: int, column: int, parent: AnyIndex = _NONE) -> QModelIndex:
        # Called thousands of times when the tree lays itself out: no calls back into Qt.
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._nodes) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        node = self._nodes[parent.row()]
        if row >= len(node.members):
            return QModelIndex()
        return self.createIndex(row, column, node.key)

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, index: AnyIndex) -> QModelIndex: ...

    def parent(self, index: AnyIndex | None = None) -> QObject | QModelIndex | None:
        """The group row a member row sits under; ``parent()`` alone is QObject's."""
        if index is None:
            return super().parent()
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        node = self._by_key.get(index.internalId())
        if node is None or node.key not in self._position:
            return QModelIndex()
        return self.createIndex(self._position[node.key], 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._nodes)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._nodes[parent.row()].members)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Display) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Display:
            return self.grade_word if section == GRADE_COLUMN else COLUMNS[section]
        return None

    # --- contents shown ---
    def data(self, index: AnyIndex, role: int = Display) -> Any:
        if not index.isValid():
            return None
        node, student = self._node_of(index)
        if role == ID_ROLE:
            return student.id if student else node.row.id
        if role == KIND_ROLE:
            return "student" if student else "group"
        if student is not None:
            return self._student_data(student, index.column(), role)
        return self._group_data(node, index.column(), role)

    def _student_data(self, student: StudentRow, column: int, role: int) -> Any:
        if role == Display:
            return student_cell(student, column)
        left = student.status not in (None, "enrolled")
        if role == Qt.ItemDataRole.ToolTipRole:
            note = f" — enrolment: {student.status}" if left else ""
            locked = " — locked in this group" if student.locked else ""
            return student_cell(student, column) + consent_note(student) + note + locked
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return student_icon(student)
        if role == Qt.ItemDataRole.FontRole and left:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _group_data(self, node: _GroupNode, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role == Display:
            return header_text(node.row, len(node.members))
        if role == TITLE_ROLE:
            return header_title(node.row, len(node.members))
        if role == DETAILS_ROLE:
            return " · ".join(header_details(node.row))
        if role == Qt.ItemDataRole.EditRole:
            return node.row.name
        warnings = self._warnings(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([header_text(node.row, len(node.members)), *warnings])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ". ".join([header_text(node.row, len(node.members)), *warnings])
        if role == Qt.ItemDataRole.DecorationRole:
            if self._warning_icon is None:
                self._warning_icon, self._group_icon = icon("warning"), icon("group")
            return self._warning_icon if warnings else self._group_icon
        if role == Qt.ItemDataRole.FontRole:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and self.tint is not None:
            return QBrush(self.tint)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return _GROUP_NAME_FLAGS if index.column() == 0 else _GROUP_FLAGS
        return _MEMBER_FLAGS

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.internalId() != 0:
            return False
        node = self._nodes[index.row()]
        text = " ".join(str(value).split())
        if text and text != node.row.name:
            self.rename_requested.emit(node.row.id, text)
        return False  # the rename comes back through the change announcement

    # --- drag and drop ---
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = dict.fromkeys(
            student.id for index in indexes if (student := self.student_of(index)) is not None
        )
        return encode_ids(ids)

    def drop_target(self, parent: AnyIndex) -> str | None:
        return self.group_id_of(parent)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        target = self.drop_target(parent)
        if target is None:
            return False
        members = {s.id for s in self._by_id[target].members}
        return any(each not in members for each in decode_ids(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        target = self.drop_target(parent)
        ids = decode_ids(data)
        if target is None or not ids or action == Qt.DropAction.IgnoreAction:
            return False
        members = {s.id for s in self._by_id[target].members}
        moving = [each for each in ids if each not in members]
        if moving:
            self.students_dropped.emit(moving, target)
        return bool(moving)
