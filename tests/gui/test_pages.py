"""The cohort workspace and the instructor view as pages of the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ixdesk.gui.main_window import MainWindow
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import open_view
from tests.gui.world import World


def _nav_key(window: MainWindow) -> str:
    return str(window.ui.navigation.currentItem().data(Qt.ItemDataRole.UserRole))


def test_open_cohort_workspace_from_the_cohorts_view(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    view = open_view(window, "cohorts")
    view.reload()
    assert view.select_record(world.cohort)
    assert window.workspace_action in view.extra_actions
    window.workspace_action.trigger()
    assert window.ui.pages.currentWidget() is window.workspace_page
    assert window.cohort_workspace.cohort_id == world.cohort
    builder = window.cohort_workspace.group_builder
    assert builder.cohort_id == world.cohort
    assert _nav_key(window) == "cohorts"
    assert not window.ui.actionNew.isEnabled()  # the workspace's own keys win
    # Clicking the lit "Cohorts" entry goes back to the table.
    item = window.ui.navigation.currentItem()
    window.ui.navigation.itemClicked.emit(item)
    assert window.current_view() is view


def test_open_cohort_asks_which_when_none_is_selected(
    window: MainWindow, world: World, dialogs: ScriptedDialogs
) -> None:
    dialogs.choose_answer = world.other_cohort
    assert window.open_cohort()
    assert window.cohort_workspace.cohort_id == world.other_cohort
    dialogs.choose_answer = None
    window.show_view("students")
    assert not window.open_cohort()
    assert window.current_view() is window.views["students"]


def test_workspace_back_button_and_dashboard_link(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    window.home.open_record.emit("cohorts", world.cohort)  # a cohort's bar on the dashboard
    assert window.ui.pages.currentWidget() is window.workspace_page
    qtbot.mouseClick(window.cohort_workspace.back_button, Qt.MouseButton.LeftButton)
    assert window.current_view() is window.views["cohorts"]


def test_instructor_view_from_the_instructors_view(window: MainWindow, world: World) -> None:
    view = open_view(window, "instructors")
    view.reload()
    assert view.select_record(world.instructor)
    window.teaching_action.trigger()
    assert window.ui.pages.currentWidget() is window.instructor_page
    assert window.instructor_view.instructor_id == world.instructor
    assert _nav_key(window) == "instructors"


def test_unknown_instructor_email_is_explained(
    window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    assert window.open_instructor()
    assert not window.instructor_view.set_instructor_email("nobody@example.org")
    assert any("nobody@example.org" in text for _kind, _title, text in dialogs.asked)


def test_dashboard_list_hint_narrows_the_view_until_cleared(
    window: MainWindow, world: World
) -> None:
    window.open_list("groups", {"ids": [world.group], "title": "Groups without a lead"})
    view = window.views["groups"]
    assert window.current_view() is view
    assert view.model.rowCount() == 1
    assert view.model.id_at(0) == world.group
    assert view.hint_button.isVisibleTo(view)
    assert "Groups without a lead" in view.hint_button.text()
    view.hint_button.click()
    assert view.model.rowCount() == 2
    assert not view.hint_button.isVisibleTo(view)


def test_dashboard_status_hint_sets_the_status_filter(window: MainWindow, world: World) -> None:
    window.open_list("cohorts", {"status": "running"})
    view = window.views["cohorts"]
    assert view.status_filter.currentData() == "running"


def test_workspace_and_instructor_view_export_what_they_show(
    window: MainWindow, world: World, dialogs: ScriptedDialogs
) -> None:
    window.open_cohort(world.cohort)
    menu = window.cohort_workspace.export_button.menu()
    labels = [action.text() for action in menu.actions()]
    assert labels == ["Cohort &roster…", "&Sign-in sheet…"]
    dialogs.save_file_answer = None  # the person closes the save dialog
    for action in menu.actions():
        action.trigger()
    asked = [(kind, text) for kind, _title, text in dialogs.asked]
    assert "choose" not in [kind for kind, _ in asked]  # the cohort shown was used
    suggested = [text for kind, text in asked if kind == "save_file"]
    assert len(suggested) == 2
    assert all("Données Spring 2027" in name for name in suggested)

    dialogs.asked.clear()
    window.open_instructor(world.instructor)
    window.instructor_view.export_button.click()
    suggested = [text for kind, _title, text in dialogs.asked if kind == "save_file"]
    assert len(suggested) == 1 and "Ørsted" in suggested[0]
