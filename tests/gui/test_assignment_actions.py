"""Assignments and warnings wired into the real main window."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui.assign_dialog import AssignDialog
from ixdesk.gui.assignment_actions import open_assign_dialog
from ixdesk.gui.main_window import MainWindow
from ixdesk.services.assignments import load_assignment
from tests.assignment_world import build_assignment_world
from tests.gui.conftest import ScriptedDialogs


def test_panels_open_records_and_the_assign_action_saves_an_undoable_change(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_database: Database,
    dialogs: ScriptedDialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = build_assignment_world(sqlite_database)
    panels = window.assignments
    toggles = [action.text() for action in window.ui.menuView.actions()]
    assert "Needs attention" in toggles and "Instructor load" in toggles
    assert panels.assign_action in window.views["groups"].extra_actions
    assert not window.attention_dock.isVisible()

    window.attention_dock.toggleViewAction().trigger()
    assert window.attention_dock.isVisible()
    assert panels.attention.model.rowCount() == 18
    panels.attention.open_record.emit("groups", world["g3"])
    assert window.current_view() is window.views["groups"]
    assert window.views["groups"].editor.loaded.id == world["g3"]

    def choose_ana(dialog: AssignDialog) -> int:
        dialog.choose_lead(world["ana"])
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(AssignDialog, "exec", choose_ana)
    assert open_assign_dialog(window.workbench, world["g3"], window)
    assert load_assignment(sqlite_database, world["g3"]).lead_instructor_id == world["ana"]
    assert window.workbench.undo_stack is not None
    assert window.workbench.undo_stack.count() == 1
    qtbot.waitUntil(lambda: panels.attention.model.rowCount() == 17)  # the open panel
    window.workbench.undo_stack.undo()
    assert load_assignment(sqlite_database, world["g3"]).lead_instructor_id is None
    qtbot.waitUntil(lambda: panels.attention.model.rowCount() == 18)

    assert not open_assign_dialog(window.workbench, None, window)
    assert dialogs.kinds() == ["info"]
