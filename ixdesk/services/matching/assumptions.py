"""Constraints that can be switched off, so an impossible match can say which ones conflict.

Every constraint a coordinator set (a group size, a problem's "groups at
most", a pair, a lock, a rule) is enforced only under its own literal, and
the solver is asked to assume them all. When it finds no solution, CP-SAT
names a set of assumptions that cannot hold together
(``sufficient_assumptions_for_infeasibility``); that set is then made small
by dropping each constraint in turn and solving again while the rest still
conflict (a deletion filter), so the sentence names only what matters.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ixdesk.errors import IxdeskError

EXPLAIN_SECONDS = 20.0  # the most the explanation may take, all its solves together
CHECK_SECONDS = 4.0  # one feasibility check while shrinking the conflict
SHOWN = 8  # constraints named in the sentence; the rest are counted


class MatchConflict(IxdeskError):
    """The constraints cannot all hold; ``constraints`` names the ones that conflict."""

    def __init__(self, constraints: list[str], where: str = "") -> None:
        self.constraints = constraints
        shown = constraints[:SHOWN]
        more = len(constraints) - len(shown)
        listed = "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
        prefix = f"{where}, these" if where else "These"
        super().__init__(
            f"No match is possible: {prefix} cannot all hold: {listed}. "
            "Change one of them and match again."
        )


@dataclass
class Assumptions:
    """Literals guarding the constraints a person can change, each with its words."""

    model: cp_model.CpModel
    literals: list[cp_model.IntVar] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    _by_words: dict[str, cp_model.IntVar] = field(default_factory=dict)

    def literal(self, words: str) -> cp_model.IntVar:
        """The literal for the constraint these words describe (one per description)."""
        found = self._by_words.get(words)
        if found is None:
            found = self.model.new_bool_var(f"assume {len(self.literals)}")
            self._by_words[words] = found
            self.literals.append(found)
            self.words.append(words)
        return found

    def assume_all(self) -> None:
        self.model.clear_assumptions()
        self.model.add_assumptions(self.literals)

    def explain(self, workers: int) -> list[str]:
        """The words of a small set of constraints that cannot hold together."""
        started = time.monotonic()
        index = {literal.index: position for position, literal in enumerate(self.literals)}
        solver = _solver(workers=1, seconds=CHECK_SECONDS * 2)
        self.assume_all()
        core: list[int] = list(range(len(self.literals)))
        if solver.solve(self.model) == cp_model.INFEASIBLE:
            found = [
                index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in index
            ]
            if found and self._infeasible(sorted(set(found)), workers):
                core = sorted(set(found))
        for position in list(core):
            if time.monotonic() - started > EXPLAIN_SECONDS or len(core) == 1:
                break
            trial = [each for each in core if each != position]
            if self._infeasible(trial, workers):
                core = trial
        self.assume_all()
        return [self.words[position] for position in core]

    def _infeasible(self, positions: list[int], workers: int) -> bool:
        self.model.clear_assumptions()
        self.model.add_assumptions([self.literals[p] for p in positions])
        solver = _solver(workers=workers, seconds=CHECK_SECONDS)
        solver.parameters.stop_after_first_solution = True
        return bool(solver.solve(self.model) == cp_model.INFEASIBLE)


def _solver(workers: int, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.max_time_in_seconds = seconds
    return solver


def make_solver(workers: int, seconds: float) -> cp_model.CpSolver:
    """A solver with this many workers and this time limit, deterministic where it can be."""
    solver = _solver(workers, seconds)
    solver.parameters.random_seed = 1
    return solver
