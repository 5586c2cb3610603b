"""The enrolment board: drag and drop, keyboard moves, capacity prompt, waitlist, undo, search."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui.enrolment_board import EnrolmentBoard
from ixdesk.gui.student_picker import StudentPickerDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services.enrolment import set_enrolment_status
from ixdesk.services.operations import ChangeHub
from tests.enrolment_fixtures import ES, SmallCohort, grouped, small_cohort, states, waitlist
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import caught_up

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@dataclass
class Board:
    widget: EnrolmentBoard
    cohort: SmallCohort
    database: Database
    hub: ChangeHub
    undo: QUndoStack


@pytest.fixture
def board(qtbot: QtBot, sqlite_database: Database, workbench: Workbench) -> Iterator[Board]:
    cohort = small_cohort(sqlite_database)
    hub, undo = workbench.hub, workbench.undo_stack
    assert undo is not None
    widget = EnrolmentBoard(workbench)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.set_cohort(cohort.cohort_id)
    yield Board(widget, cohort, sqlite_database, hub, undo)


def shown(board: Board, status: ES) -> list[str]:
    model = board.widget.columns[status].model
    return [model.data(model.index(row)) for row in range(model.rowCount())]


def select(board: Board, status: ES, *names: str) -> None:
    """Select students by first name in one column and give that column the focus."""
    column = board.widget.columns[status]
    selection = column.view.selectionModel()
    selection.clearSelection()
    for row in range(column.model.rowCount()):
        if column.model.row_at(row).first_name in names:
            index = column.model.index(row)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.Select)
    column.view.setFocus()


def drag(board: Board, source: ES, names: tuple[str, ...], target: ES, row: int = -1) -> bool:
    """Drag the named students from one column's model and drop them on another's."""
    model = board.widget.columns[source].model
    indexes = [
        model.index(r) for r in range(model.rowCount()) if model.row_at(r).first_name in names
    ]
    data = model.mimeData(indexes)
    target_model = board.widget.columns[target].model
    assert target_model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, model.index(-1))
    return target_model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, model.index(-1))


def test_columns_show_each_state_with_counts_and_the_enrolled_header_against_capacity(
    board: Board,
) -> None:
    columns = board.widget.columns
    assert [column.title.text() for column in columns.values()] == [
        "Applied", "Accepted", "Waitlisted", "Enrolled", "Completed", "Withdrawn",
    ]  # fmt: skip
    assert columns[ES.ENROLLED].count.text() == "3 / 4"
    assert columns[ES.APPLIED].count.text() == "2"
    assert shown(board, ES.WAITLISTED) == ["1. Ben Dahl", "2. Cleo Evans", "3. Dev Fox"]
    assert shown(board, ES.ENROLLED) == ["Eva Gray", "Finn Holt", "Gus Ince"]
    model = columns[ES.ENROLLED].model
    assert model.tag(model.row_at(2)) == "no group"  # Gus is in no group yet
    assert model.tag(model.row_at(0)) == ""


def test_drag_and_drop_between_columns_moves_and_undoes(qtbot: QtBot, board: Board) -> None:
    assert drag(board, ES.APPLIED, ("Zoë", "Tom"), ES.ACCEPTED)
    qtbot.waitUntil(lambda: states(board.database, board.cohort.cohort_id)["Tom"][0] == "accepted")
    assert states(board.database, board.cohort.cohort_id)["Zoë"] == ("accepted", None)
    assert shown(board, ES.APPLIED) == []
    assert set(shown(board, ES.ACCEPTED)) == {"Ana Costa", "Tom Baker", "Zoë Åkesson"}
    assert board.undo.count() == 1
    assert board.undo.undoText() == "Move 2 students to Accepted"
    board.undo.undo()
    assert states(board.database, board.cohort.cohort_id)["Zoë"] == ("applied", None)
    assert shown(board, ES.APPLIED) == ["Zoë Åkesson", "Tom Baker"]


def test_a_drop_on_its_own_column_moves_nobody(board: Board) -> None:
    assert not drag(board, ES.APPLIED, ("Zoë",), ES.APPLIED)
    assert board.undo.count() == 0


def test_keyboard_moves_keep_working_down_the_column(qtbot: QtBot, board: Board) -> None:
    select(board, ES.APPLIED, "Zoë")
    view = board.widget.columns[ES.APPLIED].view
    qtbot.keyClick(view, Qt.Key.Key_2, CTRL_SHIFT)  # Move to Accepted
    assert states(board.database, board.cohort.cohort_id)["Zoë"] == ("accepted", None)
    assert board.widget.selected_ids(ES.APPLIED) == [board.cohort.enrolments["Tom"]]
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_6, CTRL_SHIFT)  # Move to Withdrawn
    assert states(board.database, board.cohort.cohort_id)["Tom"] == ("withdrawn", None)
    assert board.widget.columns[ES.APPLIED].count.text() == "0"
    assert board.undo.count() == 2
    assert not board.widget.move_actions[ES.ACCEPTED].isEnabled()  # nothing selected now


def test_the_move_menu_offers_every_other_state(board: Board) -> None:
    select(board, ES.ACCEPTED, "Ana")
    enabled = [s for s, action in board.widget.move_actions.items() if action.isEnabled()]
    assert ES.ACCEPTED not in enabled and len(enabled) == 5
    assert board.widget.move_actions[ES.ENROLLED].shortcut().toString() == "Ctrl+Shift+4"
    board.widget.move_actions[ES.WAITLISTED].trigger()
    assert waitlist(board.database, board.cohort.cohort_id) == ["Ben", "Cleo", "Dev", "Ana"]


def test_enrolling_past_capacity_asks_first_with_the_numbers(
    qtbot: QtBot, board: Board, dialogs: ScriptedDialogs
) -> None:
    select(board, ES.APPLIED, "Zoë", "Tom")
    view = board.widget.columns[ES.APPLIED].view
    dialogs.confirm_answer = False
    qtbot.keyClick(view, Qt.Key.Key_4, CTRL_SHIFT)
    assert dialogs.asked[-1] == (
        "confirm",
        "Over capacity",
        "This cohort has 4 places and 3 are taken. Enrol 2 more anyway?",
    )
    assert states(board.database, board.cohort.cohort_id)["Zoë"] == ("applied", None)
    assert board.undo.count() == 0

    dialogs.confirm_answer = True
    select(board, ES.APPLIED, "Zoë", "Tom")
    qtbot.keyClick(view, Qt.Key.Key_4, CTRL_SHIFT)
    assert states(board.database, board.cohort.cohort_id)["Zoë"] == ("enrolled", None)
    enrolled = board.widget.columns[ES.ENROLLED].count
    assert enrolled.text() == "5 / 4" and enrolled.font().bold()
    assert enrolled.toolTip() == "1 over capacity"


def test_filling_the_last_place_does_not_ask(board: Board, dialogs: ScriptedDialogs) -> None:
    select(board, ES.WAITLISTED, "Ben")
    board.widget.move_selected(ES.ENROLLED)
    assert dialogs.kinds() == []
    assert shown(board, ES.WAITLISTED) == ["1. Cleo Evans", "2. Dev Fox"]


def test_waitlist_reorders_with_alt_arrows_and_by_dragging(qtbot: QtBot, board: Board) -> None:
    cohort = board.cohort.cohort_id
    select(board, ES.WAITLISTED, "Dev")
    view = board.widget.columns[ES.WAITLISTED].view
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)
    assert waitlist(board.database, cohort) == ["Ben", "Dev", "Cleo"]
    assert board.widget.selected_ids(ES.WAITLISTED) == [board.cohort.enrolments["Dev"]]
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)  # already first: nothing happens
    assert waitlist(board.database, cohort) == ["Dev", "Ben", "Cleo"]
    assert board.undo.count() == 2
    assert shown(board, ES.WAITLISTED)[0] == "1. Dev Fox"

    assert drag(board, ES.WAITLISTED, ("Dev",), ES.WAITLISTED)  # to the end
    qtbot.waitUntil(lambda: waitlist(board.database, cohort) == ["Ben", "Cleo", "Dev"])
    assert drag(board, ES.WAITLISTED, ("Cleo",), ES.WAITLISTED, row=0)  # before Ben
    qtbot.waitUntil(lambda: waitlist(board.database, cohort) == ["Cleo", "Ben", "Dev"])
    board.undo.undo()
    board.undo.undo()
    assert waitlist(board.database, cohort) == ["Dev", "Ben", "Cleo"]


def test_undo_of_a_withdrawal_puts_the_student_back_in_their_group(
    qtbot: QtBot, board: Board
) -> None:
    cohort = board.cohort.cohort_id
    select(board, ES.ENROLLED, "Eva")
    qtbot.keyClick(board.widget.columns[ES.ENROLLED].view, Qt.Key.Key_6, CTRL_SHIFT)
    assert grouped(board.database, cohort) == {"Finn"}
    assert board.widget.columns[ES.ENROLLED].count.text() == "2 / 4"
    board.undo.undo()
    assert grouped(board.database, cohort) == {"Eva", "Finn"}
    assert states(board.database, cohort)["Eva"] == ("enrolled", None)
    assert "Eva Gray" in shown(board, ES.ENROLLED)
    board.undo.redo()
    assert grouped(board.database, cohort) == {"Finn"}
    assert shown(board, ES.WITHDRAWN) == ["Eva Gray", "Ivo Kerr"]


def test_undo_after_someone_else_moved_the_student_says_so(
    qtbot: QtBot, board: Board, dialogs: ScriptedDialogs
) -> None:
    select(board, ES.APPLIED, "Zoë")
    board.widget.move_selected(ES.ACCEPTED)
    zoe = [board.cohort.enrolments["Zoë"]]
    set_enrolment_status(board.database, board.cohort.cohort_id, zoe, ES.WITHDRAWN, board.hub)
    caught_up(qtbot, board.widget)
    assert shown(board, ES.WITHDRAWN) == ["Zoë Åkesson", "Ivo Kerr"]  # refreshed from the hub
    board.undo.undo()
    assert dialogs.kinds() == ["error"] and "someone else" in dialogs.asked[0][2]
    assert states(board.database, board.cohort.cohort_id)["Zoë"] == ("withdrawn", None)


def test_one_search_box_filters_every_column_ignoring_accents(qtbot: QtBot, board: Board) -> None:
    board.widget.focus_search()
    qtbot.keyClicks(board.widget.search, "zoe")
    assert shown(board, ES.APPLIED) == ["Zoë Åkesson"]
    assert shown(board, ES.ENROLLED) == []
    assert board.widget.columns[ES.APPLIED].count.text() == "2 · 1 shown"
    board.widget.search.setText("lycee")  # a school, without its accent
    assert shown(board, ES.APPLIED) == ["Zoë Åkesson"]
    assert shown(board, ES.WAITLISTED) == ["3. Dev Fox"]
    assert shown(board, ES.ENROLLED) == ["Gus Ince"]
    assert board.widget.columns[ES.ENROLLED].count.text() == "3 / 4 · 1 shown"
    board.widget.search.setText("AKESSON")
    assert shown(board, ES.APPLIED) == ["Zoë Åkesson"]
    board.widget.search.clear()
    assert len(shown(board, ES.APPLIED)) == 2


def test_a_student_opens_on_double_click(qtbot: QtBot, board: Board) -> None:
    view = board.widget.columns[ES.ENROLLED].view
    rect = view.visualRect(view.model().index(1, 0))
    with qtbot.waitSignal(board.widget.open_record) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["students", board.cohort.students["Finn"]]


def test_adding_students_from_the_picker(qtbot: QtBot, board: Board) -> None:
    picker = StudentPickerDialog(board.database, board.cohort.cohort_id, board.widget)
    qtbot.addWidget(picker)
    assert picker.model.total_count == 2  # only the students not in the cohort
    qtbot.keyClicks(picker.search, "lea")
    assert picker.model.rowCount() == 1
    picker.table.selectAll()
    picker.status.setCurrentIndex(picker.status.findData("waitlisted"))
    assert picker.add_button.text() == "Add 1 student"
    assert picker.chosen_ids() == [board.cohort.outsiders["Léa"]]

    assert board.widget.add(picker.chosen_ids(), picker.chosen_status())
    assert shown(board, ES.WAITLISTED)[-1] == "4. Léa Moreau"
    assert board.undo.undoText() == "Add 1 student as Waitlisted"
    board.undo.undo()
    assert "Léa" not in states(board.database, board.cohort.cohort_id)
    assert len(shown(board, ES.WAITLISTED)) == 3


def test_adding_students_past_capacity_asks_too(board: Board, dialogs: ScriptedDialogs) -> None:
    dialogs.confirm_answer = False
    outsiders = list(board.cohort.outsiders.values())
    assert not board.widget.add(outsiders, ES.ENROLLED)
    assert dialogs.asked[-1][2] == "This cohort has 4 places and 3 are taken. Enrol 2 more anyway?"
    assert board.widget.columns[ES.ENROLLED].count.text() == "3 / 4"
