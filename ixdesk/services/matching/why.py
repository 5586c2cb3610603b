"""Why a student got the problem the match gave them, in one or two sentences.

Told from the plan itself: for each problem the student ranked higher, what
stood in the way — it was full (its "groups at most" reached) with students
who ranked it as high or higher, it got no group (too few wanted it), its
groups were as large as groups may be, or taking the student there would
have moved others further from their wishes. Locks and keep-together pairs
are said first, since they decide before any choice does.
"""

from __future__ import annotations

from collections import Counter

from ixdesk.services.matching.plan import MatchPlan, ordinal
from ixdesk.services.matching.setup import Candidate

SHOWN_CHOICES = 2  # higher choices explained; the rest are counted


def _choice(rank: int, title: str) -> str:
    return f"{ordinal(rank)} choice {title}"


def why(plan: MatchPlan, student_id: str) -> str:
    setup = plan.setup
    student = setup.candidate(student_id)
    index = plan.group_of(student_id)
    if student is None or index is None:
        return "Not placed by this match."
    group = plan.groups[index]
    problem = setup.problem(group.problem_id)
    title = problem.title if problem else "no business problem"
    if group.locked:
        return f"{group.name} is locked with {title}; its members stay as they are."
    rank = student.ranks.get(group.problem_id or "")
    said: list[str] = []
    if student.fixed:
        said.append(f"Locked in {group.name}, which works on {title}.")
    partners = [
        setup.name_of(p.second if p.first == student_id else p.first)
        for p in setup.pairs
        if p.together and student_id in (p.first, p.second)
    ]
    if partners:
        said.append(f"Kept together with {' and '.join(partners)}.")
    if rank == 1:
        return " ".join([*said, f"{_choice(1, title)}."])
    got = f"{_choice(rank, title)}." if rank else f"{title}, which they did not rank."
    if not student.ranks:
        return " ".join([*said, f"{title}: they have not ranked any business problem."])
    higher = sorted(
        ((r, p) for p, r in student.ranks.items() if rank is None or r < rank),
        key=lambda item: item[0],
    )
    reasons = [_blocked(plan, student, r, p) for r, p in higher[:SHOWN_CHOICES]]
    more = len(higher) - SHOWN_CHOICES
    if more > 0:
        reasons.append(f"{more} more higher {'choice' if more == 1 else 'choices'} likewise")
    text = "; ".join(reasons)
    return " ".join([*said, f"Got {got}", text[:1].upper() + text[1:] + "."])


def _blocked(plan: MatchPlan, student: Candidate, rank: int, problem_id: str) -> str:
    setup = plan.setup
    problem = setup.problem(problem_id)
    title = problem.title if problem else "a business problem that no longer exists"
    choice = _choice(rank, title)
    groups = [g for g in plan.groups if g.problem_id == problem_id]
    members = [setup.candidate(s) for g in groups for s in g.members]
    on = [c for c in members if c is not None]
    as_high = sum(1 for c in on if c.ranks.get(problem_id, rank + 1) <= rank)
    noun = "group" if len(groups) == 1 else "groups"
    if problem is not None and problem.max_groups is not None and len(groups) >= problem.max_groups:
        if not groups:
            return f"{choice} takes no groups"
        also = "also ranked it first" if rank == 1 else f"ranked it {ordinal(rank)} or higher"
        verb = "holds" if len(groups) == 1 else "hold"
        return (
            f"{choice} was full: its {len(groups)} {noun} (at most {problem.max_groups}) "
            f"{verb} {len(on)} students, {as_high} of whom {also}"
        )
    if not groups:
        wanted = Counter(c.ranks.get(problem_id) for c in setup.students)
        first = wanted[1]
        return (
            f"{choice} got no group: making one for it ({setup.lowest} students at least; "
            f"{first} ranked it first) would have moved others further from their wishes"
        )
    if len(on) >= setup.highest * len(groups):
        return (
            f"{choice} was full: its {len(groups)} {noun} already have {setup.highest} "
            f"students each, {as_high} of whom ranked it as high or higher"
        )
    return (
        f"{choice} had room, but moving them there would have moved others further from "
        "their wishes"
    )
