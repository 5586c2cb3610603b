"""``ixdesk groups build`` and ``ixdesk groups match``: propose groups for a cohort.

    ixdesk groups build --cohort NAME [--size N] [--apply] [--json]
    ixdesk groups match --cohort NAME [--size N] [--time-limit S] [--apply] [--json]

Without --apply nothing changes: the proposal is printed for a person to
read (each group with its members, their school and grade, and the group's
school and grade mix) or as JSON. How auto-build decides is in docs/groups.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any, TextIO

from ixdesk.commands import matching

EXIT_OK = 0


def add_parsers(commands: Any) -> None:
    groups = commands.add_parser(
        "groups",
        help="build a cohort's student groups",
        description="Work with a cohort's student groups.",
    )
    actions = groups.add_subparsers(dest="groups_action", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build",
        help="propose groups for the enrolled students not yet in a group",
        description="Propose groups that spread schools, grades and track interests evenly; "
        "existing groups are kept and topped up first. Nothing changes without --apply.",
    )
    build.add_argument("--cohort", required=True, metavar="NAME")
    build.add_argument(
        "--size", type=int, metavar="N", help="students per group, 2 to 50 (default: the cohort's)"
    )
    build.add_argument("--apply", action="store_true", help="create the proposed groups")
    build.add_argument("--json", action="store_true", help="print the proposal as JSON")
    matching.add_parser(actions)


def creates_database(args: argparse.Namespace) -> bool:
    """Only ``--apply`` writes; a proposal alone never starts a new database."""
    return bool(args.apply)


def run(args: argparse.Namespace, database: Any) -> int:
    from ixdesk.errors import IxdeskError
    from ixdesk.services import autobuild
    from ixdesk.services.groups import builder_data
    from ixdesk.services.read.finding import find_cohort
    from ixdesk.services.settings import load_settings

    cohort_id = find_cohort(database, args.cohort)
    data = builder_data(database, cohort_id)
    size = args.size
    if size is None:  # the cohort's own, else the organisation's default
        size = data.cohort.group_size or load_settings(database).default_group_size
    if size is None:
        raise IxdeskError(
            f"The cohort {data.cohort.name} has no group size yet; give one with --size N "
            "(or set a default: ixdesk settings default_group_size N)."
        )
    if args.groups_action == "match":
        return matching.run(args, database, size, cohort_id)
    proposal = autobuild.propose_groups(
        data.unassigned, size, data.groups, track=data.cohort.track_id
    )
    ids: list[str | None] = [group.group_id for group in proposal.groups]
    applied = False
    if args.apply and proposal.placed:
        result = autobuild.apply_proposal(database, cohort_id, proposal)
        created = iter(result.created)
        ids = [group_id or next(created) for group_id in ids]
        applied = True
    if args.json:
        _write_json(data.cohort.name, proposal, ids, applied, sys.stdout)
    else:
        _write_text(data.cohort.name, proposal, applied, sys.stdout)
    return EXIT_OK


def _grade(item: tuple[int | None, int]) -> tuple[bool, int]:
    return (item[0] is None, item[0] or 0)


def _member(student: Any, added: bool) -> dict[str, Any]:
    return {
        "id": student.id,
        "first_name": student.first_name,
        "last_name": student.last_name,
        "preferred_name": student.preferred_name,
        "school": student.school,
        "grade": student.grade,
        "track_interest": student.track_interest,
        "added": added,
    }


def _write_json(
    cohort: str, proposal: Any, ids: list[str | None], applied: bool, out: TextIO
) -> None:
    groups = []
    for group, group_id in zip(proposal.groups, ids, strict=True):
        if not group.added:
            continue
        schools = Counter(s.school for s in group.members)
        grades = Counter(s.grade for s in group.members)
        groups.append(
            {
                "id": group_id,
                "name": group.name,
                "new": group.group_id is None,
                "size": group.size,
                "members": [_member(s, False) for s in group.existing]
                + [_member(s, True) for s in group.added],
                "schools": [{"school": k, "students": n} for k, n in schools.most_common()],
                "grades": [
                    {"grade": k, "students": n} for k, n in sorted(grades.items(), key=_grade)
                ],
            }
        )
    document = {
        "cohort": cohort,
        "size": proposal.size,
        "applied": applied,
        "placed": proposal.placed,
        "groups": groups,
    }
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _write_text(cohort: str, proposal: Any, applied: bool, out: TextIO) -> None:
    from ixdesk.services.autobuild import mix

    if not proposal.placed:
        out.write(f"Every enrolled student of {cohort} is already in a group; nothing to do.\n")
        return
    out.write(f"Groups of {proposal.size} for {cohort}: {proposal.summary()}\n")
    for group in proposal.groups:
        if not group.added:
            continue
        what = "new" if group.group_id is None else f"existing, {len(group.added)} added"
        out.write(f"\n{group.name} ({group.size} students, {what})\n")
        for student, added in [(s, False) for s in group.existing] + [
            (s, True) for s in group.added
        ]:
            grade = "grade not known" if student.grade is None else f"grade {student.grade}"
            school = student.school or "school not known"
            mark = "+" if added and group.group_id is not None else " "
            out.write(f" {mark} {student.name} — {school}, {grade}\n")
        schools, grades = mix(group.members)
        shown = [f"{n} {name}" for name, n in schools] + [f"{n} in {name}" for name, n in grades]
        out.write("   mix: " + ", ".join(shown) + "\n")
    if applied:
        out.write(f"\nDone: the groups are saved in {cohort}.\n")
    else:
        out.write("\nNothing was changed; add --apply to save these groups.\n")
