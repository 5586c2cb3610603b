"""Rolling backups of the embedded file, and consistent copies."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from ixdesk.cli import main
from ixdesk.db import Database, backup, open_database
from ixdesk.db.models import Student
from ixdesk.errors import IxdeskError
from ixdesk.services.operations import create_record
from tests.file_trouble import small_disk


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


def test_retention_keeps_exactly_the_newest_of_each_of_7_days_and_4_weeks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    start = datetime(2026, 1, 1, 9, 0, 0)  # a Thursday
    for day in range(60):
        for hour in (0, 5):
            backup.take_backup(path, backup.AUTO, start + timedelta(days=day, hours=hour))
    backup.prune_backups(path)
    kept = [p.name for p in backup.list_backups(path, backup.AUTO)]
    daily = ["0301", "0228", "0227", "0226", "0225", "0224", "0223"]  # Mon 23 Feb to Sun 1 Mar
    weekly = ["0222", "0215", "0208", "0201"]  # the Sundays ending the four weeks before
    assert kept == [f"ixdesk-2026{day}-140000-auto.db" for day in daily + weekly]


def test_only_the_newest_five_before_upgrade_copies_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    start = datetime(2026, 3, 1, 12, 0, 0)
    auto = backup.take_backup(path, backup.AUTO, start)
    for month in range(7):
        taken = start + timedelta(days=31 * month)
        backup.take_backup(path, f"{backup.BEFORE_UPGRADE}-to-{month:04d}", taken)
    removed = backup.prune_backups(path)
    kept = [p.name for p in backup.list_backups(path, backup.BEFORE_UPGRADE)]
    assert kept == [
        f"ixdesk-{(start + timedelta(days=31 * month)):%Y%m%d-%H%M%S}-before-upgrade-to-"
        f"{month:04d}.db"
        for month in (6, 5, 4, 3, 2)
    ]
    assert sorted(p.name for p in removed) == sorted(
        f"ixdesk-{(start + timedelta(days=31 * month)):%Y%m%d-%H%M%S}-before-upgrade-to-"
        f"{month:04d}.db"
        for month in (0, 1)
    )
    assert auto.exists()  # automatic backups are counted apart


def _open_with_rows_only_in_the_log(path: Path) -> Database:
    """An open database whose newest committed rows are held only by its -wal file."""
    database = open_database(path, rolling_backup=False)
    for index in range(3):
        create_record(
            database,
            Student,
            {"first_name": "Only", "last_name": "InLog", "email": f"log{index}@x.org"},
        )
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    return database


def _same_folder_target(path: Path, how: str) -> Path:
    folder = path.parent
    if how == "hard link":
        os.link(path, folder / "linked.db")
        return folder / "linked.db"
    if how == "symbolic link to the log":
        (folder / "copy.db").symlink_to(path.with_name(path.name + "-wal"))
        return folder / "copy.db"
    if how == "other spelling":
        (folder / "sub").mkdir()
        return folder / "sub" / ".." / f"{path.name}-wal"
    if how == "other case":
        return folder / f"{path.name.upper()}-WAL"
    return path.with_name(path.name + how)


@pytest.mark.parametrize(
    "how",
    [
        "-wal",
        "-shm",
        "-journal",
        "hard link",
        "symbolic link to the log",
        "other spelling",
        "other case",
    ],
)
def test_a_backup_never_goes_over_the_database_or_its_own_files(
    tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    keeper = _open_with_rows_only_in_the_log(path)
    try:
        target = _same_folder_target(path, how)
        existed = os.path.lexists(target)
        assert main(["--database", str(path), "backup", str(target)]) == 1
        err = capsys.readouterr().err
        assert "a file SQLite keeps for it" in err
        assert os.path.lexists(target) == existed
    finally:
        keeper.close()
    assert _emails_in(path) == ["log0@x.org", "log1@x.org", "log2@x.org"]


def _emails_in(path: Path) -> list[str]:
    database = open_database(path, rolling_backup=False)
    try:
        with database.read() as session:
            return sorted(e for e in session.scalars(select(Student.email)) if e)
    finally:
        database.close()


def _special_file(target: Path, kind: str) -> None:
    if kind == "named pipe":
        os.mkfifo(target)
        return
    try:  # a twin of /dev/full, so a failure here cannot harm the real one
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError as error:
        pytest.skip(f"making a device file needs root: {error}")


@pytest.mark.parametrize("kind", ["named pipe", "device"])
def test_a_device_or_pipe_is_never_replaced_by_a_backup(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    target = tmp_path / "special"
    _special_file(target, kind)
    open_database(path).close()  # its automatic backup is not what this is about
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["--database", str(path), "backup", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{target} is a {kind}, not a file" in err
    mode = os.lstat(target).st_mode
    assert stat.S_ISFIFO(mode) if kind == "named pipe" else stat.S_ISCHR(mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_copy_never_replaces_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "keep.txt").write_text("x")
    with pytest.raises(IxdeskError, match="is a folder, not a file"):
        backup.copy_database(path, folder)
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_a_backup_onto_a_full_disk_leaves_nothing_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    database = open_database(path)
    for index in range(300):
        create_record(
            database, Student, {"first_name": f"S{index}", "last_name": "T", "notes": "n" * 400}
        )
    database.close()
    size = path.stat().st_size
    # Room for none, some or all of the copy; SQLite's own files beside it run out at
    # different points.
    for room in (size // 2, size + 4096, size + 16384, size + 28672, size + 65536):
        with small_disk(tmp_path / "disk", size=f"{room // 1024}k") as disk:
            status = main(["--database", str(path), "backup", str(disk / "copy.db")])
            leftovers = sorted(p.name for p in disk.iterdir())
        err = capsys.readouterr().err
        assert leftovers == ([] if status else ["copy.db"]), (room, leftovers)
        if status:
            assert "is full" in err and "damaged" not in err


def _break_a_reference(path: Path) -> None:
    """A contact of a company that does not exist: the quick check on open passes,
    the full check of ``ixdesk check`` does not."""
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO contacts (id, company_id, name, created_at, updated_at, version) "
            "VALUES ('c0ffee00000000000000000000000001', 'dead0000000000000000000000000001', "
            "'Nobody', '2026-01-05 10:00:00', '2026-01-05 10:00:00', 1)"
        )
    connection.close()


def _mend_the_reference(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM contacts")
    connection.close()


def test_after_a_failed_check_no_backup_is_deleted_until_a_check_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    _add_student(path, "a@x.org")
    # The last sound state: an automatic backup from earlier today.
    sound = backup.take_backup(path, backup.AUTO, datetime.now().replace(hour=0, minute=0))
    _break_a_reference(path)
    assert main(["--database", str(path), "check"]) == 1
    assert "1 problem(s)" in capsys.readouterr().err
    for email in ("b@x.org", "c@x.org"):  # work goes on; each open backs up the changed file
        _add_student(path, email)
        open_database(path).close()
    assert sound.exists()
    autos = backup.list_backups(path, backup.AUTO)
    assert len(autos) >= 2 and autos[-1] == sound
    _mend_the_reference(path)
    assert main(["--database", str(path), "check"]) == 0
    _add_student(path, "d@x.org")
    open_database(path).close()
    assert not sound.exists()  # sound again: today's newest backup replaces the older ones
    assert len(backup.list_backups(path, backup.AUTO)) == 1


@pytest.mark.parametrize("trouble", ["damaged", "newer"])
def test_an_open_that_refuses_the_file_deletes_no_backup(tmp_path: Path, trouble: str) -> None:
    path = tmp_path / "ixdesk.db"
    database = open_database(path)
    for index in range(300):
        create_record(database, Student, {"first_name": f"S{index}", "last_name": "T"})
    database.close()
    today = datetime.now().replace(hour=0, minute=0)
    older = [backup.take_backup(path, backup.AUTO, today + timedelta(seconds=s)) for s in (1, 2)]
    if trouble == "damaged":
        with open(path, "r+b") as stream:
            for offset in range(4096 * 2, path.stat().st_size, 4096):
                stream.seek(offset + 100)
                stream.write(b"\xde\xad\xbe\xef" * 200)
    else:
        with sqlite3.connect(path) as connection:
            connection.execute("UPDATE alembic_version SET version_num = '0099'")
        connection.close()
    with pytest.raises(IxdeskError):
        open_database(path)
    assert all(p.exists() for p in older)
