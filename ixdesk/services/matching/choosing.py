"""Step one of a match: which business problem each student works on, and how many groups
each problem gets, with CP-SAT.

The objective is the sum of squared ranks (a problem the student did not
rank costs more than any rank). Group sizes enter as bounds on each
problem's head count (its groups times ``size − 1`` up to times ``size + 1``),
and every rule about single groups enters as what it means for the problem's
groups together (two students kept apart may share a problem only when it has
two groups or more; "at most 2 from one school" allows twice the number of
groups of that school on the problem), so step two (:mod:`.forming`) can
always split a problem's students into its groups.

Students whose choices alone matter (no pair, lock or rule names them) are
modelled by their ranked problems and one "none of my choices" literal;
how many such students each problem takes is one integer per problem. That
keeps 2,000 students with five choices each to about 12,000 literals instead
of 80,000, and gives the same optimum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ixdesk.services.matching.assumptions import Assumptions, MatchConflict, make_solver
from ixdesk.services.matching.setup import LEADS_WORDS, Candidate, ExistingGroup, MatchSetup

LinearTerms = list[cp_model.LinearExprT]


@dataclass(frozen=True)
class Choice:
    """Step one's answer."""

    problem_of: dict[str, str]  # student id -> problem id (free and fixed students)
    anchored: dict[str, str | None]  # existing group id -> its problem (None: left empty)
    new_groups: dict[str, int]  # problem id -> new groups to make
    cost: int  # sum of squared ranks of the matched students
    bound: int  # no match can cost less than this
    optimal: bool
    seconds: float


def ranked_cost(candidate: Candidate, problem_id: str, unranked: int) -> int:
    rank = candidate.ranks.get(problem_id)
    return unranked if rank is None else rank * rank


