"""``ixdesk --instructor EMAIL`` opens the window on that instructor's groups."""

from __future__ import annotations

from typing import Any

import pytest

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


class _Window:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def show_instructor(self, email: str) -> bool:
        self.asked.append(email)
        return email == "ravi@example.com"


def test_an_unknown_email_is_one_line_on_stderr_and_the_window_stays(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from ixdesk.gui.app import Session

    create_record(
        sqlite_database,
        Instructor,
        {"first_name": "Ravi", "last_name": "Patel", "email": "ravi@example.com"},
    )
    session = Session(None, None)  # type: ignore[arg-type]
    window = _Window()
    session.window, session.database = window, sqlite_database
    assert session.show_instructor("ravi@example.com")
    assert capsys.readouterr().err == ""
    assert not session.show_instructor("ravi@exampel.com")
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("ixdesk: No instructor has the email address 'ravi@exampel.com'")
    assert "ravi@example.com" in error  # the closest match is suggested
    assert window.asked == ["ravi@example.com", "ravi@exampel.com"]
