"""Ranking business problems on the student's card, and a problem's "groups at most"."""

from __future__ import annotations

import os

from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.problem_choices import ProblemChoices
from ixdesk.services.matching.choices import student_choices
from tests.gui.helpers import create_with_editor, open_view, stored
from tests.gui.world import World

SCREENSHOT = os.environ.get("IXDESK_CHOICES_SCREENSHOT")  # a path: save the card there


def _ranked(database: Database, student_id: str) -> list[str]:
    (cohort,) = student_choices(database, student_id)
    return [title for _id, title, _company in cohort.problems]


def _shown(choices: ProblemChoices) -> list[str]:
    return [choices.list.item(row).text() for row in range(choices.list.count())]


def _add(choices: ProblemChoices, title: str) -> None:
    index = next(i for i in range(choices.adding.count()) if choices.adding.itemText(i) == title)
    choices.adding.setCurrentIndex(index)
    choices.add_button.click()


def test_a_students_ranking_is_added_dragged_into_order_and_undone(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = open_view(window, "students")
    assert view.select_record(world.students[0])
    choices = view.editor.problem_choices
    assert choices is not None and choices.isVisible()
    assert choices.cohort.currentText() == "Données Spring 2027"
    assert "No business problem ranked yet" in choices.list.toolTip()
    assert not choices.note.isVisible()
    offered = [choices.adding.itemText(i) for i in range(choices.adding.count())]
    assert offered == [
        "Café footfall forecast — Brücke Logistik",
        "Stock alert bot — Brücke Logistik",
    ]

    _add(choices, "Stock alert bot — Brücke Logistik")
    _add(choices, "Café footfall forecast — Brücke Logistik")
    assert _ranked(sqlite_database, world.students[0]) == [
        "Stock alert bot",
        "Café footfall forecast",
    ]
    assert _shown(choices) == [
        "1st choice: Stock alert bot — Brücke Logistik",
        "2nd choice: Café footfall forecast — Brücke Logistik",
    ]
    assert choices.adding.count() == 0 and not choices.add_button.isEnabled()

    # A drop moves the row in the list's model; the new order is saved at once.
    choices.list.model().moveRow(choices.list.rootIndex(), 1, choices.list.rootIndex(), 0)
    assert _ranked(sqlite_database, world.students[0]) == [
        "Café footfall forecast",
        "Stock alert bot",
    ]
    assert _shown(choices)[0] == "1st choice: Café footfall forecast — Brücke Logistik"
    if SCREENSHOT:
        window.resize(1280, 800)
        window.grab().save(SCREENSHOT)

    choices.list.setCurrentRow(1)
    choices.move_current(-1)  # Ctrl+Up
    assert _ranked(sqlite_database, world.students[0]) == [
        "Stock alert bot",
        "Café footfall forecast",
    ]

    window.workbench.undo_stack.undo()
    assert _ranked(sqlite_database, world.students[0]) == [
        "Café footfall forecast",
        "Stock alert bot",
    ]
    assert _shown(choices)[0] == "1st choice: Café footfall forecast — Brücke Logistik"

    choices.list.setCurrentRow(0)
    choices.remove_button.click()
    assert _ranked(sqlite_database, world.students[0]) == ["Stock alert bot"]
    window.workbench.undo_stack.undo()
    assert _ranked(sqlite_database, world.students[0]) == [
        "Café footfall forecast",
        "Stock alert bot",
    ]


def test_a_student_in_no_cohort_is_told_to_enrol_first(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    with sqlite_database.write() as session:
        student = m.Student(first_name="Noor", last_name="Haddad")
        session.add(student)
        session.flush()
        student_id = student.id
    view = open_view(window, "students")
    view.reload()
    assert view.select_record(student_id)
    choices = view.editor.problem_choices
    assert choices is not None
    assert choices.note.text().startswith("Enrol the student in a cohort")
    assert choices.note.isVisible() and not choices.list.isVisible()
    assert not choices.add_button.isVisible() and not choices.remove_button.isEnabled()


def test_groups_at_most_is_entered_on_the_business_problem(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = create_with_editor(
        qtbot,
        window,
        "problems",
        {"title": "Churn dashboard", "company_id": "Acme Analytics", "max_groups": 2},
    )
    saved = stored(sqlite_database, m.BusinessProblem, view.editor.loaded.id or "")
    assert saved.max_groups == 2
    view.editor.fields["max_groups"].setValue(0)  # type: ignore[attr-defined]
    assert view.editor.fields["max_groups"].text() == "no limit"  # type: ignore[attr-defined]
    assert view.editor.save()
    assert stored(sqlite_database, m.BusinessProblem, saved.id).max_groups is None
