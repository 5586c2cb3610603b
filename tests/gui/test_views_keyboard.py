"""Keyboard-only work, and names for screen readers on every control of every view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ixdesk.gui.contact_dialog import ContactDialog
from ixdesk.gui.main_window import MainWindow
from tests.gui.helpers import shortcut
from tests.gui.world import World

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> QWidget:
    """Press a key where the focus is; returns the widget that has the focus afterwards."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)
    after = QApplication.focusWidget()
    assert after is not None
    return after


def test_a_view_works_with_the_keyboard_alone(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    window.activateWindow()
    shortcut(qtbot, window, Qt.Key.Key_3)  # Ctrl+3: groups
    view = window.views["groups"]
    assert window.current_view() is view
    shortcut(qtbot, window, Qt.Key.Key_F)
    assert QApplication.focusWidget() is view.search
    qtbot.keyClicks(view.search, "equipe")
    assert view.model.rowCount() == 1
    assert _press(qtbot, Qt.Key.Key_Tab) is view.status_filter
    assert _press(qtbot, Qt.Key.Key_Tab) is view.table
    _press(qtbot, Qt.Key.Key_Down)  # the first (only) row
    assert view.editor.loaded.id == world.group
    fields = view.editor.fields
    assert _press(qtbot, Qt.Key.Key_Return) is fields["name"]  # Enter: edit the row
    assert _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier) is view.table
    # Tab walks from the table through the editor's fields, in form order, to Save.
    assert _press(qtbot, Qt.Key.Key_Tab) is fields["name"]
    # The cohort is skipped: a group with members stays in its cohort.
    for name in ("status", "business_problem_id", "lead_instructor_id", "meeting_slot"):
        assert _press(qtbot, Qt.Key.Key_Tab) is fields[name], name
    _press(qtbot, Qt.Key.Key_End)  # Tab selected the text; keep it and add to it
    qtbot.keyClicks(fields["meeting_slot"], " and Fri 16:00")
    reached = [_press(qtbot, Qt.Key.Key_Tab) for _ in range(3)]
    assert reached == [view.editor.linked, view.editor.revert_button, view.editor.save_button]
    _press(qtbot, Qt.Key.Key_Space)  # Save
    assert not view.editor.is_dirty()
    assert view.editor.loaded.values["meeting_slot"] == "Tue 16:00 and Fri 16:00"
    # Shift+Tab back to the linked records, down to the business problem, Enter opens it.
    linked = view.editor.linked
    for _ in range(3):
        if _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier) is linked:
            break
    assert QApplication.focusWidget() is linked
    for _ in range(4):
        _press(qtbot, Qt.Key.Key_Down)
        if linked.currentItem() and linked.currentItem().text(0) == "Café footfall forecast":
            break
    _press(qtbot, Qt.Key.Key_Return)
    problems = window.views["problems"]
    assert window.current_view() is problems
    assert problems.editor.loaded.id == world.problem


def _controls(root: QWidget) -> dict[str, str]:
    """Interactive widgets under ``root``: what each is, and its accessible name.

    Parts of a control (the line edit in a spin box, a line edit's clear button,
    a table's headers and corner button) are the control's business, not ours.
    """
    names = {}
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView):
            continue
        parent = widget.parentWidget()
        part_of_a_control = False
        while parent is not None and parent is not root:
            if isinstance(parent, INTERACTIVE):
                part_of_a_control = True
                break
            parent = parent.parentWidget()
        if not part_of_a_control:
            names[f"{type(widget).__name__} {widget.objectName()!r} {id(widget)}"] = (
                widget.accessibleName().strip()
            )
    return names


def test_every_control_of_every_view_has_an_accessible_name(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    for kind, view in window.views.items():
        window.show_view(kind)
        controls = _controls(view)
        assert len(controls) >= 8, kind  # search, filter, table, fields, list, buttons
        assert [what for what, name in controls.items() if not name] == [], kind
    dialog = ContactDialog(window.workbench, world.company, world.contact)
    qtbot.addWidget(dialog)
    controls = _controls(dialog)
    assert len(controls) >= 6  # four fields, Save, Cancel, Delete
    assert [what for what, name in controls.items() if not name] == []
