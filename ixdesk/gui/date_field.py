"""A date field people type into as they write dates, with a calendar beside it.

It reads ISO dates (2027-03-26), dates with month names (26 March 2027,
Mar 26, 2027) and dates in numbers in the organisation's day/month order,
through the same reader as the import. Once the person leaves the field it
shows the date it read as 26 Mar 2027, so what is saved is what is shown.
Empty means "no date". Text it cannot read is kept as typed and reported by
:meth:`DateField.problem`, so the editor shows why at the field and refuses to
save. Up and Down move a date by a day, Page Up and Page Down by a month (an
empty field stays empty); Alt+Down or F4 opens the calendar on the field's
date, or on today.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from ixdesk.gui.icons import icon
from ixdesk.services import validation

# The widest date the field shows, for its width.
WIDEST = "30 Sep 2027"


def as_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class CalendarPopup(QCalendarWidget):
    """The calendar a date field opens below itself; Escape closes it unchanged."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setAccessibleName("Choose a date")
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)


class DateField(QLineEdit):
    edited = Signal()  # the person changed the date: typed, picked, stepped or cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day_first = validation.default_day_first()
        self._value: date | None = None
        self._problem: str | None = None
        self.calendar: CalendarPopup | None = None
        self.setClearButtonEnabled(True)
        order = "day/month/year" if self.day_first else "month/day/year"
        self.setPlaceholderText(order)
        self.calendar_action = self.addAction(
            icon("calendar"), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setText("Choose from a calendar")
        self.calendar_action.setToolTip("Choose from a calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._tidy)

    # --- the value ---
    def value(self) -> date | None:
        """The date shown; None when the field is empty or cannot be read."""
        return self._value

    def problem(self) -> str | None:
        """Why the text cannot be read as a date, or None when it can (or is empty)."""
        return self._problem

    def set_value(self, value: date | None) -> None:
        self._value, self._problem = value, None
        self.setText("" if value is None else validation.day_text(value))
        self.setCursorPosition(0)

    def _read(self, text: str) -> None:
        try:
            self._value = validation.read_typed_date(text, self.day_first, self.objectName())
            self._problem = None
        except validation.InvalidValue as error:
            self._value, self._problem = None, error.problem.message

    def _typed(self, text: str) -> None:
        self._read(text)
        self.edited.emit()

    def _tidy(self) -> None:
        """Leaving the field: show the date read in the one unambiguous way."""
        if self._problem is None:
            self.set_value(self._value)

    def _choose(self, value: date) -> None:
        self.set_value(value)
        self.edited.emit()

    # --- the keyboard and the calendar ---
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
            self.show_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self._step(key)  # never invents a date in an empty field
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step(self, key: int) -> None:
        if self._value is None:
            return
        shown = QDate(self._value.year, self._value.month, self._value.day)
        up = key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            moved = shown.addDays(1 if up else -1)
        else:
            moved = shown.addMonths(1 if up else -1)
        if moved.isValid() and 1 <= moved.year() <= 9999:
            self._choose(as_date(moved))

    def show_calendar(self) -> None:
        """Open the calendar below the field, on its date or on today."""
        if self.calendar is None:
            self.calendar = CalendarPopup(self)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        shown = self._value or date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.setCurrentPage(shown.year, shown.month)
        self.calendar.adjustSize()
        self.calendar.move(self._popup_position(self.calendar.size()))
        self.calendar.show()
        self.calendar.setFocus()

    def _popup_position(self, size: QSize) -> QPoint:
        """Below the field, or above it when the screen ends first; never off screen."""
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        y = below.y()
        if y + size.height() > screen.bottom():
            y = self.mapToGlobal(QPoint(0, 0)).y() - size.height()
        x = min(below.x(), screen.right() - size.width())
        return QPoint(max(x, screen.left()), max(y, screen.top()))

    def _picked(self, chosen: QDate) -> None:
        assert self.calendar is not None
        self.calendar.hide()
        self.setFocus()
        self._choose(as_date(chosen))

    def sizeHint(self) -> QSize:
        """Room for the widest date and both buttons, whether the clear button shows or not."""
        style, metric = self.style(), self.style().PixelMetric
        buttons = 2 * (style.pixelMetric(metric.PM_SmallIconSize, None, self) + 8)
        frame = 2 * (style.pixelMetric(metric.PM_DefaultFrameWidth, None, self) + 4)
        text = self.fontMetrics().horizontalAdvance(WIDEST)
        return QSize(text + buttons + frame, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width(), super().minimumSizeHint().height())
