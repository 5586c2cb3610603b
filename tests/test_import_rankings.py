"""Students' rankings of business problems imported in the three shapes forms write them."""

from __future__ import annotations

from pathlib import Path

from ixdesk.cli import main
from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.services.importing import commit_import, plan_import, propose_mapping, read_table
from ixdesk.services.importing.ranking import column_shape
from ixdesk.services.importing.values import value_questions
from ixdesk.services.matching.choices import student_choices
from ixdesk.services.operations import create_record
from tests.test_application_answers import MICROSOFT_FORMS, RANKING
from tests.test_import_support import write_csv

TITLES = ("Footfall forecasting", "Churn dashboard", "Pricing study")
MS_TITLES = (
    "Cash-flow forecasting for a small manufacturer",
    "A booking system for a community sports club",
    "Customer churn analysis for a telecoms retailer",
    "Redesigning the onboarding flow of a banking app",
    "Social media strategy for a youth charity",
)


def _world(database: Database, titles: tuple[str, ...] = TITLES) -> dict[str, str]:
    create_record(database, m.Cohort, {"name": "Spring 2027"})
    company = create_record(database, m.PartnerCompany, {"name": "Northwind"})
    return {
        title: create_record(
            database, m.BusinessProblem, {"company_id": company.id, "title": title}
        ).id
        for title in titles
    }


def _ranking(database: Database, email: str) -> list[str]:
    with database.read() as session:
        student = session.query(m.Student).filter_by(email=email).one()
    (cohort,) = student_choices(database, student.id)
    return [title for _id, title, _company in cohort.problems]


def _import(database: Database, path: Path) -> int:
    table = read_table(path)
    mapping = propose_mapping("students", table.headers)
    plan = plan_import(database, "students", table, mapping, cohort="Spring 2027")
    assert plan.counts["invalid"] == 0
    return commit_import(database, plan).ranked


def test_the_headers_of_each_shape_are_read() -> None:
    assert column_shape("1st choice").place == 1  # type: ignore[union-attr]
    assert column_shape("Choice 2").place == 2  # type: ignore[union-attr]
    assert column_shape("Third preference").place == 3  # type: ignore[union-attr]
    grid = column_shape("Rank the projects [Footfall forecasting]")
    assert grid is not None and grid.problem == "Footfall forecasting"
    listed = column_shape(RANKING)
    assert listed is not None and listed.place is None and listed.problem is None
    assert column_shape("Email") is None and column_shape("Program Preference Options") is None


def test_one_column_of_choices_in_order_as_microsoft_forms_writes_it(database: Database) -> None:
    _world(database, MS_TITLES)
    table = read_table(MICROSOFT_FORMS)
    mapping = propose_mapping("students", table.headers)
    assert mapping.columns[RANKING] == "problem_choices"
    plan = plan_import(database, "students", table, mapping, cohort="Spring 2027", region="ZA")
    assert plan.counts["invalid"] == 0 and not [p for p in plan.problems if p.field]
    assert commit_import(database, plan).ranked == 33
    ranking = _ranking(database, "Ama.Mensah0@uni.example")
    assert ranking[0] == "Customer churn analysis for a telecoms retailer"
    assert sorted(ranking) == sorted(MS_TITLES)


def test_a_column_per_place_with_a_typo_confirmed_as_a_value_mapping(
    database: Database, tmp_path: Path
) -> None:
    _world(database)
    rows = [["First name", "Last name", "Email", "1st choice", "2nd choice", "Choice 3"]]
    rows += [["Zoë", "Åkesson", "zoe@example.org", "Churn dashboard", "footfall FORECASTING", ""]]
    rows += [
        [
            "Sam",
            "Lee",
            "sam@example.org",
            "Pricing studdy",
            "Churn dashboard",
            "Footfall forecasting",
        ]
    ]
    path = write_csv(tmp_path / "choices.csv", rows)
    table = read_table(path)
    mapping = propose_mapping("students", table.headers)
    assert mapping.choice_headers() == ["1st choice", "2nd choice", "Choice 3"]
    (question,) = value_questions(
        "students", table.headers, table.rows, mapping.columns, problems=list(TITLES)
    )
    assert (question.value, question.suggestion) == ("Pricing studdy", "Pricing study")
    plan = plan_import(database, "students", table, mapping, cohort="Spring 2027")
    (warning,) = [p for p in plan.problems if p.field == "problem_choices"]
    assert warning.row == 3 and "“Pricing studdy” is not a business problem" in warning.message
    mapping.values["problem_choices"] = {"Pricing studdy": "Pricing study"}  # confirmed
    plan = plan_import(database, "students", table, mapping, cohort="Spring 2027")
    assert not [p for p in plan.problems if p.field == "problem_choices"]
    assert commit_import(database, plan).ranked == 2
    assert _ranking(database, "zoe@example.org") == ["Churn dashboard", "Footfall forecasting"]
    assert _ranking(database, "sam@example.org") == [
        "Pricing study", "Churn dashboard", "Footfall forecasting",
    ]  # fmt: skip


def test_a_google_forms_grid_and_the_command_line(tmp_path: Path) -> None:
    path = str(tmp_path / "ixdesk.db")
    database = open_database(path)
    try:
        _world(database)
    finally:
        database.close()
    rows = [["Name", "Email", *(f"Rank the projects [{title}]" for title in TITLES)]]
    rows += [["Zoë Åkesson", "zoe@example.org", "2nd choice", "1st choice", "3rd choice"]]
    rows += [["Sam Lee", "sam@example.org", "", "First choice", "2nd choice"]]
    csv = write_csv(tmp_path / "grid.csv", rows)
    args = ["--database", path, "import", "students", str(csv), "--cohort", "Spring 2027"]
    assert main(args) == 0
    database = open_database(path)
    try:
        assert _ranking(database, "zoe@example.org") == [
            "Churn dashboard", "Footfall forecasting", "Pricing study",
        ]  # fmt: skip
        assert _ranking(database, "sam@example.org") == ["Churn dashboard", "Pricing study"]
        # Importing the same file again keeps the rankings already there.
        table = read_table(csv)
        plan = plan_import(
            database, "students", table, propose_mapping("students", table.headers),
            cohort="Spring 2027", on_duplicate="update",
        )  # fmt: skip
        assert plan.choices_to_add() == []
    finally:
        database.close()
