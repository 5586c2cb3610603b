"""Opening leaves what it may not change as it was: a refused file's pending log, and the
files beside a database ixdesk may only read."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import open_database
from ixdesk.db.models import Student
from ixdesk.errors import DatabaseTooNewError, NotAnIxdeskDatabaseError
from ixdesk.services.operations import create_record
from tests.file_trouble import digest, run_ixdesk

# A program that commits to a database in write-ahead-log mode and stops without closing it,
# so the commit lies only in the -wal file (as after a crash or a pulled plug).
LEAVE_A_LOG = textwrap.dedent(
    """
    import os, sqlite3, sys
    connection = sqlite3.connect(sys.argv[1])
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    for statement in sys.argv[2:]:
        connection.execute(statement)
    connection.commit()
    os._exit(0)
    """
)


def _leave_a_log(path: Path, *statements: str) -> int:
    """Run ``statements`` and stop; returns the size of the log left beside ``path``."""
    subprocess.run([sys.executable, "-c", LEAVE_A_LOG, str(path), *statements], check=True)
    return Path(f"{path}-wal").stat().st_size


def _beside(path: Path) -> dict[str, str]:
    """The file and what lies beside it, by name, with the digests of the file and its log."""
    return {
        p.name: digest(p) if not p.name.endswith("-shm") else "index"
        for p in path.parent.iterdir()
        if p.name.startswith(path.name)
    }


def _ixdesk_database(path: Path) -> Path:
    database = open_database(path, rolling_backup=False)
    create_record(database, Student, {"first_name": "Ada", "last_name": "L", "email": "a@x.org"})
    database.close()
    return path


@pytest.mark.parametrize("kind", ["another program's", "a newer ixdesk's"])
def test_a_refused_file_keeps_its_pending_log_and_is_not_changed(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if kind == "another program's":
        path = tmp_path / "fw2.db"
        assert _leave_a_log(path, "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)") > 0
        refusal: type[Exception] = NotAnIxdeskDatabaseError
    else:
        path = _ixdesk_database(tmp_path / "newer.db")
        assert _leave_a_log(path, "UPDATE alembic_version SET version_num = '0099'") > 0
        refusal = DatabaseTooNewError
    before = _beside(path)
    assert set(before) == {path.name, f"{path.name}-wal", f"{path.name}-shm"}
    with pytest.raises(refusal, match="was not changed"):
        open_database(path)
    assert _beside(path) == before
    assert main(["--database", str(path), "list", "students"]) == 1
    assert "not changed" in capsys.readouterr().err
    assert _beside(path) == before  # the file and its log byte for byte; nothing removed


def test_an_accepted_file_with_a_pending_log_keeps_its_rows(tmp_path: Path) -> None:
    path = _ixdesk_database(tmp_path / "ixdesk.db")
    assert _leave_a_log(path, "UPDATE students SET first_name = 'Augusta'") > 0
    database = open_database(path)
    try:
        with database.read() as session:
            assert [s.first_name for s in session.query(Student)] == ["Augusta"]
    finally:
        database.close()


def _names_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def _as_ordinary_user(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_ixdesk(
        "--database", str(path), *args, data_dir=path.parent / "user-data", ordinary_user=True
    )


def test_a_read_only_database_file_is_read_without_leaving_files_that_break_it_later(
    tmp_path: Path,
) -> None:
    path = _ixdesk_database(tmp_path / "r.db")
    path.chmod(0o444)
    listed = _as_ordinary_user(path, "list", "students", "--json")
    added = _as_ordinary_user(path, "import", "students", str(_one_student(tmp_path)))
    assert listed.returncode == 0, listed.stderr
    assert [row["email"] for row in json.loads(listed.stdout)] == ["a@x.org"]
    assert added.returncode == 1
    assert "open for reading only (the file itself is read-only)" in added.stderr
    assert _names_beside(path) == ["r.db"]  # no -wal or -shm made with the file's mode
    path.chmod(0o644)
    added = _as_ordinary_user(path, "import", "students", str(_one_student(tmp_path)))
    assert added.returncode == 0, added.stderr
    listed = _as_ordinary_user(path, "list", "students", "--json")
    assert sorted(row["email"] for row in json.loads(listed.stdout)) == ["a@x.org", "z@x.org"]


def _one_student(folder: Path) -> Path:
    sheet = folder / "one.csv"
    sheet.write_text("First name,Last name,Email\nZed,Quill,z@x.org\n", encoding="utf-8")
    return sheet


@pytest.mark.parametrize("locked", ["-shm", "-wal"])
@pytest.mark.parametrize("pending", [False, True], ids=["no pending log", "pending log"])
def test_a_file_sqlite_keeps_beside_it_that_cannot_be_written_is_named(
    tmp_path: Path, locked: str, pending: bool
) -> None:
    path = _ixdesk_database(tmp_path / "c.db")
    # A writer stopped with its change only in the log, or a reader stopped (an empty log).
    change = "UPDATE students SET first_name = 'Augusta'" if pending else "SELECT 1"
    assert (_leave_a_log(path, change) > 0) == pending
    companion = Path(f"{path}{locked}")
    companion.chmod(0o444)
    listed = _as_ordinary_user(path, "list", "students", "--json")
    checked = _as_ordinary_user(path, "check")
    added = _as_ordinary_user(path, "import", "students", str(_one_student(tmp_path)))
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [row["first_name"] for row in rows] == ["Augusta" if pending else "Ada"]
    assert checked.returncode == 0 and "is sound" in checked.stdout, checked.stderr
    assert added.returncode == 1
    assert f"the file {companion}, which SQLite keeps beside it, cannot be written" in added.stderr
    for result in (listed, checked, added):
        assert "attempt to write a readonly database" not in result.stderr
