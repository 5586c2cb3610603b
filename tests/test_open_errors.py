"""Files that are not ixdesk databases, or are damaged, give a sentence, never a traceback."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from ixdesk.cli import main
from ixdesk.db import backup, open_database, problems
from ixdesk.db.location import resolve_database
from ixdesk.db.models import Student
from ixdesk.errors import DamagedDatabaseError, DatabaseOpenError, NotAnIxdeskDatabaseError
from ixdesk.services.operations import create_record
from tests.file_trouble import digest, fill_disk, run_ixdesk, small_disk


def test_a_text_file_is_not_an_ixdesk_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Shopping list: milk, eggs\n")
    with pytest.raises(NotAnIxdeskDatabaseError, match="not a database file at all") as raised:
        open_database(path)
    assert str(path) in str(raised.value)
    assert path.read_text() == "Shopping list: milk, eggs\n"


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(NotAnIxdeskDatabaseError, match="not an ixdesk database"):
        open_database(path)
    with sqlite3.connect(path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("recipes",)]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAnIxdeskDatabaseError, match="is a folder"):
        open_database(tmp_path)


def _damage(path: Path) -> None:
    """Overwrite the middle of the file with garbage, as a failing disk would."""
    size = path.stat().st_size
    with open(path, "r+b") as stream:
        for offset in range(4096 * 2, size, 4096):
            stream.seek(offset + 100)
            stream.write(b"\xde\xad\xbe\xef" * 200)


def test_a_damaged_file_names_itself_and_the_newest_backup(tmp_path: Path) -> None:
    path = tmp_path / "ixdesk.db"
    database = open_database(path)
    for index in range(300):
        create_record(
            database,
            Student,
            {"first_name": f"S{index}", "last_name": "Test", "email": f"s{index}@x.org"},
        )
    database.close()
    kept = backup.take_backup(path, backup.AUTO)
    _damage(path)
    with pytest.raises(DamagedDatabaseError) as raised:
        open_database(path)
    message = str(raised.value)
    assert str(path) in message
    assert str(kept) in message
    assert "Traceback" not in message


def test_an_unreachable_postgresql_server_is_explained() -> None:
    with pytest.raises(DatabaseOpenError, match=r"The server 127\.0\.0\.1:9 cannot be reached"):
        open_database("postgresql://nobody@127.0.0.1:9/ixdesk?connect_timeout=2")


def test_an_unknown_kind_of_url_is_refused() -> None:
    with pytest.raises(DatabaseOpenError, match="not 'mysql'"):
        open_database("mysql://localhost/ixdesk")


def test_the_command_line_says_one_line_and_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"\x00" * 10 + b"PK\x03\x04 not sqlite")
    result = subprocess.run(
        [sys.executable, "-m", "ixdesk", "--database", str(path), "list", "students"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ixdesk: error:")
    assert str(path) in lines[0]


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_a_refused_sqlite_file_is_left_byte_for_byte_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:  # rollback-journal mode, as most programs leave it
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.execute("INSERT INTO recipes VALUES ('soup')")
    connection.close()
    before = digest(path)
    with pytest.raises(NotAnIxdeskDatabaseError, match="it was not changed"):
        open_database(path)
    assert digest(path) == before
    assert _beside(path) == ["other.sqlite"]  # no -wal or -shm left beside it


@pytest.mark.parametrize("command", [["check"], ["list", "students"], ["backup", "copy.db"]])
def test_commands_that_only_read_never_create_a_database(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo-folder" / "typo.db"
    assert main(["--database", str(typo), *command]) == 1
    assert f"There is no database at {typo}; nothing was created" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_export_from_a_missing_database_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.db"
    out = tmp_path / "all.xlsx"
    assert main(["--database", str(typo), "export", "all", "-o", str(out)]) == 1
    assert "There is no database at" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_empty_file_is_not_taken_for_a_new_database_by_a_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    assert main(["--database", str(empty), "check"]) == 1
    assert "There is only an empty file at" in capsys.readouterr().err
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_a_dry_run_import_creates_nothing_and_an_import_starts_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "students.csv"
    sheet.write_text("First name,Last name\nAda,Lovelace\n", encoding="utf-8")
    new = tmp_path / "new.db"
    assert main(["--database", str(new), "import", "students", str(sheet), "--dry-run"]) == 1
    assert "There is no database at" in capsys.readouterr().err
    assert not new.exists()
    assert main(["--database", str(new), "import", "students", str(sheet)]) == 0
    assert new.exists()


@pytest.mark.postgres_only
def test_an_empty_postgresql_database_is_not_set_up_by_a_check(
    database_url: str, backend: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database", database_url, "check"]) == 1
    assert "holds no ixdesk data yet; nothing was created" in capsys.readouterr().err
    engine = create_engine(resolve_database(database_url))
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def _sound_database(folder: Path) -> Path:
    path = folder / "ixdesk.db"
    database = open_database(path)
    create_record(database, Student, {"first_name": "Ada", "last_name": "L", "email": "a@x.org"})
    database.close()
    open_database(path).close()  # the automatic backup of that change is taken
    assert _beside(path) == ["ixdesk.db"]
    return path


def test_a_sound_database_in_a_read_only_folder_opens_for_reading(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = _sound_database(folder)
    before = digest(path)
    data = tmp_path / "user-data"
    folder.chmod(0o555)
    try:
        listed = run_ixdesk(
            "--database", str(path), "list", "students", "--json", data_dir=data, ordinary_user=True
        )
        checked = run_ixdesk("--database", str(path), "check", data_dir=data, ordinary_user=True)
        demo = run_ixdesk("--database", str(path), "demo", data_dir=data, ordinary_user=True)
    finally:
        folder.chmod(0o755)
    assert listed.returncode == 0, listed.stderr
    assert [row["email"] for row in json.loads(listed.stdout)] == ["a@x.org"]
    assert checked.returncode == 0, checked.stderr
    assert "is sound" in checked.stdout
    assert demo.returncode == 1
    assert f"{folder} cannot be written" in demo.stderr
    assert "edits" in demo.stderr or "cannot be changed" in demo.stderr
    for result in (listed, checked, demo):
        assert "damaged" not in result.stderr
    assert digest(path) == before
    assert _beside(path) == ["ixdesk.db"]


def test_a_sound_database_on_a_full_disk_is_not_called_damaged(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        path = _sound_database(disk)
        before = digest(path)
        fill_disk(disk)
        result = run_ixdesk("--database", str(path), "list", "students", data_dir=tmp_path)
        after = digest(path)
    assert result.returncode == 1
    assert f"the disk holding {disk} is full" in result.stderr
    assert "damaged" not in result.stderr and "backup" not in result.stderr
    assert after == before


def test_a_sound_database_past_the_file_size_limit_is_not_called_damaged(
    tmp_path: Path,
) -> None:
    path = _sound_database(tmp_path)
    before = digest(path)
    result = run_ixdesk(
        "--database",
        str(path),
        "list",
        "students",
        data_dir=tmp_path / "user-data",
        file_size_limit=8192,
    )
    assert result.returncode == 1
    assert "file size limit" in result.stderr
    assert "damaged" not in result.stderr and "backup" not in result.stderr
    assert digest(path) == before


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "the disk holding /f is full"),
        (errno.EROFS, "/f is on a read-only drive"),
        (errno.EACCES, "you do not have permission to write in /f"),
        (errno.EFBIG, "the file size limit was reached"),
    ],
)
def test_each_reason_for_a_failed_write_is_named(number: int, words: str) -> None:
    assert words in problems.os_reason(OSError(number, os.strerror(number)), Path("/f"))
