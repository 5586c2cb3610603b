"""``ixdesk import``: exit codes, the --json shape, and the options around the preview."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import open_database
from ixdesk.db.models import Cohort, Enrolment, PartnerCompany, Student
from ixdesk.services.operations import create_record
from tests.test_import_support import (
    CAREERS_FAIR,
    EXCEL_CP1252,
    GOOGLE_FORMS,
    live,
    rows_of,
    write_csv,
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """An empty ixdesk database (a dry run does not start one)."""
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    return path


def _run(db_path: Path, *args: str) -> int:
    return main(["--database", str(db_path), "import", *args])


def _count(db_path: Path, model: type) -> int:
    database = open_database(db_path)
    try:
        return live(database, model)
    finally:
        database.close()


def test_invalid_rows_mean_nothing_is_written_and_exit_1(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(db_path, "students", str(GOOGLE_FORMS), "--region", "ZA") == 1
    out, err = capsys.readouterr()
    assert "Dates: month first (detected from the file's dates)." in out
    assert "Row 11, Grade (9-12): error: Grade 13 is outside 1–12" in out
    assert "Rows: 8 new, 0 updated, 0 unchanged, 1 repeated, 0 skipped, 1 invalid." in out
    assert "nothing was imported: 1 row(s) are invalid" in err
    assert _count(db_path, Student) == 0


def test_skip_invalid_writes_the_rest_and_the_rejected_rows(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rejected = tmp_path / "rejected.xlsx"
    code = _run(
        db_path, "students", str(GOOGLE_FORMS), "--region", "ZA", "--skip-invalid",
        "--rejected", str(rejected),
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "1 invalid row(s) saved to" in out and "Imported: 8 new" in out
    assert rejected.exists() and _count(db_path, Student) == 8
    # Again: nothing to change.
    assert _run(db_path, "students", str(GOOGLE_FORMS), "--region", "ZA", "--skip-invalid") == 0
    assert "Nothing to change" in capsys.readouterr().out


def test_json_prints_the_summary_and_every_problem(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(db_path, "students", str(CAREERS_FAIR), "--region", "ZA", "--json") == 1
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"summary", "problems", "duplicates"}
    summary = document["summary"]
    assert summary["counts"] == {
        "new": 3,
        "updated": 0,
        "unchanged": 0,
        "repeated": 0,
        "skipped": 0,
        "invalid": 1,
    }
    assert summary["sheet"] == "Sign-ups" and summary["header_row"] == 2
    assert summary["committed"] is False and summary["refused"] is True
    assert summary["mapping"]["Surname"] == "last_name"
    assert {"row": 6, "column": "Date of birth", "severity": "error", "field": "date_of_birth",
            "message": "“2011-13-01” is not a real date: there is no month 13."
            } in document["problems"]  # fmt: skip
    for problem in document["problems"]:
        assert set(problem) >= {"row", "column", "message"}
        assert isinstance(problem["row"], int) and isinstance(problem["message"], str)


def test_json_reports_a_file_that_cannot_be_imported(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert _run(db_path, "students", str(bad), "--json") == 1
    document = json.loads(capsys.readouterr().out)
    assert document["committed"] is False and "damaged" in document["error"]


def test_dry_run_writes_nothing(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_path, "students", str(EXCEL_CP1252), "--dry-run") == 0
    assert "Dry run: nothing was imported; the database was not changed." in capsys.readouterr().out
    assert _count(db_path, Student) == 0


def test_encoding_delimiter_and_day_order_overrides(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "s.csv",
        [["First name", "Last name", "Birthday"], ["Zoë", "Müller", "04/03/2009"]],
        encoding="cp1252",
        delimiter="|",
    )
    code = _run(
        db_path, "students", str(path), "--encoding", "windows-1252", "--delimiter", "|",
        "--month-first", "--json",
    )  # fmt: skip
    assert code == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["encoding"], summary["delimiter"], summary["day_first"]) == (
        "Windows-1252", "|", False,
    )  # fmt: skip
    database = open_database(db_path)
    try:
        assert rows_of(database, Student, "first_name", "date_of_birth")[0][0] == "Zoë"
        assert str(rows_of(database, Student, "date_of_birth")[0][0]) == "2009-04-03"
    finally:
        database.close()


def test_cohort_on_duplicate_and_saved_mapping(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database(db_path)
    try:
        create_record(database, Cohort, {"name": "Winter School"})
    finally:
        database.close()
    mapping = tmp_path / "fr.json"
    assert _run(db_path, "students", str(EXCEL_CP1252), "--cohort", "winter school",
                "--save-mapping", str(mapping)) == 0  # fmt: skip
    assert json.loads(mapping.read_text(encoding="utf-8"))["columns"]["Nom"] == "last_name"
    assert _count(db_path, Enrolment) == 3
    capsys.readouterr()
    assert _run(db_path, "students", str(EXCEL_CP1252), "--mapping", str(mapping),
                "--on-duplicate", "update", "--json") == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["summary"]["counts"]["unchanged"] == 3
    assert _run(db_path, "students", str(EXCEL_CP1252), "--cohort", "Nowhere") == 1
    assert "There is no cohort named “Nowhere”" in capsys.readouterr().err


def test_instructors_and_companies_commands(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = write_csv(
        tmp_path / "i.csv", [["First name", "Last name", "Email"], ["Ravi", "Shah", "r@x.org"]]
    )
    assert _run(db_path, "instructors", str(people)) == 0
    companies = write_csv(tmp_path / "c.csv", [["Company", "Contact name"], ["Acme", "Sue"]])
    assert _run(db_path, "companies", str(companies)) == 0
    assert _count(db_path, PartnerCompany) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["companies", "x.csv", "--cohort", "A"],  # only students are enrolled
        ["students", "x.csv", "--day-first", "--month-first"],
        ["students", "x.csv", "--on-duplicate", "merge"],
        ["students"],
        ["teachers", "x.csv"],
    ],
)
def test_usage_mistakes_exit_2(db_path: Path, args: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        _run(db_path, *args)
    assert caught.value.code == 2


def test_a_dry_run_that_saves_files_says_what_it_wrote(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping, rejected = tmp_path / "m.txt", tmp_path / "rejected.csv"
    args = ["students", str(EXCEL_CP1252), "--dry-run", "--save-mapping", str(mapping)]
    assert _run(db_path, *args, "--rejected", str(rejected)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-3:] == [
        f"0 invalid row(s) saved to {rejected}.",
        f"Mapping saved to {mapping}.",
        "Dry run: nothing was imported; the database was not changed.",
    ]
    assert mapping.exists() and rejected.exists()
    assert _count(db_path, Student) == 0
    assert _run(db_path, *args, "--json") == 0
    assert json.loads(capsys.readouterr().out)["summary"]["mapping_file"] == str(mapping)
