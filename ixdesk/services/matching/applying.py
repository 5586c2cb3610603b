"""Saving a match in one transaction, and undoing it exactly.

Accepting a match creates its new groups (each with its business problem),
sets the problem of the existing groups it rearranged, takes the problem off
the groups it left empty, and places every student, all or nothing. A
student moved by someone else since the match was made refuses the whole
save. Undo puts every student and problem back and removes the new groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select, update

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import ValidationError
from ixdesk.services.groups import apply_placements
from ixdesk.services.groups.changes import (
    insert_proposed_groups,
    remove_proposed_groups,
    restore_proposed_groups,
)
from ixdesk.services.matching.plan import MatchPlan
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.tables import canonical_id


@dataclass(frozen=True)
class AppliedMatch:
    """What ``apply_match`` wrote: undo and redo change exactly this."""

    cohort_id: str
    created: tuple[str, ...]
    placements: dict[str, str]  # student -> their group after the match
    previous: dict[str, str | None]  # student -> their group before it
    problems: dict[str, tuple[str | None, str | None]]  # group -> (problem before, after)


def _set_problems(context: OperationContext, problems: Mapping[str, str | None]) -> None:
    g = m.StudentGroup
    now = utcnow()
    for group_id, problem_id in problems.items():
        context.session.execute(
            update(g)
            .where(g.id == group_id)
            .values(business_problem_id=problem_id, updated_at=now, version=g.version + 1)
        )
    if problems:
        context.changed(["student_groups"], list(problems))


def apply_match(
    database: Database, cohort_id: str, plan: MatchPlan, *, hub: ChangeHub | None = None
) -> AppliedMatch:
    """Save the plan: new groups, problems, every student placed; one transaction."""

    def work(context: OperationContext) -> AppliedMatch:
        ids, created = insert_proposed_groups(
            context, cohort_id, [(g.group_id, g.name, g.problem_id) for g in plan.groups]
        )
        wanted: dict[str, str | None] = {
            group_id: group.problem_id
            for group_id, group in zip(ids, plan.groups, strict=True)
            if group.group_id is not None and not group.locked
        }
        wanted.update(dict.fromkeys(plan.emptied))
        before = _problems_now(context, list(wanted))
        changed = {g: p for g, p in wanted.items() if before.get(g) != p}
        _set_problems(context, changed)
        placements = {student: ids[index] for student, index in plan.placements().items()}
        previous = {c.id: c.group_id for c in plan.setup.students if c.id in placements}
        apply_placements(context, cohort_id, placements, expected=previous)
        return AppliedMatch(
            cohort_id,
            tuple(created),
            placements,
            previous,
            {g: (before.get(g), p) for g, p in changed.items()},
        )

    return run_operation(database, work, hub=hub)


def _problems_now(context: OperationContext, group_ids: list[str]) -> dict[str, str | None]:
    if not group_ids:
        return {}
    g = m.StudentGroup
    rows = context.session.execute(
        select(g.id, g.business_problem_id).where(g.id.in_(group_ids), g.deleted_at.is_(None))
    )
    found = {canonical_id(a): (canonical_id(b) if b else None) for a, b in rows}
    if len(found) != len(set(group_ids)):
        raise ValidationError(
            "A group of this match was deleted meanwhile (perhaps by someone else); match again."
        )
    return found


def undo_match(database: Database, applied: AppliedMatch, *, hub: ChangeHub | None = None) -> None:
    """Put every student and problem back and remove the groups the match made."""

    def work(context: OperationContext) -> None:
        apply_placements(
            context,
            applied.cohort_id,
            applied.previous,
            expected=applied.placements,
            require_enrolled=False,
        )
        _set_problems(context, {g: before for g, (before, _after) in applied.problems.items()})
        remove_proposed_groups(context, applied.created)

    run_operation(database, work, hub=hub)


def redo_match(database: Database, applied: AppliedMatch, *, hub: ChangeHub | None = None) -> None:
    """Bring back the groups the match made and place everyone again."""

    def work(context: OperationContext) -> None:
        restore_proposed_groups(context, applied.created)
        _set_problems(context, {g: after for g, (_before, after) in applied.problems.items()})
        apply_placements(context, applied.cohort_id, applied.placements, expected=applied.previous)

    run_operation(database, work, hub=hub)
