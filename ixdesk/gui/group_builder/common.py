"""What both lists of the group builder share: columns, roles, and the drag-and-drop payload.

Both models hold plain rows (``StudentRow``, ``GroupRow``) and change row by
row, so a move of a few students touches a few rows, not 2,000. Drag and drop
carries student ids under one MIME type; a drop does not change a model, it
emits ``students_dropped`` and the builder moves the students through the
services, after which the change announcement brings the rows back.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from ixdesk.db.enums import ConsentPurpose
from ixdesk.gui.icons import icon
from ixdesk.services.folding import fold
from ixdesk.services.groups import GroupRow, StudentRow
from ixdesk.services.privacy.consent import gap_sentence

MIME = "application/x-ixdesk-student-ids"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "group" or "student"
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3  # a group's name and member count
DETAILS_ROLE = Qt.ItemDataRole.UserRole + 4  # its problem, lead instructor, meeting slot
COLUMNS = ("Name", "School", "Grade", "Track interest")
GRADE_COLUMN = 2  # headed "Year" for a university cohort (``grade_word``)
AnyIndex = QModelIndex | QPersistentModelIndex
Display = Qt.ItemDataRole.DisplayRole


def student_cell(student: StudentRow, column: int) -> str:
    if column == 0:
        return student.name
    if column == 1:
        return student.school or ""
    if column == 2:
        return "" if student.grade is None else str(student.grade)
    return student.track_interest or ""


def consent_note(student: StudentRow) -> str:
    """For a tooltip: why a minor is marked (no valid consent to take part), or nothing."""
    if student.consent is None:
        return ""
    return " — " + gap_sentence(ConsentPurpose.PARTICIPATION, student.consent)


def student_icon(student: StudentRow) -> QIcon | None:
    """Before a student's name: a warning sign for a minor without a valid consent to
    take part, a lock for a student locked in their group, or both (the lock a badge)."""
    if student.consent is None:
        return icon("lock") if student.locked else None
    return _warning_with_lock() if student.locked else icon("warning")


@functools.cache
def _warning_with_lock() -> QIcon:
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    icon("warning").paint(painter, QRect(0, 0, size, size))
    icon("lock").paint(painter, QRect(size // 2, size // 2, size // 2, size // 2))
    painter.end()
    return QIcon(pixmap)


def sort_value(student: StudentRow, column: int) -> tuple[Any, ...]:
    if column == 2:
        return (student.grade is None, student.grade or 0, student.sort_key)
    if column == 0:
        return student.sort_key
    return (fold(student_cell(student, column)), student.sort_key)


def encode_ids(ids: Iterable[str]) -> QMimeData:
    data = QMimeData()
    data.setData(MIME, json.dumps(list(ids)).encode())
    return data


def decode_ids(data: QMimeData) -> list[str]:
    if not data.hasFormat(MIME):
        return []
    try:
        ids = json.loads(bytes(data.data(MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    return [str(each) for each in ids] if isinstance(ids, list) else []


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of neighbours."""
    found: list[tuple[int, int]] = []
    for row in sorted(rows):
        if found and found[-1][1] == row - 1:
            found[-1] = (found[-1][0], row)
        else:
            found.append((row, row))
    return found


def header_text(group: GroupRow, count: int) -> str:
    """ "Group 1 — 6 members · Churn dashboard (Acme) · Lead: Ravi Patel · Tue 16:00"."""
    return " · ".join([header_title(group, count), *header_details(group)])


def header_title(group: GroupRow, count: int) -> str:
    return f"{group.name} — {count} {'member' if count == 1 else 'members'}"


def header_details(group: GroupRow) -> list[str]:
    parts = []
    if group.business_problem:
        company = f" ({group.partner_company})" if group.partner_company else ""
        parts.append(group.business_problem + company)
    else:
        parts.append("no business problem")
    parts.append(
        f"Lead: {group.lead_instructor}" if group.lead_instructor else "no lead instructor"
    )
    if group.locked:
        parts.append("locked")
    if group.meeting_slot:
        parts.append(group.meeting_slot)
    return parts
