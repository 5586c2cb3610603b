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
from typing import Any

from sqlalchemy import insert, select, update

from ixdesk.db import models as m
from ixdesk.db.base import new_id, utcnow
from ixdesk.db.engine import Database
from ixdesk.db.enums import GroupStatus
from ixdesk.errors import ValidationError
from ixdesk.services.groups import apply_placements, next_group_names
from ixdesk.services.groups.changes import live_group_names
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
        taken = live_group_names(context, cohort_id)
        now = utcnow()
        rows: list[dict[str, Any]] = []
        ids: list[str] = []
        for group in plan.groups:
            if group.group_id is not None:
                ids.append(group.group_id)
                continue
            name = group.name
            if name.casefold() in {each.casefold() for each in taken}:
                name = next_group_names(taken, 1)[0]
            taken.append(name)
            row: dict[str, Any] = {
                "id": new_id(), "cohort_id": cohort_id, "name": name,
                "business_problem_id": group.problem_id, "status": GroupStatus.FORMING,
                "created_at": now, "updated_at": now, "version": 1,
            }  # fmt: skip
            rows.append(row)
            ids.append(row["id"])
        if rows:
            context.session.execute(insert(m.StudentGroup.__table__), rows)
            context.changed(["student_groups"], [row["id"] for row in rows])
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
            tuple(row["id"] for row in rows),
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
        if not applied.created:
            return
        ms, g = m.GroupMembership, m.StudentGroup
        created = list(applied.created)
        others = context.session.scalar(
            select(ms.id).where(ms.group_id.in_(created), ms.deleted_at.is_(None)).limit(1)
        )
        if others is not None:
            raise ValidationError(
                "Students were added to the matched groups since; move them out first, then undo."
            )
        now = utcnow()
        context.session.execute(
            update(g)
            .where(g.id.in_(created))
            .values(deleted_at=now, updated_at=now, version=g.version + 1)
        )
        context.changed(["student_groups"], created)

    run_operation(database, work, hub=hub)


def redo_match(database: Database, applied: AppliedMatch, *, hub: ChangeHub | None = None) -> None:
    """Bring back the groups the match made and place everyone again."""

    def work(context: OperationContext) -> None:
        if applied.created:
            g = m.StudentGroup
            now = utcnow()
            context.session.execute(
                update(g)
                .where(g.id.in_(list(applied.created)))
                .values(deleted_at=None, updated_at=now, version=g.version + 1)
            )
            context.changed(["student_groups"], applied.created)
        _set_problems(context, {g: after for g, (_before, after) in applied.problems.items()})
        apply_placements(context, applied.cohort_id, applied.placements, expected=applied.previous)

    run_operation(database, work, hub=hub)
