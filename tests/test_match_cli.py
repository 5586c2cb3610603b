"""``ixdesk groups match``: the match printed, as JSON, and saved with --apply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import open_database
from ixdesk.services import groups as g
from tests.match_world import MatchWorld, make_world

COHORT = "Data analytics Spring 2027"


@pytest.fixture
def path(tmp_path: Path) -> str:
    return str(tmp_path / "ixdesk.db")


def _world(path: str) -> MatchWorld:
    database = open_database(path)
    try:
        choices: dict[int, list[str]] = {i: ["Footfall", "Pricing"] for i in range(4)}
        choices |= {4: ["Footfall", "Churn"], 5: ["Footfall", "Churn"], 6: ["Churn"]}
        return make_world(database, 7, {"Footfall": 1, "Churn": None, "Pricing": None}, choices)
    finally:
        database.close()


def test_match_prints_json_with_each_students_rank_and_reason(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    world = _world(path)
    args = ["--database", path, "groups", "match", "--cohort", COHORT, "--json"]
    assert main([*args, "--time-limit", "5"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["applied"] is False and document["optimal"] is True
    assert document["sum_of_squared_ranks"] == 13 and document["bound"] == 13
    assert document["choices"][:3] == [
        {"choice": "1st choice", "students": 5, "now": 0},
        {"choice": "2nd choice", "students": 2, "now": 0},
        {"choice": "Not ranked", "students": 0, "now": 0},
    ]
    assert document["choices"][-1] == {"choice": "No problem yet", "students": 0, "now": 7}
    by_problem = {group["business_problem"]: group for group in document["groups"]}
    assert set(by_problem) == {"Footfall", "Churn"}
    churn = by_problem["Churn"]
    assert churn["new"] is True and churn["size"] == 3 and churn["id"] is None
    member = next(m for m in churn["members"] if m["id"] == world.student(4))
    assert member["rank"] == 2 and member["why"].startswith("Got 2nd choice Churn. 1st choice")
    assert set(member) == {
        "id", "first_name", "last_name", "preferred_name", "school", "grade", "rank", "why",
    }  # fmt: skip
    database = open_database(path)
    try:
        assert g.builder_data(database, world.cohort_id).groups == []
    finally:
        database.close()


def test_match_applies_and_prints_the_groups(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    world = _world(path)
    args = ["--database", path, "groups", "match", "--cohort", COHORT, "--apply"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Match for {COHORT}, groups of 4: 7 students matched: 2 new groups.")
    assert "Choices: 1st choice 5 (now 0), 2nd choice 2 (now 0)" in out
    assert "\nGroup 2 — Churn (3 students, new)\n" in out or "Group 1 — Churn" in out
    assert out.rstrip().endswith(f"Done: the matched groups are saved in {COHORT}.")
    database = open_database(path)
    try:
        data = g.builder_data(database, world.cohort_id)
        assert sorted(len(group.members) for group in data.groups) == [3, 4]
        assert {group.business_problem for group in data.groups} == {"Footfall", "Churn"}
    finally:
        database.close()


def test_an_impossible_match_is_one_line_naming_the_constraints(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _world(path)
    args = ["--database", path, "groups", "match", "--cohort", COHORT, "--size", "8"]
    assert main([*args, "--rule", "school<=0"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "at most 0 students of one school in each group" in err
    assert main([*args, "--rule", "height<=2"]) == 1
    assert "A group rule can count school, grade, track_interest" in capsys.readouterr().err
