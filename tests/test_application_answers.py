"""Applicants' answers kept: from real form exports, per cohort, shown, exported, searched.

The two exports are shaped as Microsoft Forms and Google Forms write them
(tests/data/samples/make_form_exports.py): the long ranking question and
"Current Year of Study" = "2nd Year" import with no invalid rows, and the
columns that go into no field are kept as application answers when asked.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from ixdesk.cli import main
from ixdesk.db import Database, open_database
from ixdesk.db.models import ApplicationAnswer, Cohort, Enrolment, Student
from ixdesk.services.answers import student_answers
from ixdesk.services.deletion import delete_records, restore_records
from ixdesk.services.enrolment import enrolment_board
from ixdesk.services.export.full import export_everything
from ixdesk.services.importing import (
    commit_import,
    plan_import,
    propose_mapping,
    read_table,
)
from ixdesk.services.importing.preview import what_will_happen
from ixdesk.services.links import linked_records
from ixdesk.services.operations import create_record
from ixdesk.services.record_kinds import Kind
from tests.test_import_support import SAMPLES, live, rows_of, write_csv

MICROSOFT_FORMS = SAMPLES / "microsoft-forms-project-topics.xlsx"
GOOGLE_UNIVERSITY = SAMPLES / "google-forms-university.csv"
RANKING = (
    "Please rank the following project topics by dragging your most preferred topics at "
    "the top and your least preferred topics at the bottom."
)


def _cohort(database: Database, name: str = "Spring 2027") -> str:
    return create_record(database, Cohort, {"name": name}).id


def test_the_microsoft_forms_export_imports_with_its_ranking_kept_as_answers(
    database: Database,
) -> None:
    cohort_id = _cohort(database)
    table = read_table(MICROSOFT_FORMS)
    mapping = propose_mapping("students", table.headers)
    # Not a preferred name: the students' ranking of business problems (see
    # tests/test_import_rankings.py); here it is kept as it was typed instead.
    assert mapping.columns[RANKING] == "problem_choices"
    mapping.set(RANKING, None)
    assert mapping.mapped() == {
        "email": "Email",
        "full_name": "Name",
        "school": "Which university are you currently studying at?",
        "grade": "Current year of study",
    }
    assert mapping.keep_unmatched_as_answers() == [
        RANKING,
        "Why do you want to join?",
        "Any links (LinkedIn, GitHub)?",
    ]  # the form's own columns (ID, Start time, …) are not answers
    plan = plan_import(database, "students", table, mapping, cohort="Spring 2027", region="ZA")
    assert plan.counts["invalid"] == 0 and plan.counts["new"] == 33
    result = commit_import(database, plan)
    assert result.answered == 33 and live(database, Student) == 33
    with database.read() as session:
        first = session.query(Student).filter_by(email="Ama.Mensah0@uni.example").one()
        (kept,) = student_answers(session, first.id)
    assert kept.cohort_id == cohort_id and kept.cohort_name == "Spring 2027"
    questions = [question for question, _answer in kept.answers]
    assert questions == [RANKING, "Why do you want to join?"]  # Ama left the links empty
    assert kept.answers[0][1].startswith("Customer churn analysis for a telecoms retailer;")


def test_the_google_forms_export_reads_2nd_year_and_keeps_both_email_columns_choosable(
    database: Database,
) -> None:
    table = read_table(GOOGLE_UNIVERSITY)
    assert table.headers.count("Email Address") == 1 and "Email Address (2)" in table.headers
    mapping = propose_mapping("students", table.headers)
    assert mapping.columns["Email Address"] == "email"
    assert mapping.columns["Email Address (2)"] is None
    mapping.set("Email Address (2)", "application_answer")  # the second one, as an answer
    plan = plan_import(database, "students", table, mapping, region="ZA")
    assert plan.counts["invalid"] == 0
    assert [row.values["grade"] for row in plan.rows[:5]] == [1, 2, 3, 2, 4]
    mapping.set("Email Address (2)", "email")  # or the other one into the email field
    assert mapping.columns["Email Address"] is None


def test_answers_are_kept_once_per_student_and_cohort(database: Database, tmp_path: Path) -> None:
    _cohort(database, "Spring 2027")
    _cohort(database, "Winter 2027")
    rows = [["First name", "Last name", "Email", "Why do you want to join?", "Links"]]
    rows += [["Zoë", "Åkesson", "zoe@example.org", "To build things", "github.com/zoe"]]
    rows += [["Zoë", "Åkesson", "zoe@example.org", "Sent twice", ""]]
    rows += [["Sam", "Lee", "sam@example.org", "", ""]]
    table = read_table(write_csv(tmp_path / "a.csv", rows))
    mapping = propose_mapping("students", table.headers)
    mapping.keep_unmatched_as_answers()

    def run(cohort: str) -> int:
        plan = plan_import(database, "students", table, mapping, cohort=cohort)
        return commit_import(database, plan).answered if plan.has_changes else 0

    assert run("Spring 2027") == 1  # Zoë's first row; Sam answered nothing
    assert run("Spring 2027") == 0  # the same file again changes nothing
    assert run("Winter 2027") == 1  # another cohort, another application
    kept = rows_of(database, ApplicationAnswer, "position", "question", "answer")
    assert sorted(kept) == sorted(
        [(1, "Why do you want to join?", "To build things"), (2, "Links", "github.com/zoe")] * 2
    )


def test_a_repeated_row_that_brings_the_answers_is_not_said_to_add_nothing(
    database: Database, tmp_path: Path
) -> None:
    _cohort(database)
    rows = [["First name", "Last name", "Email", "Why do you want to join?"]]
    rows += [["Zoë", "Åkesson", "zoe@example.org", ""]]
    rows += [["Zoë", "Åkesson", "zoe@example.org", "To build things"]]  # sent again, answered
    table = read_table(write_csv(tmp_path / "a.csv", rows))
    mapping = propose_mapping("students", table.headers)
    mapping.keep_unmatched_as_answers()
    plan = plan_import(database, "students", table, mapping, cohort="Spring 2027")
    assert [row.status for row in plan.rows] == ["new", "repeated"]
    lines = what_will_happen(plan, skip_invalid=False)
    assert "1 row repeats an earlier row of the file (repeated), so no student is added twice." in (
        lines
    )
    assert "1 student's application answers will be kept for “Spring 2027”." in lines
    assert not any("adds nothing" in line for line in lines)  # its answers are kept
    assert commit_import(database, plan).answered == 1


def test_answers_show_on_the_student_the_board_and_in_the_full_export(
    database: Database, tmp_path: Path
) -> None:
    cohort_id = _cohort(database)
    rows = [["First name", "Last name", "Email", "What is one project you are proud of?"]]
    rows += [["Zoë", "Åkesson", "zoe@example.org", "A solar-powered weather station"]]
    table = read_table(write_csv(tmp_path / "a.csv", rows))
    mapping = propose_mapping("students", table.headers)
    mapping.keep_unmatched_as_answers()
    commit_import(database, plan_import(database, "students", table, mapping, cohort="Spring 2027"))
    (row,) = enrolment_board(database, cohort_id)
    assert row.answers == (
        ("What is one project you are proud of?", "A solar-powered weather station"),
    )
    linked = linked_records(database, Kind.STUDENTS, row.student_id)
    answers = [item for item in linked if item.section.startswith("Application answers")]
    assert [(a.section, a.label, a.detail) for a in answers] == [
        (
            "Application answers · Spring 2027",
            "What is one project you are proud of?",
            "A solar-powered weather station",
        )
    ]
    path = export_everything(database, tmp_path / "all.xlsx")
    sheet = openpyxl.load_workbook(path, read_only=True)["application_answers"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][:6] == ["id", "student_id", "cohort_id", "position", "question", "answer"]
    assert values[1][3:6] == [
        1,
        "What is one project you are proud of?",
        "A solar-powered weather station",
    ]


def test_answers_go_and_come_back_with_their_student(database: Database, tmp_path: Path) -> None:
    rows = [["First name", "Last name", "Why do you want to join?"], ["Zoë", "Åkesson", "To learn"]]
    table = read_table(write_csv(tmp_path / "a.csv", rows))
    mapping = propose_mapping("students", table.headers)
    mapping.set("Why do you want to join?", "application_answer")
    commit_import(database, plan_import(database, "students", table, mapping))
    (student_id,) = [s for (s,) in rows_of(database, Student, "id")]
    assert live(database, ApplicationAnswer) == 1
    delete_records(database, Kind.STUDENTS, [student_id])
    assert live(database, ApplicationAnswer) == 0
    restore_records(database, Kind.STUDENTS, [student_id])
    assert live(database, ApplicationAnswer) == 1


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    return path


def test_the_command_line_keeps_answers_when_asked(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database(db_path)
    try:
        _cohort(database)
    finally:
        database.close()
    args = ["--database", str(db_path), "import", "students", str(MICROSOFT_FORMS)]
    args += ["--cohort", "Spring 2027", "--region", "ZA", "--keep-answers", "--json"]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["counts"]["invalid"] == 0 and summary["application_answers"] == 33
    assert summary["result"]["answered"] == 33
    database = open_database(db_path)
    try:
        assert live(database, Enrolment) == 33
        assert live(database, ApplicationAnswer) == 33 * 2 + 16  # links: every other row
    finally:
        database.close()
