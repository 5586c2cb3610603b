"""How close and how fast matching puts 2,000 students on the business problems they ranked.

    .venv/bin/python benchmarks/bench_match.py [--students 2000] [--problems 40] [--size 5]
        [--ranks 5] [--max-groups 12] [--seconds 10] [--workers 2] [--seed 1]

Target: solved to optimal, or within 1 % of the solver's bound, in under 10 s
on a 2-core machine. Printed in the same run, the greedy baseline: today's
auto-build (schools, grades and track interest spread evenly), then each
group in turn takes the problem its members want most (least sum of squared
ranks) among those with a group left.

Popularity is skewed (problem i is chosen in proportion to 1 / (i + 1)),
so the popular problems fill up and capacity decides who moves.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ixdesk.services import autobuild
from ixdesk.services.groups import CohortInfo, StudentRow
from ixdesk.services.matching import (
    Candidate,
    MatchSetup,
    ProblemInfo,
    distribution,
    match,
)


def make_setup(args: argparse.Namespace) -> MatchSetup:
    rng = random.Random(args.seed)
    problems = tuple(
        ProblemInfo(f"p{i:03d}", f"Problem {i + 1}", max_groups=args.max_groups or None)
        for i in range(args.problems)
    )
    weights = [1 / (i + 1) for i in range(args.problems)]
    tracks = ["track-a", "track-b", None]
    students = []
    for n in range(args.students):
        chosen: list[str] = []
        while len(chosen) < min(args.ranks, args.problems):
            pick = rng.choices(problems, weights)[0].id
            if pick not in chosen:
                chosen.append(pick)
        track = rng.choice(tracks)
        row = StudentRow(
            f"s{n:05d}",
            f"First{n}",
            f"Last{n:05d}",
            None,
            None,
            f"School {rng.randrange(40)}",
            rng.randint(9, 12),
            track,
            track,
        )
        students.append(Candidate(row, {p: r for r, p in enumerate(chosen, start=1)}))
    cohort = CohortInfo("c", "Benchmark cohort", "track-a", "Track A", args.size, "planning")
    return MatchSetup(cohort, args.size, tuple(students), problems)


def greedy_baseline(setup: MatchSetup) -> tuple[int, float]:
    """Auto-build, then each group takes its members' most wanted problem with room."""
    started = time.perf_counter()
    rows = [c.student for c in setup.students]
    proposal = autobuild.propose_groups(rows, setup.size, track=setup.cohort.track_id)
    ranks = {c.id: c.ranks for c in setup.students}
    left = {p.id: p.max_groups for p in setup.problems}
    unranked = setup.unranked_cost()
    total = 0
    for group in proposal.groups:
        open_ = [p for p, room in left.items() if room is None or room > 0]
        costs = {
            p: sum(ranks[s.id].get(p, 0) ** 2 or unranked for s in group.members) for p in open_
        }
        best = min(open_, key=lambda p: (costs[p], p))
        if left[best] is not None:
            left[best] = (left[best] or 0) - 1
        total += costs[best]
    return total, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--problems", type=int, default=40)
    parser.add_argument("--size", type=int, default=5)
    parser.add_argument("--ranks", type=int, default=5)
    parser.add_argument("--max-groups", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup = make_setup(args)
    print(
        f"{args.students:,} students, {args.problems} problems (at most {args.max_groups} groups "
        f"each), groups of {args.size}, {args.ranks} ranked choices each, "
        f"{args.workers} solver workers"
    )
    baseline, baseline_seconds = greedy_baseline(setup)
    started = time.perf_counter()
    plan = match(setup, seconds=args.seconds, workers=args.workers)
    seconds = time.perf_counter() - started
    state = "optimal" if plan.optimal else f"within {plan.gap():.2%} of the bound"
    print(
        f"match:           sum of squared ranks {plan.cost:,} ({state}; bound {plan.bound:,}) "
        f"in {seconds:.2f} s, {len(plan.groups)} groups"
    )
    print(f"greedy baseline: sum of squared ranks {baseline:,} in {baseline_seconds:.2f} s")
    shown = ", ".join(
        f"{label} {count:,}" for label, count in distribution(setup, plan.problem_of())
    )
    print(f"match:           {shown}")
    ok = seconds < 10 and (plan.optimal or plan.gap() <= 0.01)
    print("target (optimal or within 1 % in under 10 s):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
