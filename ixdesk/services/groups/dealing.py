"""Dealing students into groups so schools, grades and track interests spread evenly.

A pure algorithm over plain rows, used by auto-build (whose module docstring
says what it promises). Two steps:

1. Deal: students school by school over the groups' open places, round-robin,
   so a school's students land in as many groups as possible; within a
   school's run, each place takes the student whose grade and track interest
   its group has fewest of so far.
2. Settle: swap placed students between two groups while that lowers how far
   any group is over its fair share (rounded up) of a school, a grade or an
   interest. A fixed budget of tries keeps 2,000 students well under a second.

Every loop runs in a fixed order, so the same input gives the same groups.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ixdesk.services.folding import fold
from ixdesk.services.groups.rows import StudentRow

CHOSEN, OTHER, UNKNOWN = 0, 1, 2  # track interest: the cohort's track, another, not known
WEIGHTS = (3, 2, 2)  # how much being over a fair share of a school, grade, interest weighs
SWAP_TRIES = 150_000  # swaps weighed at most while settling
ROUNDS = 8

Key = Callable[[StudentRow], Any]


def interest(student: StudentRow, track_id: str | None) -> int:
    if student.track_interest_id is None:
        return UNKNOWN
    return CHOSEN if track_id is not None and student.track_interest_id == track_id else OTHER


def deal(
    pool: Sequence[StudentRow],
    capacity: Sequence[int],
    existing: Sequence[Sequence[StudentRow]],
    track_id: str | None,
) -> list[list[StudentRow]]:
    """The students each group receives; group i takes ``capacity[i]`` of ``pool``.

    ``existing[i]`` are the members group i already has (counted, never moved).
    """
    keys: tuple[Key, ...] = (
        lambda s: fold(s.school or ""),
        lambda s: s.grade,
        lambda s: interest(s, track_id),
    )
    grades = [Counter(s.grade for s in members) for members in existing]
    interests = [Counter(keys[2](s) for s in members) for members in existing]
    slots = [i for r in range(max(capacity, default=0)) for i, c in enumerate(capacity) if c > r]
    placed: list[list[StudentRow]] = [[] for _ in capacity]
    by_school: dict[str, list[StudentRow]] = {}
    for student in pool:
        by_school.setdefault(keys[0](student), []).append(student)
    cursor = 0
    for school in sorted(by_school, key=lambda name: (name == "", name)):
        run = by_school[school]
        kinds: dict[tuple[int | None, int], list[StudentRow]] = {}
        for student in reversed(run):  # pop() then takes them in the order given
            kinds.setdefault((student.grade, keys[2](student)), []).append(student)
        for group in slots[cursor : cursor + len(run)]:
            grade, wish = min(
                (kind for kind, left in kinds.items() if left),
                key=lambda kind: (
                    grades[group][kind[0]] + interests[group][kind[1]],
                    grades[group][kind[0]],
                    -len(kinds[kind]),
                    kind[0] is None,
                    kind[0] or 0,
                    kind[1],
                ),
            )
            placed[group].append(kinds[(grade, wish)].pop())
            grades[group][grade] += 1
            interests[group][wish] += 1
        cursor += len(run)
    if len(placed) > 1:
        _Settler(placed, existing, keys).settle()
    return placed


class _Settler:
    """Swaps placed students while that brings groups nearer their fair shares."""

    def __init__(
        self,
        placed: list[list[StudentRow]],
        existing: Sequence[Sequence[StudentRow]],
        keys: tuple[Key, ...],
    ) -> None:
        self.placed, self.keys = placed, keys
        self.sizes = [len(group) + len(existing[i]) for i, group in enumerate(placed)]
        self.everyone = max(sum(self.sizes), 1)
        self.counts = [
            [Counter(key(s) for s in (*existing[i], *group)) for i, group in enumerate(placed)]
            for key in keys
        ]
        self.totals = [sum(per_group, Counter()) for per_group in self.counts]
        self.tries = SWAP_TRIES

    def over(self, a: int, g: int, value: Any, count: int) -> int:
        fair = -(-self.totals[a][value] * self.sizes[g] // self.everyone)  # rounded up
        return max(0, count - fair)

    def gain(self, s: StudentRow, g: int, t: StudentRow, h: int) -> int:
        """How much less over their fair shares groups g and h are once s and t swap."""
        self.tries -= 1
        change = 0
        for a, key in enumerate(self.keys):
            v, w = key(s), key(t)
            if v == w:
                continue
            cg, ch, over = self.counts[a][g], self.counts[a][h], self.over
            before = over(a, g, v, cg[v]) + over(a, g, w, cg[w])
            before += over(a, h, w, ch[w]) + over(a, h, v, ch[v])
            after = over(a, g, v, cg[v] - 1) + over(a, g, w, cg[w] + 1)
            after += over(a, h, w, ch[w] - 1) + over(a, h, v, ch[v] + 1)
            change += WEIGHTS[a] * (before - after)
        return change

    def settle(self) -> None:
        for _round in range(ROUNDS):
            swapped = False
            for a in range(len(self.keys)):
                for g in range(len(self.placed)):
                    over_values = [v for v, c in self.counts[a][g].items() if self.over(a, g, v, c)]
                    for value in over_values:
                        swapped = self._swap_one(a, g, value) or swapped
                        if self.tries <= 0:
                            return
            if not swapped:
                return

    def _swap_one(self, a: int, g: int, value: Any) -> bool:
        """Swap one of group g's students with this value for a better one, if any."""
        key = self.keys[a]
        for s in [s for s in self.placed[g] if key(s) == value]:
            for h, group in enumerate(self.placed):
                if h == g or self.over(a, h, value, self.counts[a][h][value] + 1):
                    continue
                for t in group:
                    if self.tries <= 0:
                        return False
                    if key(t) != value and self.gain(s, g, t, h) > 0:
                        self._swap(s, g, t, h)
                        return True
        return False

    def _swap(self, s: StudentRow, g: int, t: StudentRow, h: int) -> None:
        placed = self.placed
        placed[g][placed[g].index(s)] = t
        placed[h][placed[h].index(t)] = s
        for a, key in enumerate(self.keys):
            v, w = key(s), key(t)
            self.counts[a][g][v] -= 1
            self.counts[a][g][w] += 1
            self.counts[a][h][w] -= 1
            self.counts[a][h][v] += 1
