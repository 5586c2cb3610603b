"""``ixdesk groups match``: groups formed around the business problems students ranked.

    ixdesk groups match --cohort NAME [--size N] [--time-limit S] [--leads]
                        [--rule RULE ...] [--apply] [--json]

Without --apply nothing changes. How the match decides is in docs/groups.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

EXIT_OK = 0


def add_parser(actions: Any) -> None:
    match = actions.add_parser(
        "match",
        help="form groups around the business problems the students ranked",
        description="Form groups of the asked size (±1) and give each a business problem, "
        "so the sum of squared ranks is as small as it can be; then spread schools, grades "
        "and track interests. Locked groups and students stay. Nothing changes without --apply.",
    )
    match.add_argument("--cohort", required=True, metavar="NAME")
    match.add_argument(
        "--size", type=int, metavar="N", help="students per group, 2 to 50 (default: the cohort's)"
    )
    match.add_argument(
        "--time-limit", type=float, default=10.0, metavar="S", help="seconds to search (10)"
    )
    match.add_argument(
        "--leads",
        action="store_true",
        help="fill only the existing groups, with students under 18 only in groups whose lead "
        "instructor's safeguarding check covers the cohort",
    )
    match.add_argument(
        "--rule",
        action="append",
        default=[],
        metavar="RULE",
        help="a limit per group, e.g. school<=2 (at most 2 from one school) or grade=12>=1",
    )
    match.add_argument("--apply", action="store_true", help="save the matched groups")
    match.add_argument("--json", action="store_true", help="print the match as JSON")


def run(args: argparse.Namespace, database: Any, size: int, cohort_id: str) -> int:
    from ixdesk.errors import IxdeskError
    from ixdesk.services import matching
    from ixdesk.services.matching.applying import apply_match
    from ixdesk.services.matching.loading import load_setup

    if args.time_limit <= 0:
        raise IxdeskError("Give the time limit in seconds, more than 0.")
    rules = [matching.Rule.parse(text) for text in args.rule]
    setup = load_setup(database, cohort_id, size, use_leads=args.leads, rules=rules)
    plan = matching.match(setup, seconds=args.time_limit)
    ids: list[str | None] = [group.group_id for group in plan.groups]
    applied = False
    if args.apply and plan.placements():
        result = apply_match(database, cohort_id, plan)
        created = iter(result.created)
        ids = [group_id or next(created) for group_id in ids]
        applied = True
    if args.json:
        _write_json(plan, ids, applied, sys.stdout)
    else:
        _write_text(plan, applied, sys.stdout)
    return EXIT_OK


def _figures(plan: Any) -> list[dict[str, Any]]:
    from ixdesk.services.matching import current_problems, distribution

    now = dict(distribution(plan.setup, current_problems(plan.setup)))
    return [
        {"choice": label, "students": count, "now": now.get(label, 0)}
        for label, count in distribution(plan.setup, plan.problem_of())
    ]


def _write_json(plan: Any, ids: list[str | None], applied: bool, out: TextIO) -> None:
    from ixdesk.services.matching.why import why

    setup = plan.setup
    groups = []
    for group, group_id in zip(plan.groups, ids, strict=True):
        problem = setup.problem(group.problem_id)
        members = []
        for student_id in group.members:
            c = setup.candidate(student_id)
            assert c is not None
            members.append(
                {
                    "id": c.id,
                    "first_name": c.student.first_name,
                    "last_name": c.student.last_name,
                    "preferred_name": c.student.preferred_name,
                    "school": c.student.school,
                    "grade": c.student.grade,
                    "rank": c.ranks.get(group.problem_id or ""),
                    "why": why(plan, c.id),
                }
            )
        groups.append(
            {
                "id": group_id,
                "name": group.name,
                "new": group.group_id is None,
                "locked": group.locked,
                "business_problem_id": group.problem_id,
                "business_problem": problem.title if problem else None,
                "size": len(group.members),
                "members": members,
            }
        )
    document = {
        "cohort": setup.cohort.name,
        "size": setup.size,
        "applied": applied,
        "sum_of_squared_ranks": plan.cost,
        "bound": plan.bound,
        "optimal": plan.optimal,
        "seconds": round(plan.seconds, 3),
        "choices": _figures(plan),
        "emptied": [setup.group(g).name for g in plan.emptied if setup.group(g)],
        "groups": groups,
    }
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _write_text(plan: Any, applied: bool, out: TextIO) -> None:
    from ixdesk.services.matching import ordinal

    setup = plan.setup
    out.write(f"Match for {setup.cohort.name}, groups of {setup.size}: {plan.summary()}\n")
    shown = ", ".join(
        f"{row['choice']} {row['students']:,} (now {row['now']:,})" for row in _figures(plan)
    )
    out.write(f"Choices: {shown}\n")
    for group in plan.groups:
        problem = setup.problem(group.problem_id)
        what = "locked" if group.locked else ("new" if group.group_id is None else "existing")
        title = problem.title if problem else "no business problem"
        out.write(f"\n{group.name} — {title} ({len(group.members)} students, {what})\n")
        for student_id in group.members:
            c = setup.candidate(student_id)
            assert c is not None
            rank = c.ranks.get(group.problem_id or "")
            said = f"{ordinal(rank)} choice" if rank else "not ranked"
            out.write(f"   {c.student.name} — {said}\n")
    for group_id in plan.emptied:
        group = setup.group(group_id)
        if group is not None:
            out.write(
                f"\n{group.name} is left with no students (its business problem is taken off).\n"
            )
    if applied:
        out.write(f"\nDone: the matched groups are saved in {setup.cohort.name}.\n")
    else:
        out.write("\nNothing was changed; add --apply to save these groups.\n")
