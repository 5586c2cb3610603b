"""The Match button: the preview with its chart and reasons, accepting as one undo step, and
the builder's choice figures following manual moves."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui.group_builder import GroupBuilder
from ixdesk.gui.group_builder.match_preview import MatchDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services import groups as g
from tests.gui.conftest import ScriptedDialogs
from tests.match_world import MatchWorld, make_world

SCREENSHOT = os.environ.get("IXDESK_MATCH_SCREENSHOT")  # a path: save the preview there


@pytest.fixture
def world(sqlite_database: Database) -> MatchWorld:
    choices: dict[int, list[str]] = {i: ["Footfall", "Pricing"] for i in range(4)}
    choices |= {4: ["Footfall", "Churn"], 5: ["Footfall", "Churn"], 6: ["Churn"]}
    return make_world(sqlite_database, 7, {"Footfall": 1, "Churn": None, "Pricing": None}, choices)


@pytest.fixture
def builder(qtbot: QtBot, workbench: Workbench, world: MatchWorld) -> Iterator[GroupBuilder]:
    widget = GroupBuilder(workbench)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.set_cohort(world.cohort_id)
    yield widget
    widget.close()


def _stored(database: Database, cohort_id: str) -> dict[str, str | None]:
    data = g.builder_data(database, cohort_id)
    placed: dict[str, str | None] = {s.id: None for s in data.unassigned}
    placed.update({s.id: group.business_problem for group in data.groups for s in group.members})
    return placed


def test_match_preview_shows_the_figures_and_accepting_is_one_undo_step(
    builder: GroupBuilder,
    dialogs: ScriptedDialogs,
    world: MatchWorld,
    sqlite_database: Database,
) -> None:
    assert builder.match_action.isEnabled() and builder.match_action.text() == "Match…"
    assert "business problems they ranked" in builder.match_action.toolTip()
    start = _stored(sqlite_database, world.cohort_id)
    assert "choices: No problem yet 7" in builder.summary.text()
    assert not builder.match()  # cancelled: nothing changes
    assert _stored(sqlite_database, world.cohort_id) == start

    seen: dict[str, object] = {}

    def accept(dialog: MatchDialog) -> bool:
        assert dialog.plan is not None and dialog.plan.cost == 13
        items = [(item.label, item.value) for item in dialog.chart.items]
        assert items[:2] == [("1st choice", 5.0), ("2nd choice", 2.0)]
        assert dialog.chart.now[-1] == 7  # now: nobody has a problem yet
        churn = next(
            dialog.tree.topLevelItem(i)
            for i in range(dialog.tree.topLevelItemCount())
            if "Churn" in dialog.tree.topLevelItem(i).text(0)
        )
        student = next(
            churn.child(i) for i in range(churn.childCount()) if "2nd" in churn.child(i).text(1)
        )
        dialog.tree.setCurrentItem(student)
        seen["why"] = dialog.why_label.text()
        dialog.resize(1280, 800)
        picture = dialog.grab()
        assert picture.width() == 1280 and picture.height() == 800
        if SCREENSHOT:
            picture.save(SCREENSHOT)
        return True

    dialogs.review_answer = accept  # type: ignore[assignment]
    assert builder.match()
    assert "1st choice Footfall was full" in str(seen["why"])
    stored = _stored(sqlite_database, world.cohort_id)
    assert sorted(stored.values(), key=str) == ["Churn"] * 3 + ["Footfall"] * 4  # type: ignore[arg-type]
    assert "choices: 1st 5, 2nd 2" in builder.summary.text()

    # A manual move keeps the figures live: student 0 (Footfall first) to the Churn group.
    churn_group = next(
        gid for gid in builder.tree_model.group_ids()
        if builder.tree_model.group(gid).business_problem == "Churn"  # type: ignore[union-attr]
    )  # fmt: skip
    assert builder.move_students([world.student(0)], churn_group)
    assert "choices: 1st 4, 2nd 2, Not ranked 1" in builder.summary.text()
    stack = builder.workbench.undo_stack
    assert stack is not None
    stack.undo()  # the move
    stack.undo()  # the whole match, in one step
    assert _stored(sqlite_database, world.cohort_id) == start
    assert "choices: No problem yet 7" in builder.summary.text()


def test_group_rules_typed_in_the_preview_hold_and_a_mistyped_one_is_said(
    builder: GroupBuilder, dialogs: ScriptedDialogs, world: MatchWorld
) -> None:
    seen: dict[str, object] = {}

    def review(dialog: MatchDialog) -> bool:
        dialog.rules_edit.setText("school<=1")
        dialog.rules_edit.editingFinished.emit()
        plan = dialog.plan
        assert plan is not None
        for group in plan.groups:
            schools = [plan.setup.candidate(s).student.school for s in group.members]  # type: ignore[union-attr]
            assert len(schools) == len(set(schools))
        dialog.rules_edit.setText("schools at most 2")
        dialog.rules_edit.editingFinished.emit()
        seen["summary"] = dialog.summary.text()
        seen["accept"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return False

    dialogs.review_answer = review  # type: ignore[assignment]
    assert not builder.match()
    assert str(seen["summary"]).startswith("“schools at most 2” is not a group rule")
    assert seen["accept"] is False
