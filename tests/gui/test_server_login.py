"""Opening ixdesk with an instructor's login on a shared server starts instructor mode's
window, not the coordinator's: the server allows that login no more anyway."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ixdesk.db.server_roles import COORDINATOR, INSTRUCTOR
from ixdesk.gui import app
from ixdesk.gui.instructor_window import InstructorWindow
from ixdesk.gui.main_window import MainWindow
from tests.gui.conftest import ScriptedBoxes
from tests.gui.helpers import BoundedEventLoop
from tests.shared_server import SharedServer
from tests.test_instructor_view_service import _world

pytestmark = pytest.mark.postgres_only


def _open_window_of(url: str, kind: type) -> object:
    """Start ixdesk on ``url`` and return the first window it shows, checked to be a
    ``kind``."""
    seen: list[object] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            filled = not isinstance(widget, MainWindow) or widget.filled
            shown = isinstance(widget, (MainWindow, InstructorWindow)) and widget.isVisible()
            if shown and filled:
                seen.append(widget)
                BoundedEventLoop.exit(0)
                return
        QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
    assert app.run_gui(url) == 0
    assert len(seen) == 1 and isinstance(seen[0], kind), f"no {kind.__name__} was shown"
    return seen[0]


def test_an_instructor_login_opens_instructor_mode(
    shared_server: SharedServer, boxes: ScriptedBoxes, tmp_path: Path
) -> None:
    ids = _world(shared_server.admin)
    _, url = shared_server.add_login(INSTRUCTOR, "ravi", "ravi@x.org")
    window = _open_window_of(url, InstructorWindow)
    assert isinstance(window, InstructorWindow)
    try:
        assert window.instructor.instructor_id == ids["ravi"]
        assert [section.group.group_id for section in window.groups.sections] == [
            ids["Group 1"],
            ids["Group 2"],
        ]
        assert "Instructor's login:" in window.banner.text()
        assert not any(
            isinstance(widget, MainWindow) and widget.isVisible()
            for widget in QApplication.topLevelWidgets()
        )
        assert boxes.asked == []
    finally:
        window.close()
        window.database.close()


def test_a_coordinator_login_opens_the_whole_window(
    shared_server: SharedServer, boxes: ScriptedBoxes
) -> None:
    _world(shared_server.admin)
    _, url = shared_server.add_login(COORDINATOR, "cora")
    window = _open_window_of(url, MainWindow)
    assert isinstance(window, MainWindow) and window.filled
    window.close()
    assert boxes.asked == []
