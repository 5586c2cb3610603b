"""What is wrong with a form's fields, said on the line under each field.

A problem shows once the person has left the field, or has tried to save;
never on a form they have not touched yet. A warning (something that can be
saved but is probably a slip) shows as soon as it applies. The line under
each field is always there, one line high even when empty, so a problem
appearing or going never moves the fields below it (a click aimed at a field
lands on it). A long message wraps rather than being cut, and the room it
took is kept while the same record is shown, so mending it moves nothing
either.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QSizePolicy, QWidget
from shiboken6 import isValid

from ixdesk.gui.theme import is_dark

ERROR_COLOURS = ("#c0392b", "#ff8a80")  # (light, dark background): readable on either
WARNING_COLOURS = ("#9a5b00", "#ffcc80")


class ProblemLine(QLabel):
    """The line under one field: at least one line high, and as high as the longest
    message it has shown since :meth:`forget` (at the width it is given)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"{name}_error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName(f"Problem with {name.replace('_', ' ')}")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._kept = 0
        self._colours = ERROR_COLOURS

    def _colour(self) -> None:
        """The message's colour for the window's colours now (light or dark). Only the
        text's colour is the line's own, so it hears when the window's change."""
        palette = self.palette()
        wanted = QColor(self._colours[1] if is_dark(palette) else self._colours[0])
        if palette.color(QPalette.ColorRole.WindowText) != wanted:
            palette.setColor(QPalette.ColorRole.WindowText, wanted)
            self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # Settings ▸ Appearance
            self._colour()

    def _needed(self) -> int:
        """The height the text takes at the width the line has now."""
        if not self.text() or self.width() <= 0:
            return 0
        return super().heightForWidth(self.width())

    def forget(self) -> None:
        """Back to one line (a record shown afresh)."""
        self._kept = 0
        self.updateGeometry()

    def say(self, text: str, colours: tuple[str, str]) -> None:
        self._colours = colours
        self._colour()
        self.setText(text)
        self._kept = max(self._kept, self._needed())
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self._needed()
        if needed > self._kept:  # narrower than when it was said: take the room it needs
            self._kept = needed
            self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        # Its height is its own (``sizeHint``), whatever text it holds: a word-wrapped
        # label would otherwise switch the form, and the scroll area around it, to
        # heights-for-widths when a message first appears, and every field would move.
        return False

    def sizeHint(self) -> QSize:
        return QSize(0, max(self.fontMetrics().lineSpacing(), self._kept))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def problem_line_for(widget: QWidget, name: str) -> ProblemLine:
    """A :class:`ProblemLine` on the form row just below the field."""
    line = ProblemLine(name)
    parent = widget.parentWidget()
    if parent is None:
        return line
    for form in parent.findChildren(QFormLayout):
        row, _role = cast(tuple[int, QFormLayout.ItemRole], form.getWidgetPosition(widget))
        if row >= 0:
            form.insertRow(row + 1, "", line)
            return line
    layout = parent.layout()
    if layout is not None:
        layout.addWidget(line)
    return line


class FieldProblems(QObject):
    """The problem lines of one form, and when each may speak."""

    revealed = Signal()  # more problems are shown: leaving a field, or trying to save

    def __init__(self, fields: dict[str, QWidget], owner: QWidget) -> None:
        super().__init__(owner)  # goes with the form, and so does its connection
        self.fields = fields
        self.labels = {name: problem_line_for(widget, name) for name, widget in fields.items()}
        self.left: set[str] = set()
        self.save_tried = False
        self._problems: dict[str, str] = {}
        self._warnings: dict[str, str] = {}
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def start_again(self) -> None:
        """A record shown afresh: nothing left, no save tried, one line under each field."""
        self.left.clear()
        self.save_tried = False
        for line in self.labels.values():
            line.forget()

    def reveal_all(self) -> None:
        """Save was tried: every problem shows from now on."""
        self.save_tried = True
        self.show(self._problems, self._warnings)
        self.revealed.emit()

    def shown(self) -> dict[str, str]:
        """The problems on screen now."""
        return {
            name: message
            for name, message in self._problems.items()
            if self.save_tried or name in self.left
        }

    def show(self, problems: dict[str, str], warnings: dict[str, str] | None = None) -> None:
        self._problems, self._warnings = dict(problems), dict(warnings or {})
        shown = self.shown()
        for name, line in self.labels.items():
            problem, warning = shown.get(name), self._warnings.get(name)
            line.say(problem or warning or "", ERROR_COLOURS if problem else WARNING_COLOURS)
            self.fields[name].setProperty("invalid", bool(problem))

    def _field_of(self, widget: QWidget | None) -> str | None:
        owner = self.parent()
        shown = isinstance(owner, QWidget) and isValid(owner) and owner.isVisible()
        if widget is None or not shown or not all(map(isValid, self.fields.values())):
            return None  # the form is hidden, or being taken down
        return next(
            (n for n, f in self.fields.items() if f is widget or f.isAncestorOf(widget)), None
        )

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        left = self._field_of(old)
        if left is None or left == self._field_of(new) or left in self.left:
            return
        self.left.add(left)
        self.show(self._problems, self._warnings)
        self.revealed.emit()
