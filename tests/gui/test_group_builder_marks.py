"""The group builder marks a group with the same concerns as the "needs attention" list."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui.group_builder import GroupBuilder
from ixdesk.gui.workbench import Workbench
from ixdesk.services.assignments import assign_group
from ixdesk.services.attention import cohort_concerns
from ixdesk.services.operations import ChangeHub
from tests.assignment_world import AssignmentWorld, build_assignment_world
from tests.gui.helpers import caught_up


@dataclass
class Marked:
    world: AssignmentWorld
    widget: GroupBuilder
    hub: ChangeHub


@pytest.fixture
def marked(qtbot: QtBot, sqlite_database: Database, workbench: Workbench) -> Marked:
    """The builder, shown, on the high-school cohort of the assignment world."""
    world = build_assignment_world(sqlite_database)
    hub = workbench.hub
    widget = GroupBuilder(workbench)
    qtbot.addWidget(widget)
    widget.show()
    widget.set_cohort(world["hs"])
    return Marked(world, widget, hub)


def test_group_marks_include_safeguarding_and_unapproved_problems(
    sqlite_database: Database, marked: Marked
) -> None:
    world, model = marked.world, marked.widget.tree_model
    concerns = cohort_concerns(sqlite_database, world["hs"])
    for group_key in ("g1", "g2"):
        group_id = world[group_key]
        listed = {c.text for c in concerns if c.group_id == group_id}
        marks = model.warnings(group_id)
        assert listed, group_key  # each has a safeguarding or approval concern
        assert listed <= set(marks) | {
            c.text for c in concerns if c.group_id == group_id and c.code.startswith("group_")
        }
        header = model.group_index(group_id)
        tooltip = model.data(header, Qt.ItemDataRole.ToolTipRole)
        assert all(text in tooltip for text in listed if text in marks)
    g2 = model.warnings(world["g2"])
    assert any("Loyalty ideas" in text for text in g2)  # the draft problem
    assert any("Ben Okafor" in text for text in g2)  # lead without a safeguarding check


def test_an_assignment_made_elsewhere_updates_the_marks(
    qtbot: QtBot, sqlite_database: Database, marked: Marked
) -> None:
    world, widget, hub = marked.world, marked.widget, marked.hub
    group_id = world["g3"]
    assert not any("Loyalty ideas" in text for text in widget.tree_model.warnings(group_id))
    assign_group(sqlite_database, group_id, world["p_draft"], world["ana"], [], hub=hub)
    caught_up(qtbot, widget)
    marks = widget.tree_model.warnings(group_id)
    assert any("Loyalty ideas" in text for text in marks)  # not approved yet
    assert not any("no business problem" in text.lower() for text in marks)
