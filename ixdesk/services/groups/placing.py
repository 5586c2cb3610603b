"""Putting students into groups and taking them out, in one transaction each.

Every change is a *placement*: a student id mapped to a group id, or to None
for "not in a group". ``place_students`` applies placements and returns the
previous ones, so applying those undoes the change exactly; ``expected``
names the placements the person saw, and a student moved by someone else
since is refused rather than silently moved again.

Memberships are written with Core statements (50 students are three
statements, not 150 ORM flushes); a membership that ends is tombstoned
(``deleted_at``), one that moves keeps its row and names the new group.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import insert, select, update

from ixdesk.db import models as m
from ixdesk.db.base import new_id, utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import ChangedElsewhereError, RecordNotFoundError, ValidationError
from ixdesk.services.groups.rows import ENROLLED
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.read.common import person
from ixdesk.services.tables import canonical_id

Placements = dict[str, str | None]
MEMBERSHIPS = "group_memberships"
_CHUNK = 900  # ids per IN (...) list, well under SQLite's limit on bound values


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def current_placements(
    context: OperationContext, cohort_id: str, student_ids: list[str]
) -> tuple[Placements, dict[str, str]]:
    """Each student's live group (None when none) and their live membership row ids.

    A live membership whose group was deleted counts as no group, but its row
    is returned so that it is reused or ended rather than left dangling.
    """
    ms, g = m.GroupMembership, m.StudentGroup
    groups: Placements = dict.fromkeys(student_ids)
    rows: dict[str, str] = {}
    for chunk in _chunks(student_ids):
        statement = (
            select(ms.student_id, ms.id, ms.group_id, g.deleted_at)
            .join(g, g.id == ms.group_id)
            .where(ms.cohort_id == cohort_id, ms.deleted_at.is_(None), ms.student_id.in_(chunk))
        )
        for student_id, membership_id, group_id, group_deleted in context.session.execute(
            statement
        ):
            key = canonical_id(student_id)
            rows[key] = canonical_id(membership_id)
            groups[key] = canonical_id(group_id) if group_deleted is None else None
    return groups, rows


def _check_groups(context: OperationContext, cohort_id: str, group_ids: set[str]) -> None:
    if not group_ids:
        return
    g = m.StudentGroup
    live = {
        canonical_id(each)
        for each in context.session.scalars(
            select(g.id).where(
                g.id.in_(list(group_ids)), g.cohort_id == cohort_id, g.deleted_at.is_(None)
            )
        )
    }
    if group_ids - live:
        raise RecordNotFoundError(
            "The group was deleted or dissolved (perhaps by someone else) and can no longer "
            "take students; reload the cohort and choose another group."
        )


def _check_enrolled(context: OperationContext, cohort_id: str, student_ids: list[str]) -> None:
    """Refuse, naming them, students whose enrolment in the cohort is not "enrolled"."""
    e, s = m.Enrolment, m.Student
    statuses: dict[str, str] = {}
    for chunk in _chunks(student_ids):
        for student_id, status in context.session.execute(
            select(e.student_id, e.status).where(
                e.cohort_id == cohort_id, e.deleted_at.is_(None), e.student_id.in_(chunk)
            )
        ):
            statuses[canonical_id(student_id)] = str(getattr(status, "value", status))
    refused = [each for each in student_ids if statuses.get(each) != ENROLLED]
    if not refused:
        return
    names = {
        canonical_id(row[0]): person(row[1], row[2], row[3])
        for row in context.session.execute(
            select(s.id, s.first_name, s.last_name, s.preferred_name).where(s.id.in_(refused[:3]))
        )
    }
    shown = [
        f"{names.get(each, 'a student')} ({statuses.get(each, 'not enrolled').replace('_', ' ')})"
        for each in refused[:3]
    ]
    more = len(refused) - len(shown)
    listed = ", ".join(shown) + (f" and {more:,} more" if more else "")
    raise ValidationError(
        "Only students enrolled in this cohort can be placed in one of its groups; "
        f"not enrolled: {listed}. Enrol them on the cohort's enrolment board first."
    )


def apply_placements(
    context: OperationContext,
    cohort_id: str,
    placements: Mapping[str, str | None],
    *,
    expected: Mapping[str, str | None] | None = None,
    require_enrolled: bool = True,
) -> Placements:
    """The work of :func:`place_students`, inside a transaction already open."""
    student_ids = [canonical_id(each) for each in placements]
    wanted = {canonical_id(k): (canonical_id(v) if v else None) for k, v in placements.items()}
    previous, rows = current_placements(context, cohort_id, student_ids)
    if expected is not None:
        for student_id, group_id in expected.items():
            seen = canonical_id(group_id) if group_id else None
            if previous.get(canonical_id(student_id), seen) != seen:
                raise ChangedElsewhereError(
                    "Someone else moved some of these students since you last looked; "
                    "nothing was changed. Reload the cohort to see where they are now."
                )
    targets = {group for group in wanted.values() if group is not None}
    _check_groups(context, cohort_id, targets)
    joining = [each for each, group in wanted.items() if group is not None]
    if require_enrolled and joining:
        _check_enrolled(context, cohort_id, [e for e in joining if previous[e] != wanted[e]])
    now = utcnow()
    ms = m.GroupMembership
    ending = [rows[each] for each, group in wanted.items() if group is None and each in rows]
    moving: dict[str, list[str]] = {}
    new_rows: list[dict[str, Any]] = []
    for student_id, group_id in wanted.items():
        if group_id is None or (group_id == previous[student_id] and student_id in rows):
            continue
        if student_id in rows:
            moving.setdefault(group_id, []).append(rows[student_id])
        else:
            new_rows.append(
                {"id": new_id(), "group_id": group_id, "cohort_id": cohort_id,
                 "student_id": student_id, "created_at": now, "updated_at": now, "version": 1}
            )  # fmt: skip
    session = context.session
    for chunk in _chunks(ending):
        session.execute(
            update(ms)
            .where(ms.id.in_(chunk))
            .values(deleted_at=now, updated_at=now, version=ms.version + 1)
        )
    for group_id, membership_ids in moving.items():
        for chunk in _chunks(membership_ids):
            session.execute(
                update(ms)
                .where(ms.id.in_(chunk))
                .values(group_id=group_id, updated_at=now, version=ms.version + 1)
            )
    if new_rows:
        session.execute(insert(ms.__table__), new_rows)
    touched = {*student_ids, *targets, *(g for g in previous.values() if g)}
    touched.update(ending)
    touched.update(row["id"] for row in new_rows)
    context.changed([MEMBERSHIPS], touched)
    return previous


def place_students(
    database: Database,
    cohort_id: str,
    placements: Mapping[str, str | None],
    *,
    expected: Mapping[str, str | None] | None = None,
    require_enrolled: bool = True,
    hub: ChangeHub | None = None,
) -> Placements:
    """Put each student in their group (None: out of any group); returns where they were.

    ``require_enrolled`` refuses to put a student whose enrolment is not
    "enrolled" into a group; undo passes False to put back exactly what was.
    """

    def work(context: OperationContext) -> Placements:
        return apply_placements(
            context, cohort_id, placements, expected=expected, require_enrolled=require_enrolled
        )

    return run_operation(database, work, hub=hub)


def move_students(
    database: Database,
    cohort_id: str,
    student_ids: Iterable[str],
    group_id: str | None,
    *,
    hub: ChangeHub | None = None,
) -> Placements:
    """Move the students into ``group_id`` (None: back to "not in a group").

    Returns each student's previous group (None for none), which
    :func:`place_students` takes to undo the move.
    """
    return place_students(database, cohort_id, dict.fromkeys(student_ids, group_id), hub=hub)
