"""A focus ring that can be seen: 2 pixels of the highlight colour around whatever has
the keyboard focus.

The platform's own style draws the focus faintly (a thin tint, or nothing on a
flat button), so a person working with the keyboard loses their place. The
ring is drawn on top of the platform's style (``QProxyStyle``), for fields,
lists and tables whenever they have the focus, and for buttons, tabs and
check boxes when the focus came from the keyboard (a mouse click needs no
ring). The highlight colour follows the palette, light or dark.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QStyleOptionTab,
    QWidget,
)

WIDTH = 2
S = QStyle
# Drawn by the base style, then ringed when they have the focus.
FIELDS = (S.PrimitiveElement.PE_FrameLineEdit,)
FIELD_CONTROLS = (S.ComplexControl.CC_ComboBox, S.ComplexControl.CC_SpinBox)
FRAMES = (S.ControlElement.CE_ShapedFrame,)
BUTTONS = (S.ControlElement.CE_PushButton,)
TAB_LABEL = S.ControlElement.CE_TabBarTabLabel  # ringed when its bar has the keyboard's focus


class FocusRingStyle(QProxyStyle):
    """The platform's style with a clearly visible focus ring (see the module text)."""

    def _ring(self, painter: QPainter, option: QStyleOption, inset: int = 0) -> None:
        rect: QRect = option.rect.adjusted(inset, inset, -inset, -inset)
        if rect.width() <= 2 * WIDTH or rect.height() <= 2 * WIDTH:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = option.palette.color(option.palette.ColorRole.Highlight)
        painter.setPen(QPen(colour, WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = WIDTH // 2
        painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), 3, 3)
        painter.restore()

    @staticmethod
    def _focused(option: QStyleOption, by_keyboard: bool = False) -> bool:
        state = option.state
        if not state & S.StateFlag.State_HasFocus:
            return False
        return not by_keyboard or bool(state & S.StateFlag.State_KeyboardFocusChange)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == S.PrimitiveElement.PE_FrameFocusRect:  # buttons, tabs, check boxes
            self._ring(painter, option)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in FIELDS and self._focused(option):
            self._ring(painter, option)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in FIELD_CONTROLS and self._focused(option):
            self._ring(painter, option)

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == TAB_LABEL and isinstance(option, QStyleOptionTab):
            # Some styles (Fusion) draw no focus for a tab, others a faint one: none
            # from the style, then the ring round the current tab.
            plain = QStyleOptionTab(option)
            plain.state = option.state & ~S.StateFlag.State_HasFocus
            super().drawControl(element, plain, painter, widget)
            if self._focused(option, by_keyboard=True):
                self._ring(painter, option, inset=1)
            return
        super().drawControl(element, option, painter, widget)
        if (element in FRAMES and self._focused(option)) or (
            element in BUTTONS and self._focused(option, by_keyboard=True)
        ):
            self._ring(painter, option)


def install_focus_ring(app: QApplication, base: str | None = None) -> FocusRingStyle:
    """Draw the application with :class:`FocusRingStyle` over the style named ``base``
    (None: the style it has now, without a ring already drawn over it).

    Whoever changes the application's style (the theme falls back to Fusion for a
    dark window) goes through here, so the ring stays."""
    current = app.style()
    if base is None:
        under = current.baseStyle() if isinstance(current, QProxyStyle) else current
        base = under.name()
    style = FocusRingStyle(base)
    app.setStyle(style)
    return style
