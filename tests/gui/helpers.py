"""Small steps the GUI tests share."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.record_view import RecordView


def open_view(window: MainWindow, kind: str) -> RecordView:
    window.show_view(kind)
    view = window.views[kind]
    assert window.current_view() is view
    return view


def type_into(qtbot: QtBot, view: RecordView, field: str, text: str) -> None:
    widget = view.editor.fields[field]
    assert isinstance(widget, QLineEdit)
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:  # QTest only simulates ASCII keys; send the character as typed text
            for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(event_type, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def field(view: RecordView, name: str) -> QWidget:
    return view.editor.fields[name]


def shown_column(view: RecordView, column: int) -> list[str]:
    model = view.model
    return [model.display_row(row)[column] for row in range(model.rowCount())]
