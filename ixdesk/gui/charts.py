"""Small charts drawn with QPainter, each element clickable by mouse and keyboard.

See :mod:`ixdesk.gui.chart_base` for what they share: a chart is one focusable
widget; arrow keys move between its elements, Enter or Space (or a click)
emits ``activated(index)``.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen

from ixdesk.gui.chart_base import (
    ATTENTION,
    ROW_PADDING,
    ChartItem,
    ClickableChart,
    tone_color,
    track_color,
)

__all__ = ["BarChart", "CapacityBars", "ChartItem", "NumberTile", "RowList", "StackedBar"]


class RowChart(ClickableChart):
    """A chart of one row per item, as tall as its rows (a scroll area holds long ones)."""

    def sizeHint(self) -> QSize:
        return QSize(360, max(1, len(self.items)) * self.row_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    def layout_items(self) -> list[QRectF]:
        height = self.row_height()
        return [QRectF(0, i * height + 2, self.width(), height) for i in range(len(self.items))]


class BarChart(RowChart):
    """Horizontal bars, one row per item: label, bar, value."""

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(item.label) for item in self.items), default=0)
        return min(widest + 16, self.width() // 3)

    def paint_items(self, painter: QPainter, rects: list[QRectF]) -> None:
        label_width = self._label_width()
        value_width = self.fontMetrics().horizontalAdvance("00,000") + 12
        longest = max((item.value for item in self.items), default=0) or 1
        room = max(self.width() - label_width - value_width - 8, 10)
        for item, rect in self.shown(rects):
            self.draw_label_and_value(painter, rect, item, label_width, room, value_width)
            bar_height = rect.height() * 0.56
            top = rect.top() + (rect.height() - bar_height) / 2
            self.draw_measure(
                painter, QRectF(label_width, top, room, bar_height), item.value / longest, item.tone
            )

    def draw_label_and_value(
        self,
        painter: QPainter,
        rect: QRectF,
        item: ChartItem,
        label_width: float,
        room: float,
        value_width: float,
    ) -> None:
        """The row's label at its left, its value after the bars' room."""
        self.draw_text(
            painter,
            QRectF(rect.left() + 6, rect.top(), label_width - 10, rect.height()),
            item.label,
            Qt.AlignmentFlag.AlignLeft,
        )
        self.draw_text(
            painter,
            QRectF(label_width + room + 8, rect.top(), value_width, rect.height()),
            item.text,
            Qt.AlignmentFlag.AlignLeft,
        )

    def draw_measure(self, painter: QPainter, track: QRectF, share: float, tone: str) -> None:
        """A track the width of ``track`` and, over it, a bar ``share`` (0 to 1) of it."""
        self.draw_bar(painter, track, track_color(self.palette()))
        if share > 0:
            bar = QRectF(track.left(), track.top(), max(track.width() * share, 3), track.height())
            self.draw_bar(painter, bar, tone_color(self.palette(), tone))


class CapacityBars(RowChart):
    """One bullet bar per item: the name above, enrolled against capacity below."""

    def row_height(self) -> int:
        return self.fontMetrics().height() * 2 + ROW_PADDING + 8

    def paint_items(self, painter: QPainter, rects: list[QRectF]) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        value_width = metrics.horizontalAdvance("0,000 / 0,000") + 16
        palette = self.palette()
        for item, rect in self.shown(rects):
            left, width = rect.left() + 6, rect.width() - 12
            self.draw_text(
                painter,
                QRectF(left, rect.top() + 4, width, line),
                item.label,
                Qt.AlignmentFlag.AlignLeft,
            )
            bar_width = max(width - value_width, 10)
            bar_height = line * 0.7
            top = rect.top() + 6 + line + (line - bar_height) / 2
            whole = max(item.maximum, item.value, 1)
            track = QRectF(left, top, bar_width * item.maximum / whole, bar_height)
            self.draw_bar(painter, track, track_color(palette))
            fill = QRectF(left, top, bar_width * min(item.value, whole) / whole, bar_height)
            if item.value > 0:
                self.draw_bar(painter, fill, tone_color(palette, item.tone))
            if item.maximum and item.value > item.maximum:  # mark where capacity ends
                x = left + bar_width * item.maximum / whole
                painter.setPen(QPen(self.text_color(), 2))
                painter.drawLine(QPointF(x, top - 3), QPointF(x, top + bar_height + 3))
            color = tone_color(palette, ATTENTION) if item.tone == ATTENTION else None
            self.draw_text(
                painter,
                QRectF(left + bar_width + 10, rect.top() + 6 + line, value_width - 10, line),
                item.text,
                Qt.AlignmentFlag.AlignLeft,
                color or self.text_color(),
            )


class StackedBar(ClickableChart):
    """One bar split into segments (a pipeline), with a legend of counts below."""

    def sizeHint(self) -> QSize:
        return QSize(360, self.row_height() * 3)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    def _legend_rects(self) -> list[QRectF]:
        metrics = self.fontMetrics()
        top, height = self.row_height() * 1.6, self.row_height()
        rects, x = [], 0.0
        for item in self.items:
            width = metrics.horizontalAdvance(f"{item.label} {item.text}") + 34
            rects.append(QRectF(x, top, width, height))
            x += width + 8
        return rects

    def layout_items(self) -> list[QRectF]:
        # An element is its segment and its legend entry: the union is clickable.
        return self._legend_rects()

    def index_at(self, point: QPointF) -> int:
        for index, rect in enumerate(self._segments()):
            if rect.contains(point):
                return index
        return super().index_at(point)

    def _segments(self) -> list[QRectF]:
        total = sum(item.value for item in self.items) or 1
        height = self.row_height() * 1.1
        rects, x = [], 0.0
        for item in self.items:
            width = self.width() * item.value / total
            rects.append(QRectF(x, 4, width, height))
            x += width
        return rects

    def paint_items(self, painter: QPainter, rects: list[QRectF]) -> None:
        palette = self.palette()
        segments = self._segments()
        self.draw_bar(
            painter, QRectF(0, 4, self.width(), self.row_height() * 1.1), track_color(palette)
        )
        for item, segment in zip(self.items, segments, strict=True):
            if segment.width() <= 0:
                continue
            painter.fillRect(segment.adjusted(0.5, 0, -0.5, 0), tone_color(palette, item.tone))
        for item, rect in zip(self.items, rects, strict=True):
            swatch = QRectF(rect.left() + 6, rect.center().y() - 6, 12, 12)
            self.draw_bar(painter, swatch, tone_color(palette, item.tone))
            label = QRectF(swatch.right() + 6, rect.top(), rect.width() - 24, rect.height())
            self.draw_text(painter, label, f"{item.label} {item.text}", Qt.AlignmentFlag.AlignLeft)


class NumberTile(ClickableChart):
    """One big number with a caption under it; the whole tile is the element."""

    def _number_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        return font

    def sizeHint(self) -> QSize:
        number = QFontMetrics(self._number_font()).height()
        return QSize(180, number + self.fontMetrics().height() * 2 + 16)

    def minimumSizeHint(self) -> QSize:
        return QSize(140, self.sizeHint().height())

    def layout_items(self) -> list[QRectF]:
        return [QRectF(self.rect())] if self.items else []

    def paint_items(self, painter: QPainter, rects: list[QRectF]) -> None:
        item, rect = self.items[0], rects[0]
        font = self._number_font()
        number_height = QFontMetrics(font).height()
        color = tone_color(self.palette(), item.tone) if item.tone == ATTENTION else None
        inner = rect.adjusted(10, 4, -10, -4)
        self.draw_text(
            painter,
            QRectF(inner.left(), inner.top(), inner.width(), number_height),
            item.text,
            Qt.AlignmentFlag.AlignLeft,
            color,
            font,
        )
        painter.setFont(self.font())
        painter.setPen(self.quiet_color())
        caption = QRectF(inner.left(), inner.top() + number_height, inner.width(), inner.height())
        painter.drawText(
            caption,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            item.label,
        )


class RowList(RowChart):
    """A list of rows: a coloured mark, a name, a phrase and a date on the right."""

    def paint_items(self, painter: QPainter, rects: list[QRectF]) -> None:
        palette = self.palette()
        metrics = self.fontMetrics()
        date_width = metrics.horizontalAdvance("00 Sep 0000") + 12
        name_room = max((metrics.horizontalAdvance(item.label) for item in self.items), default=0)
        name_room += 24
        for item, rect in self.shown(rects):
            mark = QRectF(rect.left() + 8, rect.center().y() - 5, 10, 10)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tone_color(palette, item.tone))
            painter.drawEllipse(mark)
            room = rect.width() - 28 - date_width
            left = mark.right() + 10
            name_width = min(name_room, room * 0.5)
            name = QRectF(left, rect.top(), name_width - 8, rect.height())
            self.draw_text(painter, name, item.label, Qt.AlignmentFlag.AlignLeft)
            phrase = QRectF(left + name_width, rect.top(), room - name_width - 8, rect.height())
            color = tone_color(palette, ATTENTION) if item.tone == ATTENTION else None
            self.draw_text(painter, phrase, item.text, Qt.AlignmentFlag.AlignLeft, color)
            when = QRectF(rect.right() - date_width - 6, rect.top(), date_width, rect.height())
            self.draw_text(
                painter, when, item.detail, Qt.AlignmentFlag.AlignRight, self.quiet_color()
            )
