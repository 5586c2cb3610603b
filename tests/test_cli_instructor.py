"""``ixdesk --instructor EMAIL`` opens instructor mode: that instructor's groups, nothing else."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from ixdesk import cli
from ixdesk.db import Database
from ixdesk.db.models import Instructor
from ixdesk.services.operations import create_record


@pytest.mark.parametrize(
    ("argv", "command", "email"),
    [
        (["--instructor", "ravi@example.com"], None, "ravi@example.com"),
        (["gui", "--instructor", "ravi@example.com"], "gui", "ravi@example.com"),
        (["--instructor", "ravi@example.com", "gui"], "gui", "ravi@example.com"),
        (["gui"], "gui", None),
        ([], None, None),
    ],
)
def test_the_option_is_parsed_before_or_after_gui(
    argv: list[str], command: str | None, email: str | None
) -> None:
    args = cli.build_parser().parse_args(argv)
    assert (args.command, args.gui_instructor) == (command, email)


def test_the_export_command_keeps_its_own_instructor_option() -> None:
    argv = ["export", "instructor", "--instructor", "ravi@example.com", "-o", "r.xlsx"]
    args = cli.build_parser().parse_args(argv)
    assert args.gui_instructor is None
    assert args.instructor == "ravi@example.com"


def test_the_email_reaches_run_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    from ixdesk.gui import app

    called: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        app, "run_gui", lambda target, instructor=None: called.append((target, instructor)) or 0
    )
    assert cli.main(["--database", "x.db", "--instructor", "ravi@example.com"]) == 0
    assert called == [("x.db", "ravi@example.com")]


def test_the_option_does_not_go_with_other_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--instructor", "ravi@example.com", "list", "students"])
    assert stopped.value.code == cli.EXIT_USAGE
    assert "--instructor opens the window" in capsys.readouterr().err


class _App:
    """Stands in for the running application: records the windows on screen at exec()."""

    def __init__(self) -> None:
        self.shown: list[QWidget] = []

    def exec(self) -> int:
        self.shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        return 0


@pytest.fixture
def started(
    qapp: QApplication, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> tuple[_App, list[str]]:
    """run_gui's application and message boxes replaced; the coordinator's window
    cannot be built at all."""
    from ixdesk.gui import app
    from ixdesk.gui.main_window import MainWindow

    create_record(
        sqlite_database,
        Instructor,
        {"first_name": "Ravi", "last_name": "Patel", "email": "ravi@example.com"},
    )
    running, boxes = _App(), []

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("instructor mode built the coordinator's window")

    monkeypatch.setattr(app, "application", lambda: running)
    monkeypatch.setattr(MainWindow, "__init__", refuse)
    monkeypatch.setattr(
        app.QMessageBox, "critical", lambda _parent, title, text: boxes.append(text)
    )
    return running, boxes


def test_instructor_mode_opens_only_the_instructor_window(
    started: tuple[_App, list[str]], sqlite_database: Database
) -> None:
    from ixdesk.gui.app import run_gui
    from ixdesk.gui.instructor_window import InstructorWindow

    running, boxes = started
    assert run_gui(str(sqlite_database.path), instructor="RAVI@example.com") == 0
    assert len(running.shown) == 1 and boxes == []
    (window,) = running.shown
    assert isinstance(window, InstructorWindow)
    assert window.groups.instructor_id == window.instructor.instructor_id
    assert window.instructor.email == "ravi@example.com"
    window.close()


@pytest.mark.parametrize("email", ["ravi@exampel.com", ""])
def test_an_unknown_email_is_one_line_on_stderr_and_no_window_opens(
    started: tuple[_App, list[str]],
    sqlite_database: Database,
    capsys: pytest.CaptureFixture[str],
    email: str,
) -> None:
    from ixdesk.gui.app import run_gui

    running, boxes = started
    assert run_gui(str(sqlite_database.path), instructor=email) == 1
    assert running.shown == []  # not even the coordinator's window: exec() never ran
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith(f"ixdesk: No instructor has the email address '{email}'")
    assert boxes == [error.removeprefix("ixdesk: ").strip()]
    if email:
        assert "ravi@example.com" in error  # the closest match is suggested
