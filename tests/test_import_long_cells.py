"""A cell far longer than its field: read whole, reported with its real length, never cut."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from ixdesk.cli import main
from ixdesk.db import Database, open_database
from ixdesk.db.models import Student
from ixdesk.services.importing import commit_import, plan_import, read_table
from tests.test_import_support import rows_of, write_csv

MILLION = 1_000_000
HEADER = ["First name", "Last name", "Email", "Notes"]


def huge_workbook(path: Path) -> Path:
    """A workbook whose XML really holds the long texts (openpyxl would cut them at 32,767)."""
    short = path.with_suffix(".short.xlsx")
    book = xlsxwriter.Workbook(str(short))
    sheet = book.add_worksheet("Sign-ups")
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["LONG-NAME", "Rossi", "lea@example.com", "short note"])
    sheet.write_row(2, 0, ["Max", "Muster", "max@example.com", "LONG-NOTE"])
    book.close()
    with zipfile.ZipFile(short) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            data = data.replace(b"LONG-NAME", b"L" * MILLION).replace(b"LONG-NOTE", b"n" * MILLION)
            out.writestr(info, data)
    return path


def _check(database: Database, source: Path) -> None:
    plan = plan_import(database, "students", read_table(source))
    (invalid,) = plan.invalid_rows
    assert [problem.message for problem in invalid.errors] == [
        "First name is 1,000,000 characters long; at most 100 fit."
    ]
    assert plan.counts["new"] == 1
    commit_import(database, plan, skip_invalid=True)
    ((first, notes),) = rows_of(database, Student, "first_name", "notes")
    assert first == "Max" and notes == "n" * MILLION  # a long note is kept whole


def test_a_million_character_csv_cell_is_read_and_reported_with_its_length(
    database: Database, tmp_path: Path
) -> None:
    rows = [["L" * MILLION, "Rossi", "lea@example.com", "short note"]]
    rows.append(["Max", "Muster", "max@example.com", "n" * MILLION])
    _check(database, write_csv(tmp_path / "signups.csv", [HEADER, *rows]))


def test_a_million_character_workbook_cell_is_reported_with_its_length(
    sqlite_database: Database, tmp_path: Path
) -> None:
    _check(sqlite_database, huge_workbook(tmp_path / "signups.xlsx"))


def test_messages_quote_at_most_sixty_characters_of_a_long_header_or_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "7" * MILLION
    headers = ["First name", "Last name", "Date of birth", "Email", "Phone", "Grade", "H" * MILLION]
    source = write_csv(tmp_path / "long.csv", [headers, ["Ada", "L", long, long, long, long, "x"]])
    database = tmp_path / "ixdesk.db"
    open_database(database).close()
    assert main(["--database", str(database), "import", "students", str(source), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) < 300
    assert f"Not imported: {'H' * 60}…." in out.splitlines()
    for field in ("Date of birth", "Email", "Phone", "Grade"):
        (line,) = [line for line in out.splitlines() if line.startswith(f"Row 2, {field}:")]
        assert "7" * 60 + "…" in line and "7" * 61 not in line, line
    # The mapping in --json is data, not a message: it keeps the header whole.
    args = ["--database", str(database), "import", "students", str(source), "--dry-run", "--json"]
    assert main(args) == 1
    assert "H" * MILLION in json.loads(capsys.readouterr().out)["summary"]["mapping"]
