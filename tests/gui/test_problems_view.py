"""The business problems view: its company, sponsor contact and the groups on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.main_window import MainWindow
from tests.gui.helpers import (
    assert_refused_at,
    choose,
    create_with_editor,
    linked_labels,
    open_view,
    shortcut,
    shown_column,
    stored,
    type_into,
)
from tests.gui.world import World


def _offered(combo: object) -> list[str]:
    assert isinstance(combo, QComboBox)
    return [combo.itemText(index) for index in range(combo.count())]


def test_create_a_business_problem_for_a_partner_company(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = create_with_editor(
        qtbot,
        window,
        "problems",
        {
            "title": "Churn dashboard",
            "company_id": "Acme Analytics",
            "track_id": "Data analytics",
            "status": "Scoped",
            "effort_hours": 16,
            "confidential": True,
            "problem_statement": "Which customers leave, and why?",
        },
    )
    saved = stored(sqlite_database, m.BusinessProblem, view.editor.loaded.id or "")
    assert (saved.company_id, saved.effort_hours, saved.confidential) == (
        world.other_company,
        16,
        True,
    )
    assert saved.problem_statement == "Which customers leave, and why?"
    row = view.model.row_of(saved.id)
    assert row is not None
    company = view.spec.column_index("partner_company")
    assert view.model.display_row(row)[company] == "Acme Analytics"
    assert linked_labels(view) == ["Acme Analytics"]


def test_title_and_partner_company_are_needed(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "problems")
    shortcut(qtbot, window, Qt.Key.Key_N)
    type_into(qtbot, view, "title", "Untitled")
    assert_refused_at(view, "company_id", "Partner company is needed.")
    choose(view, "company_id", "Brücke Logistik")
    type_into(qtbot, view, "title", "")
    assert_refused_at(view, "title", "Title is needed.")


def test_the_sponsor_is_one_of_the_chosen_companys_contacts(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "problems")
    sponsor = view.editor.fields["sponsor_contact_id"]
    view.new_record()
    assert _offered(sponsor) == ["—"]  # no company yet: nobody to offer
    choose(view, "company_id", "Brücke Logistik")
    assert _offered(sponsor) == ["—", "Selam Cohen"]
    choose(view, "sponsor_contact_id", "Selam Cohen")
    choose(view, "company_id", "Acme Analytics")
    assert _offered(sponsor) == ["—"]  # another company's contact is not kept
    assert view.editor.current_values()["sponsor_contact_id"] is None
    assert view.select_record(world.problem)
    assert _offered(sponsor) == ["—", "Selam Cohen"]


def test_a_business_problem_shows_its_company_and_the_groups_working_on_it(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "problems")
    assert view.select_record(world.problem)
    assert linked_labels(view) == ["Brücke Logistik", "Équipe Zoë"]
    groups = view.editor.linked.topLevelItem(1)
    assert groups.text(0) == "Groups working on it"
    assert groups.child(0).text(1) == "Forming · Données Spring 2027"


def test_deleting_a_company_takes_its_business_problems_and_undo_brings_them_back(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    problems = open_view(window, "problems")
    assert sorted(shown_column(problems, 0)) == ["Café footfall forecast", "Stock alert bot"]
    companies = open_view(window, "companies")
    assert companies.select_record(world.company)
    companies.delete_selected()
    open_view(window, "problems")  # a hidden view catches up when it is shown
    assert shown_column(problems, 0) == []
    window.undo_action.trigger()
    assert sorted(shown_column(problems, 0)) == ["Café footfall forecast", "Stock alert bot"]
