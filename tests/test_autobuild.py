"""Auto-build: proposal properties (pure), and applying, undoing and redoing one."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from ixdesk.db import Database
from ixdesk.errors import ChangedElsewhereError, ValidationError
from ixdesk.services import autobuild as ab
from ixdesk.services import groups as g
from ixdesk.services.groups import GroupRow, StudentRow
from tests.group_cohort import make_cohort
from tests.memberships import membership_pairs

TRACK, OTHER = "track-data", "track-marketing"


def students(count: int, seed: int = 1, schools: int = 12) -> list[StudentRow]:
    """A realistic mix: a few big schools and many small ones, uneven grades."""
    rng = random.Random(seed)
    names = [f"School {n}" for n in range(schools)]
    weights = [1 / (n + 1) for n in range(schools)]
    return [
        StudentRow(
            f"s{index:05d}",
            rng.choice(["Ana", "Ben", "Zoë", "Łukasz"]),
            f"Last{rng.randrange(10_000):04d}",
            None,
            None,
            rng.choices(names, weights)[0] if index % 50 else None,
            rng.choices([9, 10, 11, 12, None], [4, 3, 2, 2, 1])[0],
            rng.choices([TRACK, OTHER, None], [7, 2, 1])[0],
            None,
        )
        for index in range(count)
    ]


def over_fair_share(proposal: ab.Proposal, key: Callable[[StudentRow], Any]) -> int:
    """How far the worst group goes over its fair share (rounded up) of any value."""
    everyone = [s for group in proposal.groups for s in group.members]
    totals = Counter(key(s) for s in everyone)
    worst = 0
    for group in proposal.groups:
        for value, count in Counter(key(s) for s in group.members).items():
            fair = math.ceil(totals[value] * group.size / len(everyone))
            worst = max(worst, count - fair)
    return worst


@pytest.mark.parametrize(
    ("count", "size"), [(2000, 6), (600, 5), (37, 4), (13, 6), (121, 3), (8, 8), (9, 2)]
)
def test_sizes_within_one_and_every_student_exactly_once(count: int, size: int) -> None:
    pool = students(count, seed=count)
    proposal = ab.propose_groups(pool, size, track=TRACK)
    sizes = [group.size for group in proposal.groups]
    assert max(sizes) - min(sizes) <= 1
    assert all(abs(each - size) <= 1 for each in sizes) or len(sizes) == 1
    placed = [s.id for group in proposal.groups for s in group.added]
    assert sorted(placed) == sorted(s.id for s in pool)
    names = [group.name for group in proposal.groups]
    assert names == [f"Group {n}" for n in range(1, len(names) + 1)]


def test_two_thousand_in_sixes_are_sixes_and_sevens() -> None:
    proposal = ab.propose_groups(students(2000), 6, track=TRACK)
    assert Counter(group.size for group in proposal.groups) == {6: 331, 7: 2}
    assert proposal.summary() == "2,000 students placed: 333 new groups of 6 or 7."
    assert ab.new_group_sizes(3, 6) == [3]  # a few students alone still make one group
    assert min(ab.new_group_sizes(2000, 6)) > 2


@pytest.mark.parametrize("seed", range(6))
def test_schools_grades_and_interests_spread(seed: int) -> None:
    pool = students(600 + seed * 97, seed=seed, schools=4 + seed * 5)
    proposal = ab.propose_groups(pool, 4 + seed % 3, track=TRACK)
    assert over_fair_share(proposal, lambda s: s.school) == 0
    assert over_fair_share(proposal, lambda s: s.grade) <= 1
    assert over_fair_share(proposal, lambda s: s.track_interest_id) <= 1


def test_students_of_the_cohorts_track_are_in_every_group() -> None:
    pool = students(240, seed=9)
    chosen = sum(1 for s in pool if s.track_interest_id == TRACK)
    proposal = ab.propose_groups(pool, 6, track=TRACK)
    per_group = [sum(s.track_interest_id == TRACK for s in x.members) for x in proposal.groups]
    share = chosen / len(proposal.groups)
    assert min(per_group) >= math.floor(share) - 1 and max(per_group) <= math.ceil(share) + 1
    others = [sum(s.track_interest_id == OTHER for s in x.members) for x in proposal.groups]
    assert max(others) <= 3  # never a group of students who wanted another track


def test_same_input_same_proposal_in_any_order() -> None:
    pool = students(500, seed=4)
    first = ab.propose_groups(pool, 5, track=TRACK)
    shuffled = list(pool)
    random.Random(2).shuffle(shuffled)
    assert ab.propose_groups(shuffled, 5, track=TRACK) == first


def test_existing_groups_are_topped_up_first_and_names_continue() -> None:
    pool = students(40, seed=3)
    members = tuple(pool[:5])
    existing = [
        GroupRow("g1", "Group 3", "forming", None, None, None, None, None, None, members[:2]),
        GroupRow("g2", "Falcons", "forming", None, None, None, None, None, None, members[2:]),
    ]
    proposal = ab.propose_groups(pool[5:], 6, existing, track=TRACK)
    by_name = {group.name: group for group in proposal.groups}
    assert by_name["Group 3"].size == 6 and by_name["Falcons"].size == 6
    assert by_name["Group 3"].group_id == "g1" and len(by_name["Group 3"].added) == 4
    new = [group for group in proposal.groups if group.group_id is None]
    assert [group.name for group in new] == ["Group 4", "Group 5", "Group 6", "Group 7", "Group 8"]
    assert sorted(group.size for group in new) == [5, 5, 6, 6, 6]  # 28 left: closest to 6
    # A remainder too small for a group of its own joins the full groups instead.
    topped = ab.propose_groups(pool[5:7], 6, existing, track=TRACK)
    assert [group.size for group in topped.groups] == [4, 3]
    full = [
        GroupRow(
            f"f{n}",
            f"Group {n}",
            "forming",
            None,
            None,
            None,
            None,
            None,
            None,
            tuple(pool[n * 6 : n * 6 + 6]),
        )
        for n in range(3)
    ]
    extra = ab.propose_groups(pool[18:21], 6, full, track=TRACK)
    assert [group.size for group in extra.groups] == [7, 7, 7]


def test_a_student_can_be_moved_in_the_proposal() -> None:
    proposal = ab.propose_groups(students(30), 5, track=TRACK)
    student = proposal.groups[0].added[0]
    moved = proposal.with_move(student.id, 2)
    assert student not in moved.groups[0].added and student in moved.groups[2].added
    assert moved.groups[2].size == proposal.groups[2].size + 1
    assert moved.placements()[student.id] == 2
    with pytest.raises(ValidationError):
        proposal.with_move("nobody", 1)
    with pytest.raises(ValidationError, match="from 2 to 50"):
        ab.propose_groups(students(5), 1)


def test_mix_counts_schools_and_grades() -> None:
    pool = students(12, seed=5)
    schools, grades = ab.mix(pool)
    assert sum(count for _name, count in schools) == 12
    assert sum(count for _name, count in grades) == 12
    assert schools[0][1] == max(count for _name, count in schools)


def test_apply_undo_and_redo(database: Database) -> None:
    cohort = make_cohort(database, 30, group_size=6)
    existing = g.create_group(database, cohort.cohort_id, "Falcons")
    g.move_students(database, cohort.cohort_id, cohort.students[:2], existing)
    before = membership_pairs(database, cohort.cohort_id)
    assert before == {(student, existing) for student in cohort.students[:2]}
    data = g.builder_data(database, cohort.cohort_id)
    proposal = ab.propose_groups(data.unassigned, 6, data.groups, track=data.cohort.track_id)
    applied = ab.apply_proposal(database, cohort.cohort_id, proposal)
    placed = membership_pairs(database, cohort.cohort_id)
    assert placed == before | set(applied.placements.items())
    after = g.builder_data(database, cohort.cohort_id)
    assert after.unassigned == []
    assert sorted(len(x.members) for x in after.groups) == [6, 6, 6, 6, 6]
    assert len(applied.created) == 4 and len(applied.placements) == 28
    ab.undo_proposal(database, applied)
    undone = g.builder_data(database, cohort.cohort_id)
    assert [x.name for x in undone.groups] == ["Falcons"] and len(undone.unassigned) == 28
    assert len(undone.groups[0].members) == 2
    assert membership_pairs(database, cohort.cohort_id) == before
    ab.redo_proposal(database, applied)
    redone = g.builder_data(database, cohort.cohort_id)
    assert {x.id for x in redone.groups} == {existing, *applied.created}
    assert redone.unassigned == []
    assert membership_pairs(database, cohort.cohort_id) == placed


def test_a_stale_proposal_changes_nothing(database: Database) -> None:
    cohort = make_cohort(database, 12, group_size=4)
    data = g.builder_data(database, cohort.cohort_id)
    proposal = ab.propose_groups(data.unassigned, 4, track=data.cohort.track_id)
    taken = g.create_group(database, cohort.cohort_id, "Group 2")  # someone else, meanwhile
    g.move_students(database, cohort.cohort_id, cohort.students[:1], taken)
    with pytest.raises(ChangedElsewhereError):
        ab.apply_proposal(database, cohort.cohort_id, proposal)
    assert [x.name for x in g.builder_data(database, cohort.cohort_id).groups] == ["Group 2"]
    g.move_students(database, cohort.cohort_id, cohort.students[:1], None)
    applied = ab.apply_proposal(database, cohort.cohort_id, proposal)
    names = sorted(x.name for x in g.builder_data(database, cohort.cohort_id).groups)
    assert names == ["Group 1", "Group 2", "Group 3", "Group 4"]  # "Group 2" moved on
    assert len(applied.created) == 3
