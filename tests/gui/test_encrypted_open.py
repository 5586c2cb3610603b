"""Opening an encrypted file in the window: the password box, remembering the password in
the keyring, a remembered password that has gone wrong, a computer without a keyring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ixdesk.db import cipher, open_database
from ixdesk.errors import DatabaseOpenError
from ixdesk.gui import password_dialog
from ixdesk.gui.app import open_home_database
from ixdesk.gui.password_dialog import PasswordDialog
from ixdesk.services import file_password, keyring_store
from tests.memory_keyring import MemoryKeyring

LABEL = "secret.db is encrypted. Its &password:"


class Box:
    """Answers the password box as a person would, and notes what it showed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[tuple[str, str | None]] = []  # (label, why)
        self.told: list[str] = []
        self.typed, self.accepted, self.remember = "", False, False
        box = self

        def exec_(dialog: PasswordDialog) -> int:
            why = dialog.why.text() if not dialog.why.isHidden() else None
            box.shown.append((dialog.label.text(), why))
            dialog.password.setText(box.typed)
            dialog.remember.setChecked(box.remember)
            codes = QDialog.DialogCode
            return (codes.Accepted if box.accepted else codes.Rejected).value

        def information(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
            box.told.append(text)

        monkeypatch.setattr(PasswordDialog, "exec", exec_)
        monkeypatch.setattr(password_dialog.QMessageBox, "information", information)

    def answer(self, typed: str, accepted: bool = True, remember: bool = False) -> None:
        self.typed, self.accepted, self.remember = typed, accepted, remember


@pytest.fixture
def secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secret.db"
    open_database(path, password="s3cret").close()
    assert cipher.is_encrypted(path)
    monkeypatch.delenv("IXDESK_PASSWORD", raising=False)
    return path


def _opens(path: Path) -> None:
    database = open_home_database(str(path))
    assert database is not None
    database.close()


def test_the_window_asks_for_the_password_of_an_encrypted_file(
    qtbot: QtBot, secret: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    box = Box(monkeypatch)
    box.answer("", accepted=False)
    assert open_home_database(str(secret)) is None  # cancelled: nothing opened
    box.answer("wrong")
    with pytest.raises(DatabaseOpenError, match="is wrong"):
        open_home_database(str(secret))
    box.answer("s3cret")
    _opens(secret)
    assert box.shown == [(LABEL, None)] * 3
    assert memory_keyring.passwords == {}  # not asked to remember: nothing kept


def test_a_remembered_password_opens_the_file_without_asking(
    qtbot: QtBot, secret: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    box = Box(monkeypatch)
    box.answer("wrong", remember=True)
    with pytest.raises(DatabaseOpenError, match="is wrong"):
        open_home_database(str(secret))
    assert memory_keyring.passwords == {}  # a refused password is never kept
    box.answer("s3cret", remember=True)
    _opens(secret)
    entry = ("ixdesk", f"file:{secret.resolve()}")
    assert memory_keyring.passwords == {entry: "s3cret"}
    _opens(secret)
    _opens(secret)
    assert len(box.shown) == 2 and box.told == []  # the keyring's password was used


def test_a_remembered_password_that_is_wrong_is_forgotten_and_asked_again(
    qtbot: QtBot, secret: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    entry = ("ixdesk", f"file:{secret.resolve()}")
    memory_keyring.passwords[entry] = "an old one"
    box = Box(monkeypatch)
    box.answer("", accepted=False)
    assert open_home_database(str(secret)) is None
    assert memory_keyring.passwords == {}  # forgotten, even though nothing was typed
    why = file_password.FORGOTTEN.format(name="secret.db")
    assert box.shown == [(LABEL, why)]
    box.answer("s3cret")
    _opens(secret)
    assert box.shown[-1] == (LABEL, None)  # asked plainly now that nothing is remembered


def test_the_password_box_offers_to_remember_and_shows_why_it_asks_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    why = file_password.FORGOTTEN.format(name="secret.db")
    dialog = PasswordDialog(tmp_path / "secret.db", why)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    assert dialog.why.isVisible() and dialog.why.text() == why
    assert dialog.remember.text() == password_dialog.REMEMBER
    assert not dialog.remember.isChecked()  # remembering is chosen, never assumed
    assert dialog.answer() is None
    dialog.password.setText("s3cret")
    dialog.remember.setChecked(True)
    assert dialog.answer() == file_password.Answer("s3cret", True)


def test_without_a_keyring_the_window_says_once_that_nothing_was_remembered(
    qtbot: QtBot, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        box = Box(monkeypatch)
        box.answer("s3cret", remember=True)
        _opens(secret)
        assert box.told == [keyring_store.NO_KEYRING]
        _opens(secret)  # asked again, since nothing could be kept
        assert len(box.shown) == 2 and box.told == [keyring_store.NO_KEYRING] * 2
    finally:
        keyring.set_keyring(before)


def test_the_password_from_the_environment_comes_before_the_keyring(
    qtbot: QtBot, secret: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    entry = ("ixdesk", f"file:{secret.resolve()}")
    memory_keyring.passwords[entry] = "an old one"
    monkeypatch.setenv("IXDESK_PASSWORD", "s3cret")
    box = Box(monkeypatch)
    _opens(secret)
    assert box.shown == [] and memory_keyring.passwords == {entry: "an old one"}
