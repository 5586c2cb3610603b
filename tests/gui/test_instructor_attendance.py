"""Instructor mode's Attendance tab: an instructor takes marks and writes the rubric of
their own groups (on a file, and through an instructor's login on a shared server),
sees nobody else's groups, and leaves the partner company's feedback as it is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.db.enums import AttendanceStatus
from ixdesk.db.server_roles import INSTRUCTOR
from ixdesk.gui.attendance_model import FIXED
from ixdesk.gui.feedback_dialog import FeedbackDialog
from ixdesk.gui.instructor_window import InstructorWindow
from ixdesk.services.instructor_view import instructor_by_id
from ixdesk.services.running import feedback as fb
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import picture
from tests.gui.test_instructor_view import FORBIDDEN
from tests.gui.test_instructor_window import NOT_FOR_RAVI, _two_instructors, every_text
from tests.shared_server import SharedServer

OLGAS_ONLY = ["Group 3", "Group 4", "Olga's workshop"]


def _running_world(database: Database) -> dict[str, str]:
    """Ravi's and Olga's groups (``_two_instructors``), with skills on Group 1's problem,
    the company's feedback on Group 1, a session of the whole cohort, one of Group 1
    (Ravi's) and one of Group 4 (Olga's)."""
    ids = _two_instructors(database)
    with database.write() as session:
        group = session.get(m.StudentGroup, ids["Group 1"])
        assert group is not None and group.business_problem is not None
        group.business_problem.skills = "SQL, Presenting"
        cohort = group.cohort_id
        session.add(m.GroupFeedback(group_id=group.id, comment="A deck we can use."))
        for day, title, group_id in (
            (2, "Kick-off", None),
            (3, "Ravi's workshop", ids["Group 1"]),
            (4, "Olga's workshop", ids["Group 4"]),
        ):
            starts = datetime(2027, 3, day, 15, tzinfo=UTC)
            times = {"starts_at": starts, "ends_at": starts.replace(hour=17)}
            meeting = m.CohortSession(cohort_id=cohort, group_id=group_id, title=title, **times)
            session.add(meeting)
            session.flush()
            ids[title] = meeting.id
        zoe = session.scalars(
            select(m.GroupMembership.student_id).where(m.GroupMembership.group_id == group.id)
        ).first()
        assert zoe is not None
        ids["Zoë0"] = zoe
    return ids


def _window(
    qtbot: QtBot, database: Database, ids: dict[str, str], dialogs: ScriptedDialogs
) -> InstructorWindow:
    window = InstructorWindow(database, instructor_by_id(database, ids["ravi"]))
    window.dialogs = dialogs
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.attendance)
    return window


def _marks(database: Database) -> dict[tuple[str, str], AttendanceStatus]:
    a = m.Attendance
    with database.read() as session:
        rows = session.execute(
            select(a.student_id, a.session_id, a.status).where(a.deleted_at.is_(None))
        )
        return {(str(student), str(meeting)): status for student, meeting, status in rows}


def _take_attendance(qtbot: QtBot, window: InstructorWindow) -> None:
    """Mark Zoë0 present at the kick-off and late at Ravi's workshop, with the keys."""
    view = window.attendance
    assert view.scope.currentText() == "Group 1 · Data Spring"
    assert [s.title for s in view.model.sessions] == ["Kick-off", "Ravi's workshop"]
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, FIXED))
    qtbot.keyClick(view.table, Qt.Key.Key_P)
    view.table.setCurrentIndex(view.model.index(0, FIXED + 1))
    qtbot.keyClick(view.table, Qt.Key.Key_L)


def _write_rubric(window: InstructorWindow, dialogs: ScriptedDialogs) -> None:
    """Rate Zoë0's SQL 3 with a comment; try (and fail) to change the company's words."""

    def fill(dialog: FeedbackDialog) -> bool:
        assert dialog.company.isReadOnly() and dialog.given_by.isReadOnly()
        assert dialog.company.toPlainText() == "A deck we can use."
        box = dialog.table.cellWidget(0, 0)
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(box.findData(3))
        dialog.table.item(0, 2).setText("Clear queries.")
        dialog.company.setPlainText("Changed by the instructor")  # not saved: not theirs
        return True

    dialogs.review_answer = fill  # type: ignore[assignment]
    window.attendance.feedback_button.click()


