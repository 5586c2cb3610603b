"""Rolling backups of the embedded file, and consistent copies."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ixdesk.db import backup, open_database
from ixdesk.db.models import Student
from ixdesk.errors import IxdeskError
from ixdesk.services.operations import create_record


def _add_student(path: Path, email: str) -> None:
    database = open_database(path, rolling_backup=False)
    create_record(database, Student, {"first_name": "A", "last_name": "B", "email": email})
    database.close()


def _students_in(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM students").fetchone()[0])


def test_opening_a_changed_file_takes_a_backup_and_an_unchanged_one_does_not(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()  # new file: nothing to back up yet
    assert backup.list_backups(path) == []
    _add_student(path, "a@x.org")
    first = open_database(path)
    first.close()
    assert first.backup_taken is not None
    assert _students_in(first.backup_taken) == 1
    again = open_database(path)
    again.close()
    assert again.backup_taken is None
    assert len(backup.list_backups(path, backup.AUTO)) == 1


def test_backups_are_consistent_while_a_write_is_pending(tmp_path: Path) -> None:
    path = tmp_path / "ixdesk.db"
    database = open_database(path)
    create_record(database, Student, {"first_name": "A", "last_name": "B", "email": "1@x.org"})
    with database.write() as session:
        session.add(Student(first_name="C", last_name="D", email="2@x.org"))
        session.flush()
        copy = backup.copy_database(path, tmp_path / "copy.db")
    database.close()
    # The copy holds the committed student only, and is a sound database.
    assert _students_in(copy) == 1
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_retention_keeps_seven_days_and_four_weeks(tmp_path: Path) -> None:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    start = datetime(2026, 1, 1, 9, 0, 0)
    for day in range(60):
        for hour in (0, 5):
            backup.take_backup(path, backup.AUTO, start + timedelta(days=day, hours=hour))
    backup.prune_backups(path)
    kept = backup.list_backups(path, backup.AUTO)
    assert len(kept) == backup.KEEP_DAILY + backup.KEEP_WEEKLY
    newest_days = {p.name[7:15] for p in kept[: backup.KEEP_DAILY]}
    assert len(newest_days) == backup.KEEP_DAILY  # one per day
    assert kept[0].name.startswith("ixdesk-20260301-14")  # the newest of the newest day


def test_a_copy_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    not_a_folder = tmp_path / "plain-file"
    not_a_folder.write_text("x")
    with pytest.raises(IxdeskError, match="Could not write the backup"):
        backup.copy_database(path, not_a_folder / "copy.db")
    assert not_a_folder.read_text() == "x"


def test_a_failed_copy_keeps_the_existing_target(tmp_path: Path) -> None:
    target = tmp_path / "keep.db"
    target.write_bytes(b"previous backup")
    with pytest.raises(IxdeskError):
        backup.copy_database(tmp_path / "missing.db", target)
    assert target.read_bytes() == b"previous backup"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "user-data") == ["keep.db"]
