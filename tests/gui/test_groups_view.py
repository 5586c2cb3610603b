"""The groups view: cohort, business problem, lead instructor and members."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.main_window import MainWindow
from ixdesk.services.editing import GROUP_STAYS_IN_COHORT
from tests.gui.helpers import (
    assert_refused_at,
    choose,
    create_with_editor,
    linked_labels,
    open_view,
    press_enter_on_link,
    shortcut,
    stored,
    type_into,
)
from tests.gui.world import World


def _shown(window: MainWindow, group_id: str, key: str) -> str:
    view = window.views["groups"]
    row = view.model.row_of(group_id)
    assert row is not None
    return view.model.display_row(row)[view.spec.column_index(key)]


def test_create_a_group_with_its_problem_and_lead_instructor(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = create_with_editor(
        qtbot,
        window,
        "groups",
        {
            "name": "Team Hopper",
            "cohort_id": "Marketing Winter 2026",
            "status": "Working",
            "business_problem_id": "Brücke Logistik — Stock alert bot",
            "lead_instructor_id": "Ben Adams",
            "meeting_slot": "Thu 17:00–19:00",
        },
    )
    group_id = view.editor.loaded.id or ""
    saved = stored(sqlite_database, m.StudentGroup, group_id)
    assert (saved.cohort_id, saved.business_problem_id, saved.lead_instructor_id) == (
        world.other_cohort,
        world.other_problem,
        world.other_instructor,
    )
    assert _shown(window, group_id, "lead_instructor") == "Ben Adams"
    assert _shown(window, group_id, "member_count") == "0"
    assert linked_labels(view) == ["Marketing Winter 2026", "Stock alert bot", "Ben Adams"]
    assert view.editor.fields["cohort_id"].isEnabled()  # no members yet: it may move


def test_a_group_needs_a_name_and_a_cohort_and_its_name_is_unique_in_the_cohort(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "groups")
    shortcut(qtbot, window, Qt.Key.Key_N)
    type_into(qtbot, view, "name", "ÉQUIPE Zoë")  # SQLite's lower(), like its index, folds A–Z only
    assert_refused_at(view, "cohort_id", "Cohort is needed.")
    choose(view, "cohort_id", "Données Spring 2027")
    assert_refused_at(view, "name", "Another group of this cohort is already called")
    choose(view, "cohort_id", "Marketing Winter 2026")  # the same name elsewhere is fine
    assert view.editor.problems == {}
    type_into(qtbot, view, "name", "")
    assert_refused_at(view, "name", "Name is needed.")


def test_a_group_with_members_stays_in_its_cohort(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "groups")
    assert view.select_record(world.group)
    cohort = view.editor.fields["cohort_id"]
    assert not cohort.isEnabled() and cohort.toolTip() == GROUP_STAYS_IN_COHORT
    assert view.select_record(world.other_group)
    assert cohort.isEnabled()


def test_a_group_shows_its_cohort_problem_lead_and_members_and_opens_them(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "groups")
    assert view.select_record(world.group)
    assert linked_labels(view) == [
        "Données Spring 2027",
        "Café footfall forecast",
        "Zoë Ørsted",
        "Łukasz Nowak",
        "Ana Silva",
    ]
    press_enter_on_link(qtbot, view, "Café footfall forecast")
    assert window.current_view() is window.views["problems"]
    assert window.views["problems"].editor.loaded.id == world.problem


def test_deleting_a_business_problem_or_lead_leaves_the_group_without_it(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    open_view(window, "groups")
    assert _shown(window, world.group, "business_problem") == "Café footfall forecast"
    for kind, record_id in (("problems", world.problem), ("instructors", world.instructor)):
        view = open_view(window, kind)
        assert view.select_record(record_id)
        view.delete_selected()
    open_view(window, "groups")  # a hidden view catches up when it is shown
    assert _shown(window, world.group, "business_problem") == ""
    assert _shown(window, world.group, "lead_instructor") == ""
    groups = open_view(window, "groups")
    assert groups.select_record(world.group)
    assert "Café footfall forecast" not in linked_labels(groups)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert _shown(window, world.group, "business_problem") == "Café footfall forecast"
    assert _shown(window, world.group, "lead_instructor") == "Zoë Ørsted"
