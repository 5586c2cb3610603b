"""Creating, renaming, merging and dissolving groups, each with its exact inverse.

Each function is one transaction through ``run_operation`` and returns what
its inverse needs: a dissolved group comes back with the same members, a
merge is undone by bringing the merged groups back and returning each member
to the group they came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from ixdesk.db import models as m
from ixdesk.db.base import new_id, utcnow
from ixdesk.db.engine import Database
from ixdesk.db.enums import GroupStatus
from ixdesk.errors import RecordNotFoundError, ValidationError
from ixdesk.services.groups.placing import Placements, apply_placements
from ixdesk.services.operations import (
    ChangeHub,
    OperationContext,
    live_record,
    run_operation,
)
from ixdesk.services.tables import canonical_id
from ixdesk.services.validation.base import one_line_name

NAME_LENGTH = 120
_NUMBERED = re.compile(r"group\s+(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class MergeResult:
    """What a merge did: ``moved`` maps each student who moved to their former group."""

    target_id: str
    source_ids: tuple[str, ...]
    moved: Placements


@dataclass(frozen=True)
class DissolveResult:
    """The dissolved groups and each one's members (student ids)."""

    cohort_id: str
    members: dict[str, tuple[str, ...]]


def clean_name(name: str) -> str:
    return one_line_name(name, "group", NAME_LENGTH)


def next_group_names(existing: Iterable[str], count: int) -> list[str]:
    """ "Group N" names continuing after the highest number already used."""
    taken = {name.casefold() for name in existing}
    numbers = [int(found.group(1)) for name in taken if (found := _NUMBERED.fullmatch(name))]
    number = max(numbers, default=0)
    names: list[str] = []
    while len(names) < count:
        number += 1
        if f"group {number}" not in taken:
            names.append(f"Group {number}")
    return names


def live_group_names(context: OperationContext, cohort_id: str) -> list[str]:
    g = m.StudentGroup
    return list(
        context.session.scalars(
            select(g.name).where(g.cohort_id == cohort_id, g.deleted_at.is_(None))
        )
    )


def _live_group(context: OperationContext, group_id: str) -> m.StudentGroup:
    return live_record(context.session, m.StudentGroup, group_id, None)


def _member_ids(context: OperationContext, group_ids: Sequence[str]) -> dict[str, list[str]]:
    ms = m.GroupMembership
    members: dict[str, list[str]] = {group_id: [] for group_id in group_ids}
    rows = context.session.execute(
        select(ms.group_id, ms.student_id).where(
            ms.group_id.in_(list(group_ids)), ms.deleted_at.is_(None)
        )
    )
    for group_id, student_id in rows:
        members[canonical_id(group_id)].append(canonical_id(student_id))
    return members


def create_group(
    database: Database, cohort_id: str, name: str | None = None, *, hub: ChangeHub | None = None
) -> str:
    """A new, empty group in the cohort (named "Group N" when no name is given); its id."""

    def work(context: OperationContext) -> str:
        cohort = context.session.get(m.Cohort, cohort_id)
        if cohort is None or cohort.deleted_at is not None:
            raise RecordNotFoundError("This cohort no longer exists; it may have been deleted.")
        chosen = (
            clean_name(name)
            if name
            else next_group_names(live_group_names(context, cohort_id), 1)[0]
        )
        group = m.StudentGroup(cohort_id=cohort_id, name=chosen)
        context.session.add(group)
        context.session.flush()
        return group.id

    return run_operation(database, work, hub=hub)


def rename_group(
    database: Database, group_id: str, name: str, *, hub: ChangeHub | None = None
) -> str:
    """Give the group a new name; returns the name it had."""
    wanted = clean_name(name)

    def work(context: OperationContext) -> str:
        group = _live_group(context, group_id)
        before = group.name
        if before != wanted:
            group.name = wanted
        return before

    return run_operation(database, work, hub=hub)


def delete_empty_group(database: Database, group_id: str, *, hub: ChangeHub | None = None) -> None:
    """Remove a group that has no members (undoes creating it)."""

    def work(context: OperationContext) -> None:
        group = _live_group(context, group_id)
        if _member_ids(context, [group.id])[group.id]:
            raise ValidationError(
                f"{group.name} has members now; move them out of it first, then try again."
            )
        group.deleted_at = utcnow()

    run_operation(database, work, hub=hub)


def restore_group(database: Database, group_id: str, *, hub: ChangeHub | None = None) -> None:
    """Bring back a removed group, empty (redoes creating it)."""

    def work(context: OperationContext) -> None:
        _restore(context, [group_id])

    run_operation(database, work, hub=hub)


def _restore(context: OperationContext, group_ids: Iterable[str]) -> None:
    for group_id in group_ids:
        group = context.session.get(m.StudentGroup, group_id)
        if group is None:
            raise RecordNotFoundError("This group no longer exists.")
        group.deleted_at = None
    context.session.flush()


