"""One rule folds text for search, sorting, the import's matching and the window's sort keys."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ixdesk.db import Database
from ixdesk.db.models import Student
from ixdesk.gui.group_builder.common import sort_value
from ixdesk.gui.record_model import _sort_value
from ixdesk.services.folding import fold
from ixdesk.services.groups import StudentRow
from ixdesk.services.importing import existing, plan_import, read_table
from ixdesk.services.importing.headers import header_words
from ixdesk.services.kinds import TEXT
from ixdesk.services.operations import create_record
from ixdesk.services.read.common import sort_key
from ixdesk.services.search import matches, search_terms
from tests.test_import_support import write_csv

# (as typed, as someone else typed the same name), and what both fold to.
NAMES = [
    ("Zoë", "Zoe", "zoe"),
    ("Łukasz", "Lukasz", "lukasz"),
    ("Đorđe", "Dorde", "dorde"),
    ("Straße", "STRASSE", "strasse"),
    ("Ærø", "Aero", "aero"),
    ("İstanbul", "istanbul", "istanbul"),
    ("Ørsted", "Orsted", "orsted"),
    ("Rene\u0301e", "Renée", "renee"),  # e + combining acute, and é as one character
    ("Ñandú", "Nandu", "nandu"),
    ("Œuvre", "oeuvre", "oeuvre"),
    ("ﬁnn", "Finn", "finn"),
]


def _student(first: str, last: str = "Rossi", school: str = "") -> StudentRow:
    return StudentRow("id", first, last, None, None, school, None, None, None)


@pytest.mark.parametrize(("typed", "other", "folded"), NAMES)
def test_every_place_folds_a_name_alike(typed: str, other: str, folded: str) -> None:
    assert fold(typed) == fold(other) == folded
    assert fold(folded) == folded  # folding twice changes nothing
    # The search box: either spelling finds the other.
    assert matches(search_terms(other), fold(f"Lea {typed}"))
    assert matches(search_terms(typed), fold(f"Lea {other}"))
    # Sorting: rosters, the group builder and every table of the window.
    assert sort_key(typed) == sort_key(other)
    assert _student(typed).sort_key == _student(other).sort_key
    assert sort_value(_student("Lea", school=typed), 1) == sort_value(
        _student("Lea", school=other), 1
    )
    assert _sort_value(typed, TEXT) == _sort_value(other, TEXT)
    # The import: matching names and schools, reading headers.
    assert existing.name_key(typed, typed) == existing.name_key(other, other)
    assert existing.fold_name(f" {typed}  Academy ") == existing.fold_name(f"{other} Academy")
    assert header_words(typed) == header_words(other)


def test_names_sort_by_their_letters_not_their_accents() -> None:
    names = ["Zack", "Ørsted", "Émile", "Orsted", "Adam", "Ólafur", "Ellis", "Zoë"]
    assert sorted(names, key=sort_key) == [
        "Adam", "Ellis", "Émile", "Ólafur", "Ørsted", "Orsted", "Zack", "Zoë"
    ]  # fmt: skip


def test_an_import_finds_the_same_student_under_either_spelling(
    sqlite_database: Database, tmp_path: Path
) -> None:
    create_record(
        sqlite_database,
        Student,
        {"first_name": "Søren", "last_name": "Ørsted", "email": "soren@old.example.org",
         "date_of_birth": date(2010, 3, 14)},
    )  # fmt: skip
    header = ["First name", "Last name", "Email", "Date of birth"]
    rows = [["Soren", "Orsted", "soren.o@example.org", "2010-03-14"]]
    plan = plan_import(
        sqlite_database, "students", read_table(write_csv(tmp_path / "s.csv", [header, *rows]))
    )
    assert [problem.message for problem in plan.problems] == [
        "Soren Orsted has the same name and date of birth as the student soren@old.example.org "
        "in ixdesk, but another email: check this is not the same student."
    ]
