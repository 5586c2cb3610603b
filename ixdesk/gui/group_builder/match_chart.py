"""The priority distribution: how many students got their 1st, 2nd … choice, or none.

Each row is one choice with two bars: the match (the highlight colour) and
the groups as they are now (a quiet tone), both against the same scale, so
the gain reads at a glance. Built on the dashboard's chart base: keyboard,
tooltips and the accessible description come with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from ixdesk.gui.chart_base import ACCENT, MUTED, ChartItem
from ixdesk.gui.charts import BarChart


class ChoiceChart(BarChart):
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
        label_width = self._label_width()
        value_width = self.fontMetrics().horizontalAdvance("0,000  (now 0,000)") + 12
        room = max(self.width() - label_width - value_width - 8, 10)
        longest = max([item.value for item in self.items] + self.now + [1.0])
        for index, (item, rect) in enumerate(zip(self.items, rects, strict=True)):
            if not rect.intersects(self.exposed):
                continue
            self.draw_label_and_value(painter, rect, item, label_width, room, value_width)
            bar = rect.height() * 0.32
            for row, (value, tone) in enumerate(((item.value, ACCENT), (self.now[index], MUTED))):
                track = QRectF(label_width, rect.top() + 4 + row * (bar + 3), room, bar)
                self.draw_measure(painter, track, value / longest, tone)
