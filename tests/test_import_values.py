"""Answers people typed, read as they meant them: grades, yes/no, tracks, schools.

Each form of value is read directly where its meaning is plain, asked once per
distinct value where it is not ("Junior"), and a value mapping (kept in the
mapping and its saved file) says what an asked value means.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ixdesk.db import Database
from ixdesk.db.enums import Audience
from ixdesk.db.models import Cohort, Student, Track
from ixdesk.errors import IxdeskError
from ixdesk.services import validation as v
from ixdesk.services.importing import (
    commit_import,
    load_mapping,
    plan_import,
    propose_mapping,
    read_table,
    save_mapping,
)
from ixdesk.services.operations import create_record
from tests.test_import_support import live, rows_of, write_csv

HEADER = ["First name", "Last name", "Email", "Current Year of Study"]


def _grades_file(tmp_path: Path, grades: list[str]) -> Path:
    rows = [HEADER]
    rows += [[f"S{i}", "Dube", f"s{i}@example.org", grade] for i, grade in enumerate(grades)]
    return write_csv(tmp_path / "grades.csv", rows)


@pytest.mark.parametrize(
    ("typed", "grade"),
    [("1st Year", 1), ("2nd Year", 2), ("3rd year", 3), ("Grade 10", 10), ("10th", 10),
     ("10th grade", 10), ("Year 11", 11), ("Yr 12", 12), ("Second year", 2),
     ("Eleventh grade", 11), ("Gr. 9", 9)],
)  # fmt: skip
def test_ordinals_and_grade_or_year_n_are_read_directly(typed: str, grade: int) -> None:
    assert v.check_grade(typed) == grade


@pytest.mark.parametrize(
    ("typed", "high_school", "university"),
    [("Junior", 11, 3), ("Senior", 12, 4), ("Freshman", 9, 1), ("Sophomore", 10, 2),
     ("Form 4", None, None), ("Matric", 12, None)],
)  # fmt: skip
def test_words_whose_grade_depends_on_the_audience_are_asked(
    typed: str, high_school: int | None, university: int | None
) -> None:
    with pytest.raises(v.InvalidValue, match="depending on the school or country"):
        v.check_grade(typed)
    assert v.audience_grade(typed) == (high_school, university)


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("Yes, I agree", True), ("I consent", True), ("Y", True), ("Ja", True),
     ("I agree to the terms", True), ("No thanks", False), ("I do not consent", False),
     ("I don't agree", False)],
)  # fmt: skip
def test_yes_no_answers_said_in_words(typed: str, answer: bool) -> None:
    assert v.parse_yes_no(typed, "messaging_opt_in") is answer


@pytest.mark.parametrize("typed", ["Maybe", "n/a", "I am not sure"])
def test_answers_that_say_neither_stay_refused(typed: str) -> None:
    with pytest.raises(v.InvalidValue, match="is not a yes/no answer"):
        v.parse_yes_no(typed)


def test_a_high_school_form_asks_each_audience_word_once_with_its_count(tmp_path: Path) -> None:
    from ixdesk.services.importing.values import KEEP, value_questions

    typed = ["Grade 10", "10th", "Year 11", "Form 4", "Junior", "Senior", "Freshman"]
    typed += ["Sophomore", "junior", "Junior "]
    table = read_table(_grades_file(tmp_path, typed))
    mapping = propose_mapping("students", table.headers)
    questions = value_questions(
        "students", table.headers, table.rows, mapping.columns, audience="high_school"
    )
    asked = {(q.value, q.count, q.suggestion) for q in questions}
    assert asked == {
        ("Form 4", 1, KEEP),  # no one reading is common enough to suggest
        ("Junior", 3, 11),  # "junior" and "Junior " are the same answer
        ("Senior", 1, 12),
        ("Freshman", 1, 9),
        ("Sophomore", 1, 10),
    }
    assert all(q.needed and q.field == "grade" for q in questions)
    university = value_questions(
        "students", table.headers, table.rows, mapping.columns, audience="university"
    )
    assert {q.value: q.suggestion for q in university}["Junior"] == 3


def test_grade_value_mappings_import_every_row_and_travel_in_the_saved_mapping(
    database: Database, tmp_path: Path
) -> None:
    typed = ["Grade 10", "10th", "Year 11", "Form 4", "Junior", "Senior", "Freshman", "Sophomore"]
    table = read_table(_grades_file(tmp_path, typed))
    mapping = propose_mapping("students", table.headers)
    before = plan_import(database, "students", table, mapping)
    assert before.counts["invalid"] == 5
    mapping.values["grade"] = {"Form 4": 10, "junior": 11, "Senior": 12}
    mapping.values["grade"] |= {"Freshman": 9, "Sophomore": None}  # None: leave empty
    save_mapping(mapping, tmp_path / "map.json")
    saved = json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))
    assert saved["values"]["grade"]["Form 4"] == 10
    loaded = load_mapping(tmp_path / "map.json", table.headers)
    plan = plan_import(database, "students", table, loaded)
    assert plan.counts["invalid"] == 0
    commit_import(database, plan)
    grades = dict(rows_of(database, Student, "first_name", "grade"))
    assert grades == {
        **{"S0": 10, "S1": 10, "S2": 11, "S3": 10, "S4": 11, "S5": 12, "S6": 9},
        "S7": None,  # "Sophomore" mapped to "leave empty"
    }


def test_a_saved_mapping_refuses_a_value_that_is_not_a_grade(tmp_path: Path) -> None:
    mapping = propose_mapping("students", HEADER)
    document = mapping.to_json() | {"values": {"grade": {"Junior": 13}}}
    (tmp_path / "map.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(IxdeskError, match="“Junior” means “13”, which is not a grade"):
        load_mapping(tmp_path / "map.json")


def test_yes_no_values_not_read_are_asked_and_mapped(database: Database, tmp_path: Path) -> None:
    from ixdesk.services.importing.values import value_questions

    rows = [["First name", "Last name", "Can we send you updates?"]]
    rows += [["A", "B", "Yes, I agree"], ["C", "D", "Only by email"], ["E", "F", "I consent"]]
    table = read_table(write_csv(tmp_path / "yn.csv", rows))
    mapping = propose_mapping("students", table.headers)
    assert mapping.columns["Can we send you updates?"] == "messaging_opt_in"
    questions = value_questions("students", table.headers, table.rows, mapping.columns)
    assert [(q.value, q.needed) for q in questions] == [("Only by email", True)]
    mapping.values["messaging_opt_in"] = {"only by email": True}
    plan = plan_import(database, "students", table, mapping)
    assert [row.values["messaging_opt_in"] for row in plan.rows] == [True, True, True]


def _tracks(database: Database, *names: str) -> dict[str, str]:
    return {name: create_record(database, Track, {"name": name}).id for name in names}


def test_track_answers_near_an_existing_track_are_suggested_and_mapped(
    database: Database, tmp_path: Path
) -> None:
    from ixdesk.services.importing.values import KEEP, value_questions

    ids = _tracks(database, "Data Analytics", "UX Design")
    rows = [["First name", "Last name", "Which track are you most interested in?"]]
    for i, typed in enumerate(["Data Analytics ", "data", "DA", "Marketing", "ux design"]):
        rows.append([f"S{i}", "Dube", typed])
    table = read_table(write_csv(tmp_path / "t.csv", rows))
    mapping = propose_mapping("students", table.headers)
    questions = value_questions(
        "students", table.headers, table.rows, mapping.columns, tracks=list(ids)
    )
    assert {q.value: q.suggestion for q in questions} == {
        "data": "Data Analytics",
        "DA": "Data Analytics",
        "Marketing": KEEP,  # no track near it: a new track, unless one is chosen
    }
    assert not any(q.needed for q in questions)
    # Unconfirmed, a near value becomes a new track and each of its rows says why.
    plan = plan_import(database, "students", table, mapping)
    assert sorted(plan.tracks_to_create.values()) == ["DA", "Marketing", "data"]
    warned = [p.message for p in plan.row(3).problems]
    assert any("may be the track “Data Analytics”" in message for message in warned)
    mapping.values["track_interest"] = {"data": "Data Analytics", "DA": "Data Analytics"}
    plan = plan_import(database, "students", table, mapping)
    assert list(plan.tracks_to_create.values()) == ["Marketing"]
    chosen = [row.values["track_interest_id"] for row in plan.rows]
    assert chosen[:3] == [ids["Data Analytics"]] * 3 and chosen[4] == ids["UX Design"]


def test_nearest_track_reads_initials_and_parts_but_not_strangers() -> None:
    from ixdesk.services.importing.values import nearest_track

    tracks = ["Data Analytics", "UX Design", "Finance"]
    assert nearest_track("DA", tracks) == "Data Analytics"
    assert nearest_track("d.a.", tracks) == "Data Analytics"
    assert nearest_track("UX", tracks) == "UX Design"
    assert nearest_track("Marketing", tracks) is None


def test_school_names_typed_several_ways_are_offered_as_one(
    database: Database, tmp_path: Path
) -> None:
    from ixdesk.services.importing.values import value_questions

    rows = [["First name", "Last name", "School"]]
    typed = ["St John's College"] * 3 + ["St Johns College", "Saint John's College"]
    typed += ["st. john's college", "Pretoria Boys High"]
    rows += [[f"S{i}", "Dube", school] for i, school in enumerate(typed)]
    table = read_table(write_csv(tmp_path / "s.csv", rows))
    mapping = propose_mapping("students", table.headers)
    questions = value_questions("students", table.headers, table.rows, mapping.columns)
    assert {q.value: (q.suggestion, q.count) for q in questions} == {
        "St Johns College": ("St John's College", 1),
        "Saint John's College": ("St John's College", 1),
        "st. john's college": ("St John's College", 1),
    }  # the most common spelling leads; "Pretoria Boys High" is like no other
    assert not any(q.needed for q in questions)  # unanswered, a school stays as typed
    mapping.values["school"] = {q.value: q.suggestion for q in questions}
    plan = plan_import(database, "students", table, mapping)
    schools = [row.values["school"] for row in plan.rows]
    assert schools == ["St John's College"] * 6 + ["Pretoria Boys High"]


def test_a_column_that_cannot_be_read_at_all_can_be_left_out(
    database: Database, tmp_path: Path
) -> None:
    rows = [["First name", "Last name", "Date of birth"]]
    rows += [["A", "B", "sometime"], ["C", "D", "ask my mum"], ["E", "F", ""]]
    table = read_table(write_csv(tmp_path / "d.csv", rows))
    mapping = propose_mapping("students", table.headers)
    plan = plan_import(database, "students", table, mapping)
    assert plan.counts["invalid"] == 2
    assert plan.unreadable_columns() == ["Date of birth"]
    mapping.set("Date of birth", None)
    plan = plan_import(database, "students", table, mapping)
    assert plan.counts["invalid"] == 0 and plan.unreadable_columns() == []


def test_a_column_read_in_some_rows_is_not_offered_to_leave_out(
    database: Database, tmp_path: Path
) -> None:
    rows = [["First name", "Last name", "Grade"], ["A", "B", "10"], ["C", "D", "Maybe"]]
    table = read_table(write_csv(tmp_path / "g.csv", rows))
    plan = plan_import(database, "students", table)
    assert plan.counts["invalid"] == 1 and plan.unreadable_columns() == []


def test_a_cohorts_audience_suggests_what_junior_means(database: Database, tmp_path: Path) -> None:
    from ixdesk.services.importing.session import ImportSession
    from ixdesk.services.importing.values import KEEP

    create_record(database, Cohort, {"name": "Uni 2027", "audience": Audience.UNIVERSITY})
    session = ImportSession(cohort="Uni 2027")
    session.source.path = _grades_file(tmp_path, ["Junior", "2nd Year"])
    table = read_table(session.source.path)
    session.table, session.mapping = table, propose_mapping("students", table.headers)
    (question,) = session.value_questions(database)
    assert (question.value, question.suggestion) == ("Junior", 3)
    session.answer(question, session.current_answer(question))
    assert session.mapping.values == {"grade": {"Junior": 3}}
    session.answer(question, KEEP)
    assert session.mapping.values == {}
    assert live(database, Student) == 0


def test_a_consent_answer_that_is_neither_yes_no_nor_a_date_says_both_are_read(
    database: Database, tmp_path: Path
) -> None:
    rows = [["First name", "Last name", "Parental consent"]]
    rows += [["A", "B", "pending"], ["C", "D", "31/02/2026"], ["E", "F", "yes"]]
    table = read_table(write_csv(tmp_path / "consent.csv", rows))
    plan = plan_import(database, "students", table)
    messages = [[problem.message for problem in row.problems] for row in plan.rows]
    assert messages[0] == [
        "“pending” is neither a yes/no answer nor a date; write yes, no or the day the "
        "consent was given (2010-03-14)."
    ]
    assert len(messages[1]) == 1 and "yes/no" not in messages[1][0]  # a date, mistyped
    assert messages[2] == []
