"""Every file ixdesk writes: whole or not at all, with the umask's permissions, quiet on failure."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from ixdesk.cli import EXIT_ERROR, main
from ixdesk.db import Database
from ixdesk.errors import IxdeskError
from ixdesk.services import export as ex
from ixdesk.services.importing import propose_mapping, save_mapping, write_rejected
from tests.full_drive import full_drive, put, unraisable  # noqa: F401 (fixtures)
from tests.test_export_cli import db  # noqa: F401 (fixture)
from tests.test_export_rosters import fill
from tests.test_import_rejected import nasty_plan

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@posix_only
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_written_files_get_the_permissions_the_umask_gives(
    sqlite_database: Database, tmp_path: Path, umask: int
) -> None:
    ids = fill(sqlite_database)
    plan = nasty_plan(sqlite_database, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    before = os.umask(umask)
    try:
        ex.export_cohort_roster(sqlite_database, ids["spring"], out / "roster.xlsx")
        ex.export_everything(sqlite_database, out / "all.xlsx")
        write_rejected(plan, out / "rejected.xlsx")
        write_rejected(plan, out / "rejected.csv")
        save_mapping(plan.mapping, out / "mapping.json")
    finally:
        os.umask(before)
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in out.iterdir()}
    assert modes == dict.fromkeys(
        ["roster.xlsx", "all.xlsx", "rejected.xlsx", "rejected.csv", "mapping.json"],
        0o666 & ~umask,
    )


def test_a_full_disk_during_an_export_is_one_sentence_and_no_late_traceback(
    db: str,  # noqa: F811 (the fixture)
    full_drive: Path,  # noqa: F811
    unraisable: Any,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = full_drive / "roster.xlsx"
    put(target, b"last week's roster")
    args = ["export", "roster", "--cohort", "Spring Data 2025", "-o", str(target)]
    assert main(["--database", db, *args]) == EXIT_ERROR
    assert unraisable() == []  # nothing left to fail later, when the zip writer is collected
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "ixdesk: error: The disk is full, so roster.xlsx could not be written; any existing "
        "file of that name was left as it was. Free some space or choose another drive."
    ]
    assert target.read_bytes() == b"last week's roster"
    assert [path.name for path in full_drive.iterdir()] == ["roster.xlsx"]


def test_a_mapping_that_cannot_be_saved_leaves_nothing_behind(
    full_drive: Path,  # noqa: F811
) -> None:
    mapping = propose_mapping("students", ["First name", "Last name", "Email"])
    target = full_drive / "signups.json"
    with pytest.raises(IxdeskError, match=r"Could not save the mapping to .*No space left"):
        save_mapping(mapping, target)
    assert list(full_drive.iterdir()) == []
    put(target, b'{"earlier": "mapping"}')
    with pytest.raises(IxdeskError, match="Could not save the mapping"):
        save_mapping(mapping, target)
    assert target.read_bytes() == b'{"earlier": "mapping"}'
    assert [path.name for path in full_drive.iterdir()] == ["signups.json"]


def test_a_saved_mapping_replaces_the_old_one_whole(tmp_path: Path) -> None:
    mapping = propose_mapping("students", ["First name", "Last name", "Email"])
    target = tmp_path / "signups.json"
    put(target, b"old")
    save_mapping(mapping, target)
    assert '"first_name"' in target.read_text(encoding="utf-8")
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
