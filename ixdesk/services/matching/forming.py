"""Step two of a match: the students of each business problem split into its groups.

Sizes differ by at most one. Where no rule about single groups touches a
problem (no pair, lock, lead or group rule), its students are dealt exactly
as auto-build deals them (:func:`ixdesk.services.groups.dealing.deal`:
schools round-robin, then grades and track interest evenly). Otherwise one
CP-SAT model per problem places them under those rules, minimising the same
measure auto-build settles by (how far any group is over its fair share of a
school, a grade or a track interest), starting from the dealt groups.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from ixdesk.services.folding import fold
from ixdesk.services.groups.dealing import WEIGHTS, deal, interest
from ixdesk.services.matching.assumptions import Assumptions, MatchConflict, make_solver
from ixdesk.services.matching.setup import LEADS_WORDS, Candidate, ExistingGroup, MatchSetup


@dataclass(frozen=True)
class Slot:
    """A group being formed for one problem: an existing group (``group``) or a new one."""

    problem_id: str
    group: ExistingGroup | None
    members: tuple[Candidate, ...]


def even_sizes(total: int, count: int) -> list[int]:
    small, extra = divmod(total, count)
    return [small + 1] * extra + [small] * (count - extra)


@dataclass
class _Problem:
    setup: MatchSetup
    problem_id: str
    students: list[Candidate]
    existing: list[ExistingGroup]
    new: int

    @property
    def count(self) -> int:
        return len(self.existing) + self.new

    def fixed_to(self, index: int) -> list[Candidate]:
        group = self.existing[index] if index < len(self.existing) else None
        return [
            c for c in self.students if group is not None and c.fixed and c.group_id == group.id
        ]

    def needs_model(self) -> bool:
        ids = {c.id for c in self.students}
        paired = any(p.first in ids or p.second in ids for p in self.setup.pairs)
        fixed = any(c.fixed for c in self.students)
        return self.count > 1 and (
            paired or fixed or self.setup.use_leads or bool(self.setup.rules)
        )

    def dealt(self) -> list[list[Candidate]]:
        """Auto-build's dealing of the students over the groups (fixed members stay)."""
        fixed = [self.fixed_to(i) for i in range(self.count)]
        loose = [c for c in self.students if not any(c in f for f in fixed)]
        sizes = sorted(even_sizes(len(self.students), self.count), reverse=True)
        order = sorted(range(self.count), key=lambda i: -len(fixed[i]))
        capacity = [0] * self.count
        for size, index in zip(sizes, order, strict=True):
            capacity[index] = max(size - len(fixed[index]), 0)
        shortfall = len(loose) - sum(capacity)
        for index in range(self.count):  # fixed members filled a group past its share
            if shortfall <= 0:
                break
            capacity[index] += 1
            shortfall -= 1
        by_id = {c.id: c for c in loose}
        rows = sorted((c.student for c in loose), key=lambda s: s.sort_key)
        placed = deal(
            rows, capacity, [[c.student for c in f] for f in fixed], self.setup.cohort.track_id
        )
        return [f + [by_id[s.id] for s in got] for f, got in zip(fixed, placed, strict=True)]


def form_groups(
    setup: MatchSetup,
    problem_of: dict[str, str],
    existing: dict[str, list[str]],
    new_groups: dict[str, int],
    seconds: float,
    workers: int,
) -> list[Slot]:
    """Every problem's groups; raise :class:`MatchConflict` when one problem's cannot be made."""
    by_problem: dict[str, list[Candidate]] = {}
    for c in setup.students:
        if c.id in problem_of:
            by_problem.setdefault(problem_of[c.id], []).append(c)
    slots: list[Slot] = []
    work = [
        _Problem(
            setup,
            problem.id,
            sorted(by_problem.get(problem.id, []), key=lambda c: c.student.sort_key),
            [g for g in setup.groups if g.id in existing.get(problem.id, [])],
            new_groups.get(problem.id, 0),
        )
        for problem in setup.problems
    ]
    modelled = [w for w in work if w.count and w.needs_model()]
    each = seconds / max(len(modelled), 1)
    for item in work:
        if not item.count:
            continue
        members = _modelled(item, each, workers) if item in modelled else item.dealt()
        for index, group_members in enumerate(members):
            group = item.existing[index] if index < len(item.existing) else None
            slots.append(Slot(item.problem_id, group, tuple(group_members)))
    return slots


