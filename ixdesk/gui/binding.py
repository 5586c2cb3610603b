"""Read and write a Designer form's fields by their object names.

Forms name each field widget after the record field it edits (``first_name``,
``date_of_birth``…). Empty values follow one convention: a spin box at its
minimum and an empty date field mean "no value" (the spin box's special value
text shows a blank). A date field whose text is not a date gives that text as
its value, so the record counts as changed, and :func:`field_problem` says why
it cannot be saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ixdesk.gui.date_field import DateField
from ixdesk.services import validation

DATETIME_FIELDS = {"guardian_consent_at"}


def get_value(widget: QWidget, name: str) -> Any:
    if isinstance(widget, DateField):
        if widget.problem() is not None:
            return widget.text().strip()  # as typed: never saved, see field_problem
        day = widget.value()
        if day is not None and name in DATETIME_FIELDS:
            return validation.moment_of_day(day)  # the day as shown here, kept in UTC
        return day
    if isinstance(widget, QLineEdit):
        return widget.text().strip() or None
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip() or None
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox):
        return None if widget.value() == widget.minimum() else widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QListWidget):
        return sorted(
            str(widget.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        )
    raise TypeError(f"no binding for {type(widget).__name__} ({name})")


def field_problem(widget: QWidget) -> str | None:
    """Why the field cannot give a value at all (a date field's unreadable text), or None."""
    return widget.problem() if isinstance(widget, DateField) else None


def set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateField):
        widget.set_value(validation.local_day(value) if isinstance(value, datetime) else value)
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
        widget.setCursorPosition(0)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        widget.setCurrentIndex(index if index >= 0 else 0)
    elif isinstance(widget, QSpinBox):
        widget.setValue(widget.minimum() if value is None else int(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QListWidget):
        wanted = set(value or [])
        for row in range(widget.count()):
            item = widget.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    else:
        raise TypeError(f"no binding for {type(widget).__name__}")


def fill_choices(widget: QWidget, options: list[tuple[str, str]], allow_empty: bool) -> None:
    """Put (label, value) options into a combo box or a checkable list."""
    if isinstance(widget, QComboBox):
        current = widget.currentData()
        widget.blockSignals(True)
        widget.clear()
        if allow_empty:
            widget.addItem("—", None)
        for label, value in options:
            widget.addItem(label, value)
        index = widget.findData(current)
        widget.setCurrentIndex(max(index, 0))
        widget.blockSignals(False)
    elif isinstance(widget, QListWidget):
        checked = set(get_value(widget, ""))
        widget.blockSignals(True)
        widget.clear()
        for label, value in options:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked
            )
            widget.addItem(item)
        widget.blockSignals(False)


def ids_in(value: Any) -> set[str]:
    """The ids a link field's value holds: one, several (a list) or none."""
    if value is None:
        return set()
    return {str(each) for each in value} if isinstance(value, list | tuple | set) else {str(value)}


def offered(widget: QWidget) -> set[str]:
    """The values a combo box or a checkable list offers."""
    if isinstance(widget, QComboBox):
        return {str(widget.itemData(row)) for row in range(widget.count())}
    if isinstance(widget, QListWidget):
        return {
            str(widget.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(widget.count())
        }
    return set()


def on_change(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` whenever the person changes the field."""
    if isinstance(widget, DateField):
        widget.edited.connect(callback)
    elif isinstance(widget, QLineEdit):
        widget.textEdited.connect(callback)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(callback)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(callback)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(callback)
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(callback)
    elif isinstance(widget, QListWidget):
        widget.itemChanged.connect(callback)
