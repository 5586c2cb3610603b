"""The assignment dialog: recommended choices first, warnings beside them, undoable saves."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui.assign_dialog import AssignDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services import assignments as svc
from tests.assignment_world import AssignmentWorld, build_assignment_world
from tests.gui.conftest import ScriptedDialogs


def _dialog(
    qtbot: QtBot, database: Database, dialogs: ScriptedDialogs, group_id: str
) -> tuple[AssignDialog, QUndoStack]:
    workbench = Workbench(database, dialogs)
    dialog = AssignDialog(workbench, group_id)
    workbench.setParent(dialog)  # deleted with the dialog, its undo commands first
    stack = workbench.undo_stack
    assert stack is not None
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, stack


def _keys(world: AssignmentWorld, ids: list[str]) -> list[str]:
    names = {value: key for key, value in world.ids.items()}
    return [names[each] for each in ids]


def test_recommended_problems_first_and_warnings_beside_the_choice(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    world = build_assignment_world(sqlite_database)
    dialog, _stack = _dialog(qtbot, sqlite_database, dialogs, world["g3"])
    assert dialog.heading.text() == "Group 3 · Marketing Spring 2027"
    assert "high-school students" in dialog.details.text()
    assert _keys(world, dialog.problem_order()) == [
        "p_ok", "p_assigned", "p_draft", "p_notrack", "p_data",
    ]  # fmt: skip
    combo = dialog.problem_combo
    assert combo.itemText(0) == "No business problem"
    assert combo.itemData(3) is None and combo.itemText(3) == ""  # the separator
    assert not dialog.problem_note.isVisibleTo(dialog)

    dialog.choose_problem(world["p_data"])
    assert dialog.problem_note.isVisibleTo(dialog)
    assert dialog.problem_note.text.text() == (
        "For the Data analytics track, not this cohort's Marketing track."
    )
    dialog.choose_problem(world["p_draft"])
    assert dialog.problem_note.text.text() == "Not approved yet (draft)."
    dialog.choose_problem(world["p_ok"])
    assert not dialog.problem_note.isVisibleTo(dialog)


def test_instructors_show_their_load_and_safeguarding_warning(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    world = build_assignment_world(sqlite_database)
    dialog, _stack = _dialog(qtbot, sqlite_database, dialogs, world["g3"])
    leads = [dialog.lead_combo.itemText(i) for i in range(dialog.lead_combo.count())]
    assert leads[:3] == ["No lead instructor", "Ana Silva — leads 1, assists 0",
                         "Dee Park — leads 0, assists 1"]  # fmt: skip
    assert "Cai Jones — leads 0, assists 1" in leads
    dialog.choose_lead(world["ben"])
    assert dialog.lead_note.isVisibleTo(dialog)
    assert dialog.lead_note.text.text().startswith("Has no safeguarding check")
    dialog.set_assistants([world["cai"]])
    assert dialog.assistant_note.text.text().startswith("Cai Jones: Has a safeguarding check")
    dialog.assistant_search.setText("park")
    shown = [
        dialog.assistant_list.item(row).text()
        for row in range(dialog.assistant_list.count())
        if not dialog.assistant_list.item(row).isHidden()
    ]
    assert shown == ["Dee Park — leads 0, assists 1"]


def test_save_then_undo_and_redo_restore_exactly(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    world = build_assignment_world(sqlite_database)
    before = svc.load_assignment(sqlite_database, world["g1"])
    dialog, stack = _dialog(qtbot, sqlite_database, dialogs, world["g1"])
    assert (dialog.chosen_problem(), dialog.chosen_lead()) == (world["p_ok"], world["ana"])
    assert dialog.chosen_assistants() == [world["cai"]]
    dialog.choose_problem(world["p_assigned"])
    dialog.choose_lead(world["dee"])
    dialog.set_assistants([])
    dialog.assistant_list.setFocus()
    dialog.assistant_list.setCurrentRow(0)  # Ana, first in the list
    qtbot.keyClick(dialog.assistant_list, Qt.Key.Key_Space)
    assert dialog.chosen_assistants() == [world["ana"]]
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = svc.load_assignment(sqlite_database, world["g1"])
    assert (after.business_problem_id, after.lead_instructor_id, after.assistant_ids) == (
        world["p_assigned"], world["dee"], (world["ana"],),
    )  # fmt: skip
    assert stack.count() == 1 and stack.undoText() == "Assign Group 1"

    stack.undo()
    undone = svc.load_assignment(sqlite_database, world["g1"])
    assert (undone.business_problem_id, undone.lead_instructor_id, undone.assistant_ids) == (
        before.business_problem_id, before.lead_instructor_id, before.assistant_ids,
    )  # fmt: skip
    stack.redo()
    assert svc.load_assignment(sqlite_database, world["g1"]).lead_instructor_id == world["dee"]
    assert dialogs.asked == []


def test_the_lead_cannot_also_be_an_assistant(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    world = build_assignment_world(sqlite_database)
    before = svc.load_assignment(sqlite_database, world["g3"])
    dialog, stack = _dialog(qtbot, sqlite_database, dialogs, world["g3"])
    dialog.choose_lead(world["ana"])
    dialog.set_assistants([world["ana"], world["dee"]])
    assert not dialog.save_button.isEnabled()
    assert dialog.refusal.text.text() == (
        "Ana Silva is the lead instructor; untick them as an assistant."
    )
    dialog.accept()  # as if forced: the service refuses too
    assert dialogs.kinds() == ["error"]
    assert "cannot be both the lead instructor and an assistant" in dialogs.asked[0][2]
    assert dialog.isVisible() and stack.count() == 0
    assert svc.load_assignment(sqlite_database, world["g3"]) == before
    dialog.set_assistants([world["dee"]])
    assert dialog.save_button.isEnabled() and not dialog.refusal.isVisibleTo(dialog)


def test_a_group_changed_elsewhere_offers_to_reload(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    world = build_assignment_world(sqlite_database)
    dialog, stack = _dialog(qtbot, sqlite_database, dialogs, world["g3"])
    svc.assign_group(sqlite_database, world["g3"], world["p_ok"], None, [])  # someone else
    dialog.choose_lead(world["ana"])
    dialog.accept()
    assert dialogs.kinds() == ["stale"]
    assert "changed by someone else" in dialogs.asked[0][2]
    assert dialog.isVisible() and stack.count() == 0
    # Reloaded: the other person's problem shows, the unsaved lead is gone.
    assert (dialog.chosen_problem(), dialog.chosen_lead()) == (world["p_ok"], None)
    assert svc.load_assignment(sqlite_database, world["g3"]).lead_instructor_id is None


def _assistant_item(dialog: AssignDialog, instructor_id: str) -> QListWidgetItem:
    listing = dialog.assistant_list
    return next(
        item
        for item in map(listing.item, range(listing.count()))
        if item.data(Qt.ItemDataRole.UserRole) == instructor_id
    )


def test_the_lead_is_not_offered_as_an_assistant(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    world = build_assignment_world(sqlite_database)
    dialog, _stack = _dialog(qtbot, sqlite_database, dialogs, world["g3"])
    dialog.set_assistants([world["ana"], world["dee"]])
    dialog.choose_lead(world["ana"])
    assert _assistant_item(dialog, world["ana"]).isHidden()
    assert dialog.chosen_assistants() == [world["dee"]]  # moved from assistant to lead
    assert dialog.save_button.isEnabled() and not dialog.refusal.isVisibleTo(dialog)
    dialog.assistant_search.setText("a")  # searching does not bring the lead back
    assert _assistant_item(dialog, world["ana"]).isHidden()
    dialog.assistant_search.clear()
    dialog.choose_lead(world["dee"])
    assert not _assistant_item(dialog, world["ana"]).isHidden()
    assert _assistant_item(dialog, world["dee"]).isHidden()


def _bottom(widget: QWidget, dialog: QWidget) -> int:
    return widget.mapTo(dialog, QPoint(0, widget.height())).y()


def _top(widget: QWidget, dialog: QWidget) -> int:
    return widget.mapTo(dialog, QPoint(0, 0)).y()


def test_the_dialog_grows_when_warnings_appear(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    world = build_assignment_world(sqlite_database)
    dialog, _stack = _dialog(qtbot, sqlite_database, dialogs, world["g3"])
    dialog.choose_problem(world["p_ok"])
    dialog.choose_lead(None)
    dialog.set_assistants([])
    qtbot.wait(10)
    height = dialog.height()
    dialog.choose_problem(world["p_data"])
    dialog.choose_lead(world["cai"])  # invited, not active
    dialog.set_assistants([world["dee"], world["ben"]])  # each with a warning
    qtbot.wait(10)
    assert dialog.problem_note.isVisible() and dialog.lead_note.isVisible()
    assert dialog.assistant_note.isVisible()
    assert dialog.height() > height
    buttons = dialog.buttons
    assert _bottom(dialog.assistant_note, dialog) <= _top(buttons, dialog)
    assert _bottom(dialog.assistant_list, dialog) <= _top(dialog.assistant_note, dialog)
    assert dialog.assistant_list.height() >= dialog.assistant_list.minimumHeight()
    assert _bottom(buttons, dialog) <= dialog.height()
