"""Starting the window: a database named by the person is created only when they say so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from ixdesk.db import open_database
from ixdesk.gui import app


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


class NoEventLoop:
    @staticmethod
    def exec() -> int:
        return 0


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> ScriptedBoxes:
    scripted = ScriptedBoxes(QMessageBox.StandardButton.No)
    monkeypatch.setattr(app, "QMessageBox", scripted)
    monkeypatch.setattr(app, "application", lambda: NoEventLoop)
    return scripted


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
