"""Dialogs for a cohort's sessions: plan them from a weekly pattern, edit one.

Both only gather and check what the person typed; the caller saves through the
operation runner, with an undo step.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ixdesk.errors import IxdeskError
from ixdesk.gui.date_field import DateField
from ixdesk.services.instructor_view import InstructorChoice
from ixdesk.services.running.sessions import (
    DAY_NAMES,
    MAX_WEEKS,
    Pattern,
    SessionRow,
    dates_text,
    local_moment,
    session_values,
)
from ixdesk.services.validation import parse_date

NOBODY = "No instructor named"


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    return edit


def _as_time(edit: QTimeEdit) -> time:
    chosen = edit.time()
    return time(chosen.hour(), chosen.minute())


def _instructor_box(choices: list[InstructorChoice], chosen: str | None) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName("Instructor")
    box.addItem(NOBODY, None)
    for choice in choices:
        box.addItem(choice.label, choice.instructor_id)
    box.setCurrentIndex(max(box.findData(chosen), 0))
    return box


class _Checked(QDialog):
    """A dialog whose OK checks the fields first and says what is wrong below them."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        self.problem.setStyleSheet("color: #B00020")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons = buttons
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def time_row(self, starts: time, ends: time) -> tuple[QTimeEdit, QTimeEdit]:
        """A "Time: 16:00 to 18:00" row; its two fields."""
        row = QHBoxLayout()
        fields = _time_edit(starts), _time_edit(ends)
        for field, name in zip(fields, ("Starts at", "Ends at"), strict=True):
            field.setAccessibleName(name)
        row.addWidget(fields[0])
        row.addWidget(QLabel("to"))
        row.addWidget(fields[1])
        row.addStretch(1)
        self.form.addRow("Time:", row)
        return fields

    def check(self) -> None:
        """Raise an IxdeskError saying what is wrong."""

    def _ok(self) -> None:
        try:
            self.check()
        except IxdeskError as error:
            self.problem.setText(str(error))
            return
        self.accept()


class PlanSessionsDialog(_Checked):
    """Days of the week, a time span, a number of weeks from a first day, holidays to skip."""

    def __init__(
        self,
        first_day: date,
        location: str | None,
        instructors: list[InstructorChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Plan sessions", parent)
        self.days: list[QCheckBox] = []
        row = QHBoxLayout()
        for name in DAY_NAMES:
            box = QCheckBox(name.title())
            box.setAccessibleName(f"Meets on {name.title()}")
            self.days.append(box)
            row.addWidget(box)
        self.days[1].setChecked(True)
        self.days[3].setChecked(True)
        self.form.addRow("Days:", row)
        self.starts, self.ends = self.time_row(time(16), time(18))
        self.first_day = DateField()
        self.first_day.set_value(first_day)
        self.first_day.setAccessibleName("First day")
        self.form.addRow("From:", self.first_day)
        self.weeks = QSpinBox()
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(4)
        self.weeks.setAccessibleName("Weeks")
        self.form.addRow("Weeks:", self.weeks)
        self.skip = QLineEdit()
        self.skip.setPlaceholderText("holidays, e.g. 2027-03-11, 2027-04-02")
        self.skip.setAccessibleName("Dates to skip")
        self.form.addRow("Skip:", self.skip)
        self.topic = QLineEdit("Session")
        self.topic.setAccessibleName("Topic")
        self.form.addRow("Topic:", self.topic)
        self.location = QLineEdit(location or "")
        self.location.setPlaceholderText("a place or an online link")
        self.location.setAccessibleName("Place or link")
        self.form.addRow("Place or link:", self.location)
        self.instructor = _instructor_box(instructors, None)
        self.form.addRow("Instructor:", self.instructor)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Dates planned")
        self.form.addRow("Dates:", self.preview)
        for box in self.days:
            box.toggled.connect(self._show_dates)
        for signal in (self.weeks.valueChanged, self.skip.textChanged, self.first_day.textChanged):
            signal.connect(self._show_dates)
        self.setMinimumWidth(560)
        self._show_dates()

    def pattern(self) -> Pattern:
        days = tuple(n for n, box in enumerate(self.days) if box.isChecked())
        if not days:
            raise IxdeskError("Tick at least one day of the week.")
        first = self.first_day.value()
        if first is None or self.first_day.problem():
            raise IxdeskError(self.first_day.problem() or "Give the first day of the plan.")
        starts, ends = _as_time(self.starts), _as_time(self.ends)
        if ends <= starts:
            raise IxdeskError("The sessions must end after they start.")
        skip = [part for part in self.skip.text().replace(";", ",").split(",") if part.strip()]
        try:
            skipped = frozenset(parse_date(part.strip(), field="date", typed=True) for part in skip)
        except ValueError as error:  # the reader's InvalidValue
            raise IxdeskError(f"A date to skip does not read: {error}") from None
        return Pattern(days, starts, ends, first, self.weeks.value(), skipped)

    def check(self) -> None:
        if not self.pattern().dates():
            raise IxdeskError("The pattern meets on no day.")

    def _show_dates(self) -> None:
        try:
            days = self.pattern().dates()
        except IxdeskError as error:
            self.preview.setText(str(error))
            return
        shown = dates_text(days[:6]) + (f" and {len(days) - 6} more" if len(days) > 6 else "")
        self.preview.setText(f"{len(days)} sessions: {shown}" if days else "No day.")


class SessionDialog(_Checked):
    """One session: topic, day, start and end, place or link, instructor."""

    def __init__(
        self, session: SessionRow, instructors: list[InstructorChoice], parent: QWidget | None
    ) -> None:
        super().__init__("Edit session", parent)
        self.topic = QLineEdit(session.title)
        self.topic.setAccessibleName("Topic")
        self.form.addRow("Topic:", self.topic)
        start = session.starts_at.astimezone() if session.starts_at else None
        end = session.ends_at.astimezone() if session.ends_at else None
        self.day = DateField()
        self.day.set_value(start.date() if start else None)
        self.day.setAccessibleName("Day")
        self.form.addRow("Day:", self.day)
        self.starts, self.ends = self.time_row(
            start.time() if start else time(16), end.time() if end else time(18)
        )
        self.location = QLineEdit(session.location or "")
        self.location.setAccessibleName("Place or link")
        self.form.addRow("Place or link:", self.location)
        self.instructor = _instructor_box(instructors, session.instructor_id)
        self.form.addRow("Instructor:", self.instructor)
        self.delete_requested = False
        self.delete_button = self.buttons.addButton(
            "&Delete session", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.clicked.connect(self._delete)
        self.setMinimumWidth(460)

    def _delete(self) -> None:
        self.delete_requested = True
        self.accept()

    def values(self) -> dict[str, object]:
        day = self.day.value()
        if self.day.problem():
            raise IxdeskError(self.day.problem() or "")
        starts: datetime | None = None
        ends: datetime | None = None
        if day is not None:
            starts = local_moment(day, _as_time(self.starts))
            ends = local_moment(day, _as_time(self.ends))
        return session_values(
            self.topic.text(), starts, ends, self.location.text(), self.instructor.currentData()
        )

    def check(self) -> None:
        self.values()
