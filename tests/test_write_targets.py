"""Every file ixdesk writes refuses targets it must not replace: special files, folders,
empty names and the file being imported, before anything is written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import open_database
from ixdesk.db.models import Student
from ixdesk.errors import IxdeskError
from ixdesk.services.importing import plan_import, propose_mapping, read_table, write_rejected
from tests.file_trouble import digest
from tests.test_backups import _special_file
from tests.test_export_cli import db  # noqa: F401 (fixture)
from tests.test_import_cli import _count

SIGNUPS = "First name,Last name,Email\nAda,Lovelace,not-an-email\nAlan,Turing,alan@example.org\n"


@pytest.fixture
def signups(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(SIGNUPS, encoding="utf-8")
    return path


def _writers(db: str, signups: Path, target: Path) -> dict[str, list[str]]:  # noqa: F811
    """Each command that writes a file, writing it to ``target`` (its name's suffix fits)."""
    base = ["--database", db]
    dry_run = [*base, "import", "students", str(signups), "--dry-run"]
    return {
        ".xlsx": [*base, "export", "all", "-o", str(target)],
        ".csv": [*dry_run, "--rejected", str(target)],
        ".json": [*dry_run, "--save-mapping", str(target)],
        ".db": [*base, "backup", str(target)],
    }


@pytest.mark.parametrize("kind", ["named pipe", "device"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".db"])
def test_no_writer_replaces_a_pipe_or_a_device(
    db: str,  # noqa: F811
    signups: Path,
    tmp_path: Path,
    kind: str,
    suffix: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / f"special{suffix}"
    _special_file(target, kind)  # in the test's folder: never a real device
    open_database(db).close()  # its automatic backup is not what this is about
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(_writers(db, signups, target)[suffix]) == 1
    err = capsys.readouterr().err
    assert f"{target} is a {kind}, not a file" in err
    mode = os.lstat(target).st_mode
    assert stat.S_ISFIFO(mode) if kind == "named pipe" else stat.S_ISCHR(mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no backup, no leftovers


def _other_names(source: Path, how: str) -> Path:
    folder = source.parent
    if how == "symbolic link":
        (folder / "link.csv").symlink_to(source)
        return folder / "link.csv"
    if how == "hard link":
        os.link(source, folder / "linked.csv")
        return folder / "linked.csv"
    if how == "other spelling":
        (folder / "sub").mkdir()
        return folder / "sub" / ".." / source.name
    return source


@pytest.mark.parametrize("how", ["same name", "symbolic link", "hard link", "other spelling"])
@pytest.mark.parametrize("option", ["--rejected", "--save-mapping"])
def test_an_import_never_writes_over_the_file_it_reads(
    db: str,  # noqa: F811
    signups: Path,
    how: str,
    option: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = _other_names(signups, how)
    before, students = digest(signups), _students(db)
    args = ["--database", db, "import", "students", str(signups), option, str(target)]
    for more in ([], ["--dry-run"], ["--skip-invalid"]):
        assert main([*args, *more]) == 1
        err = capsys.readouterr().err
        assert f"{target} is the file being read" in err
        assert "nothing was written" in err
        assert digest(signups) == before
    assert _students(db) == students  # refused before anything was imported


def _students(db: str) -> int:  # noqa: F811
    return _count(Path(db), Student)


def test_the_wizards_rejected_rows_never_replace_the_file_imported(
    db: str,  # noqa: F811
    signups: Path,
) -> None:
    database = open_database(db)
    try:
        table = read_table(signups)
        plan = plan_import(database, "students", table, propose_mapping("students", table.headers))
    finally:
        database.close()
    before = digest(signups)
    with pytest.raises(IxdeskError, match="is the file being read"):
        write_rejected(plan, signups)
    assert digest(signups) == before


@pytest.mark.parametrize("name", [".", "..", "folder"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_a_folder_is_refused_by_every_writer_in_a_sentence(
    db: str,  # noqa: F811
    signups: Path,
    tmp_path: Path,
    name: str,
    suffix: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "keep.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    assert main(_writers(db, signups, Path(name))[suffix]) == 1
    err = capsys.readouterr().err
    assert "is a folder, not a file, so nothing was written there" in err, err
    assert "unexpected" not in err and "busy" not in err
    assert (tmp_path / "folder" / "keep.txt").read_text() == "x"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".db"])
def test_an_empty_file_name_is_a_usage_mistake(
    db: str,  # noqa: F811
    signups: Path,
    tmp_path: Path,
    suffix: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = _writers(db, signups, tmp_path / "placeholder")[suffix]
    args[args.index(str(tmp_path / "placeholder"))] = ""
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    assert "the file name is empty; give a file name" in capsys.readouterr().err
