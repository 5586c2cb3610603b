"""The cohorts view: dates, format and size, and what a cohort holds."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.main_window import MainWindow
from tests.gui.helpers import (
    assert_refused_at,
    create_with_editor,
    linked_labels,
    open_view,
    press_enter_on_link,
    shortcut,
    shown_column,
    stored,
    type_into,
)
from tests.gui.world import World, live_ids


def test_create_a_cohort_with_its_dates_format_and_size(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = create_with_editor(
        qtbot,
        window,
        "cohorts",
        {
            "name": "UX design Summer 2027 · Leeds",
            "track_id": "Data analytics",
            "status": "Recruiting",
            "audience": "University",
            "starts_on": date(2027, 7, 5),
            "ends_on": date(2027, 7, 30),
            "format": "Hybrid",
            "schedule": "Holiday",
            "location": "Leeds",
            "capacity": 24,
            "group_size": 4,
        },
    )
    saved = stored(sqlite_database, m.Cohort, view.editor.loaded.id or "")
    assert (saved.starts_on, saved.ends_on) == (date(2027, 7, 5), date(2027, 7, 30))
    assert (saved.format, saved.schedule, saved.audience) == ("hybrid", "holiday", "university")
    assert (saved.capacity, saved.group_size, saved.status) == (24, 4, "recruiting")
    row = view.model.row_of(saved.id)
    assert row is not None
    shown = dict(zip([c.key for c in view.spec.columns], view.model.display_row(row), strict=True))
    assert (shown["starts_on"], shown["format"], shown["enrolled"]) == ("5 Jul 2027", "Hybrid", "0")


def test_a_cohort_cannot_end_before_it_starts_and_its_name_is_its_own(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "cohorts")
    assert view.select_record(world.cohort)
    type_into(qtbot, view, "ends_on", "28 Feb 2027")  # the cohort starts on 1 March
    assert_refused_at(view, "ends_on", "The cohort cannot end before it starts.")
    type_into(qtbot, view, "ends_on", "1 Mar 2027")
    assert view.editor.save_button.isEnabled()
    view.editor.revert()
    shortcut(qtbot, window, Qt.Key.Key_N)
    type_into(qtbot, view, "name", "MARKETING winter 2026")
    assert_refused_at(view, "name", "Another cohort is already called")


def test_a_cohort_shows_its_groups_and_enrolments(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "cohorts")
    assert view.select_record(world.cohort)
    assert linked_labels(view) == ["Équipe Zoë", "Team Lovelace", "Łukasz Nowak", "Ana Silva"]
    tree = view.editor.linked
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [
        "Groups",
        "Enrolments",
    ]
    assert tree.topLevelItem(0).child(0).text(1) == "Forming"
    assert tree.topLevelItem(1).child(0).text(1) == "Applied"  # the enrolment's status
    press_enter_on_link(qtbot, view, "Ana Silva")
    assert window.current_view() is window.views["students"]
    assert window.views["students"].editor.loaded.id == world.students[0]


def test_deleting_a_cohort_takes_its_groups_and_enrolments_and_undo_restores_them(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    groups = open_view(window, "groups")
    assert sorted(shown_column(groups, 0)) == ["Team Lovelace", "Équipe Zoë"]
    view = open_view(window, "cohorts")
    assert view.select_record(world.cohort)
    view.delete_selected()
    open_view(window, "groups")  # a hidden view catches up when it is shown
    assert shown_column(groups, 0) == []
    assert live_ids(sqlite_database, m.Enrolment) == set()
    assert live_ids(sqlite_database, m.GroupMembership) == set()
    assert live_ids(sqlite_database, m.Student) == set(world.students)  # students stay
    window.undo_action.trigger()
    assert sorted(shown_column(groups, 0)) == ["Team Lovelace", "Équipe Zoë"]
    assert len(live_ids(sqlite_database, m.Enrolment)) == 2
    assert len(live_ids(sqlite_database, m.GroupMembership)) == 2
