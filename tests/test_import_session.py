"""What the import wizard keeps between pages, and the words its preview shows (no window)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from ixdesk.db import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.importing import commit_import, save_mapping
from ixdesk.services.importing.preview import PreviewText, blocked_reason, what_will_happen
from ixdesk.services.importing.session import (
    ImportSession,
    ImportSource,
    date_order_note,
    field_choices,
    missing_labels,
    read_source,
    sample_values,
)
from tests.test_import_support import CAREERS_FAIR, GOOGLE_FORMS, write_csv, write_xlsx


def _google_forms_session(database: Database) -> ImportSession:
    session = ImportSession(ImportSource("students", GOOGLE_FORMS), region="ZA")
    session.take_read(read_source(session.source))
    session.take_plan(session.make_plan(database), session.plan_inputs())
    return session


def test_reading_proposes_a_mapping_and_the_date_order_the_file_proves() -> None:
    session = ImportSession(ImportSource("students", GOOGLE_FORMS))
    session.take_read(read_source(session.source))
    assert session.mapping is not None and session.mapping.columns["Birthday"] == "date_of_birth"
    assert session.detected_day_first is False and session.day_first is False
    assert session.table is not None
    assert sample_values(session.table, "Grade (9-12)") == ["10", "11", "9"]
    assert missing_labels(session.mapping) == []
    assert ("First name *", "first_name") in field_choices("students")


def test_reading_again_keeps_the_columns_a_coordinator_chose() -> None:
    source = ImportSource("students", CAREERS_FAIR)
    first = read_source(source)
    first.mapping.set("School", None)
    source.sheet = "Sign-ups"
    again = read_source(source, first.mapping)
    assert again.mapping.columns["School"] is None  # kept, not proposed afresh
    assert again.mapping.columns["Surname"] == "last_name"
    assert again.mapping.notes == []


def test_a_saved_mapping_for_another_kind_is_refused_in_words(tmp_path: Path) -> None:
    saved = read_source(ImportSource("instructors", GOOGLE_FORMS)).mapping
    save_mapping(saved, tmp_path / "instructors.json")
    assert json.loads((tmp_path / "instructors.json").read_text())["kind"] == "instructors"
    source = ImportSource("students", GOOGLE_FORMS, mapping_file=tmp_path / "instructors.json")
    with pytest.raises(IxdeskError, match="is for instructors, not students"):
        read_source(source)
    with pytest.raises(IxdeskError, match="Choose the file to import"):
        read_source(ImportSource("students"))


def test_the_plan_is_checked_again_when_what_it_depends_on_changes(database: Database) -> None:
    session = _google_forms_session(database)
    assert session.plan_is_current
    session.region = "GB"
    assert not session.plan_is_current
    session.region = "ZA"
    assert session.mapping is not None
    session.mapping.set("Cell phone", None)
    assert not session.plan_is_current


def test_the_preview_words_for_each_row(database: Database) -> None:
    session = _google_forms_session(database)
    plan = session.plan
    assert plan is not None
    text = PreviewText(plan)
    invalid = plan.row(11)
    assert (text.name(invalid), text.email(invalid)) == ("Zanele", "not-an-email")
    assert text.problems(invalid).startswith("Email Address: “not-an-email” is not a valid")
    assert text.has_errors(invalid) and not text.has_errors(plan.row(2))
    again = plan.row(10)
    assert text.duplicate(again) == "Same student as row 2, same values"
    assert text.choice(again) == ""  # nothing differs, so nothing to choose
    compared = {line.label: line for line in text.compare(again.duplicates[0])}
    assert compared["Date of birth"].existing == compared["Date of birth"].incoming == "2010-03-14"
    assert compared["Messaging opt-in"].incoming == "Yes"
    assert not any(line.differs for line in compared.values())
    texts = text.search_texts()
    assert len(texts) == 10 and "ebene" in texts[4]  # accents folded: "ebene" finds "Ébène"


def test_why_import_waits_and_what_it_will_do(database: Database) -> None:
    session = _google_forms_session(database)
    plan = session.plan
    assert plan is not None
    reason = blocked_reason(plan, skip_invalid=False)
    assert reason is not None and reason.startswith("1 row is invalid, so nothing can be")
    assert blocked_reason(plan, skip_invalid=True) is None
    lines = what_will_happen(plan, skip_invalid=True)
    assert lines[0] == (
        "From google-forms-signups.csv (CSV, UTF-8, comma-separated, header in row 1, "
        "10 data rows):"
    )
    assert lines[1:3] == [
        "8 new students will be added.",
        "1 row repeats an earlier row of the file (repeated), so no student is added twice.",
    ]
    commit_import(database, plan, skip_invalid=True)
    session.take_plan(session.make_plan(database), session.plan_inputs())
    assert session.plan is not None
    assert blocked_reason(session.plan, skip_invalid=True) == (
        "Nothing to import: every valid row is already in ixdesk as it is."
    )


def test_partner_company_rows_are_named_by_company_and_contact(
    database: Database, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "partners.csv",
        [["Company", "Contact name", "Contact email"], ["Acme", "Jo Smith", "jo@acme.example"]],
    )
    session = ImportSession(ImportSource("companies", path))
    session.take_read(read_source(session.source))
    session.take_plan(session.make_plan(database), session.plan_inputs())
    assert session.plan is not None
    text = PreviewText(session.plan)
    row = session.plan.rows[0]
    assert (text.name(row), text.email(row)) == ("Acme · Jo Smith", "jo@acme.example")
    assert what_will_happen(session.plan, False)[1] == "1 new partner company row will be added."


def test_the_date_order_note_says_what_the_file_holds(tmp_path: Path) -> None:
    header = ["First name", "Last name", "Date of birth"]

    def note_for(path: Path) -> str:
        session = ImportSession(ImportSource("students", path))
        session.take_read(read_source(session.source))
        return date_order_note(session)

    stored = write_xlsx(
        tmp_path / "stored.xlsx", [header, ["Ana", "Silva", datetime(2009, 3, 4)]]
    )  # a spreadsheet's own date cell: no order to choose
    assert note_for(stored).startswith("The file's dates are stored as dates")
    typed = write_csv(tmp_path / "typed.csv", [header, ["Ana", "Silva", "04/03/2009"]])
    assert note_for(typed).startswith("The file's dates fit both orders")
    proven = write_csv(tmp_path / "proven.csv", [header, ["Ana", "Silva", "14/03/2009"]])
    assert note_for(proven) == "The file's dates show the day first."