def _saved_rubric(database: Database, ids: dict[str, str]) -> tuple[object, ...]:
    found = fb.group_feedback(database, ids["Group 1"])
    zoe = next(row for row in found.students if row.student_id == ids["Zoë0"])
    return zoe.ratings, zoe.comment, found.company_comment


@pytest.fixture
def ravi_on_a_file(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> Iterator[tuple[InstructorWindow, dict[str, str]]]:
    ids = _running_world(sqlite_database)
    window = _window(qtbot, sqlite_database, ids, dialogs)
    yield window, ids
    window.close()


def test_marks_typed_in_instructor_mode_are_saved_and_undone(
    qtbot: QtBot,
    ravi_on_a_file: tuple[InstructorWindow, dict[str, str]],
    sqlite_database: Database,
) -> None:
    window, ids = ravi_on_a_file
    _take_attendance(qtbot, window)
    assert _marks(sqlite_database) == {
        (ids["Zoë0"], ids["Kick-off"]): AttendanceStatus.PRESENT,
        (ids["Zoë0"], ids["Ravi's workshop"]): AttendanceStatus.LATE,
    }
    assert window.attendance.model.index(0, FIXED).data() == "P"
    picture(window, "instructor-attendance")
    undo = window.findChild(type(window.menuBar().actions()[0]), "actionUndo")
    assert undo is not None and undo.isEnabled()
    undo.trigger()
    assert list(_marks(sqlite_database).values()) == [AttendanceStatus.PRESENT]


def test_the_rubric_is_saved_and_the_company_s_feedback_is_left_as_it_is(
    ravi_on_a_file: tuple[InstructorWindow, dict[str, str]],
    sqlite_database: Database,
    dialogs: ScriptedDialogs,
) -> None:
    window, ids = ravi_on_a_file
    _write_rubric(window, dialogs)
    assert dialogs.kinds() == ["review"]
    assert _saved_rubric(sqlite_database, ids) == (
        {"SQL": 3},
        "Clear queries.",
        "A deck we can use.",
    )


def test_another_instructor_s_groups_never_appear(
    ravi_on_a_file: tuple[InstructorWindow, dict[str, str]],
) -> None:
    window, _ids = ravi_on_a_file
    scope = window.attendance.scope
    shown = [scope.itemText(index) for index in range(scope.count())]
    assert shown == ["Group 1 · Data Spring", "Group 2 · Data Spring"]
    for index in range(scope.count()):
        scope.setCurrentIndex(index)
        scope.activated.emit(index)
        texts = "\n".join(every_text(window))
        assert "Kick-off" in texts and "Zoë" in texts  # the walk does reach the grid
        for value in [*OLGAS_ONLY, *FORBIDDEN, *NOT_FOR_RAVI]:
            assert value not in texts, value
    assert window.attendance.model.rowCount() == 1  # Zoë2, of Group 2


@pytest.mark.postgres_only
def test_on_an_instructor_s_login_the_writes_go_through_the_server_s_rules(
    qtbot: QtBot, shared_server: SharedServer, dialogs: ScriptedDialogs
) -> None:
    ids = _running_world(shared_server.admin)
    _, url = shared_server.add_login(INSTRUCTOR, "ravi", "ravi@x.org")
    database = open_database(url, create=False)
    window = _window(qtbot, database, ids, dialogs)
    try:
        _take_attendance(qtbot, window)
        _write_rubric(window, dialogs)
    finally:
        window.close()
        database.close()
    assert _marks(shared_server.admin) == {
        (ids["Zoë0"], ids["Kick-off"]): AttendanceStatus.PRESENT,
        (ids["Zoë0"], ids["Ravi's workshop"]): AttendanceStatus.LATE,
    }
    assert _saved_rubric(shared_server.admin, ids) == (
        {"SQL": 3}, "Clear queries.", "A deck we can use.",
    )  # fmt: skip
