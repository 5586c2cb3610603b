"""Where backups go: each database's own folder, nothing done for a refused target,
the umask's permissions, and honest sentences when the copy cannot be written."""

from __future__ import annotations

import os
import shutil
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import backup, open_database
from ixdesk.db.models import Student
from ixdesk.services.operations import create_record
from tests.file_trouble import run_ixdesk

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes and limits are POSIX")


def _database(path: Path, students: int = 1) -> Path:
    database = open_database(path, rolling_backup=False)
    for index in range(students):
        create_record(
            database, Student, {"first_name": f"S{index}", "last_name": "T", "notes": "n" * 400}
        )
    database.close()
    return path


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_databases_sharing_a_stem_keep_their_own_backups_notes_and_rotation(
    tmp_path: Path,
) -> None:
    first = _database(tmp_path / "b.db")
    names = ("b.sqlite", "b", "b.sqlite.db", "B.DB")
    others = [tmp_path / name for name in names]
    for other in others:
        shutil.copyfile(first, other)
    start = datetime(2026, 1, 1, 9, 0, 0)
    for path in (first, *others):
        for day in range(30):
            backup.take_backup(path, backup.AUTO, start + timedelta(days=day))
    folders = {path.name: backup.backup_dir_for(path).name for path in (first, *others)}
    assert folders == {
        "b.db": "b-backups",  # as ever, so existing backups are still found
        "b.sqlite": "b.sqlite.backups",
        "b": "b.backups",
        "b.sqlite.db": "b.sqlite-backups",
        "B.DB": "B.DB.backups",
    }
    assert backup.list_backups(first)[0].name == "b-20260130-090000-auto.db"
    assert backup.list_backups(others[0])[0].name == "b.sqlite-20260130-090000-auto.db"
    # Pruning one, or finding it sound, touches nothing of the others'.
    for other in others:
        backup.note_check_result(other, 3)
    removed = backup.prune_backups(first)
    assert len(removed) == 30 - backup.KEEP_DAILY - backup.KEEP_WEEKLY
    backup.note_check_result(first, 0)
    for other in others:
        assert len(backup.list_backups(other)) == 30, other
        assert backup.damage_note(other).exists(), other
        assert all(p.name.startswith(f"{other.name}-") or other.suffix == ".db"
                   for p in backup.list_backups(other))  # fmt: skip


def test_a_databases_backups_are_only_files_named_as_its_own(tmp_path: Path) -> None:
    path = _database(tmp_path / "b.db")
    taken = backup.take_backup(path, backup.AUTO, datetime(2026, 1, 1))
    folder = backup.backup_dir_for(path)
    strays = ["b.sqlite-20260101-000000-auto.db", "b-notes.db", "b-20260101-000000-auto.db.txt"]
    for stray in strays:
        (folder / stray).write_bytes(b"not b's backup")
    assert backup.list_backups(path) == [taken]
    for day in range(1, 40):
        backup.take_backup(path, backup.AUTO, datetime(2026, 1, 1) + timedelta(days=day))
    backup.prune_backups(path)
    assert all((folder / stray).read_bytes() == b"not b's backup" for stray in strays)


@pytest.mark.parametrize("target", ["x.db-wal", "x.db", "special"])
def test_a_refused_backup_takes_no_automatic_backup_and_prunes_none(
    tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _database(tmp_path / "x.db")
    old = [  # beyond the retention windows: an open of the changed file would prune them
        backup.take_backup(path, backup.AUTO, datetime(2025, 1, 1) + timedelta(days=day))
        for day in range(20)
    ]
    _database(path)  # changed since: an open would back it up
    if target == "special":
        os.mkfifo(tmp_path / target)
    before = _files(tmp_path)
    assert main(["--database", str(path), "backup", str(tmp_path / target)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was written" in err or "nothing was written" in err
    assert _files(tmp_path) == before
    assert all(p.exists() for p in old)


@posix_only
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_backups_get_the_permissions_the_umask_gives(tmp_path: Path, umask: int) -> None:
    path = _database(tmp_path / "ixdesk.db")
    before = os.umask(umask)
    try:
        assert main(["--database", str(path), "backup", str(tmp_path / "copy.db")]) == 0
    finally:
        os.umask(before)
    automatic = backup.list_backups(path, backup.AUTO)  # the one its open took
    assert len(automatic) == 1
    for written in (tmp_path / "copy.db", *automatic):
        assert stat.S_IMODE(written.stat().st_mode) == 0o666 & ~umask, written


@posix_only
def test_a_backup_past_the_file_size_limit_says_so_and_leaves_no_new_folder(
    tmp_path: Path,
) -> None:
    path = _database(tmp_path / "f.db", students=400)
    open_database(path).close()  # today's automatic backup: the open below takes none
    size = path.stat().st_size
    assert size > 3 * 64 * 1024  # larger than what a probe writes
    result = run_ixdesk(
        "--database",
        str(path),
        "backup",
        str(tmp_path / "new" / "deep" / "out.db"),
        data_dir=tmp_path / "user-data",
        file_size_limit=size // 2,
    )
    assert result.returncode == 1
    assert "the file size limit was reached" in result.stderr, result.stderr
    assert "disk I/O error" not in result.stderr
    assert not (tmp_path / "new").exists()


@posix_only
def test_a_backup_into_a_new_folder_of_a_read_only_folder_names_the_read_only_one(
    tmp_path: Path,
) -> None:
    path = _database(tmp_path / "ixdesk.db")
    open_database(path).close()
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run_ixdesk(
            "--database",
            str(path),
            "backup",
            str(locked / "new" / "x.db"),
            data_dir=tmp_path / "user-data",
            ordinary_user=True,
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert f"you do not have permission to write in {locked}." in result.stderr, result.stderr
    assert f"write in {locked / 'new'}" not in result.stderr
    assert list(locked.iterdir()) == []
