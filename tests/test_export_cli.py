"""``ixdesk export ...``: the commands, their output lines and exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ixdesk.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, main
from ixdesk.db import open_database
from tests.test_export_rosters import fill


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "ixdesk.db"
    database = open_database(path)
    fill(database)
    database.close()
    return str(path)


def run(db: str, *args: str) -> int:
    return main(["--database", db, "export", *args])


def test_every_export_command_writes_its_workbook(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    commands = {
        "roster.xlsx": ["roster", "--cohort", "spring data 2025"],
        "ravi.xlsx": ["instructor", "--instructor", "RAVI@example.com"],
        "signin.xlsx": ["signin", "--cohort", "Spring Data 2025", "--session", "kick-off"],
        "acme.xlsx": ["partner", "--company", "acme & sons", "--paper", "letter"],
        "all.xlsx": ["all"],
    }
    for name, args in commands.items():
        assert run(db, *args, "-o", str(out / name)) == EXIT_OK, name
        printed = capsys.readouterr()
        assert printed.out.strip().endswith(f"written to {out / name}.")
        assert printed.err == ""
    assert sorted(path.name for path in out.iterdir()) == sorted(commands)
    assert openpyxl.load_workbook(out / "roster.xlsx").sheetnames[0] == "Overview"
    assert openpyxl.load_workbook(out / "acme.xlsx").active.page_setup.paperSize == 1


def test_blank_rows_option(db: str, tmp_path: Path) -> None:
    target = tmp_path / "signin.xlsx"
    assert (
        run(db, "signin", "--cohort", "Spring Data 2025", "--blank-rows", "3", "-o", str(target))
        == 0
    )
    sheet = openpyxl.load_workbook(target).active
    numbers = [row[0] for row in sheet.iter_rows(min_row=7, values_only=True)]
    assert numbers == list(range(1, 15))  # 11 students and 3 walk-in rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["roster", "--cohort", "Sprng Data"],
            "No cohort is called 'Sprng Data'. Did you mean 'Spring Data 2025'?",
        ),
        (
            ["instructor", "--instructor", "ravi@example.org"],
            "No instructor has the email address 'ravi@example.org'. Did you mean "
            "'Ravi@Example.com (Ravi Shah)'?",
        ),
        (
            ["partner", "--company", "Initech"],
            "No partner company is called 'Initech'; 'ixdesk list companies' shows them all.",
        ),
        (
            ["signin", "--cohort", "Spring Data 2025", "--session", "Finale"],
            "This cohort has no session called 'Finale'. Its sessions include 'Kick-off'.",
        ),
    ],
)
def test_unknown_names_give_one_clear_line(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    target = tmp_path / "x.xlsx"
    assert run(db, *args, "-o", str(target)) == EXIT_ERROR
    assert capsys.readouterr().err == f"ixdesk: error: {message}\n"
    assert not target.exists()


def test_a_bad_target_gives_one_clear_line(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no such folder" / "roster.xlsx"
    assert run(db, "all", "-o", str(target)) == EXIT_ERROR
    error = capsys.readouterr().err
    assert error.startswith("ixdesk: error: The folder ") and error.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["roster", "--cohort", "x"],
        ["roster", "-o", "x.xlsx"],
        ["signin", "--cohort", "x", "--blank-rows", "-1", "-o", "x.xlsx"],
        ["signin", "--cohort", "x", "--blank-rows", "many", "-o", "x.xlsx"],
        ["pets", "-o", "x.xlsx"],
    ],
)
def test_usage_mistakes_exit_with_2(db: str, args: list[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        run(db, *args)
    assert raised.value.code == EXIT_USAGE
