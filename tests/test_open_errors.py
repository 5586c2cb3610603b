"""Files that are not ixdesk databases, or are damaged, give a sentence, never a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ixdesk.db import backup, open_database
from ixdesk.db.models import Student
from ixdesk.errors import DamagedDatabaseError, DatabaseOpenError, NotAnIxdeskDatabaseError
from ixdesk.services.operations import create_record


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
    with pytest.raises(DatabaseOpenError, match="Could not connect to the PostgreSQL database"):
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
