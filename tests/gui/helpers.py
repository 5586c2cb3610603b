"""Small steps the GUI tests share."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui.date_field import DateField
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.record_view import RecordView

DialogWork = Callable[[QDialog], None]


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Make ``widget``'s window the active one, as a person's window is: only then does
    moving the focus tell the application (and a field know it was left)."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=3000)


def caught_up(qtbot: QtBot, *widgets: Any) -> None:
    """Wait until shown widgets have caught up with changes made outside the window's
    runner (another copy of ixdesk): they refresh after a short wait, once per burst."""
    qtbot.waitUntil(lambda: not any(each.freshness.stale for each in widgets), timeout=3000)


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


def choose(view: RecordView, name: str, label: str) -> None:
    """Pick the entry shown as ``label`` in a combo box of the editor."""
    combo = view.editor.fields[name]
    assert isinstance(combo, QComboBox)
    index = combo.findText(label)
    assert index >= 0, f"{label!r} is not offered in {name}"
    combo.setCurrentIndex(index)


def shown_error(view: RecordView, name: str) -> str:
    """The problem shown under a field, or "" when none is visible."""
    label = view.editor.error_labels[name]
    return label.text() if label.isVisibleTo(view) else ""


def linked_item(view: RecordView, label: str) -> QTreeWidgetItem:
    tree = view.editor.linked
    found = tree.findItems(label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
    assert found, f"{label!r} is not among the linked records"
    return found[0]


def linked_labels(view: RecordView) -> list[str]:
    tree = view.editor.linked
    return [
        tree.topLevelItem(top).child(row).text(0)
        for top in range(tree.topLevelItemCount())
        for row in range(tree.topLevelItem(top).childCount())
    ]


def press_enter_on_link(qtbot: QtBot, view: RecordView, label: str) -> None:
    tree = view.editor.linked
    tree.setFocus()
    tree.setCurrentItem(linked_item(view, label))
    qtbot.keyClick(tree.viewport(), Qt.Key.Key_Return)


def shortcut(qtbot: QtBot, window: MainWindow, key: Qt.Key, shift: bool = False) -> None:
    """Press Ctrl+key (Ctrl+Shift+key) in the window."""
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, key, modifiers)


def fill(qtbot: QtBot, view: RecordView, values: dict[str, Any]) -> None:
    """Enter values in the editor as a person would, whatever kind of field each is."""
    for name, value in values.items():
        widget = view.editor.fields[name]
        if isinstance(widget, DateField):  # typed as ISO, readable whatever the order
            type_into(qtbot, view, name, value.isoformat())
        elif isinstance(widget, QLineEdit):
            type_into(qtbot, view, name, value)
        elif isinstance(widget, QComboBox):
            choose(view, name, value)
        elif isinstance(widget, QSpinBox):
            widget.setValue(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value)
        elif isinstance(widget, QListWidget):
            for label in value:
                (item,) = widget.findItems(label, Qt.MatchFlag.MatchExactly)
                item.setCheckState(Qt.CheckState.Checked)
        else:
            raise TypeError(f"no way to fill {name}")


def create_with_editor(
    qtbot: QtBot, window: MainWindow, kind: str, values: dict[str, Any]
) -> RecordView:
    """Ctrl+N in the view, fill the editor, Ctrl+S: the view then shows the new record."""
    view = open_view(window, kind)
    shortcut(qtbot, window, Qt.Key.Key_N)
    assert view.editor.title.text() == f"New {view.spec.singular}"
    assert not view.editor.save_button.isEnabled()
    fill(qtbot, view, values)
    assert view.editor.problems == {}
    assert view.editor.save_button.isEnabled()
    shortcut(qtbot, window, Qt.Key.Key_S)
    assert view.editor.loaded.id is not None and not view.editor.is_dirty()
    row = view.model.row_of(view.editor.loaded.id)
    assert row is not None and view.table.currentIndex().row() == row
    return view


def assert_refused_at(view: RecordView, name: str, words: str) -> None:
    """Saving changes nothing, the problem shows under the field, and Save stays disabled
    until it is mended."""
    version = view.editor.loaded.version
    assert view.editor.save() is False
    assert words in shown_error(view, name)
    assert not view.editor.save_button.isEnabled()
    assert view.editor.loaded.version == version


def leave_field(qtbot: QtBot, view: RecordView, name: str) -> None:
    """Tab out of a field, as a person moves on to the next one."""
    qtbot.keyClick(view.editor.fields[name], Qt.Key.Key_Tab)
    assert not view.editor.fields[name].hasFocus()


def stored(database: Database, model: type[Any], record_id: str) -> Any:
    with database.read() as session:
        return session.get(model, record_id)


def in_modal_dialog(qtbot: QtBot, open_it: Callable[[], object], work: DialogWork) -> None:
    """Open a modal dialog with ``open_it`` and do ``work`` in it while it is shown.

    ``work`` closes the dialog (accept, reject); if it fails, the dialog is closed
    anyway and the failure raised here, so a test never hangs on ``exec()``.
    """
    failures: list[BaseException] = []

    def inside() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        try:
            work(dialog)
        except BaseException as failure:  # re-raised below, once the dialog is closed
            failures.append(failure)
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, inside)
    open_it()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    if failures:
        raise failures[0]


class BoundedEventLoop:
    """Stands in for the application in ``run_gui``: its ``exec`` runs a local event
    loop (ended by ``exit``, or after a while should nothing end it), so a test runs
    the window's start-up without ending the application's own loop for later tests."""

    loop: QEventLoop | None = None

    @classmethod
    def exec(cls) -> int:
        cls.loop = QEventLoop()
        QTimer.singleShot(20_000, cls.loop, lambda: cls.exit(99))
        quits = QApplication.quitOnLastWindowClosed()
        QApplication.setQuitOnLastWindowClosed(False)
        try:
            return cls.loop.exec()
        finally:
            QApplication.setQuitOnLastWindowClosed(quits)
            cls.loop = None

    @classmethod
    def exit(cls, status: int) -> None:
        if cls.loop is not None:
            cls.loop.exit(status)


def picture(widget: QWidget, name: str) -> None:
    """The widget at 1280x800 as ``name``.png in $IXDESK_PICTURES, when that is set (for
    looking at a view or dialog, and for the README's pictures); a test run without it
    writes nothing."""
    folder = os.environ.get("IXDESK_PICTURES")
    if folder:
        widget.resize(1280, 800)
        assert widget.grab().save(str(Path(folder) / f"{name}.png"))
