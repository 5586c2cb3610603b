"""Live refresh in a window: a coordinator's change shows in an instructor's open window
within a second, and a dropped connection is said in the status bar and mended."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from ixdesk.db import live, open_database
from ixdesk.db import models as m
from ixdesk.db.server_roles import INSTRUCTOR
from ixdesk.gui.instructor_window import InstructorWindow
from ixdesk.gui.live_refresh import BACK_TEXT, LOST_TEXT
from ixdesk.services.instructor_view import instructor_by_email
from ixdesk.services.operations import OperationContext, run_operation
from tests.gui.conftest import ScriptedDialogs
from tests.shared_server import SharedServer
from tests.test_instructor_view_service import _world

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def olga_window(
    qtbot: QtBot, shared_server: SharedServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[InstructorWindow, dict[str, str], str]]:
    ids = _world(shared_server.admin)
    name, url = shared_server.add_login(INSTRUCTOR, "olga", "olga@x.org")
    database = open_database(url, create=False)
    window = InstructorWindow(database, instructor_by_email(database, "olga@x.org"),
                              ScriptedDialogs())  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    live_refresh = window.workbench.live
    assert live_refresh is not None and live_refresh.listener.wait_listening()
    # What the administrator's connection saves now comes from "another copy" of ixdesk.
    monkeypatch.setattr(live, "SENDER", "the coordinator's copy")
    try:
        yield window, ids, name
    finally:
        window.close()
        database.close()


def _members(window: InstructorWindow) -> list[str]:
    return [member.first_name for s in window.groups.sections for member in s.group.members]


def test_a_coordinators_change_shows_in_an_instructors_window(
    qtbot: QtBot, olga_window: tuple[InstructorWindow, dict[str, str], str],
    shared_server: SharedServer,
) -> None:  # fmt: skip
    window, ids, _ = olga_window
    assert _members(window) == ["Zoë2"]
    cohort_id = window.groups.sections[0].group.cohort_id

    def join_group_two(context: OperationContext) -> None:
        student = m.Student(first_name="Ines", last_name="Roy")
        context.session.add(student)
        context.session.flush()
        context.session.add(m.Enrolment(student_id=student.id, cohort_id=cohort_id,
                                        status="enrolled"))  # fmt: skip
        context.session.add(m.GroupMembership(group_id=ids["Group 2"], cohort_id=cohort_id,
                                              student_id=student.id))  # fmt: skip

    run_operation(shared_server.admin, join_group_two)
    qtbot.waitUntil(lambda: "Ines" in _members(window), timeout=1000)


def test_a_dropped_connection_is_said_and_mended(
    qtbot: QtBot, olga_window: tuple[InstructorWindow, dict[str, str], str],
    shared_server: SharedServer,
) -> None:  # fmt: skip
    window, _, name = olga_window
    with shared_server.admin.engine.begin() as connection:
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :n"),
            {"n": name},
        )
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage() == LOST_TEXT, timeout=5000)
    qtbot.waitUntil(lambda: bar.currentMessage() == BACK_TEXT, timeout=10000)
    assert _members(window) == ["Zoë2"]  # read again, through a new connection
