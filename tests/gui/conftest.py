"""Fixtures for driving the real main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui import app
from ixdesk.gui.dialogs import Button, DialogService
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.workbench import Workbench
from tests.gui.helpers import BoundedEventLoop, activate
from tests.gui.world import World, build_world


class ScriptedDialogs(DialogService):
    """Answers questions as a test says, and remembers what was asked."""

    def __init__(self) -> None:
        super().__init__(None)
        self.asked: list[tuple[str, str, str]] = []
        self.confirm_answer = True
        self.leave_answer = Button.Discard
        self.reload_answer = True
        self.open_file_answer: str | None = None
        self.opened_in: list[str] = []  # the folder each file dialog opened in
        self.text_answer: str | None = None  # what the person types, or None for Cancel
        self.text_offered: list[str] = []  # the text each question started from
        self.save_file_answer: str | None = None
        self.folder_answer: str | None = None  # the folder chosen, or None for Cancel
        self.open_files_answer: list[str] = []  # the files chosen, or none for Cancel
        self.pin_answer: str | None = None  # the PIN typed, or None for Cancel
        self.choose_answer: str | None = None  # an id, or None for Cancel
        # Called with a dialog to review (e.g. the auto-build preview): True accepts it.
        self.review_answer: Callable[[Any], bool] = lambda _dialog: False
        self.reviewed: list[Any] = []
        self.offered: list[tuple[str, str]] = []  # the last choices offered
        self.bugs: list[str] = []  # the details of each bug reported
        self.bugs_expected = False  # a test of the bug path says so

    def error(self, title: str, text: str) -> None:
        self.asked.append(("error", title, text))

    def bug(self, title: str, text: str, details: str) -> None:
        self.asked.append(("bug", title, text))
        self.bugs.append(details)

    def info(self, title: str, text: str) -> None:
        self.asked.append(("info", title, text))

    def confirm(self, title: str, text: str, action: str = "OK") -> bool:
        self.asked.append(("confirm", title, text))
        return self.confirm_answer

    def save_discard_cancel(self, title: str, text: str) -> Any:
        self.asked.append(("leave", title, text))
        return self.leave_answer

    def reload_or_keep(self, title: str, text: str) -> bool:
        self.asked.append(("stale", title, text))
        return self.reload_answer

    def open_file(self, title: str, filters: str, folder: str = "") -> str | None:
        self.asked.append(("open_file", title, filters))
        self.opened_in.append(folder)
        return self.open_file_answer

    def open_files(self, title: str, filters: str) -> list[str]:
        self.asked.append(("open_files", title, filters))
        return list(self.open_files_answer)

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        self.asked.append(("ask_text", title, label))
        self.text_offered.append(text)
        return self.text_answer

    def ask_pin(self, title: str, label: str) -> str | None:
        self.asked.append(("ask_pin", title, label))
        return self.pin_answer

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        self.asked.append(("save_file", title, suggested))
        return self.save_file_answer

    def choose_folder(self, title: str, folder: str) -> str | None:
        self.asked.append(("choose_folder", title, folder))
        return self.folder_answer

    def choose(self, title: str, text: str, choices: Sequence[tuple[str, str]]) -> str | None:
        self.asked.append(("choose", title, text))
        self.offered = list(choices)
        return self.choose_answer

    def offer_file(self, title: str, text: str, path: str) -> None:
        self.asked.append(("offer_file", title, text))

    def review(self, dialog: Any) -> bool:
        self.asked.append(("review", dialog.windowTitle(), ""))
        self.reviewed.append(dialog)
        return self.review_answer(dialog)

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.asked]


@pytest.fixture
def dialogs() -> Iterator[ScriptedDialogs]:
    scripted = ScriptedDialogs()
    yield scripted
    # A bug the runner caught would otherwise pass unnoticed: the window stays usable.
    assert scripted.bugs_expected or not scripted.bugs, scripted.bugs


@contextmanager
def bench_on(database: Database, dialogs: DialogService) -> Iterator[Workbench]:
    """A workbench for widgets tested on their own. Its undo stack is emptied at the
    end, while everything its commands refer to is still alive: a parentless stack
    left to the garbage collector can delete its commands after the objects they use."""
    bench = Workbench(database, dialogs)
    try:
        yield bench
    finally:
        bench.detach()
        if bench.undo_stack is not None:
            bench.undo_stack.clear()


@pytest.fixture
def workbench(sqlite_database: Database, dialogs: ScriptedDialogs) -> Iterator[Workbench]:
    with bench_on(sqlite_database, dialogs) as bench:
        yield bench


@pytest.fixture
def window(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> Iterator[MainWindow]:
    main = MainWindow(sqlite_database, dialogs)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    activate(qtbot, main)
    yield main
    main.close()


@pytest.fixture
def world(sqlite_database: Database) -> World:
    """A small set of linked records, built before the window opens its views."""
    return build_world(sqlite_database)


class ScriptedBoxes:
    """Stands in for QMessageBox: answers questions as the test says, remembers them."""

    StandardButton = QMessageBox.StandardButton

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def question(self, _parent: Any, _title: str, text: str, *_args: Any) -> Any:
        self.asked.append(("question", text))
        return self.answer

    def critical(self, _parent: Any, _title: str, text: str) -> None:
        self.asked.append(("critical", text))

    def information(self, _parent: Any, _title: str, text: str) -> None:
        self.asked.append(("information", text))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> ScriptedBoxes:
    scripted = ScriptedBoxes(QMessageBox.StandardButton.No)
    monkeypatch.setattr(app, "QMessageBox", scripted)
    monkeypatch.setattr(app, "application", lambda: BoundedEventLoop)
    return scripted