Key = Callable[[Candidate], Any]


def _keys(setup: MatchSetup) -> tuple[Key, ...]:
    return (
        lambda c: fold(c.student.school or ""),
        lambda c: c.student.grade,
        lambda c: interest(c.student, setup.cohort.track_id),
    )


def _modelled(item: _Problem, seconds: float, workers: int) -> list[list[Candidate]]:
    setup, model = item.setup, cp_model.CpModel()
    assume = Assumptions(model)
    students, slots = item.students, range(item.count)
    x = {(c.id, g): model.new_bool_var(f"x {c.id} {g}") for c in students for g in slots}
    for c in students:
        model.add_exactly_one(x[c.id, g] for g in slots)
    sizes = assume.literal(setup.size_words())
    for g in slots:
        count = sum(x[c.id, g] for c in students)
        model.add(count >= setup.lowest).only_enforce_if(sizes)
        model.add(count <= setup.highest).only_enforce_if(sizes)
        for c in item.fixed_to(g):
            if c.locked:
                holder = item.existing[g]
                literal = assume.literal(f"{c.student.name} is locked in {holder.name}")
                model.add(x[c.id, g] == 1).only_enforce_if(literal)
            else:
                model.add(x[c.id, g] == 1)
    ids = {c.id for c in students}
    for pair in setup.pairs:
        if pair.first not in ids or pair.second not in ids:
            continue
        literal = assume.literal(setup.pair_words(pair))
        for g in slots:
            a, b = x[pair.first, g], x[pair.second, g]
            model.add(a == b if pair.together else a + b <= 1).only_enforce_if(literal)
    if setup.use_leads:
        literal = assume.literal(LEADS_WORDS)
        for g in slots:
            group = item.existing[g] if g < len(item.existing) else None
            if group is None or not group.lead_cleared:
                for c in students:
                    if c.minor:
                        model.add(x[c.id, g] == 0).only_enforce_if(literal)
    for rule in setup.rules:
        literal = assume.literal(rule.describe())
        values: dict[str, list[Candidate]] = {}
        for c in students:
            if rule.applies(value := rule.value_of(c.student)):
                values.setdefault(value, []).append(c)
        for members in values.values():
            for g in slots:
                count = sum(x[c.id, g] for c in members)
                if rule.most is not None:
                    model.add(count <= rule.most).only_enforce_if(literal)
                if rule.least is not None:
                    model.add(count >= rule.least).only_enforce_if(literal)
    over: list[cp_model.LinearExprT] = []
    for weight, key in zip(WEIGHTS, _keys(setup), strict=True):
        totals = Counter(key(c) for c in students)
        for value, total in totals.items():
            fair = -(-total // item.count)
            members = [c for c in students if key(c) == value]
            for g in slots:
                extra = model.new_int_var(0, total, "over")
                model.add(extra >= sum(x[c.id, g] for c in members) - fair)
                over.append(weight * extra)
    model.minimize(sum(over))
    try:
        for g, dealt in enumerate(item.dealt()):
            for c in dealt:
                model.add_hint(x[c.id, g], True)
    except (StopIteration, ValueError):
        pass  # no hint: the fixed members alone overfill the groups
    assume.assume_all()
    solver = make_solver(workers, max(seconds, 0.5))
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        title = next((p.title for p in setup.problems if p.id == item.problem_id), "a problem")
        raise MatchConflict(assume.explain(workers), where=f"In the groups of {title}")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        from ixdesk.errors import ValidationError

        raise ValidationError("No groups were found in the time allowed; allow more time.")
    return [[c for c in students if solver.boolean_value(x[c.id, g])] for g in slots]
