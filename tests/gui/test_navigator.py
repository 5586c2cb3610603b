"""The navigator: places open from anywhere, and Back / Forward (Alt+Left / Alt+Right)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from ixdesk.gui.attention_view import TEXT_COLUMN
from ixdesk.gui.dialogs import Button
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.navigator import HOME, TEACHING, WORKSPACE, Place
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import type_into
from tests.gui.world import World

ALT = Qt.KeyboardModifier.AltModifier


def test_back_and_forward_return_to_the_places_before(window: MainWindow, world: World) -> None:
    navigator = window.navigator
    student = world.students[0]
    assert window.current_place() == Place(HOME)
    assert not window.back_action.isEnabled() and not window.forward_action.isEnabled()
    assert navigator.open_record("students", student)
    assert window.views["students"].editor.loaded.id == student
    assert navigator.open_cohort(world.cohort)
    assert navigator.open_instructor(world.instructor)
    assert window.current_place() == Place(TEACHING, world.instructor)

    assert navigator.back()
    assert window.current_place() == Place(WORKSPACE, world.cohort)
    assert window.ui.pages.currentWidget() is window.workspace_page
    assert navigator.back()
    assert window.current_view() is window.views["students"]
    assert window.views["students"].editor.loaded.id == student  # the record shown then
    assert navigator.back()
    assert window.current_place() == Place(HOME)
    assert not navigator.back() and not window.back_action.isEnabled()

    assert window.forward_action.isEnabled()
    assert navigator.forward() and navigator.forward() and navigator.forward()
    assert window.current_place() == Place(TEACHING, world.instructor)
    assert window.instructor_view.instructor_id == world.instructor
    assert not window.forward_action.isEnabled()


def test_alt_left_and_alt_right_step_through_the_history(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    window.show_view("groups")
    window.views["groups"].select_record(world.group)  # choosing a row is not a step
    window.show_view("companies")
    qtbot.keyClick(window, Qt.Key.Key_Left, ALT)
    assert window.current_place() == Place("groups", world.group)
    qtbot.keyClick(window, Qt.Key.Key_Left, ALT)
    assert window.current_place() == Place(HOME)
    qtbot.keyClick(window, Qt.Key.Key_Right, ALT)
    assert window.current_place() == Place("groups", world.group)
    # Somewhere new after going back: nothing is left to go forward to.
    window.open_cohort(world.other_cohort)
    assert not window.forward_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Left, ALT)
    assert window.current_place() == Place("groups", world.group)


def test_back_and_forward_sit_in_the_view_menu_and_the_toolbar(window: MainWindow) -> None:
    menu = window.ui.menuView.actions()
    assert menu[:2] == [window.back_action, window.forward_action]
    assert window.back_action.shortcuts()[0] == QKeySequence("Alt+Left")
    assert window.forward_action.shortcuts()[0] == QKeySequence("Alt+Right")
    toolbar = window.ui.toolBar
    assert toolbar.actions()[:2] == [window.back_action, window.forward_action]
    for action in toolbar.actions():  # at 1280 wide nothing falls into the overflow menu
        widget = toolbar.widgetForAction(action)
        assert widget is not None and widget.isVisible(), action.text()
    back = toolbar.widgetForAction(window.back_action)
    assert isinstance(back, QToolButton) and back.accessibleName() == "Back"


def test_going_back_keeps_unsaved_edits_when_the_person_says_so(
    qtbot: QtBot, window: MainWindow, world: World, dialogs: ScriptedDialogs
) -> None:
    window.open_record("companies", world.company)
    window.open_record("students", world.students[0])
    view = window.views["students"]
    type_into(qtbot, view, "school", "Somewhere new")
    dialogs.leave_answer = Button.Cancel
    assert not window.navigator.back()
    assert window.current_view() is view and view.editor.is_dirty()
    assert window.back_action.isEnabled()  # the way back is still there
    dialogs.leave_answer = Button.Discard
    assert window.navigator.back()
    assert window.current_place() == Place("companies", world.company)


def test_links_and_the_dashboard_open_places_through_the_navigator(
    window: MainWindow, world: World
) -> None:
    window.home.open_record.emit("cohorts", world.cohort)  # a cohort's bar on the dashboard
    assert window.current_place() == Place(WORKSPACE, world.cohort)
    window.cohort_workspace.edit_cohort.emit(world.cohort)
    assert window.current_place() == Place("cohorts", world.cohort)
    window.views["cohorts"].editor.open_linked.emit("groups", world.group)
    assert window.current_place() == Place("groups", world.group)
    assert window.navigator.back() and window.navigator.back() and window.navigator.back()
    assert window.current_place() == Place(HOME)


def test_a_record_opened_from_needs_attention_has_a_way_back(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    for attention, place in (
        (window.assignments.attention, Place(HOME)),  # the dock, over the dashboard
        (window.cohort_workspace.attention, Place(WORKSPACE, world.cohort)),  # the tab
    ):
        if place.view == WORKSPACE:
            assert window.open_cohort(world.cohort)
            window.cohort_workspace.tabs.setCurrentWidget(attention)
        else:
            window.attention_dock.show()
        qtbot.waitUntil(lambda view=attention: view.model.rowCount() > 0)
        assert window.current_place() == place
        table = attention.table
        rect = table.visualRect(attention.model.index(0, TEXT_COLUMN))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_place() != place  # the record it names
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Left, ALT)
        assert window.current_place() == place
