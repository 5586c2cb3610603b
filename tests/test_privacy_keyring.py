"""An encrypted file's password on the command line: IXDESK_PASSWORD, then this computer's
keyring, then the terminal; decrypting forgets the keyring's entry, a new password
replaces it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import open_database
from ixdesk.services import file_password
from tests import privacy_world
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secret.db"
    database = open_database(path, password="s3cret")
    try:
        privacy_world.build(database)
    finally:
        database.close()
    monkeypatch.delenv("IXDESK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no one at a terminal
    return path


def _entry(path: Path) -> tuple[str, str]:
    return ("ixdesk", f"file:{path.resolve()}")


def _names(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["--database", str(path), "list", "students", "--json"]) == 0
    return sorted(s["first_name"] for s in json.loads(capsys.readouterr().out))


def test_a_command_takes_the_password_the_keyring_remembers(
    secret: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", str(secret), "list", "students"]) == 1
    assert "encrypted and no password was given" in capsys.readouterr().err
    memory_keyring.passwords[_entry(secret)] = "s3cret"
    assert _names(secret, capsys) == ["Ada", "Kofi", "Zoë"]
    assert memory_keyring.passwords == {_entry(secret): "s3cret"}


def test_the_environment_comes_first_and_a_wrong_remembered_password_is_forgotten(
    secret: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memory_keyring.passwords[_entry(secret)] = "an old one"
    monkeypatch.setenv("IXDESK_PASSWORD", "s3cret")
    assert _names(secret, capsys) == ["Ada", "Kofi", "Zoë"]
    assert memory_keyring.passwords == {_entry(secret): "an old one"}  # not even tried
    monkeypatch.delenv("IXDESK_PASSWORD")
    assert main(["--database", str(secret), "list", "students"]) == 1
    err = capsys.readouterr().err
    assert file_password.FORGOTTEN.format(name="secret.db") in err
    assert "encrypted and no password was given" in err and "Traceback" not in err
    assert memory_keyring.passwords == {}


def test_at_a_terminal_a_wrong_remembered_password_is_asked_again(
    secret: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memory_keyring.passwords[_entry(secret)] = "an old one"
    asked: list[str] = []

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return "s3cret"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr("getpass.getpass", getpass)
    assert _names(secret, capsys) == ["Ada", "Kofi", "Zoë"]
    assert asked == [f"Password for {secret.resolve()}: "]
    assert memory_keyring.passwords == {}  # typed at the terminal: not remembered


def test_decrypting_forgets_the_remembered_password(
    secret: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    memory_keyring.passwords[_entry(secret)] = "s3cret"
    assert main(["--database", str(secret), "decrypt"]) == 0  # with the keyring's password
    assert "no longer encrypted" in capsys.readouterr().out
    assert secret.read_bytes().startswith(b"SQLite format 3")
    assert memory_keyring.passwords == {}


def test_a_new_password_replaces_the_remembered_one(
    secret: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memory_keyring.passwords[_entry(secret)] = "s3cret"
    monkeypatch.setattr("sys.stdin", io.StringIO("brand new\n"))
    assert main(["--database", str(secret), "change-password"]) == 0
    assert "has a new password" in capsys.readouterr().out
    assert memory_keyring.passwords == {_entry(secret): "brand new"}
    assert _names(secret, capsys) == ["Ada", "Kofi", "Zoë"]  # the keyring's new one opens it
    monkeypatch.setenv("IXDESK_PASSWORD", "s3cret")
    assert main(["--database", str(secret), "list", "students"]) == 1
    assert "is wrong" in capsys.readouterr().err  # the old one no longer does


def test_a_new_password_is_not_remembered_when_the_old_one_was_not(
    secret: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\nbrand new\n"))  # old, then new
    assert main(["--database", str(secret), "change-password"]) == 0
    capsys.readouterr()
    assert memory_keyring.passwords == {}
    monkeypatch.setenv("IXDESK_PASSWORD", "brand new")
    assert _names(secret, capsys) == ["Ada", "Kofi", "Zoë"]
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\nother\n"))
    monkeypatch.delenv("IXDESK_PASSWORD")
    assert main(["--database", str(secret), "change-password"]) == 1
    assert "is wrong" in capsys.readouterr().err
    monkeypatch.setenv("IXDESK_PASSWORD", "brand new")
    assert _names(secret, capsys) == ["Ada", "Kofi", "Zoë"]  # a refusal changed nothing


def test_encrypting_forgets_a_password_left_for_an_older_file_of_that_name(
    secret: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IXDESK_PASSWORD", "s3cret")
    assert main(["--database", str(secret), "decrypt"]) == 0
    monkeypatch.delenv("IXDESK_PASSWORD")
    memory_keyring.passwords[_entry(secret)] = "s3cret"  # as if kept by another ixdesk
    monkeypatch.setattr("sys.stdin", io.StringIO("brand new\n"))
    assert main(["--database", str(secret), "encrypt"]) == 0
    capsys.readouterr()
    assert memory_keyring.passwords == {}
