"""The priority distribution: how many students got their 1st, 2nd … choice, or none.

Each row is one choice with two bars: the match (the highlight colour) and
the groups as they are now (a quiet tone), both against the same scale, so
the gain reads at a glance. Built on the dashboard's chart base: keyboard,
tooltips and the accessible description come with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from ixdesk.gui.chart_base import ACCENT, MUTED, ChartItem, tone_color, track_color
from ixdesk.gui.charts import RowChart


class ChoiceChart(RowChart):
    """Rows of (label, match, now); ``set_rows`` fills it."""

    def __init__(self, title: str = "Choices students got", parent: QWidget | None = None):
        super().__init__(title, parent)
        self.now: list[float] = []
        self.empty_text = "No choices to show yet."

    def set_rows(self, rows: Sequence[tuple[str, int, int | None]]) -> None:
        """(label, students in the match, students now or None when there is no "now")."""
        self.now = [float(now or 0) for _label, _count, now in rows]
        items = []
        for label, count, now in rows:
            said = f"{label}: {count:,} in the match" + (
                f", {now:,} now" if now is not None else ""
            )
            text = f"{count:,}" + (f"  (now {now:,})" if now is not None else "")
            items.append(ChartItem(label, float(count), text, said, ACCENT))
        self.set_items(items, " (students)")

    def row_height(self) -> int:
        return self.fontMetrics().height() * 2 + 8

    def sizeHint(self) -> QSize:
        return QSize(320, max(1, len(self.items)) * self.row_height() + 4)

    def paint_items(self, painter: QPainter, rects: list[QRectF]) -> None:
        metrics = self.fontMetrics()
        label_width = min(
            max((metrics.horizontalAdvance(item.label) for item in self.items), default=0) + 16,
            self.width() // 3,
        )
        value_width = metrics.horizontalAdvance("0,000  (now 0,000)") + 12
        room = max(self.width() - label_width - value_width - 8, 10)
        longest = max([item.value for item in self.items] + self.now + [1.0])
        palette = self.palette()
        for index, (item, rect) in enumerate(zip(self.items, rects, strict=True)):
            if not rect.intersects(self.exposed):
                continue
            self.draw_text(
                painter,
                QRectF(rect.left() + 6, rect.top(), label_width - 10, rect.height()),
                item.label,
                Qt.AlignmentFlag.AlignLeft,
            )
            bar = rect.height() * 0.32
            for row, (value, tone) in enumerate(((item.value, ACCENT), (self.now[index], MUTED))):
                top = rect.top() + 4 + row * (bar + 3)
                self.draw_bar(painter, QRectF(label_width, top, room, bar), track_color(palette))
                if value > 0:
                    length = max(room * value / longest, 3)
                    self.draw_bar(
                        painter, QRectF(label_width, top, length, bar), tone_color(palette, tone)
                    )
            self.draw_text(
                painter,
                QRectF(label_width + room + 8, rect.top(), value_width, rect.height()),
                item.text,
                Qt.AlignmentFlag.AlignLeft,
            )
