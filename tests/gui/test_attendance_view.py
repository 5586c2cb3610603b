"""The attendance grid, filled with the keyboard like a coordinator would."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.enums import AttendanceStatus
from ixdesk.gui.attendance_model import FIXED
from ixdesk.gui.attendance_view import AttendanceView
from ixdesk.gui.session_dialogs import PlanSessionsDialog, SessionDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services.running import attendance as at
from ixdesk.services.running import sessions as ss
from tests.gui.conftest import ScriptedDialogs
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
    view.grab().save("/tmp/shots/attendance-grid.png")
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
        dialog.resize(640, 480)
        dialog.grab().save("/tmp/shots/plan-sessions.png")
        assert dialog.preview.text().startswith("3 sessions: Tue 2 Mar 2027")
        return True

    dialogs.review_answer = plan  # type: ignore[assignment]
    view.plan_button.click()
    assert len(ss.list_sessions(sqlite_database, world.cohort)) == 3
    assert view.model.columnCount() == FIXED + 3 + 6

    def edit(dialog: SessionDialog) -> bool:
        dialog.topic.setText("Kick-off with Brücke")
        dialog.instructor.setCurrentIndex(dialog.instructor.findData(world.instructor))
        dialog.grab().save("/tmp/shots/edit-session.png")
        return True

    dialogs.review_answer = edit  # type: ignore[assignment]
    view.table.setCurrentIndex(view.model.index(0, FIXED))
    view.edit_button.click()
    first = ss.list_sessions(sqlite_database, world.cohort)[0]
    assert (first.title, first.instructor) == ("Kick-off with Brücke", "Zoë Ørsted")
    workbench.undo_stack.undo()
    assert ss.list_sessions(sqlite_database, world.cohort)[0].title == "Session 1"
    workbench.undo_stack.undo()  # the plan
    assert ss.list_sessions(sqlite_database, world.cohort) == []
