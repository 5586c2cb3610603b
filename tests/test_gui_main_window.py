"""The main window: welcome page, navigation, shortcuts, settings kept between runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.models import Cohort, Student
from ixdesk.gui.main_window import MainWindow
from ixdesk.services.operations import create_record
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import BoundedEventLoop

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def _window(
    qtbot: QtBot, database: Database, size: tuple[int, int] | None = (1280, 800)
) -> MainWindow:
    window = MainWindow(database, ScriptedDialogs())
    qtbot.addWidget(window)
    if size:
        window.resize(*size)
    window.show()
    return window


def _buttons(window: MainWindow) -> list[str]:
    return [button.text() for button in window.home.findChildren(QPushButton)]


def test_an_empty_database_opens_on_a_welcome_page(qtbot: QtBot, sqlite_database: Database) -> None:
    window = _window(qtbot, sqlite_database)
    assert window.ui.pages.currentWidget() is window.home
    texts = _buttons(window)
    assert "Create your first cohort" in texts
    assert any("demo data" in text for text in texts)
    with qtbot.waitSignal(window.database_requested) as signal:
        next(b for b in window.home.findChildren(QPushButton) if "demo" in b.text()).click()
    assert signal.args == ["demo"]
    next(b for b in window.home.findChildren(QPushButton) if "cohort" in b.text()).click()
    assert window.current_view() is window.views["cohorts"]
    assert window.views["cohorts"].editor.title.text() == "New cohort"


def test_overview_counts_and_view_shortcuts(qtbot: QtBot, database: Database) -> None:
    create_record(database, Cohort, {"name": "Spring data analytics"})
    create_record(database, Student, {"first_name": "Zoë", "last_name": "M"})
    window = _window(qtbot, database)
    assert "1  cohorts" in _buttons(window)
    assert "1  students" in _buttons(window)
    for index, kind in enumerate(
        ["cohorts", "groups", "students", "instructors", "companies", "problems"], start=2
    ):
        action = window.view_actions[index - 1]
        assert action.shortcut().toString() == f"Ctrl+{index}"
        action.trigger()
        assert window.current_view() is window.views[kind]
    window.view_actions[0].trigger()
    assert window.ui.pages.currentWidget() is window.home


def test_window_state_is_restored_on_the_next_start(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    create_record(sqlite_database, Student, {"first_name": "Ana", "last_name": "Silva"})
    first = _window(qtbot, sqlite_database)
    first.resize(790, 520)
    first.show_view("students")
    first.views["students"].table.horizontalHeader().resizeSection(0, 321)
    first.close()
    second = _window(qtbot, sqlite_database, size=None)
    assert second.current_view() is second.views["students"]
    assert (second.width(), second.height()) == (790, 520)
    assert second.views["students"].table.horizontalHeader().sectionSize(0) == 321


def test_every_view_is_drawn(qtbot: QtBot, sqlite_database: Database, tmp_path: Path) -> None:
    from ixdesk.services.demo import generate_demo

    generate_demo(sqlite_database, students=120, seed=3)
    window = _window(qtbot, sqlite_database)
    for kind, view in window.views.items():
        window.show_view(kind)
        assert view.model.rowCount() > 0, kind
        view.table.selectRow(0)
        assert view.editor.loaded.id == view.model.id_at(0)
        picture = tmp_path / f"{kind}.png"
        assert window.grab().save(str(picture))
        assert picture.stat().st_size > 5000


def test_first_paint_does_not_load_excel_libraries(tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from ixdesk.gui.app import application\n"
        "from ixdesk.db import open_database\n"
        "from ixdesk.gui.main_window import MainWindow\n"
        "app = application()\n"
        f"window = MainWindow(open_database({str(tmp_path / 'x.db')!r}))\n"
        "window.show(); app.processEvents()\n"
        "print(sorted(m for m in ('openpyxl', 'xlsxwriter', 'python_calamine') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"IXDESK_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == "[]"


def test_a_database_that_cannot_open_is_explained_in_a_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ixdesk.gui import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(app, "application", lambda: BoundedEventLoop)
    broken = tmp_path / "broken.db"
    broken.write_text("not a database")
    assert app.run_gui(str(broken)) == 1
    assert shown and str(broken) in shown[0]
