"""The attendance grid as a Qt table: students down, sessions across, totals at the end.

A mark cell shows P, L, A or E (the whole word in its tip) on a light colour; a cell of
a session that does not concern the student (another group's) is greyed and takes no
mark. The last columns count each mark and give the student's rate and hours.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ixdesk.db.enums import AttendanceStatus
from ixdesk.services.kinds import status_label
from ixdesk.services.running.attendance import LETTERS, AttendanceGrid, GridStudent, rate_text
from ixdesk.services.running.sessions import SessionRow

Index = QModelIndex | QPersistentModelIndex
GROUP, STUDENT = 0, 1
FIXED = 2
TOTALS = (*(status_label(mark) for mark in AttendanceStatus), "Rate", "Hours")
COLOURS = {
    AttendanceStatus.PRESENT: "#DFF0D8",
    AttendanceStatus.LATE: "#FCF3CF",
    AttendanceStatus.ABSENT: "#F6D5D5",
    AttendanceStatus.EXCUSED: "#DCE6F2",
}
NOT_CONCERNED = "#E6E6E6"


class AttendanceModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.grid: AttendanceGrid | None = None

    def set_grid(self, grid: AttendanceGrid | None) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    # --- where things are ---
    @property
    def sessions(self) -> list[SessionRow]:
        return self.grid.sessions if self.grid is not None else []

    def session_at(self, column: int) -> SessionRow | None:
        offset = column - FIXED
        return self.sessions[offset] if 0 <= offset < len(self.sessions) else None

    def student_at(self, row: int) -> GridStudent | None:
        students = self.grid.students if self.grid is not None else []
        return students[row] if 0 <= row < len(students) else None

    def cell(self, index: Index) -> tuple[GridStudent, SessionRow] | None:
        """The student and session of a mark cell that concerns the student, else None."""
        student, session = self.student_at(index.row()), self.session_at(index.column())
        if self.grid is None or student is None or session is None:
            return None
        return (student, session) if self.grid.applies(student, session) else None

    # --- Qt's questions ---
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.students)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED + len(self.sessions) + len(TOTALS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        session = self.session_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if session is not None:
                day = session.starts_at.astimezone() if session.starts_at else None
                return f"{day:%a} {day.day} {day:%b}\n{session.title}" if day else session.title
            if section < FIXED:
                return ("Group", "Student")[section]
            return TOTALS[section - FIXED - len(self.sessions)]
        if role == Qt.ItemDataRole.ToolTipRole and session is not None:
            parts = [session.title, session.when, session.location, session.instructor]
            parts.append(f"Only {session.group}" if session.group else None)
            return "\n".join(part for part in parts if part)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.session_at(index.column()) is not None and self.cell(index) is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        grid, student = self.grid, self.student_at(index.row())
        if grid is None or student is None:
            return None
        column = index.column()
        if self.session_at(column) is not None:
            return self._mark_data(index, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIXED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == GROUP:
            return student.group or "Not in a group"
        if column == STUDENT:
            return student.name
        total = column - FIXED - len(self.sessions)
        counts = grid.counts(student)
        if total < len(AttendanceStatus):
            return counts[list(AttendanceStatus)[total]]
        if total == len(AttendanceStatus):
            return rate_text(grid.rate([student]))
        return f"{grid.hours(student):g}"

    def _mark_data(self, index: Index, role: int) -> Any:
        found = self.cell(index)
        if found is None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(NOT_CONCERNED))
            if role == Qt.ItemDataRole.ToolTipRole:
                return "This session is for another group."
            return None
        assert self.grid is not None
        mark = self.grid.mark(found[0].id, found[1].id)
        if role == Qt.ItemDataRole.DisplayRole:
            return LETTERS[mark] if mark is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return status_label(mark) if mark is not None else "No mark yet"
        if role == Qt.ItemDataRole.BackgroundRole and mark is not None:
            return QBrush(QColor(COLOURS[mark]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{found[0].name}, {found[1].title}: " + (
                status_label(mark) if mark is not None else "no mark"
            )
        return None