class _Model:
    def __init__(self, setup: MatchSetup) -> None:
        self.setup = setup
        self.model = cp_model.CpModel()
        self.assume = Assumptions(self.model)
        self.problems = [p.id for p in setup.problems]
        locked = {g.id for g in setup.groups if g.locked}
        self.students = [c for c in setup.students if c.group_id not in locked]
        self.fixed = [c for c in self.students if c.fixed]
        # Groups whose identity matters: they hold students who stay, or (with leads) every one.
        holding = {c.group_id for c in self.fixed}
        self.anchored = [
            g for g in setup.groups if not g.locked and (setup.use_leads or g.id in holding)
        ]
        named = {c.id for c in self.fixed} | {s for p in setup.pairs for s in (p.first, p.second)}
        whole = bool(setup.rules) or setup.use_leads
        self.full = [c for c in self.students if whole or c.id in named]
        self.light = [c for c in self.students if not (whole or c.id in named)]
        self.unranked = setup.unranked_cost()
        self.y: dict[tuple[str, str], cp_model.IntVar] = {}
        self.none: dict[str, cp_model.IntVar] = {}
        self.a: dict[tuple[str, str], cp_model.IntVar] = {}

    # --- variables ---
    def build(self) -> None:
        setup, model = self.setup, self.model
        most = len(self.students) // setup.lowest + 1
        cost: LinearTerms = []
        on: dict[str, LinearTerms] = {p: [] for p in self.problems}
        for c in self.full:
            row = [self._y(c.id, p) for p in self.problems]
            model.add_exactly_one(row)
            for p in self.problems:
                on[p].append(self.y[c.id, p])
                cost.append(ranked_cost(c, p, self.unranked) * self.y[c.id, p])
        elsewhere: dict[str, cp_model.IntVar] = {}
        if self.light:
            for p in self.problems:
                elsewhere[p] = model.new_int_var(0, len(self.light), f"elsewhere {p}")
                on[p].append(elsewhere[p])
            for c in self.light:
                row = [self._y(c.id, p) for p in self.problems if p in c.ranks]
                self.none[c.id] = model.new_bool_var(f"none {c.id}")
                model.add_exactly_one([*row, self.none[c.id]])
                for p in c.ranks:
                    if p in on:
                        on[p].append(self.y[c.id, p])
                        cost.append(c.ranks[p] ** 2 * self.y[c.id, p])
                cost.append(self.unranked * self.none[c.id])
            model.add(sum(elsewhere.values()) == sum(self.none.values()))
        self.elsewhere = elsewhere
        self.count = {p: cp_model.LinearExpr.sum(on[p]) for p in self.problems}
        for g in self.anchored:
            row = [self._a(g.id, p) for p in self.problems]
            model.add_at_most_one(row)
        self.new = {
            p: model.new_int_var(0, 0 if setup.use_leads else most, f"new {p}")
            for p in self.problems
        }
        self.groups = {
            p: cp_model.LinearExpr.sum([self.new[p], *(self.a[g.id, p] for g in self.anchored)])
            for p in self.problems
        }
        self.multi = {p: model.new_bool_var(f"two or more {p}") for p in self.problems}
        for p in self.problems:
            model.add(self.groups[p] >= 2).only_enforce_if(self.multi[p])
            model.add(self.groups[p] <= 1).only_enforce_if(~self.multi[p])
        self.cost = sum(cost)
        self._constraints()
        model.minimize(self.cost)

    def sizes_near(self, solver: cp_model.CpSolver) -> None:
        """Keep the best cost found and, among such answers, make groups near the asked size."""
        model, setup = self.model, self.setup
        model.add(self.cost <= int(solver.objective_value))
        for variable in list(self.y.values()) + list(self.none.values()) + list(self.a.values()):
            model.add_hint(variable, solver.boolean_value(variable))
        for variable in list(self.new.values()) + list(self.elsewhere.values()):
            model.add_hint(variable, solver.value(variable))
        spread: LinearTerms = []
        for p in self.problems:
            away = model.new_int_var(0, len(self.students) * setup.size, f"away {p}")
            model.add(away >= self.count[p] - setup.size * self.groups[p])
            model.add(away >= setup.size * self.groups[p] - self.count[p])
            spread.append(away)
        model.minimize(cp_model.LinearExpr.sum(spread))

    def _y(self, student_id: str, problem_id: str) -> cp_model.IntVar:
        key = (student_id, problem_id)
        if key not in self.y:
            self.y[key] = self.model.new_bool_var(f"y {student_id} {problem_id}")
        return self.y[key]

    def _a(self, group_id: str, problem_id: str) -> cp_model.IntVar:
        key = (group_id, problem_id)
        if key not in self.a:
            self.a[key] = self.model.new_bool_var(f"a {group_id} {problem_id}")
        return self.a[key]

    # --- constraints ---
    def _constraints(self) -> None:
        setup, model, assume = self.setup, self.model, self.assume
        sizes = assume.literal(setup.size_words())
        for p in self.problems:
            model.add(self.count[p] >= setup.lowest * self.groups[p]).only_enforce_if(sizes)
            model.add(self.count[p] <= setup.highest * self.groups[p]).only_enforce_if(sizes)
        self._capacity()
        self._fixed()
        self._pairs()
        self._leads()
        self._rules()

    def _capacity(self) -> None:
        setup = self.setup
        for problem in setup.problems:
            taken: LinearTerms = []
            for g in setup.groups:
                if g.locked and g.problem_id == problem.id:
                    taken.append(self.assume.literal(_locked_words(g.name, g.problem_id, setup)))
            if problem.max_groups is None:
                continue
            noun = "group" if problem.max_groups == 1 else "groups"
            words = f"{problem.title} takes at most {problem.max_groups} {noun}"
            if problem.max_groups == 0:
                words = f"{problem.title} takes no groups"
            limit = self.assume.literal(words)
            total = cp_model.LinearExpr.sum([self.groups[problem.id], *taken])
            self.model.add(total <= problem.max_groups).only_enforce_if(limit)

    def _fixed(self) -> None:
        setup = self.setup
        for c in self.fixed:
            group = setup.group(c.group_id)
            assert group is not None
            if c.locked:
                literal = self.assume.literal(f"{c.student.name} is locked in {group.name}")
                enforce: list[cp_model.IntVar] = [literal]
            else:
                enforce = []  # no longer enrolled: stays where they are
            for p in self.problems:
                self.model.add(self.y[c.id, p] == self.a[group.id, p]).only_enforce_if(enforce)

    def _pairs(self) -> None:
        setup = self.setup
        matched = {c.id for c in self.students}
        locked = {c.id: c.group_id for c in setup.students if c.id not in matched}
        for pair in setup.pairs:
            literal = self.assume.literal(setup.pair_words(pair))
            if pair.first in locked or pair.second in locked:
                # A locked group takes nobody new: kept together means both in it already.
                same = locked.get(pair.first) == locked.get(pair.second)
                if pair.together and not same:
                    group = setup.group(locked.get(pair.first) or locked.get(pair.second))
                    assert group is not None
                    keep = self.assume.literal(_locked_words(group.name, group.problem_id, setup))
                    self.model.add_bool_or([~literal, ~keep])
                continue
            for p in self.problems:
                a, b = self.y[pair.first, p], self.y[pair.second, p]
                if pair.together:
                    self.model.add(a == b).only_enforce_if(literal)
                else:
                    self.model.add(a + b <= 1).only_enforce_if([literal, ~self.multi[p]])

    def _leads(self) -> None:
        setup = self.setup
        if not setup.use_leads:
            return
        literal = self.assume.literal(LEADS_WORDS)
        sizes = self.assume.literal(setup.size_words())
        minors = [c for c in self.full if c.minor]
        adults = [c for c in self.full if not c.minor]
        cleared = [g for g in self.anchored if g.lead_cleared]
        for p in self.problems:
            safe = sum(self.a[g.id, p] for g in cleared)
            young = sum(self.y[c.id, p] for c in minors)
            grown = sum(self.y[c.id, p] for c in adults)
            # Minors need a cleared group on their problem; how many it holds is the size's say.
            self.model.add(young <= len(minors) * safe).only_enforce_if(literal)
            self.model.add(young <= setup.highest * safe).only_enforce_if([literal, sizes])
            unsafe = self.groups[p] - safe
            self.model.add(grown >= setup.lowest * unsafe).only_enforce_if([literal, sizes])

    def _rules(self) -> None:
        for rule in self.setup.rules:
            literal = self.assume.literal(rule.describe())
            values: dict[str, list[Candidate]] = {}
            for c in self.full:
                value = rule.value_of(c.student)
                if rule.applies(value):
                    values.setdefault(value, []).append(c)
            for p in self.problems:
                for members in values.values():
                    count = sum(self.y[c.id, p] for c in members)
                    if rule.most is not None:
                        limit = rule.most * self.groups[p]
                        self.model.add(count <= limit).only_enforce_if(literal)
                    if rule.least is not None:
                        floor = rule.least * self.groups[p]
                        self.model.add(count >= floor).only_enforce_if(literal)

    # --- answer ---
    def answer(self, solver: cp_model.CpSolver, optimal: bool, bound: int) -> Choice:
        problem_of: dict[str, str] = {}
        for (student_id, problem_id), literal in self.y.items():
            if solver.boolean_value(literal):
                problem_of[student_id] = problem_id
        left = {p: int(solver.value(var)) for p, var in self.elsewhere.items()}
        waiting = sorted(
            (c for c in self.light if solver.boolean_value(self.none[c.id])),
            key=lambda c: c.student.sort_key,
        )
        for c in waiting:  # "none of my choices": any problem with room, in a fixed order
            problem_id = next(p for p in self.problems if left.get(p, 0) > 0)
            left[problem_id] -= 1
            problem_of[c.id] = problem_id
        anchored: dict[str, str | None] = {}
        for g in self.anchored:
            anchored[g.id] = next(
                (p for p in self.problems if solver.boolean_value(self.a[g.id, p])), None
            )
        cost = sum(
            ranked_cost(c, problem_of[c.id], self.unranked)
            for c in self.students
            if c.id in problem_of
        )
        return Choice(
            problem_of,
            anchored,
            {p: int(solver.value(self.new[p])) for p in self.problems},
            cost,
            bound,
            optimal,
            solver.wall_time,
        )


