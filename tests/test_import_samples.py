"""The sample files coordinators really receive import with the counts and problems below."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from ixdesk.db import Database
from ixdesk.db.models import Cohort, Enrolment, Student, Track
from ixdesk.services.importing import (
    commit_import,
    detect_day_first,
    plan_import,
    propose_mapping,
    read_table,
    write_rejected,
)
from ixdesk.services.operations import create_record
from tests.test_import_support import CAREERS_FAIR, EXCEL_CP1252, GOOGLE_FORMS, live, rows_of


def _problems(plan) -> list[tuple[int, str | None, str, str]]:  # type: ignore[no-untyped-def]
    return [(p.row, p.column, p.severity, p.message) for p in plan.problems]


def test_google_forms_export(database: Database) -> None:
    table = read_table(GOOGLE_FORMS)
    assert (table.format, table.encoding_label, table.delimiter) == ("csv", "UTF-8", ",")
    mapping = propose_mapping("students", table.headers)
    assert mapping.columns == {
        "Timestamp": None,
        "Email Address": "email",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Cell phone": "phone",
        "High school": "school",
        "Grade (9-12)": "grade",
        "Birthday": "date_of_birth",
        "Parent or guardian full name": "guardian_name",
        "Parent or guardian email": "guardian_email",
        "Parent or guardian cell": "guardian_phone",
        "Which programme are you interested in?": "track_interest",
        "Can we send you updates by SMS and email?": "messaging_opt_in",
    }
    assert detect_day_first("students", table, mapping) is False  # US dates: 3/14/2010
    plan = plan_import(database, "students", table, mapping, day_first=False, region="ZA")
    assert plan.counts == {
        "new": 8, "updated": 0, "unchanged": 0, "repeated": 1, "skipped": 0, "invalid": 1
    }  # fmt: skip
    assert _problems(plan) == [
        (3, "Birthday", "warning", "“7/2/2009” could be 2 July 2009 or 7 February 2009; it was "
         "read as 2 July 2009 (month first)."),
        (11, "Email Address", "error", "“not-an-email” is not a valid email address: An email "
         "address must have an @-sign."),
        (11, "Grade (9-12)", "error", "Grade 13 is outside 1–12 (school grade, or year at "
         "university)."),
        (11, "Birthday", "error", "“2/30/2010” is not a real date: February has no day 30."),
        (11, "Can we send you updates by SMS and email?", "error",
         "“Maybe” is not a yes/no answer; write yes or no."),
        (11, "Last Name", "error", "Last name is missing."),
    ]  # fmt: skip
    # The student who sent the form twice: row 10 is row 2 again, with both sides shown.
    (twice,) = plan.duplicates
    assert (twice.row, twice.matched, twice.other_row, twice.differences) == (10, "file", 2, [])
    assert twice.existing["email"] == twice.incoming["email"] == "ava.jansen@student.example.edu"
    assert plan.row(10).status == "repeated"  # row 2's student; nothing in ixdesk stayed as it was

    result = commit_import(database, plan, skip_invalid=True)
    assert result.inserted["students"] == 8
    assert sorted(result.tracks_created) == [
        "Creative Writing", "Data Analytics", "Digital Marketing", "Finance",
        "Software Engineering", "UX Design",
    ]  # fmt: skip
    assert live(database, Student) == 8 and live(database, Track) == 6
    ava = rows_of(database, Student, "email", "phone", "date_of_birth", "guardian_phone", "grade")
    assert ava[0] == (
        "ava.jansen@student.example.edu", "+27701234567", date(2010, 3, 14), "+27807654321", 10,
    )  # fmt: skip
    assert ("ebène.dubois@student.example.edu",) in rows_of(database, Student, "email")


def test_excel_semicolon_windows_1252(database: Database) -> None:
    table = read_table(EXCEL_CP1252)
    assert (table.encoding, table.encoding_label, table.delimiter) == (
        "cp1252",
        "Windows-1252",
        ";",
    )
    assert table.headers == ["Nom", "Prénom", "Courriel", "École", "Niveau"]
    mapping = propose_mapping("students", table.headers)
    assert mapping.columns == {
        "Nom": "last_name",
        "Prénom": "first_name",
        "Courriel": "email",
        "École": "school",
        "Niveau": "grade",
    }
    plan = plan_import(database, "students", table, mapping)
    assert plan.counts["new"] == 3 and plan.problems == []
    commit_import(database, plan)
    assert rows_of(database, Student, "first_name", "last_name", "school", "grade") == [
        ("Chloé", "Lefèvre", "Lycée Français", 12),
        ("José", "García", "Lycée Français", 11),
        ("Zoë", "Müller", "Collège Saint-Exupéry", 10),
    ]


def test_careers_fair_workbook(database: Database) -> None:
    table = read_table(CAREERS_FAIR)
    assert table.sheet == "Sign-ups"  # the hidden "Staff notes" sheet is not read
    assert [(s.name, s.hidden) for s in table.sheets] == [
        ("Sign-ups", False),
        ("Staff notes", True),
    ]
    assert table.header_row == 2  # below the merged title row
    assert table.row_numbers == [3, 4, 5, 6]  # blank row 7 and the totals row 8 are not data
    assert [(left.row_number, left.reason) for left in table.left_out] == [
        (8, "a totals row, not data")
    ]
    assert (8, 1) in table.formula_cells
    assert "Hidden sheet not imported: Staff notes." in table.notes
    mapping = propose_mapping("students", table.headers)
    assert mapping.columns["Name"] == "first_name" and mapping.columns["Surname"] == "last_name"
    plan = plan_import(database, "students", table, mapping, region="ZA")
    assert plan.counts == {
        "new": 3,
        "updated": 0,
        "unchanged": 0,
        "repeated": 0,
        "skipped": 0,
        "invalid": 1,
    }
    assert _problems(plan) == [
        (3, "Phone", "warning", "Phone number 821112233 was stored as a number, so its leading 0 "
         "was lost; it was read as +27821112233. Check it."),
        (4, "Phone", "warning", "Phone number 731234567 was stored as a number, so its leading 0 "
         "was lost; it was read as +27731234567. Check it."),
        (6, "Date of birth", "error", "“2011-13-01” is not a real date: there is no month 13."),
    ]  # fmt: skip
    commit_import(database, plan, skip_invalid=True)
    assert rows_of(database, Student, "last_name", "phone", "grade", "date_of_birth") == [
        ("Moloi", "+27821112233", 11, date(2009, 6, 1)),  # a real date cell
        ("Rossi", "+393471234567", 12, date(2008, 8, 8)),
        ("Zwane", "+27731234567", 10, date(2010, 2, 11)),
    ]


def test_the_hidden_sheet_is_read_only_when_named() -> None:
    table = read_table(CAREERS_FAIR, sheet="staff notes", header_row=1)
    assert table.sheet == "Staff notes" and table.headers == ["do not import"]


def test_importing_the_same_file_again_changes_nothing(database: Database) -> None:
    for path, options in (
        (GOOGLE_FORMS, {"day_first": False, "region": "ZA"}),
        (EXCEL_CP1252, {}),
        (CAREERS_FAIR, {"region": "ZA"}),
    ):
        table = read_table(path)
        commit_import(
            database, plan_import(database, "students", table, **options), skip_invalid=True
        )
        before = rows_of(database, Student, "id", "version", "updated_at")
        again = plan_import(database, "students", table, **options)
        assert again.counts["new"] == again.counts["updated"] == again.counts["skipped"] == 0
        assert not again.has_changes
        commit_import(database, again, skip_invalid=True)
        assert rows_of(database, Student, "id", "version", "updated_at") == before
    assert live(database, Student) == 14


def test_students_are_enrolled_into_the_chosen_cohort(database: Database) -> None:
    create_record(database, Cohort, {"name": "Spring 2026"})
    table = read_table(GOOGLE_FORMS)
    plan = plan_import(
        database, "students", table, cohort="spring 2026", day_first=False, region="ZA"
    )
    assert plan.cohort_name == "Spring 2026" and len(plan.enrolments) == 8
    result = commit_import(database, plan, skip_invalid=True)
    assert result.enrolled == 8
    assert {status for (status,) in rows_of(database, Enrolment, "status")} == {"applied"}
    again = plan_import(database, "students", table, cohort="Spring 2026", day_first=False)
    assert again.enrolments == [] and not again.has_changes


def test_rejected_rows_round_trip(database: Database, tmp_path: Path) -> None:
    table = read_table(GOOGLE_FORMS)
    plan = plan_import(database, "students", table, day_first=False, region="ZA")
    commit_import(database, plan, skip_invalid=True)
    rejected = tmp_path / "rejected.xlsx"
    assert write_rejected(plan, rejected) == 1

    workbook = openpyxl.load_workbook(rejected)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header == [*table.headers, "ixdesk problems", "Original row"]
    row = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert row["Original row"].value == 11
    assert "Grade 13 is outside" in row["ixdesk problems"].value
    assert row["Birthday"].value == "2/30/2010" and row["Grade (9-12)"].value == "13"
    # The coordinator fixes the row and imports the workbook again.
    row["Email Address"].value = "zanele.khumalo@student.example.edu"
    row["Last Name"].value = "Khumalo"
    row["Grade (9-12)"].value = 12
    row["Birthday"].value = "2/28/2010"
    row["Can we send you updates by SMS and email?"].value = "no"
    workbook.save(rejected)

    fixed = read_table(rejected)
    assert fixed.headers[-2:] == ["ixdesk problems", "Original row"]
    again = plan_import(database, "students", fixed, day_first=False, region="ZA")
    assert again.mapping.field_for("ixdesk problems") is None
    assert again.mapping.field_for("Original row") is None
    assert again.counts == {
        "new": 1,
        "updated": 0,
        "unchanged": 0,
        "repeated": 0,
        "skipped": 0,
        "invalid": 0,
    }
    commit_import(database, again)
    assert ("Zanele", "Khumalo", 12, date(2010, 2, 28)) in rows_of(
        database, Student, "first_name", "last_name", "grade", "date_of_birth"
    )


def test_careers_fair_rejected_row_round_trip(database: Database, tmp_path: Path) -> None:
    plan = plan_import(database, "students", read_table(CAREERS_FAIR), region="ZA")
    rejected = tmp_path / "careers-rejected.xlsx"
    write_rejected(plan, rejected)
    workbook = openpyxl.load_workbook(rejected)
    sheet = workbook.active
    assert sheet["A2"].value == "Nadia" and sheet["G2"].value == "2011-13-01"
    sheet["G2"].value = date(2011, 1, 13)
    sheet["G2"].number_format = "dd/mm/yyyy"
    workbook.save(rejected)
    again = plan_import(database, "students", read_table(rejected), region="ZA")
    assert again.counts["new"] == 1 and again.counts["invalid"] == 0


MICROSOFT_FORMS = GOOGLE_FORMS.parent / "microsoft-forms-project-topics.xlsx"
GOOGLE_UNIVERSITY = GOOGLE_FORMS.parent / "google-forms-university.csv"
RANKING_START = "Please rank the following project topics"


def test_a_microsoft_forms_export_with_a_ranking_question_goes_in_whole(
    database: Database,
) -> None:
    table = read_table(MICROSOFT_FORMS)
    mapping = propose_mapping("students", table.headers)
    (ranking,) = [header for header in table.headers if header.startswith(RANKING_START)]
    # One word of it is "preferred", yet it is no name: it is the students' ranking of
    # business problems (Microsoft Forms writes one column, choices in order).
    assert mapping.columns[ranking] == "problem_choices"
    plan = plan_import(database, "students", table, mapping, region="ZA")
    assert plan.counts == {
        "new": 33, "updated": 0, "unchanged": 0, "repeated": 0, "skipped": 0, "invalid": 0
    }  # fmt: skip
    assert {row.values["grade"] for row in plan.rows} == {1, 2, 3, 4}


def test_a_google_forms_export_answered_2nd_year_goes_in_whole(database: Database) -> None:
    table = read_table(GOOGLE_UNIVERSITY)
    mapping = propose_mapping("students", table.headers)
    assert mapping.columns["Current Year of Study"] == "grade"
    assert mapping.columns["Which university are you currently studying at?"] == "school"
    plan = plan_import(database, "students", table, mapping, region="ZA")
    assert plan.counts["invalid"] == 0 and plan.counts["new"] == 12
    grades = [row.values["grade"] for row in plan.rows]
    assert grades[:5] == [1, 2, 3, 2, 4]  # "1st Year", "2nd Year", "3rd Year", …
    opt_in = [row.values["messaging_opt_in"] for row in plan.rows[:5]]
    assert opt_in == [True, False, True, True, False]  # "Yes, I agree", "No thanks", …
