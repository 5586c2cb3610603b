"""A match's answer: the groups it proposes, what each student got, and why.

``match`` runs both steps (:mod:`.choosing`, :mod:`.forming`) and gives the
groups their names: a proposed group that shares students with an existing
group that no lock or lead ties down takes that group's place (OR-Tools'
linear sum assignment pairs them by most shared members), the rest are new
"Group N"; existing groups nobody is left in are listed as emptied.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ortools.graph.python import linear_sum_assignment

from ixdesk.errors import ValidationError
from ixdesk.services.groups import next_group_names
from ixdesk.services.matching.choosing import choose_problems, groups_of, ranked_cost
from ixdesk.services.matching.forming import Slot, form_groups
from ixdesk.services.matching.setup import Candidate, MatchSetup

DEFAULT_SECONDS = 10.0
WORKERS = 2


@dataclass(frozen=True)
class PlannedGroup:
    name: str
    group_id: str | None  # an existing group, or None for a new one
    problem_id: str | None
    members: tuple[str, ...]  # student ids
    locked: bool = False


@dataclass(frozen=True)
class MatchPlan:
    setup: MatchSetup
    groups: tuple[PlannedGroup, ...]
    emptied: tuple[str, ...]  # existing groups left with nobody (their problem is taken off)
    cost: int
    bound: int
    optimal: bool
    seconds: float

    def group_of(self, student_id: str) -> int | None:
        for index, group in enumerate(self.groups):
            if student_id in group.members:
                return index
        return None

    def problem_of(self) -> dict[str, str | None]:
        return {s: g.problem_id for g in self.groups for s in g.members}

    def placements(self) -> dict[str, int]:
        """Each student the plan places (locked groups aside), as an index into ``groups``."""
        return {s: i for i, g in enumerate(self.groups) if not g.locked for s in g.members}

    @property
    def new_groups(self) -> list[PlannedGroup]:
        return [g for g in self.groups if g.group_id is None]

    def with_move(self, student_id: str, to_index: int) -> MatchPlan:
        """The same plan with one student moved to another of its groups (locked ones refuse)."""
        source = self.group_of(student_id)
        candidate = next((c for c in self.setup.students if c.id == student_id), None)
        if source is None or candidate is None or self.groups[to_index].locked:
            raise ValidationError(
                "Only students the match places can be moved, and not into a locked group."
            )
        if self.groups[source].locked or candidate.fixed:
            raise ValidationError("This student is locked in their group; unlock them first.")
        if source == to_index:
            return self
        groups = list(self.groups)
        groups[source] = replace(
            groups[source], members=tuple(s for s in groups[source].members if s != student_id)
        )
        groups[to_index] = replace(
            groups[to_index], members=(*groups[to_index].members, student_id)
        )
        plan = replace(self, groups=tuple(groups))
        return replace(plan, cost=cost_of(plan.setup, plan.problem_of()))

    def summary(self) -> str:
        new = len(self.new_groups)
        kept = sum(1 for g in self.groups if g.group_id is not None and not g.locked)
        parts = [f"{_count(new, 'new group', 'new groups')}"]
        if kept:
            parts.append(f"{_count(kept, 'existing group', 'existing groups')} rearranged")
        if self.emptied:
            parts.append(f"{_count(len(self.emptied), 'group', 'groups')} left empty")
        how = "best possible" if self.optimal else f"within {self.gap():.1%} of the best possible"
        return (
            f"{_count(len(self.placements()), 'student', 'students')} matched: "
            + "; ".join(parts)
            + f". Sum of squared ranks {self.cost:,} ({how})."
        )

    def gap(self) -> float:
        return 0.0 if self.cost <= 0 else max(self.cost - self.bound, 0) / self.cost


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def cost_of(setup: MatchSetup, problem_of: dict[str, str | None]) -> int:
    unranked = setup.unranked_cost()
    return sum(
        ranked_cost(c, problem, unranked)
        for c in setup.students
        if (problem := problem_of.get(c.id)) is not None
    )


def match(
    setup: MatchSetup, *, seconds: float = DEFAULT_SECONDS, workers: int = WORKERS
) -> MatchPlan:
    """Match the cohort's students to problems and groups (see the package's description)."""
    started = time.monotonic()
    choice = choose_problems(setup, seconds * 0.7, workers)
    anchored = [g for g in setup.groups if g.id in choice.anchored]
    left = max(seconds - (time.monotonic() - started), 1.0)
    slots = form_groups(
        setup, choice.problem_of, groups_of(choice, anchored), choice.new_groups, left, workers
    )
    groups, emptied = _name(setup, slots, set(choice.anchored))
    problem_of = {s: g.problem_id for g in groups for s in g.members}
    fixed = {s: problem_of.get(s) for g in groups if g.locked for s in g.members}
    return MatchPlan(
        setup,
        tuple(groups),
        tuple(emptied),
        cost_of(setup, problem_of),
        choice.bound + cost_of(setup, fixed),
        choice.optimal,
        time.monotonic() - started,
    )


def _name(
    setup: MatchSetup, slots: list[Slot], anchored: set[str]
) -> tuple[list[PlannedGroup], list[str]]:
    locked = [g for g in setup.groups if g.locked]
    members_now: dict[str, set[str]] = {}
    for c in setup.students:
        if c.group_id is not None:
            members_now.setdefault(c.group_id, set()).add(c.id)
    free = [g for g in setup.groups if not g.locked and g.id not in anchored]
    loose = [i for i, slot in enumerate(slots) if slot.group is None]
    mate = _pair_up(
        [{c.id for c in slots[i].members} for i in loose],
        [members_now.get(g.id, set()) for g in free],
        [slots[i].problem_id for i in loose],
        [g.problem_id for g in free],
    )
    taken = [g.name for g in setup.groups]
    fresh = iter(next_group_names(taken, sum(1 for m in mate if m is None)))
    planned: list[PlannedGroup] = [
        PlannedGroup(g.name, g.id, g.problem_id, tuple(sorted(members_now.get(g.id, ()))), True)
        for g in locked
    ]
    used: set[str] = set()
    by_slot: dict[int, tuple[str, str | None]] = {}
    for position, index in enumerate(loose):
        found = mate[position]
        if found is None:
            by_slot[index] = (next(fresh), None)
        else:
            by_slot[index] = (free[found].name, free[found].id)
            used.add(free[found].id)
    for index, slot in enumerate(slots):
        name, group_id = (slot.group.name, slot.group.id) if slot.group else by_slot[index]
        members = tuple(c.id for c in sorted(slot.members, key=lambda c: c.student.sort_key))
        planned.append(PlannedGroup(name, group_id, slot.problem_id, members))
    in_use = used | {slot.group.id for slot in slots if slot.group}
    emptied = [g.id for g in setup.groups if not g.locked and g.id not in in_use]
    return planned, emptied


def _pair_up(
    formed: list[set[str]], existing: list[set[str]], problems: list[str], had: list[str | None]
) -> list[int | None]:
    """For each formed group, the existing group it replaces (most shared members), or None."""
    if not formed or not existing:
        return [None] * len(formed)
    size = max(len(formed), len(existing))
    solver = linear_sum_assignment.SimpleLinearSumAssignment()
    for i in range(size):
        for j in range(size):
            gain = 0
            if i < len(formed) and j < len(existing):
                gain = 2 * len(formed[i] & existing[j]) + (problems[i] == had[j])
            solver.add_arc_with_cost(i, j, -gain)
    if solver.solve() != solver.OPTIMAL:
        return [None] * len(formed)
    found: list[int | None] = []
    for i in range(len(formed)):
        j = solver.right_mate(i)
        found.append(j if j < len(existing) else None)
    return found


def distribution(setup: MatchSetup, problem_of: dict[str, str | None]) -> list[tuple[str, int]]:
    """(label, students): 1st choice, 2nd choice…, "not ranked", "no problem yet"."""
    every = {c.id: problem_of.get(c.id) for c in setup.students}
    return choice_counts({c.id: c.ranks for c in setup.students}, every)


def choice_counts(
    ranks: Mapping[str, Mapping[str, int]], problem_of: Mapping[str, str | None]
) -> list[tuple[str, int]]:
    """The priority distribution of these students (``problem_of``'s keys) and problems."""
    counts: Counter[int | str | None] = Counter()
    for student_id, problem in problem_of.items():
        counts["none" if problem is None else ranks.get(student_id, {}).get(problem)] += 1
    most = max((max(r.values(), default=0) for r in ranks.values()), default=0)
    rows = [(ordinal(rank) + " choice", counts[rank]) for rank in range(1, most + 1)]
    rows.append(("Not ranked", counts[None]))
    rows.append(("No problem yet", counts["none"]))
    return rows


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def current_problems(setup: MatchSetup) -> dict[str, str | None]:
    """Each student's problem in the groups as they are now (None: none yet)."""
    return {
        c.id: (group.problem_id if (group := setup.group(c.group_id)) else None)
        for c in setup.students
    }


def candidate(setup: MatchSetup, student_id: str) -> Candidate | None:
    return next((c for c in setup.students if c.id == student_id), None)
