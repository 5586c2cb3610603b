"""Draws a group's row: its name and size in bold, then its problem, lead and slot."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ixdesk.gui.group_builder.common import DETAILS_ROLE, KIND_ROLE, TITLE_ROLE

GAP = " · "


class GroupRowDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.column() != 0 or index.data(KIND_ROLE) != "group":
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        title, details = str(index.data(TITLE_ROLE)), str(index.data(DETAILS_ROLE) or "")
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        area: QRect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        area = area.adjusted(2, 0, -2, 0)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(item.palette.color(role))
        bold = QFont(item.font)
        bold.setBold(True)
        plain = QFont(item.font)
        plain.setBold(False)
        bold_metrics = QFontMetrics(bold)
        shown = bold_metrics.elidedText(title, Qt.TextElideMode.ElideRight, area.width())
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.setFont(bold)
        painter.drawText(area, int(align), shown)
        used = bold_metrics.horizontalAdvance(shown)
        rest = area.adjusted(used, 0, 0, 0)
        if details and rest.width() > 20:
            painter.setFont(plain)
            text = QFontMetrics(plain).elidedText(
                GAP + details, Qt.TextElideMode.ElideRight, rest.width()
            )
            painter.drawText(rest, int(align), text)
        painter.restore()