def _locked_words(name: str, problem_id: str | None, setup: MatchSetup) -> str:
    problem = setup.problem(problem_id)
    return f"{name} is locked" + (f" with {problem.title}" if problem else "")


def choose_problems(setup: MatchSetup, seconds: float, workers: int) -> Choice:
    """Solve step one; raise :class:`MatchConflict` naming the constraints that conflict."""
    from ixdesk.errors import ValidationError

    if not setup.problems:
        raise ValidationError(
            "No business problem to match: no student of this cohort ranked one and no group "
            "has one. Import or enter the students' choices first."
        )
    built = _Model(setup)
    built.build()
    built.assume.assume_all()
    solver = make_solver(workers, seconds)
    status = solver.solve(built.model)
    if status == cp_model.INFEASIBLE:
        raise MatchConflict(built.assume.explain(workers))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ValidationError(
            f"No match was found within {seconds:g} seconds; allow more time and match again."
        )
    optimal, bound = status == cp_model.OPTIMAL, int(solver.best_objective_bound)
    left = seconds - solver.wall_time
    if left > 0.5:
        built.sizes_near(solver)
        second = make_solver(workers, min(left, max(1.0, seconds * 0.2)))
        if second.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            solver = second
    return built.answer(solver, optimal, bound)


def groups_of(choice: Choice, anchored: Sequence[ExistingGroup]) -> dict[str, list[str]]:
    """Problem id -> the existing groups step one put on it."""
    found: dict[str, list[str]] = {}
    for g in anchored:
        problem_id = choice.anchored.get(g.id)
        if problem_id is not None:
            found.setdefault(problem_id, []).append(g.id)
    return found
