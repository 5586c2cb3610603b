"""Matching students to the business problems they ranked: optimum, capacity, locks, conflicts."""

from __future__ import annotations

import pytest

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services import groups as g
from ixdesk.services.matching import MatchConflict, Rule, current_problems, distribution, match
from ixdesk.services.matching.applying import apply_match, redo_match, undo_match
from ixdesk.services.matching.choices import set_locks, set_pair
from ixdesk.services.matching.loading import load_setup
from ixdesk.services.matching.why import why
from tests.match_world import make_world


def _ranks(plan: object) -> dict[str, int | None]:
    setup = plan.setup  # type: ignore[attr-defined]
    problem_of = plan.problem_of()  # type: ignore[attr-defined]
    return {c.id: c.ranks.get(problem_of.get(c.id) or "") for c in setup.students}


def test_everyone_who_can_have_their_first_choice_gets_it(database: Database) -> None:
    titles = ["Footfall forecasting", "Churn dashboard", "Pricing study"]
    choices = {i: [titles[i % 3], titles[(i + 1) % 3]] for i in range(12)}
    world = make_world(database, 12, dict.fromkeys(titles), choices)
    plan = match(load_setup(database, world.cohort_id, 4), seconds=5)
    assert set(_ranks(plan).values()) == {1}
    assert plan.cost == 12 and plan.optimal and plan.bound == 12
    assert sorted(len(group.members) for group in plan.groups) == [4, 4, 4]
    assert why(plan, world.student(0)) == "1st choice Footfall forecasting."
    rows = dict(distribution(plan.setup, plan.problem_of()))
    assert rows["1st choice"] == 12 and rows["2nd choice"] == 0 and rows["Not ranked"] == 0


def test_capacity_sends_exactly_the_expected_students_to_their_second_choice(
    database: Database,
) -> None:
    # Groups of 3 to 5. Footfall takes one group. Students 0-3 would rather do the pricing
    # study than the churn dashboard, 4 and 5 the churn dashboard, 6 wants the dashboard
    # first: so 4 and 5 (not 0-3) move to their second choice, with 6.
    choices: dict[int, list[str]] = {i: ["Footfall", "Pricing"] for i in range(4)}
    choices |= {4: ["Footfall", "Churn"], 5: ["Footfall", "Churn"], 6: ["Churn"]}
    world = make_world(database, 7, {"Footfall": 1, "Churn": None, "Pricing": None}, choices)
    plan = match(load_setup(database, world.cohort_id, 4), seconds=5)
    ranks = _ranks(plan)
    assert [ranks[world.student(i)] for i in range(7)] == [1, 1, 1, 1, 2, 2, 1]
    problem_of = plan.problem_of()
    assert {problem_of[world.student(i)] for i in (4, 5, 6)} == {world.problems["Churn"]}
    assert plan.cost == 4 + 4 + 4 + 1 and plan.optimal
    assert why(plan, world.student(4)) == (
        "Got 2nd choice Churn. 1st choice Footfall was full: its 1 group (at most 1) holds "
        "4 students, 4 of whom also ranked it first."
    )


def test_locked_groups_and_students_stay_and_accepting_is_undone_exactly(
    database: Database,
) -> None:
    titles = ["Footfall", "Churn", "Pricing"]
    choices = {i: ["Footfall", "Churn"] for i in range(12)}
    world = make_world(database, 12, dict.fromkeys(titles), choices)
    cohort = world.cohort_id
    locked_group = g.create_group(database, cohort, "Pricing crew")
    loose_group = g.create_group(database, cohort, "Tuesday group")
    kept = [world.student(i) for i in (0, 1, 2)]
    g.move_students(database, cohort, kept, locked_group)
    g.move_students(database, cohort, [world.student(3)], loose_group)
    with database.write() as session:
        row = session.get(m.StudentGroup, locked_group)
        assert row is not None
        row.business_problem_id = world.problems["Pricing"]
    set_locks(database, cohort, groups=[locked_group], locked=True)
    set_locks(database, cohort, students=[world.student(3)], locked=True)
    setup = load_setup(database, cohort, 3)
    before = current_problems(setup)
    plan = match(setup, seconds=5)
    pricing = next(group for group in plan.groups if group.group_id == locked_group)
    assert pricing.locked and set(pricing.members) == set(kept)
    assert pricing.problem_id == world.problems["Pricing"]
    assert plan.group_of(world.student(3)) == next(
        i for i, group in enumerate(plan.groups) if group.group_id == loose_group
    )
    assert why(plan, world.student(0)).startswith("Pricing crew is locked with Pricing")
    # The twelve wanted Footfall; the three locked on Pricing did not rank it.
    ranks = _ranks(plan)
    assert [ranks[s] for s in kept] == [None, None, None]
    assert all(ranks[world.student(i)] == 1 for i in range(3, 12))

    applied = apply_match(database, cohort, plan)
    data = g.builder_data(database, cohort)
    placed = {s.id: group.id for group in data.groups for s in group.members}
    assert {placed[s] for s in kept} == {locked_group}
    assert placed[world.student(3)] == loose_group
    assert not data.unassigned
    problems = {group.id: group.business_problem_id for group in data.groups}
    assert all(
        problems[placed[world.student(i)]] == world.problems["Footfall"] for i in range(3, 12)
    )

    undo_match(database, applied)
    after_undo = load_setup(database, cohort, 3)
    assert current_problems(after_undo) == before
    assert {c.id: c.group_id for c in after_undo.students} == {
        c.id: c.group_id for c in setup.students
    }
    assert len(g.builder_data(database, cohort).groups) == 2
    redo_match(database, applied)
    again = g.builder_data(database, cohort)
    assert {s.id: group.id for group in again.groups for s in group.members} == placed