def merge_groups(
    database: Database,
    target_id: str,
    source_ids: Sequence[str],
    *,
    hub: ChangeHub | None = None,
) -> MergeResult:
    """Move every member of the source groups into the target; the sources are removed."""
    sources = tuple(dict.fromkeys(each for each in source_ids if each != target_id))
    if not sources:
        raise ValidationError("Choose at least two groups to merge.")

    def work(context: OperationContext) -> MergeResult:
        target = _live_group(context, target_id)
        groups = [_live_group(context, each) for each in sources]
        if any(group.cohort_id != target.cohort_id for group in groups):
            raise ValidationError("Only groups of the same cohort can be merged.")
        members = _member_ids(context, [group.id for group in groups])
        moved: Placements = {student: group for group, ids in members.items() for student in ids}
        apply_placements(
            context, target.cohort_id, dict.fromkeys(moved, target.id), require_enrolled=False
        )
        now = utcnow()
        for group in groups:
            group.deleted_at = now
        return MergeResult(target.id, tuple(group.id for group in groups), moved)

    return run_operation(database, work, hub=hub)


def unmerge_groups(database: Database, merge: MergeResult, *, hub: ChangeHub | None = None) -> None:
    """Undo a merge: the merged groups come back with the members they had."""

    def work(context: OperationContext) -> None:
        target = _live_group(context, merge.target_id)
        _restore(context, merge.source_ids)
        apply_placements(
            context,
            target.cohort_id,
            merge.moved,
            expected=dict.fromkeys(merge.moved, target.id),
            require_enrolled=False,
        )

    run_operation(database, work, hub=hub)


def dissolve_groups(
    database: Database, group_ids: Sequence[str], *, hub: ChangeHub | None = None
) -> DissolveResult:
    """Members go back to "not in a group" and the groups are removed."""
    if not group_ids:
        raise ValidationError("Choose a group to dissolve.")

    def work(context: OperationContext) -> DissolveResult:
        groups = [_live_group(context, each) for each in dict.fromkeys(group_ids)]
        cohorts = {group.cohort_id for group in groups}
        if len(cohorts) != 1:
            raise ValidationError("Dissolve groups of one cohort at a time.")
        (cohort_id,) = cohorts
        members = _member_ids(context, [group.id for group in groups])
        leaving = [student for ids in members.values() for student in ids]
        apply_placements(context, cohort_id, dict.fromkeys(leaving), require_enrolled=False)
        now = utcnow()
        for group in groups:
            group.deleted_at = now
        return DissolveResult(
            canonical_id(cohort_id), {key: tuple(ids) for key, ids in members.items()}
        )

    return run_operation(database, work, hub=hub)


def restore_dissolved(
    database: Database, dissolved: DissolveResult, *, hub: ChangeHub | None = None
) -> None:
    """Undo dissolving: the groups come back, each with the members it had."""

    def work(context: OperationContext) -> None:
        _restore(context, dissolved.members)
        placements = {student: group for group, ids in dissolved.members.items() for student in ids}
        apply_placements(
            context,
            dissolved.cohort_id,
            placements,
            expected=dict.fromkeys(placements),
            require_enrolled=False,
        )

    run_operation(database, work, hub=hub)


# --- groups a proposal makes (auto-build, matching) ---------------------------------------
def insert_proposed_groups(
    context: OperationContext,
    cohort_id: str,
    groups: Sequence[tuple[str | None, str, str | None]],
) -> tuple[list[str], list[str]]:
    """Make the new groups of a proposal: (existing id or None, name, business problem).

    Returns every group's id in order, and the ids made. A new group's name
    taken meanwhile moves on to the next free "Group N".
    """
    taken = live_group_names(context, cohort_id)
    now = utcnow()
    rows: list[dict[str, object]] = []
    ids: list[str] = []
    for group_id, name, problem_id in groups:
        if group_id is not None:
            ids.append(group_id)
            continue
        if name.casefold() in {each.casefold() for each in taken}:
            name = next_group_names(taken, 1)[0]
        taken.append(name)
        row: dict[str, object] = {
            "id": new_id(), "cohort_id": cohort_id, "name": name,
            "business_problem_id": problem_id, "status": GroupStatus.FORMING,
            "created_at": now, "updated_at": now, "version": 1,
        }  # fmt: skip
        rows.append(row)
        ids.append(str(row["id"]))
    if rows:
        context.session.execute(insert(m.StudentGroup.__table__), rows)
        context.changed(["student_groups"], [str(row["id"]) for row in rows])
    return ids, [str(row["id"]) for row in rows]


def remove_proposed_groups(context: OperationContext, created: Sequence[str]) -> None:
    """Undo: remove the groups a proposal made, once its students are out of them."""
    if not created:
        return
    ms, g = m.GroupMembership, m.StudentGroup
    others = context.session.scalar(
        select(ms.id).where(ms.group_id.in_(list(created)), ms.deleted_at.is_(None)).limit(1)
    )
    if others is not None:
        raise ValidationError(
            "Students were added to the new groups since they were made; move them out "
            "first, then undo."
        )
    now = utcnow()
    context.session.execute(
        update(g)
        .where(g.id.in_(list(created)))
        .values(deleted_at=now, updated_at=now, version=g.version + 1)
    )
    context.changed(["student_groups"], created)


def restore_proposed_groups(context: OperationContext, created: Sequence[str]) -> None:
    """Redo: bring back the groups a proposal made."""
    if not created:
        return
    g, now = m.StudentGroup, utcnow()
    context.session.execute(
        update(g)
        .where(g.id.in_(list(created)))
        .values(deleted_at=None, updated_at=now, version=g.version + 1)
    )
    context.changed(["student_groups"], created)
