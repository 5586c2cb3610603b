"""Duplicates and the choices for them, the one-transaction commit, cancel, other kinds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ixdesk.db import Database
from ixdesk.db.models import Contact, Instructor, InstructorExpertise, PartnerCompany, Student
from ixdesk.errors import ChangedElsewhereError, IxdeskError, ValidationError
from ixdesk.services.importing import (
    ImportCancelled,
    commit_import,
    load_mapping,
    plan_import,
    propose_mapping,
    read_table,
    save_mapping,
    sqlite_rows,
)
from ixdesk.services.operations import ChangeHub, create_record, update_record
from tests.test_import_support import STUDENT_HEADER, live, rows_of, write_csv, write_xlsx

AVA = ["Ava", "Jansen", "ava@example.org", "07412 345678", "Grey College", 10, "14/03/2010"]
BEN = ["Ben", "Mokoena", "ben@example.org", "", "Grey College", 11, "21/02/2009"]


def _existing_ava(database: Database) -> Student:
    return create_record(
        database,
        Student,
        {"first_name": "Ava", "last_name": "Jansen", "email": "AVA@example.org", "grade": 9},
    )


def _plan(database: Database, path: Path, **options):  # type: ignore[no-untyped-def]
    return plan_import(database, "students", read_table(path), region="GB", **options)


def test_a_row_matching_a_record_is_skipped_by_default_and_shows_both_sides(
    database: Database, tmp_path: Path
) -> None:
    _existing_ava(database)
    path = write_csv(tmp_path / "s.csv", [STUDENT_HEADER, AVA, BEN])
    plan = _plan(database, path)
    assert plan.counts == {
        "new": 1,
        "updated": 0,
        "unchanged": 0,
        "repeated": 0,
        "skipped": 1,
        "invalid": 0,
    }
    (duplicate,) = plan.duplicates
    assert (duplicate.row, duplicate.matched, duplicate.other_row) == (2, "existing", None)
    assert duplicate.existing["grade"] == 9 and duplicate.incoming["grade"] == 10
    assert duplicate.existing["school"] is None and duplicate.incoming["school"] == "Grey College"
    assert duplicate.differences == ["phone", "school", "grade", "date_of_birth"]
    commit_import(database, plan)
    assert rows_of(database, Student, "email", "grade", "school") == [
        ("AVA@example.org", 9, None),
        ("ben@example.org", 11, "Grey College"),
    ]


@pytest.mark.parametrize(
    ("choice", "grade", "school"), [("fill", 9, "Grey College"), ("update", 10, "Grey College")]
)
def test_fill_and_update(
    database: Database, tmp_path: Path, choice: str, grade: int, school: str
) -> None:
    ava = _existing_ava(database)
    plan = _plan(
        database, write_csv(tmp_path / "s.csv", [STUDENT_HEADER, AVA]), on_duplicate=choice
    )
    assert plan.counts["updated"] == 1
    commit_import(database, plan)
    ((email, found_grade, found_school, version),) = rows_of(
        database, Student, "email", "grade", "school", "version"
    )
    assert (email, found_grade, found_school) == ("AVA@example.org", grade, school)
    assert version == ava.version + 1
    # Done once, the same file has nothing left to change (after fill, the grade still differs).
    again = _plan(database, tmp_path / "s.csv", on_duplicate=choice)
    assert not again.has_changes
    assert again.row(2).status == ("skipped" if choice == "fill" else "unchanged")


def test_the_choice_can_change_per_row(database: Database, tmp_path: Path) -> None:
    _existing_ava(database)
    other = ["Ben", "Mokoena", "ben@example.org", "", "", 12, ""]
    create_record(
        database, Student, {"first_name": "Ben", "last_name": "Mokoena", "email": "ben@example.org"}
    )
    plan = _plan(database, write_csv(tmp_path / "s.csv", [STUDENT_HEADER, AVA, other]))
    assert [row.status for row in plan.rows] == ["skipped", "skipped"]
    plan.choose(3, "update")
    assert [row.status for row in plan.rows] == ["skipped", "updated"]
    plan.choose_all("fill")
    assert [row.status for row in plan.rows] == ["updated", "updated"]
    plan.choose(2, "skip")
    commit_import(database, plan)
    assert rows_of(database, Student, "first_name", "grade") == [("Ava", 9), ("Ben", 12)]
    with pytest.raises(IxdeskError, match="skip, fill or update"):
        plan.choose(2, "merge")


def test_two_rows_of_one_file_for_the_same_email(database: Database, tmp_path: Path) -> None:
    again = ["Ava", "Jansen", "Ava@Example.org", "", "", 11, "", "Likes UX"]
    path = write_csv(tmp_path / "s.csv", [[*STUDENT_HEADER, "Notes"], [*AVA, ""], again])
    plan = _plan(database, path)
    assert [row.status for row in plan.rows] == ["new", "skipped"]
    (duplicate,) = plan.duplicates
    assert (duplicate.matched, duplicate.other_row, duplicate.differences) == (
        "file", 2, ["grade", "notes"]
    )  # fmt: skip
    plan.choose(3, "fill")  # only the empty notes
    assert plan.row(3).status == "updated"
    commit_import(database, plan)
    assert rows_of(database, Student, "grade", "notes") == [(10, "Likes UX")]
    assert plan.row(2).values["grade"] == 10  # the first row's own values are untouched


def test_near_duplicates_are_warnings(database: Database, tmp_path: Path) -> None:
    create_record(
        database,
        Student,
        {"first_name": "Ava", "last_name": "Jansen", "email": "ava.j@old.example.org",
         "date_of_birth": date(2010, 3, 14)},
    )  # fmt: skip
    twin = ["Ben", "Mokoena", "ben.m@example.org", "", "grey college", 11, ""]
    path = write_csv(tmp_path / "s.csv", [STUDENT_HEADER, AVA, BEN, twin])
    plan = _plan(database, path)
    assert plan.counts["new"] == 3 and plan.counts["invalid"] == 0
    messages = [(p.row, p.severity, p.message) for p in plan.problems]
    assert messages == [
        (2, "warning", "Ava Jansen has the same name and date of birth as the student "
         "ava.j@old.example.org in ixdesk, but another email: check this is not the same student."),
        (4, "warning", "Ben Mokoena has the same name and school as row 3, but another email: "
         "check this is not the same student."),
    ]  # fmt: skip


@pytest.mark.parametrize("built_after", [False, True])
def test_a_failing_row_at_commit_rolls_back_everything(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_after: bool
) -> None:
    if built_after:  # the indexes are built after the inserts, as for a large file
        monkeypatch.setattr(sqlite_rows, "BULK_ROWS", 1)
    path = write_csv(tmp_path / "s.csv", [STUDENT_HEADER, AVA, BEN])
    plan = _plan(database, path)
    # Someone adds Ben between the preview and the commit: the unique email index refuses.
    create_record(
        database, Student, {"first_name": "B", "last_name": "M", "email": "BEN@example.org"}
    )
    with pytest.raises(ValidationError, match="Nothing was imported: Another student already"):
        commit_import(database, plan)
    assert rows_of(database, Student, "email") == [("BEN@example.org",)]
    with pytest.raises(ValidationError, match="Another student already uses this email"):
        create_record(
            database, Student, {"first_name": "C", "last_name": "M", "email": "ben@EXAMPLE.org"}
        )


def test_a_record_changed_since_the_preview_is_not_overwritten(
    database: Database, tmp_path: Path
) -> None:
    ava = _existing_ava(database)
    plan = _plan(database, write_csv(tmp_path / "s.csv", [STUDENT_HEADER, AVA, BEN]),
                 on_duplicate="update")  # fmt: skip
    update_record(database, Student, ava.id, ava.version, {"grade": 12})
    with pytest.raises(ChangedElsewhereError, match="since the preview"):
        commit_import(database, plan)
    assert rows_of(database, Student, "email", "grade") == [("AVA@example.org", 12)]


def test_cancel_rolls_back_and_progress_is_reported(database: Database, tmp_path: Path) -> None:
    rows = [[f"S{i}", "Pupil", f"s{i}@example.org", "", "", 10, ""] for i in range(4500)]
    plan = _plan(database, write_csv(tmp_path / "s.csv", [STUDENT_HEADER, *rows]))
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled, match="nothing was written"):
        commit_import(
            database, plan, progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) > 2,
        )  # fmt: skip
    assert live(database, Student) == 0
    assert seen[0] == (0, 4500) and seen[-1][0] > 0
    done: list[tuple[int, int]] = []
    hub = ChangeHub()
    announced = []
    hub.subscribe(announced.append)
    commit_import(database, plan, hub=hub, progress=lambda d, t: done.append((d, t)))
    assert done[-1] == (4500, 4500) and live(database, Student) == 4500
    (changes,) = announced
    assert changes.touches("students") and len(changes.ids) == 4500


def test_invalid_rows_block_the_commit_unless_skipped(database: Database, tmp_path: Path) -> None:
    bad = ["Cleo", "", "not-an-email", "", "", 13, ""]
    plan = _plan(database, write_csv(tmp_path / "s.csv", [STUDENT_HEADER, AVA, bad]))
    with pytest.raises(IxdeskError, match="1 row is invalid, so nothing was imported"):
        commit_import(database, plan)
    assert live(database, Student) == 0
    commit_import(database, plan, skip_invalid=True)
    assert live(database, Student) == 1


def test_a_mapping_can_be_changed_saved_and_reused(database: Database, tmp_path: Path) -> None:
    first = write_csv(
        tmp_path / "a.csv",
        [["Kid", "Family name", "Contact", "Year"], ["Ava", "Jansen", "ava@example.org", "10"]],
    )
    table = read_table(first)
    mapping = propose_mapping("students", table.headers)
    assert mapping.columns == {"Kid": None, "Family name": "last_name", "Contact": None,
                               "Year": "grade"}  # fmt: skip
    with pytest.raises(IxdeskError, match="first name"):
        plan_import(database, "students", table, mapping)
    mapping.set("Kid", "first_name")
    mapping.set("Contact", "email")
    mapping.day_first = False
    saved = tmp_path / "mapping.json"
    save_mapping(mapping, saved)
    second = write_xlsx(
        tmp_path / "b.xlsx",
        [
            ["Year", "Contact", "Kid", "Family name", "Notes"],
            [11, "ben@example.org", "Ben", "M", "x"],
        ],
    )
    table = read_table(second)
    reused = load_mapping(saved, table.headers)
    assert reused.columns == {"Year": "grade", "Contact": "email", "Kid": "first_name",
                              "Family name": "last_name", "Notes": "notes"}  # fmt: skip
    assert reused.day_first is False
    plan = plan_import(database, "students", table, reused)
    assert plan.counts["new"] == 1
    with pytest.raises(IxdeskError, match="not a field of students"):
        reused.set("Notes", "salary")


def test_instructors_with_expertise(database: Database, tmp_path: Path) -> None:
    header = ["First name", "Last name", "Email", "Employer", "Job title", "Expertise",
              "DBS check", "DBS expiry date"]  # fmt: skip
    rows = [
        ["Ravi", "Shah", "ravi@example.com", "Acme", "Designer", "UX Design; Finance", "cleared",
         "2027-01-31"],
        ["Ida", "Berg", "", "Globex", "", "", "", ""],
        ["Tom", "Lee", "tom@example.com", "", "", "", "maybe", ""],
    ]  # fmt: skip
    path = write_csv(tmp_path / "i.csv", [header, *rows])
    table = read_table(path)
    mapping = propose_mapping("instructors", table.headers)
    assert mapping.columns["DBS check"] == "safeguarding_status"
    assert mapping.columns["DBS expiry date"] == "safeguarding_expires_on"
    plan = plan_import(database, "instructors", table, mapping)
    assert plan.counts == {
        "new": 1,
        "updated": 0,
        "unchanged": 0,
        "repeated": 0,
        "skipped": 0,
        "invalid": 2,
    }
    assert [(p.row, p.column) for p in plan.problems] == [(3, "Email"), (4, "DBS check")]
    commit_import(database, plan, skip_invalid=True)
    assert rows_of(database, Instructor, "email", "safeguarding_status") == [
        ("ravi@example.com", "cleared")
    ]
    assert live(database, InstructorExpertise) == 2
    rows[0][5] = "UX Design, Data Analytics"
    path = write_csv(tmp_path / "i.csv", [header, rows[0]])
    update = plan_import(database, "instructors", read_table(path), on_duplicate="update")
    assert update.counts["updated"] == 1 and list(update.tracks_to_create.values()) == [
        "Data Analytics"
    ]
    commit_import(database, update)
    assert live(database, InstructorExpertise) == 3


def test_partner_companies_with_contacts(database: Database, tmp_path: Path) -> None:
    create_record(database, PartnerCompany, {"name": "Globex Ltd"})
    header = ["Company", "Sector", "Website", "City", "Contact name", "Role", "Contact email",
              "Contact phone"]  # fmt: skip
    rows = [
        ["Acme", "Retail", "acme.example", "Cape Town", "Sue Dlamini", "HR", "sue@acme.example",
         "+27 21 555 0100"],
        ["ACME", "", "", "", "Raj Patel", "CTO", "raj@acme.example", ""],
        ["Globex Limited", "Energy", "", "", "", "", "", ""],
        ["Initech", "", "", "", "", "", "bob@initech.example", ""],
    ]  # fmt: skip
    table = read_table(write_csv(tmp_path / "c.csv", [header, *rows]))
    plan = plan_import(database, "companies", table)
    assert plan.counts == {
        "new": 3,
        "updated": 0,
        "unchanged": 0,
        "repeated": 0,
        "skipped": 0,
        "invalid": 1,
    }
    assert [(p.row, p.severity) for p in plan.problems] == [(4, "warning"), (5, "error")]
    assert "looks like the partner company “Globex Ltd”" in plan.problems[0].message
    commit_import(database, plan, skip_invalid=True)
    assert rows_of(database, PartnerCompany, "name") == [("Acme",), ("Globex Limited",),
                                                         ("Globex Ltd",)]  # fmt: skip
    contacts = rows_of(database, Contact, "name", "role", "phone")
    assert contacts == [("Raj Patel", "CTO", None), ("Sue Dlamini", "HR", "+27215550100")]
    again = plan_import(database, "companies", table)
    assert again.counts["new"] == 0 and again.counts["unchanged"] == 3
