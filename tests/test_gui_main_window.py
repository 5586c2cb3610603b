"""The main window shows the open database and what it holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.models import Cohort, Student
from ixdesk.gui.main_window import MainWindow
from ixdesk.services.operations import create_record


def _count_for(window: MainWindow, label: str) -> str:
    table = window.ui.countsTable
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == label:
            return table.item(row, 1).text()
    raise AssertionError(label)


def test_counts_match_the_database_and_refresh_on_f5(
    qtbot: QtBot, sqlite_database: Database, tmp_path: Path
) -> None:
    create_record(sqlite_database, Cohort, {"name": "Spring data analytics"})
    window = MainWindow(sqlite_database)
    qtbot.addWidget(window)
    window.show()
    assert _count_for(window, "Cohorts") == "1"
    assert _count_for(window, "Students") == "0"
    create_record(sqlite_database, Student, {"first_name": "Zoë", "last_name": "M"})
    window.ui.actionRefresh.trigger()
    assert _count_for(window, "Students") == "1"
    assert str(sqlite_database.location) in window.windowTitle()
    assert window.ui.actionRefresh.shortcut().toString() == "F5"
    picture = tmp_path / "main-window.png"
    assert window.grab().save(str(picture))
    assert picture.stat().st_size > 1000


def test_the_window_opens_on_postgresql_too(qtbot: QtBot, database: Database) -> None:
    window = MainWindow(database)
    qtbot.addWidget(window)
    assert _count_for(window, "Partner companies") == "0"


def test_a_database_that_cannot_open_is_explained_in_a_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ixdesk.gui import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    broken = tmp_path / "broken.db"
    broken.write_text("not a database")
    assert app.run_gui(str(broken)) == 1
    assert shown and str(broken) in shown[0]
