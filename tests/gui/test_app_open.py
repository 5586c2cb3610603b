"""Starting the window: a database named by the person is created only when they say so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ixdesk.db import open_database
from ixdesk.gui import app
from tests.gui.conftest import ScriptedBoxes


def test_declining_to_create_a_named_database_creates_nothing(
    tmp_path: Path, boxes: ScriptedBoxes
) -> None:
    typo = tmp_path / "typo.db"
    assert app.run_gui(str(typo)) == 1
    assert boxes.asked == [("question", f"There is no database at {typo}. Create a new one?")]
    assert list(tmp_path.iterdir()) == []


def test_accepting_creates_the_named_database(tmp_path: Path, boxes: ScriptedBoxes) -> None:
    boxes.answer = QMessageBox.StandardButton.Yes
    chosen = tmp_path / "new.db"
    database = app.open_home_database(str(chosen))
    assert database is not None
    database.close()
    assert boxes.asked == [("question", f"There is no database at {chosen}. Create a new one?")]
    assert chosen.exists()


def test_a_missing_database_named_by_the_variable_is_asked_about_too(
    tmp_path: Path, boxes: ScriptedBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "from-env.db"
    monkeypatch.setenv("IXDESK_DATABASE", str(chosen))
    assert app.open_home_database(None) is None
    assert [kind for kind, _ in boxes.asked] == ["question"]
    assert not chosen.exists()


def test_the_default_database_and_existing_ones_open_without_a_question(
    tmp_path: Path, boxes: ScriptedBoxes, _isolated_user_folders: Path
) -> None:
    database = app.open_home_database(None)
    assert database is not None
    database.close()
    assert (_isolated_user_folders / "ixdesk.db").exists()
    existing = tmp_path / "existing.db"
    open_database(existing).close()
    database = app.open_home_database(str(existing))
    assert database is not None
    database.close()
    assert boxes.asked == []


@pytest.mark.parametrize("named", [False, True], ids=["default file", "--database"])
def test_instructor_mode_on_a_missing_database_creates_nothing_and_says_so(
    tmp_path: Path,
    boxes: ScriptedBoxes,
    _isolated_user_folders: Path,
    named: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    boxes.answer = QMessageBox.StandardButton.Yes  # were it asked, it would create one
    missing = tmp_path / "new.db" if named else _isolated_user_folders / "ixdesk.db"
    target = str(missing) if named else None
    assert app.run_gui(target, instructor="nobody@example.org") == 1
    sentence = f"There is no database at {missing}; nothing was created or changed."
    assert boxes.asked == [("critical", sentence)]  # no question, no instructor search
    assert capsys.readouterr().err == f"ixdesk: error: {sentence}\n"
    assert not missing.exists()
    assert not _isolated_user_folders.exists() or list(_isolated_user_folders.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []


FIRST_PAINT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ixdesk.cli import main
from ixdesk.gui.app import application
from ixdesk.gui.window_frame import WindowFrame

application()  # the timers below need it
seen = {}
painted = WindowFrame._first_paint_done


def first_paint_done(frame):
    seen["loaded"] = sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules)
    seen["lit"] = frame.ui.navigation.currentItem().text()
    seen["page"] = frame.ui.pages.currentWidget().text()
    painted(frame)


def check():
    for frame in QApplication.topLevelWidgets():
        if isinstance(frame, WindowFrame) and frame.filled:
            seen["shown"] = str(frame.current_place().view)
            QApplication.quit()


WindowFrame._first_paint_done = first_paint_done
timer = QTimer()
timer.timeout.connect(check)
timer.start(20)
QTimer.singleShot(60_000, QApplication.quit)
status = main(["--database", sys.argv[1]])
print(status, seen)
"""


def test_the_window_paints_before_the_database_libraries_load(
    tmp_path: Path, _isolated_user_folders: Path
) -> None:
    from ixdesk.db.models import Student
    from ixdesk.gui.settings import app_settings
    from ixdesk.services.operations import create_record

    path = tmp_path / "school.db"
    database = open_database(path)
    create_record(database, Student, {"first_name": "Ana", "last_name": "Silva"})
    database.close()
    settings = app_settings()
    settings.setValue("window/view", "students")
    settings.sync()
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    expected = {"loaded": [], "lit": "Students", "page": "Opening the database…"}
    assert result.stdout.strip() == f"0 {expected | {'shown': 'students'}}"
