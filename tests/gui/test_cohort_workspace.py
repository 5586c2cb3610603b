"""The cohort workspace: its details match the database, cohorts switch, tabs follow."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.cohort_workspace import CohortWorkspace
from ixdesk.gui.workbench import Workbench
from ixdesk.services.enrolment import set_enrolment_status
from ixdesk.services.operations import ChangeHub, delete_record, update_record
from tests.enrolment_fixtures import ES, SmallCohort, small_cohort
from tests.gui.helpers import caught_up


@dataclass
class Workspace:
    widget: CohortWorkspace
    cohort: SmallCohort
    database: Database
    hub: ChangeHub


class CohortTab(QWidget):
    """A stand-in for the group builder: remembers the cohorts it was shown."""

    def __init__(self) -> None:
        super().__init__()
        self.cohorts: list[str] = []

    def set_cohort(self, cohort_id: str) -> None:
        self.cohorts.append(cohort_id)


@pytest.fixture
def workspace(qtbot: QtBot, sqlite_database: Database, workbench: Workbench) -> Iterator[Workspace]:
    cohort = small_cohort(sqlite_database)
    hub = workbench.hub
    widget = CohortWorkspace(workbench)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.set_cohort(cohort.cohort_id)
    yield Workspace(widget, cohort, sqlite_database, hub)


def test_the_details_shown_match_the_database(workspace: Workspace) -> None:
    widget = workspace.widget
    assert widget.title.text() == "Data analytics Spring 2027"
    assert widget.status.text() == "Recruiting"
    assert widget.enrolled.text() == "3 / 4 enrolled"
    assert (widget.capacity_bar.value(), widget.capacity_bar.maximum()) == (3, 4)
    shown = {key: label.text() for key, label in widget.values.items()}
    assert shown == {
        "track": "Data analytics",
        "dates": "1 Mar 2027 – 26 Apr 2027",
        "format": "Hybrid",
        "schedule": "After school",
        "location": "Riverside Hub + online",
        "capacity": "4 places",
        "group_size": "4 students",
        "audience": "High school",
    }
    assert widget.values["track"].accessibleName() == "Track"
    assert widget.tabs.widget(0) is widget.board
    assert widget.tabs.tabText(0) == "Enrolment"
    assert widget.board.cohort_id == workspace.cohort.cohort_id


def test_the_header_follows_changes_made_anywhere(qtbot: QtBot, workspace: Workspace) -> None:
    cohort = workspace.cohort
    ben = [cohort.enrolments["Ben"]]
    set_enrolment_status(workspace.database, cohort.cohort_id, ben, ES.ENROLLED, workspace.hub)
    caught_up(qtbot, workspace.widget)
    assert workspace.widget.enrolled.text() == "4 / 4 enrolled"
    with workspace.database.read() as session:
        version = session.get(m.Cohort, cohort.cohort_id).version  # type: ignore[union-attr]
    values = {"name": "Data analytics Spring 2027 (Leeds)", "capacity": None}
    update_record(
        workspace.database, m.Cohort, cohort.cohort_id, version, values, hub=workspace.hub
    )
    caught_up(qtbot, workspace.widget)
    assert workspace.widget.title.text() == "Data analytics Spring 2027 (Leeds)"
    assert workspace.widget.enrolled.text() == "4 enrolled"
    assert workspace.widget.values["capacity"].text() == "No limit"
    assert workspace.widget.chooser.currentText() == "Data analytics Spring 2027 (Leeds)"


def test_the_chooser_lists_the_most_recent_cohort_first_and_switches(
    qtbot: QtBot, workspace: Workspace
) -> None:
    widget, cohort = workspace.widget, workspace.cohort
    chooser = widget.chooser
    assert [chooser.itemText(i) for i in range(chooser.count())] == [
        "Data analytics Spring 2027",
        "UX design Winter 2026",
    ]
    tab = CohortTab()
    widget.add_tab(tab, "Groups", "group")
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # a keyboard choice, as a person makes it
    assert widget.cohort_id == cohort.other_cohort_id
    assert widget.title.text() == "UX design Winter 2026"
    assert widget.enrolled.text() == "0 enrolled"
    assert widget.values["track"].text() == "—"
    assert widget.board.cohort_id == cohort.other_cohort_id
    assert widget.board.columns[ES.APPLIED].model.rowCount() == 0
    assert tab.cohorts == [cohort.cohort_id, cohort.other_cohort_id]


def test_added_tabs_follow_the_cohort(workspace: Workspace) -> None:
    widget, cohort = workspace.widget, workspace.cohort
    tab, plain = CohortTab(), QWidget()
    assert widget.add_tab(tab, "Needs attention", "warning") == 1
    widget.add_tab(plain, "Notes", "help")  # tabs without set_cohort are left alone
    assert tab.cohorts == [cohort.cohort_id]  # told at once: a cohort is already shown
    widget.set_cohort(cohort.other_cohort_id)
    assert tab.cohorts == [cohort.cohort_id, cohort.other_cohort_id]
    assert widget.tabs.count() == 3 and widget.tabs.tabText(1) == "Needs attention"


def test_edit_and_back_buttons_ask_for_their_places(qtbot: QtBot, workspace: Workspace) -> None:
    widget = workspace.widget
    with qtbot.waitSignal(widget.edit_cohort) as edit:
        qtbot.mouseClick(widget.edit_button, Qt.MouseButton.LeftButton)
    assert edit.args == [workspace.cohort.cohort_id]
    with qtbot.waitSignal(widget.back):
        qtbot.mouseClick(widget.back_button, Qt.MouseButton.LeftButton)
    named = {label.accessibleName() for label in widget.findChildren(QLabel)}
    assert {"Cohort name", "Cohort status", "Enrolled against capacity"} <= named


def test_a_deleted_cohort_says_so(qtbot: QtBot, workspace: Workspace) -> None:
    widget = workspace.widget
    delete_record(workspace.database, m.Cohort, workspace.cohort.cohort_id, hub=workspace.hub)
    caught_up(qtbot, widget, widget.board)
    assert "no longer exists" in widget.title.text()
    assert not widget.edit_button.isEnabled()
    assert not widget.board.isEnabled()
    assert widget.chooser.count() == 1
