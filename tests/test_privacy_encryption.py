"""Encryption at rest: no student's name in the file's bytes nor its backups'."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import backup, open_database
from ixdesk.errors import DatabaseOpenError, NotAnIxdeskDatabaseError
from ixdesk.services.privacy import erasure
from tests import privacy_world

NAMES = [b"Okonkwo-Privat", b"Mensah-Privat", b"Lovelace-Privat", b"zoe@example.com"]


def _all_bytes(path: Path) -> bytes:
    return b"".join(
        p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )


def _plain_world(path: Path) -> None:
    database = open_database(path)
    try:
        privacy_world.build(database)
        erasure.forget_freed_space(database)
    finally:
        database.close()


def test_an_encrypted_file_and_its_backups_hold_no_names_and_need_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    _plain_world(path)
    assert all(name in _all_bytes(path) for name in NAMES)  # the grep can find them
    open_database(path).close()  # an automatic backup, unencrypted as the file
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    assert main(["--database", str(path), "encrypt"]) == 0
    out = capsys.readouterr().out
    assert "is now encrypted" in out and "older backup(s)" in out
    for old in backup.list_backups(path):
        old.unlink()  # as the person is told to

    monkeypatch.setenv("IXDESK_PASSWORD", "correct horse")
    assert main(["--database", str(path), "list", "students", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(s["first_name"] for s in listed) == ["Ada", "Kofi", "Zoë"]
    assert main(["--database", str(path), "backup", str(tmp_path / "copy.db")]) == 0
    capsys.readouterr()
    backups = [*backup.list_backups(path), tmp_path / "copy.db"]
    assert len(backups) >= 2  # the automatic one on open, and the one asked for
    for file in (path, *backups):
        content = _all_bytes(file)
        assert not any(name in content for name in NAMES), file
        assert not content.startswith(b"SQLite format 3")

    monkeypatch.delenv("IXDESK_PASSWORD")
    assert main(["--database", str(path), "list", "students"]) == 1
    err = capsys.readouterr().err
    assert "encrypted and no password was given" in err and "Traceback" not in err
    monkeypatch.setenv("IXDESK_PASSWORD", "wrong")
    assert main(["--database", str(path), "list", "students"]) == 1
    assert "The password for" in capsys.readouterr().err
    with pytest.raises(NotAnIxdeskDatabaseError):
        open_database(tmp_path / "copy.db")
    with pytest.raises(DatabaseOpenError, match="is wrong"):
        open_database(tmp_path / "copy.db", password="wrong")
    copy = open_database(tmp_path / "copy.db", password="correct horse")
    copy.close()

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.setenv("IXDESK_PASSWORD", "correct horse")
    assert main(["--database", str(path), "decrypt"]) == 0
    assert path.read_bytes().startswith(b"SQLite format 3")
    monkeypatch.delenv("IXDESK_PASSWORD")
    assert main(["--database", str(path), "list", "students"]) == 0


def test_a_new_database_with_a_password_is_encrypted_from_the_start(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    database = open_database(path, password="s3cret")
    try:
        privacy_world.build(database)
        erasure.forget_freed_space(database)
    finally:
        database.close()
    assert not any(name in _all_bytes(path) for name in NAMES)
    database = open_database(path, password="s3cret")
    database.close()


def test_only_a_file_of_whole_pages_without_the_header_is_taken_for_encrypted(
    tmp_path: Path,
) -> None:
    from ixdesk.db import cipher

    text = tmp_path / "notes.db"
    text.write_text("not a database")
    assert not cipher.is_encrypted(text)  # no password is asked for it
    encrypted = tmp_path / "secret.db"
    open_database(encrypted, password="s3cret").close()
    assert cipher.is_encrypted(encrypted)
    plain = tmp_path / "plain.db"
    open_database(plain).close()
    assert not cipher.is_encrypted(plain)


def test_an_event_copy_of_an_encrypted_database_says_it_is_not_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The volunteers at an event have no password, so their copy is plain SQLite; the
    coordinator who packs it from an encrypted database is told what it holds."""
    path = tmp_path / "ixdesk.db"
    _plain_world(path)
    plain_copy = ["event", "pack", "--cohort", "Spring 2026", "--event", "Fair", "--pin", "2468"]
    assert main(["--database", str(path), *plain_copy, "-o", str(tmp_path / "a.ixdesk")]) == 0
    assert "not encrypted" not in capsys.readouterr().out

    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    assert main(["--database", str(path), "encrypt"]) == 0
    monkeypatch.setenv("IXDESK_PASSWORD", "correct horse")
    capsys.readouterr()
    copy = tmp_path / "b.ixdesk"
    assert main(["--database", str(path), *plain_copy, "-o", str(copy)]) == 0
    out = capsys.readouterr().out
    assert (
        "This database is encrypted, but the event copy is not: it holds the names, emails, "
        "schools and dates of birth of 3 students. Delete it from the laptop once it is merged."
    ) in out
    assert copy.read_bytes().startswith(b"SQLite format 3")


def test_erasure_finds_the_student_in_a_backup_from_before_the_file_was_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    _plain_world(path)
    open_database(path).close()  # an automatic backup, unencrypted as the file then
    (plain,) = backup.list_backups(path)
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    assert main(["--database", str(path), "encrypt"]) == 0
    monkeypatch.setenv("IXDESK_PASSWORD", "correct horse")
    capsys.readouterr()
    assert main(["--database", str(path), "privacy", "erase", "--student", "zoe@example.com"]) == 0
    out = capsys.readouterr().out
    assert "1 backup(s) still hold this student" in out and f"  {plain}\n" in out
    assert "could not be read" not in out


_OTHER_IXDESK = """
import sys
from sqlalchemy import text
from ixdesk.db import open_database
database = open_database(sys.argv[1], password=sys.argv[2] or None)
with database.read() as session:
    session.execute(text("SELECT count(*) FROM students")).one()
print("open", flush=True)
sys.stdin.readline()
database.close()
"""


@pytest.mark.sqlite_only
@pytest.mark.parametrize("convert", ["encrypt", "change-password"])
def test_a_file_open_in_another_ixdesk_is_not_converted_under_it(
    tmp_path: Path, convert: str
) -> None:
    """The rename would have left the other program writing to a deleted file."""
    import subprocess
    import sys

    from ixdesk.db import cipher
    from ixdesk.errors import IxdeskError

    path = tmp_path / "ixdesk.db"
    _plain_world(path)
    if convert == "change-password":
        cipher.encrypt_file(path, "old password")
    password = "" if convert == "encrypt" else "old password"
    other = subprocess.Popen(
        [sys.executable, "-c", _OTHER_IXDESK, str(path), password],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        before = path.read_bytes()
        with pytest.raises(IxdeskError, match=r"open in another ixdesk.*Nothing was changed"):
            if convert == "encrypt":
                cipher.encrypt_file(path, "new password")
            else:
                cipher.change_password(path, "old password", "new password")
        assert path.read_bytes() == before
        assert not path.with_name(path.name + ".converting").exists()
    finally:
        other.communicate("\n", timeout=60)
    if convert == "encrypt":
        cipher.encrypt_file(path, "new password")  # alone now
    else:
        cipher.change_password(path, "old password", "new password")
    assert not cipher.looks_plain(path)
