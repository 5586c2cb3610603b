"""Reading files as they arrive: encodings, separators, title rows, totals, formulas, headers."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from ixdesk.db import Database
from ixdesk.services.importing import (
    ImportFileError,
    guess_field,
    plan_import,
    propose_mapping,
    read_table,
)
from tests.test_import_support import write_csv, write_xlsx

ROWS = [["Prénom", "Nom", "Courriel"], ["Zoë", "Müller", "zoe@example.org"]]


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("cp1252", "Windows-1252"),
     ("utf-16", "UTF-16")],
)  # fmt: skip
def test_encodings_are_detected_and_reported(tmp_path: Path, encoding: str, label: str) -> None:
    table = read_table(write_csv(tmp_path / "s.csv", ROWS, encoding=encoding))
    assert table.encoding_label == label
    assert table.headers == ["Prénom", "Nom", "Courriel"]
    assert table.rows == [["Zoë", "Müller", "zoe@example.org"]]  # never "ZoÃ«"


def test_a_forced_wrong_encoding_is_flagged(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", ROWS, encoding="utf-8")
    table = read_table(path, encoding="windows-1252")
    assert table.rows[0][0] == "ZoÃ«"
    assert any("looks like UTF-8" in note for note in table.notes)
    with pytest.raises(ImportFileError, match="cannot be read as UTF-8"):
        read_table(write_csv(tmp_path / "w.csv", ROWS, encoding="cp1252"), encoding="utf-8")
    with pytest.raises(ImportFileError, match="not a text encoding"):
        read_table(path, encoding="klingon")


SEPARATORS = [(",", "comma"), (";", "semicolon"), ("\t", "tab"), ("|", "vertical bar")]


@pytest.mark.parametrize(("delimiter", "label"), SEPARATORS)
def test_separators_are_detected(tmp_path: Path, delimiter: str, label: str) -> None:
    rows = [["First name", "Last name", "Notes"], ["Ava", "Jansen", "likes a, b; c"]]
    table = read_table(write_csv(tmp_path / "s.csv", rows, delimiter=delimiter))
    assert table.delimiter_label == label
    assert table.rows == [["Ava", "Jansen", "likes a, b; c"]]


def test_title_and_blank_rows_above_the_header_and_a_totals_row_below(tmp_path: Path) -> None:
    rows = [
        ["Open day sign-ups", "", ""],
        ["", "", ""],
        ["First name", "Last name", "Email"],
        ["Ava", "Jansen", "ava@example.org"],
        ["", "", ""],
        ["Ben", "Mokoena", "ben@example.org"],
        ["", "", ""],
        ["Total", "2", ""],
        ["", "", ""],
    ]
    table = read_table(write_csv(tmp_path / "s.csv", rows))
    assert table.header_row == 3
    assert table.row_numbers == [4, 6]
    assert [left.row_number for left in table.left_out] == [8]
    assert read_table(tmp_path / "s.csv", header_row=3).row_numbers == [4, 6]
    with pytest.raises(ImportFileError, match=r"Row 2 .* is not a header row"):
        read_table(tmp_path / "s.csv", header_row=2)


def test_a_sheet_of_only_data_rows_reads_as_one_whose_rows_are_each_looked_at(
    tmp_path: Path,
) -> None:
    header = ["First name", "Last name", "Email"]
    rows = [[f"Ava {n}", "Jansen", f"ava{n}@example.org"] for n in range(30)]
    plain = read_table(write_xlsx(tmp_path / "plain.xlsx", [header, *rows]))
    assert plain.rows == rows and plain.row_numbers == list(range(2, 32))
    assert list(plain.columns[1]) == ["Jansen"] * 30 and not plain.left_out
    # A row of spaces and a totals row: every row is looked at, and the same rows are data.
    messy = [header, *rows[:10], ["  ", " ", ""], *rows[10:], ["Total", "", "30"]]
    table = read_table(write_xlsx(tmp_path / "messy.xlsx", messy))
    assert table.rows == rows and list(map(list, table.columns)) == list(map(list, plain.columns))
    assert table.row_numbers == [*range(2, 12), *range(13, 33)]
    assert [left.row_number for left in table.left_out] == [33]
    # A first column with a totals label, and one with an empty cell, are looked at too.
    ending = [header, *rows, ["Total", "", ""]]
    assert read_table(write_xlsx(tmp_path / "t.xlsx", ending)).row_numbers == list(range(2, 32))
    gap = [header, *rows[:5], ["", "Jansen", "zoe@example.org"]]
    assert read_table(write_xlsx(tmp_path / "g.xlsx", gap)).rows[-1] == gap[-1]


def test_formula_cells_are_flagged_not_taken_for_typed_data(
    sqlite_database: Database, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["First name", "Last name", "Email", "Date of birth"])
    sheet.append(["Ava", "Jansen", '=LOWER("AVA@EXAMPLE.ORG")', date(2010, 3, 14)])
    workbook.save(tmp_path / "f.xlsx")  # openpyxl stores no calculated value
    table = read_table(tmp_path / "f.xlsx")
    assert table.formula_cells == {(2, 2)}
    plan = plan_import(sqlite_database, "students", table)
    (problem,) = plan.problems
    assert (problem.row, problem.column, problem.severity) == (2, "Email", "warning")
    assert "formula with no calculated value" in problem.message
    assert plan.rows[0].values.get("email") is None


def test_sheets_are_chosen_by_name_and_hidden_ones_skipped(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Old"
    workbook.active.append(["First name", "Last name"])
    workbook.active.sheet_state = "hidden"
    current = workbook.create_sheet("Current")
    current.append(["First name", "Last name"])
    current.append(["Ava", "Jansen"])
    workbook.save(tmp_path / "w.xlsx")
    assert read_table(tmp_path / "w.xlsx").sheet == "Current"
    assert read_table(tmp_path / "w.xlsx", sheet="Old").sheet == "Old"
    with pytest.raises(ImportFileError, match="has no sheet “New”; its sheets are “Old”"):
        read_table(tmp_path / "w.xlsx", sheet="New")
    with pytest.raises(ImportFileError, match="CSV file: it has no sheets"):
        read_table(write_csv(tmp_path / "s.csv", ROWS), sheet="Old")


def test_repeated_and_missing_headers_stay_distinct(tmp_path: Path) -> None:
    rows = [["Name", "Name", "", "Email"], ["Ava", "Jansen", "x", "ava@example.org"]]
    table = read_table(write_csv(tmp_path / "s.csv", rows))
    assert table.headers == ["Name", "Name (2)", "Column C", "Email"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("E-mail address", "email"), ("Email Address", "email"), ("Courriel", "email"),
        ("Surname", "last_name"), ("Last Name", "last_name"), ("Family name", "last_name"),
        ("Nom", "last_name"), ("Prénom", "first_name"), ("Given name", "first_name"),
        ("Parent/guardian phone", "guardian_phone"), ("Cell phone", "phone"),
        ("Birthday", "date_of_birth"), ("Date de naissance", "date_of_birth"),
        ("DOB", "date_of_birth"), ("Student's email", "email"), ("Mobile number", "phone"),
        ("Parent or guardian email", "guardian_email"), ("Guardian", "guardian_name"),
        ("Grade (9-12)", "grade"), ("Niveau", "grade"), ("High school", "school"),
        ("École", "school"), ("Which programme are you interested in?", "track_interest"),
        ("Can we send you updates by SMS and email?", "messaging_opt_in"),
        ("Parental consent", "guardian_consent_at"), ("Comments", "notes"),
        ("Preferred name", "preferred_name"), ("Timestamp", None), ("Favourite colour", None),
    ],
)  # fmt: skip
def test_student_headers_in_many_wordings(header: str, field: str | None) -> None:
    assert guess_field("students", header) == field


@pytest.mark.parametrize(
    ("kind", "header", "field"),
    [
        ("instructors", "Company", "employer"), ("instructors", "Job title", "job_title"),
        ("instructors", "Areas of expertise", "expertise"),
        ("instructors", "Safeguarding check expires", "safeguarding_expires_on"),
        ("companies", "Company name", "name"), ("companies", "Entreprise", "name"),
        ("companies", "Industry", "sector"), ("companies", "Contact person", "contact_name"),
        ("companies", "Email", "contact_email"), ("companies", "Telephone", "contact_phone"),
        ("companies", "Contact role", "contact_role"), ("companies", "Site web", "website"),
    ],
)  # fmt: skip
def test_instructor_and_company_headers(kind: str, header: str, field: str) -> None:
    assert guess_field(kind, header) == field


def test_a_lone_name_column_is_a_full_name_split_in_two(
    sqlite_database: Database, tmp_path: Path
) -> None:
    mapping = propose_mapping("students", ["Name", "Email"])
    assert mapping.columns == {"Name": "full_name", "Email": "email"}
    assert propose_mapping("students", ["Name", "Surname"]).columns["Name"] == "first_name"
    rows = [["Name", "Email"], ["Ava van der Berg", "ava@example.org"], ["Cher", "cher@x.org"]]
    plan = plan_import(sqlite_database, "students", read_table(write_csv(tmp_path / "n.csv", rows)))
    assert plan.rows[0].values["first_name"] == "Ava van der"
    assert plan.rows[0].values["last_name"] == "Berg"
    assert plan.row(3).status == "invalid"


def test_a_utf8_bom_does_not_stick_to_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Email,First name,Last name\r\na@b.org,A,B\r\n")
    assert read_table(path).headers[0] == "Email"