def test_too_little_room_names_the_sizes_and_each_limit(database: Database) -> None:
    choices = {i: ["Footfall", "Churn"] for i in range(12)}
    world = make_world(database, 12, {"Footfall": 1, "Churn": 1}, choices)
    with pytest.raises(MatchConflict) as raised:
        match(load_setup(database, world.cohort_id, 4), seconds=5)
    assert sorted(raised.value.constraints) == [
        "Churn takes at most 1 group",
        "Footfall takes at most 1 group",
        "groups of 3 to 5 students (4 ± 1)",
    ]
    assert str(raised.value).startswith("No match is possible: These cannot all hold: ")


def test_pairs_that_contradict_each_other_are_named_and_nothing_else(
    database: Database,
) -> None:
    choices = {i: ["Footfall"] for i in range(8)}
    world = make_world(database, 8, {"Footfall": None}, choices)
    cohort, first, second = world.cohort_id, world.student(0), world.student(1)
    set_pair(database, cohort, first, second, "together")
    third = world.student(2)
    set_pair(database, cohort, first, third, "apart")
    set_pair(database, cohort, second, third, "together")
    with pytest.raises(MatchConflict) as raised:
        match(load_setup(database, cohort, 4), seconds=5)
    assert sorted(raised.value.constraints) == sorted(
        [
            "keep Ana Student0000 and Ben Student0001 together",
            "keep Ana Student0000 and Chloé Student0002 apart",
            "keep Ben Student0001 and Chloé Student0002 together",
        ]
    )
    assert str(raised.value).startswith("No match is possible: In the groups of Footfall, these")


def test_with_one_group_allowed_a_pair_kept_apart_names_the_limit(database: Database) -> None:
    choices = {i: ["Footfall"] for i in range(4)}
    world = make_world(database, 4, {"Footfall": 1}, choices)
    set_pair(database, world.cohort_id, world.student(0), world.student(3), "apart")
    with pytest.raises(MatchConflict) as raised:
        match(load_setup(database, world.cohort_id, 4), seconds=5)
    assert sorted(raised.value.constraints) == [
        "Footfall takes at most 1 group",
        "keep Ana Student0000 and Dev Student0003 apart",
    ]


def test_a_group_rule_is_kept_in_every_group(database: Database) -> None:
    # Schools repeat every four students; at most one of a school per group of 4.
    choices = {i: ["Footfall"] for i in range(16)}
    world = make_world(database, 16, {"Footfall": None}, choices)
    setup = load_setup(database, world.cohort_id, 4, rules=[Rule.parse("school<=1")])
    plan = match(setup, seconds=5)
    for group in plan.groups:
        schools = [setup.candidate(s).student.school for s in group.members]  # type: ignore[union-attr]
        assert len(schools) == len(set(schools)) == 4
    assert plan.cost == 16


def _leads_world(database: Database, minors: int) -> tuple[str, dict[str, str], list[str]]:
    """Eight students who all want Footfall, ``minors`` of them under 18; two groups, one
    led by a cleared instructor and one by an instructor whose check is pending."""
    from datetime import date, timedelta

    world = make_world(database, 8, {"Footfall": None}, {i: ["Footfall"] for i in range(8)})
    cohort = world.cohort_id
    groups = {name: g.create_group(database, cohort, name) for name in ("Cleared", "Pending")}
    with database.write() as session:
        for index, student_id in enumerate(world.ids.students):
            row = session.get(m.Student, student_id)
            assert row is not None
            row.date_of_birth = date(2011, 5, 1) if index < minors else date(2000, 5, 1)
        for name, status in (("Cleared", "cleared"), ("Pending", "pending")):
            lead = m.Instructor(
                first_name=name, last_name="Lead", safeguarding_status=status,
                safeguarding_expires_on=date.today() + timedelta(days=400),
            )  # fmt: skip
            session.add(lead)
            session.flush()
            group = session.get(m.StudentGroup, groups[name])
            assert group is not None
            group.lead_instructor_id = lead.id
    return cohort, groups, world.ids.students[:minors]


def test_with_leads_minors_are_only_in_the_group_whose_lead_is_cleared(
    database: Database,
) -> None:
    cohort, groups, minors = _leads_world(database, 4)
    plan = match(load_setup(database, cohort, 4, use_leads=True), seconds=5)
    assert not plan.new_groups
    cleared = next(i for i, group in enumerate(plan.groups) if group.group_id == groups["Cleared"])
    assert {plan.group_of(s) for s in minors} == {cleared}
    assert plan.cost == 8


def test_with_leads_too_many_minors_for_the_cleared_group_names_the_safeguarding_rule(
    database: Database,
) -> None:
    cohort, _groups, _minors = _leads_world(database, 7)
    with pytest.raises(MatchConflict) as raised:
        match(load_setup(database, cohort, 4, use_leads=True), seconds=5)
    assert sorted(raised.value.constraints) == [
        "groups of 3 to 5 students (4 ± 1)",
        "students under 18 only in groups whose lead instructor has a safeguarding check "
        "valid for the cohort's dates",
    ]
