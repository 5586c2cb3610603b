"""The attendance grid, filled with the keyboard like a coordinator would."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.enums import AttendanceStatus
from ixdesk.gui.attendance_model import FIXED
from ixdesk.gui.attendance_view import AttendanceView
from ixdesk.gui.attendance_workbook import WorkbookDiffDialog
from ixdesk.gui.session_dialogs import PlanSessionsDialog, SessionDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services.running import attendance as at
from ixdesk.services.running import sessions as ss
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import picture
from tests.gui.world import World

PATTERN = ss.Pattern(days=(1, 3), starts=time(16), ends=time(18), first_day=date(2027, 3, 1))


def _view(qtbot: QtBot, workbench: Workbench, world: World) -> AttendanceView:
    view = AttendanceView(workbench)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.set_cohort(world.cohort)
    return view


def test_keys_mark_cells_move_down_and_undo(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench, world: World
) -> None:
    ss.plan_sessions(sqlite_database, world.cohort, PATTERN)
    view = _view(qtbot, workbench, world)
    assert view.model.rowCount() == 2 and view.model.columnCount() == FIXED + 2 + 6
    view.table.setCurrentIndex(view.model.index(0, FIXED))
    qtbot.keyClick(view.table, Qt.Key.Key_P)
    qtbot.keyClick(view.table, Qt.Key.Key_A)  # the cursor went down to the next student
    assert view.table.currentIndex().row() == 1
    qtbot.keyClick(view.table, Qt.Key.Key_Right)
    qtbot.keyClick(view.table, Qt.Key.Key_L)
    grid = at.attendance_grid(sqlite_database, world.cohort)
    first, second = (s.id for s in grid.sessions)
    nowak, silva = grid.students
    assert grid.marks == {
        (nowak.id, first): AttendanceStatus.PRESENT,
        (silva.id, first): AttendanceStatus.ABSENT,
        (silva.id, second): AttendanceStatus.LATE,
    }
    assert view.model.index(0, FIXED).data() == "P"
    # Counts beside the grid equal the grid: Silva has one late and one absent.
    totals = [view.model.index(1, FIXED + 2 + n).data() for n in range(6)]
    assert totals == [0, 1, 1, 0, "50%", "2"]
    assert "Équipe Zoë 67%" in view.rates.text()
    picture(view, "attendance-grid")
    workbench.undo_stack.undo()
    assert (silva.id, second) not in at.attendance_grid(sqlite_database, world.cohort).marks
    view.table.selectAll()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert at.attendance_grid(sqlite_database, world.cohort).marks == {}


def test_plan_and_edit_sessions_through_their_dialogs(
    qtbot: QtBot,
    sqlite_database: Database,
    workbench: Workbench,
    world: World,
    dialogs: ScriptedDialogs,
) -> None:
    view = _view(qtbot, workbench, world)

    def plan(dialog: PlanSessionsDialog) -> bool:
        dialog.weeks.setValue(2)
        dialog.skip.setText("2027-03-11")
        picture(dialog, "plan-sessions")
        assert dialog.preview.text().startswith("3 sessions: Tue 2 Mar 2027")
        return True

    dialogs.review_answer = plan  # type: ignore[assignment]
    view.plan_button.click()
    assert len(ss.list_sessions(sqlite_database, world.cohort)) == 3
    assert view.model.columnCount() == FIXED + 3 + 6

    def edit(dialog: SessionDialog) -> bool:
        dialog.topic.setText("Kick-off with Brücke")
        dialog.instructor.setCurrentIndex(dialog.instructor.findData(world.instructor))
        picture(dialog, "edit-session")
        return True

    dialogs.review_answer = edit  # type: ignore[assignment]
    view.table.setCurrentIndex(view.model.index(0, FIXED))
    view.edit_button.click()
    first = ss.list_sessions(sqlite_database, world.cohort)[0]
    assert (first.title, first.instructor) == ("Kick-off with Brücke", "Zoë Ørsted")
    workbench.undo_stack.undo()
    assert ss.list_sessions(sqlite_database, world.cohort)[0].title == "Session 1"
    first = ss.list_sessions(sqlite_database, world.cohort)[0]
    at.set_marks(sqlite_database, [at.MarkChange(first.id, world.students[0], None, at.KEYS["P"])])

    def delete(dialog: SessionDialog) -> bool:
        dialog.delete_button.click()
        return dialog.result() == 1

    dialogs.review_answer = delete  # type: ignore[assignment]
    view.edit_button.click()
    assert dialogs.asked[-1][:2] == ("confirm", "Delete session")  # it has a mark
    assert [s.title for s in ss.list_sessions(sqlite_database, world.cohort)] == [
        "Session 2", "Session 3",
    ]  # fmt: skip
    assert at.attendance_counts(sqlite_database, world.cohort) == {}
    workbench.undo_stack.undo()
    assert len(at.attendance_grid(sqlite_database, world.cohort).marks) == 1
    assert ss.list_sessions(sqlite_database, world.cohort)[0].title == "Session 1"
    workbench.undo_stack.undo()  # the plan
    assert ss.list_sessions(sqlite_database, world.cohort) == []


def test_the_instructor_workbook_goes_out_and_comes_back_through_the_tab(
    qtbot: QtBot,
    sqlite_database: Database,
    workbench: Workbench,
    world: World,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:
    sessions = ss.plan_sessions(sqlite_database, world.cohort, PATTERN)
    view = _view(qtbot, workbench, world)
    target = tmp_path / "zoe.xlsx"
    dialogs.choose_answer = world.instructor
    dialogs.save_file_answer = str(target)
    view.export_action.trigger()
    qtbot.waitUntil(lambda: "offer_file" in dialogs.kinds(), timeout=15_000)
    assert ("Zoë Ørsted · zoe@example.org", world.instructor) in dialogs.offered
    silva, nowak = world.students
    at.set_marks(sqlite_database, [at.MarkChange(sessions[0], nowak, None, AttendanceStatus.LATE)])
    book = openpyxl.load_workbook(target)
    book["Équipe Zoë"]["E8"] = "Absent"  # a conflict: Late was entered in ixdesk since
    book["Équipe Zoë"]["E9"] = "Present"
    book["Équipe Zoë"]["F9"] = "Excused"
    book.save(target)
    dialogs.open_file_answer = str(target)
    shown: list[WorkbookDiffDialog] = []

    def review(dialog: WorkbookDiffDialog) -> bool:
        shown.append(dialog)
        if len(shown) == 1:
            picture(dialog, "workbook-diff")
        return True

    dialogs.review_answer = review  # type: ignore[assignment]
    view.import_action.trigger()
    (dialog,) = shown
    assert dialog.changes.rowCount() == 2 and dialog.conflicts.rowCount() == 1
    assert [dialog.conflicts.item(0, n).text() for n in (4, 5, 6)] == ["(empty)", "Absent", "Late"]
    marks = at.attendance_grid(sqlite_database, world.cohort).marks
    assert marks == {
        (nowak, sessions[0]): AttendanceStatus.LATE,
        (silva, sessions[0]): AttendanceStatus.PRESENT,
        (silva, sessions[1]): AttendanceStatus.EXCUSED,
    }
    assert view.model.index(1, FIXED).data() == "P"  # the grid caught up
    workbench.undo_stack.undo()
    assert at.attendance_grid(sqlite_database, world.cohort).marks == {
        (nowak, sessions[0]): AttendanceStatus.LATE
    }
    workbench.undo_stack.redo()
    before = at.attendance_grid(sqlite_database, world.cohort).marks
    view.import_action.trigger()  # the same file again: only the conflict is left to see
    again = shown[-1]
    assert again.changes.rowCount() == 0 and again.conflicts.rowCount() == 1
    assert not again.apply_button.isEnabled()
    assert at.attendance_grid(sqlite_database, world.cohort).marks == before
    target.write_text("not a workbook", encoding="utf-8")
    view.import_action.trigger()
    kind, _title, text = dialogs.asked[-1]
    assert kind == "error" and text.endswith("Nothing was changed.")
