"""``ixdesk import``: what the command line does with columns it is not sure of."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import open_database
from ixdesk.db.models import Student
from ixdesk.services.importing import propose_mapping, save_mapping
from tests.test_import_support import live, rows_of, write_csv


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    return path


def _import(db_path: Path, *args: str) -> int:
    return main(["--database", str(db_path), "import", "students", *args])


def test_an_uncertain_column_is_left_out_with_a_note(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["Name", "Email", "Hebrew First Name"], ["Ava Jansen", "ava@example.org", "Chava"]]
    path = write_csv(tmp_path / "s.csv", rows)
    assert _import(db_path, str(path)) == 0
    out = capsys.readouterr().out
    assert "Note: The column “Hebrew First Name” may be first name; it was left out." in out
    assert "Not imported: Hebrew First Name." in out
    database = open_database(db_path)
    try:
        assert rows_of(database, Student, "first_name", "last_name") == [("Ava", "Jansen")]
    finally:
        database.close()


def test_a_column_read_in_no_row_is_named_and_can_be_left_out(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["First name", "Last name", "Birthday"], ["Ava", "Jansen", "soon"]]
    rows += [["Ben", "Dube", "ask my mum"]]
    path = write_csv(tmp_path / "s.csv", rows)
    assert _import(db_path, str(path), "--json") == 1
    notes = json.loads(capsys.readouterr().out)["summary"]["column_notes"]
    assert notes == [
        "No value of the column “Birthday” could be read; leave it out "
        "(--leave-out “Birthday”) to import the rest."
    ]
    assert _import(db_path, str(path), "--leave-out", "Birthday") == 0
    database = open_database(db_path)
    try:
        assert live(database, Student) == 2
    finally:
        database.close()


def test_audience_words_come_from_the_mapping_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["First name", "Last name", "Grade"], ["Ava", "Jansen", "Junior"]]
    rows += [["Ben", "Dube", "Form 4"], ["Cara", "Nel", "Grade 10"]]
    path = write_csv(tmp_path / "s.csv", rows)
    assert _import(db_path, str(path)) == 1
    assert "“Junior” means a different grade depending on the school or country" in (
        capsys.readouterr().out
    )
    mapping = propose_mapping("students", ["First name", "Last name", "Grade"])
    mapping.values = {"grade": {"Junior": 11, "form 4": 10}}
    save_mapping(mapping, tmp_path / "map.json")
    args = ["--mapping", str(tmp_path / "map.json"), "--save-mapping", str(tmp_path / "again.json")]
    assert _import(db_path, str(path), *args) == 0
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert again["values"] == {"grade": {"Junior": 11, "form 4": 10}}
    database = open_database(db_path)
    try:
        assert sorted(rows_of(database, Student, "first_name", "grade")) == [
            ("Ava", 11),
            ("Ben", 10),
            ("Cara", 10),
        ]
    finally:
        database.close()


def test_an_unknown_column_to_leave_out_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "s.csv", [["First name", "Last name"], ["Ava", "Jansen"]])
    assert _import(db_path, str(path), "--leave-out", "Birthday", "--json") == 1
    assert json.loads(capsys.readouterr().out)["error"] == "The file has no column “Birthday”."
