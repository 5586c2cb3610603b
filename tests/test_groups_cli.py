"""``ixdesk groups build`` and ``ixdesk list groups --cohort NAME --json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import models as m
from ixdesk.db import open_database
from ixdesk.services import groups as g
from ixdesk.services.export import find_cohort
from ixdesk.services.operations import OperationContext, run_operation
from tests.group_cohort import CohortIds, make_cohort

COHORT = "Data analytics Spring 2027"


def _cohort(url: str, count: int = 14) -> CohortIds:
    database = open_database(url)
    try:
        return make_cohort(database, count, group_size=4, statuses={count - 1: "waitlisted"})
    finally:
        database.close()


@pytest.fixture
def path(tmp_path: Path) -> str:
    return str(tmp_path / "ixdesk.db")


def test_build_prints_the_proposal_and_changes_nothing(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _cohort(path)
    assert main(["--database", path, "groups", "build", "--cohort", COHORT.upper()]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Groups of 4 for {COHORT}: 13 students placed: 3 new groups of 4 or 5.")
    assert "\nGroup 1 (5 students, new)\n" in out and "\nGroup 3 (4 students, new)\n" in out
    assert "Ana Student0000 — Hollins Park Academy, grade 9" in out
    assert "   mix: " in out and "in grade 9" in out
    assert out.rstrip().endswith("Nothing was changed; add --apply to save these groups.")
    database = open_database(path)
    try:
        assert g.builder_data(database, find_cohort(database, COHORT)).groups == []
    finally:
        database.close()


def test_build_applies_and_prints_json(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _cohort(path)
    args = ["--database", path, "groups", "build", "--cohort", COHORT, "--size", "3"]
    assert main([*args, "--apply", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["applied"] is True and document["placed"] == 13 and document["size"] == 3
    sizes = [group["size"] for group in document["groups"]]
    assert sorted(sizes) == [3, 3, 3, 4] and all(group["new"] for group in document["groups"])
    member = document["groups"][0]["members"][0]
    assert set(member) == {
        "id", "first_name", "last_name", "preferred_name", "school", "grade",
        "track_interest", "added",
    }  # fmt: skip
    assert document["groups"][0]["schools"][0]["students"] >= 1
    listed = {s["id"] for group in document["groups"] for s in group["members"]}
    assert listed == set(ids.students[:13])  # the waitlisted student is not placed
    database = open_database(path)
    try:
        data = g.builder_data(database, ids.cohort_id)
        assert {group.id for group in data.groups} == {x["id"] for x in document["groups"]}
    finally:
        database.close()
    assert main(args) == 0
    assert "already in a group; nothing to do" in capsys.readouterr().out


def test_unknown_cohort_and_missing_size_are_one_line_errors(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _cohort(path)
    assert main(["--database", path, "groups", "build", "--cohort", "Data analytcs Spring"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"Did you mean '{COHORT}'" in err
    database = open_database(path)

    def no_size(context: OperationContext) -> None:
        cohort = context.session.get(m.Cohort, ids.cohort_id)
        assert cohort is not None
        cohort.group_size = None

    run_operation(database, no_size)
    database.close()
    assert main(["--database", path, "groups", "build", "--cohort", COHORT]) == 1
    assert "has no group size yet; give one with --size N" in capsys.readouterr().err
    for size in ("1", "0", "-3", "51"):  # 0 is refused too, not read as "the cohort's size"
        assert (
            main(["--database", path, "groups", "build", "--cohort", COHORT, "--size", size]) == 1
        )
        assert "Choose a group size from 2 to 50." in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["--database", path, "groups", "build", "--cohort", COHORT, "--size", "six"])
    assert stopped.value.code == 2


def test_size_0_is_refused_not_read_as_the_cohorts_size(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _cohort(path)  # its group size is 4
    args = ["--database", path, "groups", "build", "--cohort", COHORT, "--apply"]
    assert main([*args, "--size", "0"]) == 1
    printed = capsys.readouterr()
    assert printed.err == "ixdesk: error: Choose a group size from 2 to 50.\n"
    assert printed.out == ""
    database = open_database(path)
    try:
        assert g.builder_data(database, find_cohort(database, COHORT)).groups == []
    finally:
        database.close()


def test_list_groups_of_one_cohort_with_members(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _cohort(database_url, 6)
    database = open_database(database_url)
    try:
        other = make_cohort(database, 3, name="Marketing Summer 2027")
        first = g.create_group(database, ids.cohort_id, "Falcons")
        g.move_students(database, ids.cohort_id, ids.students[:2], first)
        g.create_group(database, other.cohort_id, "Elsewhere")
    finally:
        database.close()
    args = ["--database", database_url, "list", "groups", "--cohort", COHORT]
    assert main([*args, "--json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)
    assert group["name"] == "Falcons" and group["member_count"] == 2
    assert [x["last_name"] for x in group["members"]] == ["Student0000", "Student0001"]
    assert set(group["members"][0]) == {
        "id", "first_name", "last_name", "preferred_name", "email", "school", "grade",
    }  # fmt: skip
    assert group["assistants"] == [] and group["lead_instructor"] is None
    assert {"business_problem", "partner_company"} <= set(group)
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "(1 row)"
    assert main(["--database", database_url, "list", "groups", "--cohort", "Nope"]) == 1
    assert "No cohort is called 'Nope'" in capsys.readouterr().err
    assert main(["--database", database_url, "list", "students", "--cohort", COHORT]) == 1
    assert "Only groups are listed for one cohort" in capsys.readouterr().err
