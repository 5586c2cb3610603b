"""What every dashboard chart shares: items, colours, keys, clicks and words.

A chart is one focusable widget holding a list of :class:`ChartItem`: the
arrow keys (and Home/End) move between its elements, Enter or Space opens the
current one, a click opens the one under the mouse; either way the chart
emits ``activated(index)``. Colours come from the widget's palette (the
highlight colour and tints of it between the base and text colours), so
charts read the same on light and dark systems. The accessible description
says every number in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolTip, QWidget

ACCENT, SOFT, PALE, MUTED, FAINT, ATTENTION = (
    "accent",
    "soft",
    "pale",
    "muted",
    "faint",
    "attention",
)
SPOKEN_ITEMS = 25  # the accessible description names this many elements, then "and N more"
ROW_PADDING = 10
_ACTIVATE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Select}


@dataclass(frozen=True)
class ChartItem:
    label: str  # "Running"
    value: float  # the length of its bar (or segment)
    text: str  # what is printed beside it: "4", "38 / 40"
    spoken: str  # the element in words: "Running: 4 cohorts"
    tone: str = ACCENT
    maximum: float = 0.0  # capacity bars: the whole track
    detail: str = ""  # list rows: right-hand text (a date)


def mix(first: QColor, second: QColor, amount: float) -> QColor:
    """``first`` moved ``amount`` (0..1) of the way towards ``second``."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * amount,
        first.greenF() + (second.greenF() - first.greenF()) * amount,
        first.blueF() + (second.blueF() - first.blueF()) * amount,
    )


def tone_color(palette: QPalette, tone: str) -> QColor:
    """The fill for a tone, derived from the palette so light and dark themes both work."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    accent = palette.color(QPalette.ColorRole.Highlight)
    if tone == SOFT:
        return mix(accent, base, 0.35)
    if tone == PALE:
        return mix(accent, base, 0.6)
    if tone == MUTED:
        return mix(text, base, 0.5)
    if tone == FAINT:
        return mix(text, base, 0.72)
    if tone == ATTENTION:
        # The highlight's own strength and lightness, turned to a warm red.
        saturation, value = accent.hsvSaturationF(), accent.valueF()
        return QColor.fromHsvF(0.02, max(saturation, 0.55), max(value, 0.7))
    return accent


def track_color(palette: QPalette) -> QColor:
    """The empty part of a bar: a faint line of text colour on the base."""
    base = palette.color(QPalette.ColorRole.Base)
    return mix(base, palette.color(QPalette.ColorRole.Text), 0.1)


class ClickableChart(QWidget):
    """Common behaviour: items, current item, hover, keys, clicks, focus ring, words."""

    activated = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.items: list[ChartItem] = []
        self.current = 0
        self._hover = -1
        self._rects: list[QRectF] = []
        self.exposed = QRectF()  # the part being painted: long lists skip the rest
        self.empty_text = "Nothing to show."
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    # --- content ------------------------------------------------------------------
    def set_items(self, items: list[ChartItem], unit_hint: str = "") -> None:
        self.items = list(items)
        self.current = min(self.current, max(len(self.items) - 1, 0))
        self._hover = -1
        spoken = [item.spoken for item in self.items[:SPOKEN_ITEMS]]
        if len(self.items) > SPOKEN_ITEMS:
            spoken.append(f"and {len(self.items) - SPOKEN_ITEMS:,} more")
        words = "; ".join(spoken) if spoken else self.empty_text
        how = " Arrow keys choose, Enter opens." if self.items else ""
        self.setAccessibleDescription(f"{self.title}{unit_hint}: {words}.{how}")
        self.updateGeometry()
        self.update()

    def item_rects(self) -> list[QRectF]:
        """Where each element is, in widget coordinates (for clicks and the focus ring)."""
        self._rects = self.layout_items()
        return self._rects

    def layout_items(self) -> list[QRectF]:
        raise NotImplementedError

    def paint_items(self, painter: QPainter, rects: list[QRectF]) -> None:
        raise NotImplementedError

    # --- painting -----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self.exposed = QRectF(event.rect())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rects = self.item_rects()
        if not self.items:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        if 0 <= self._hover < len(rects):
            painter.fillRect(rects[self._hover], mix(self._background(), highlight, 0.1))
        self.paint_items(painter, rects)
        if self.hasFocus() and 0 <= self.current < len(rects):
            pen = QPen(highlight, 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rects[self.current].adjusted(1, 1, -1, -1), 4, 4)

    def shown(self, rects: list[QRectF]) -> list[tuple[ChartItem, QRectF]]:
        """The items (with their places) that fall in the part being painted."""
        return [
            (item, rect)
            for item, rect in zip(self.items, rects, strict=True)
            if rect.intersects(self.exposed)
        ]

    def _background(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def text_color(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def quiet_color(self) -> QColor:
        return mix(self.text_color(), self._background(), 0.35)

    # --- keyboard and mouse ---------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self.items:
            super().keyPressEvent(event)
            return
        moves: dict[int, int] = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_PageDown: 10,
            Qt.Key.Key_PageUp: -10,
        }
        if key in _ACTIVATE_KEYS:
            self.activated.emit(self.current)
        elif key in moves:
            self.set_current(self.current + moves[key])
        elif key == Qt.Key.Key_Home:
            self.set_current(0)
        elif key == Qt.Key.Key_End:
            self.set_current(len(self.items) - 1)
        else:
            super().keyPressEvent(event)

    def set_current(self, index: int) -> None:
        self.current = max(0, min(index, len(self.items) - 1))
        self._keep_visible()
        self.update()

    def _keep_visible(self) -> None:
        rects = self.item_rects()
        if not 0 <= self.current < len(rects):
            return
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if not isinstance(parent, QScrollArea):
            return
        content = parent.widget()
        if content is not None:
            rect = rects[self.current]
            point = self.mapTo(content, rect.center().toPoint())
            parent.ensureVisible(point.x(), point.y(), 0, int(rect.height()))

    def index_at(self, point: QPointF) -> int:
        for index, rect in enumerate(self._rects or self.item_rects()):
            if rect.contains(point):
                return index
        return -1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.set_current(index)
            self.activated.emit(index)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position())
        if index != self._hover:
            self._hover = index
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.index_at(QPointF(event.pos()))
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.items[index].spoken, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # --- shared drawing --------------------------------------------------------------
    def row_height(self) -> int:
        return self.fontMetrics().height() + ROW_PADDING

    def draw_text(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        align: Qt.AlignmentFlag,
        color: QColor | None = None,
        font: QFont | None = None,
    ) -> None:
        painter.setFont(font or self.font())
        painter.setPen(color or self.text_color())
        metrics = QFontMetrics(painter.font())
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)

    def draw_bar(self, painter: QPainter, rect: QRectF, color: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        radius = min(4.0, rect.height() / 2)
        painter.drawRoundedRect(rect, radius, radius)
