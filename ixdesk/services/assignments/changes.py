"""Setting a group's business problem, lead instructor and assistants: one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import ValidationError
from ixdesk.services.assignments.choices import AssignmentChange, assignment_of
from ixdesk.services.assignments.rules import person_name
from ixdesk.services.operations import ChangeHub, OperationContext, live_record, run_operation


def assign_group(
    database: Database,
    group_id: str,
    problem_id: str | None,
    lead_instructor_id: str | None,
    assistant_ids: list[str],
    *,
    hub: ChangeHub | None = None,
    expected_version: int | None = None,
) -> AssignmentChange:
    """Set a group's problem, lead and assistants in one transaction.

    Refused when the group moved on since ``expected_version`` was read, when
    a chosen record no longer exists, or when the lead is also an assistant.
    The previous assignment comes back, so an undo can restore it exactly.
    """
    assistants = list(dict.fromkeys(assistant_ids))

    def work(context: OperationContext) -> AssignmentChange:
        session = context.session
        group = live_record(session, m.StudentGroup, group_id, expected_version)
        previous = assignment_of(session, group)
        if lead_instructor_id is not None and lead_instructor_id in assistants:
            lead = _live(session, m.Instructor, lead_instructor_id, "instructor")
            raise ValidationError(
                f"{person_name(lead.first_name, lead.last_name)} cannot be both the lead "
                f"instructor and an assistant of {group.name}; untick them as an assistant."
            )
        if problem_id is not None:
            _live(session, m.BusinessProblem, problem_id, "business problem")
        for instructor_id in [lead_instructor_id, *assistants]:
            if instructor_id is not None:
                _live(session, m.Instructor, instructor_id, "instructor")
        moved = (group.business_problem_id, group.lead_instructor_id) != (
            problem_id,
            lead_instructor_id,
        )
        group.business_problem_id, group.lead_instructor_id = problem_id, lead_instructor_id
        if _sync_assistants(session, group_id, assistants) and not moved:
            group.updated_at = utcnow()  # assistants alone changed: the version moves on too
        session.flush()
        return AssignmentChange(previous, assignment_of(session, group))

    return run_operation(database, work, hub=hub)


def _live(session: Session, model: Any, record_id: str, what: str) -> Any:
    record = session.get(model, record_id)
    if record is None or record.deleted_at is not None:
        raise ValidationError(
            f"The chosen {what} no longer exists (it was deleted); pick another one."
        )
    return record


def _sync_assistants(session: Session, group_id: str, wanted: list[str]) -> bool:
    """Make the live assistant rows exactly ``wanted``; True if anything changed."""
    rows = session.scalars(select(m.GroupAssistant).where(m.GroupAssistant.group_id == group_id))
    live: dict[str, m.GroupAssistant] = {}
    tombstoned: dict[str, m.GroupAssistant] = {}
    for row in rows:
        (tombstoned if row.deleted_at is not None else live)[row.instructor_id] = row
    changed = False
    for instructor_id, row in live.items():
        if instructor_id not in wanted:
            row.deleted_at = utcnow()
            changed = True
    for instructor_id in wanted:
        if instructor_id in live:
            continue
        revived = tombstoned.get(instructor_id)
        if revived is not None:
            revived.deleted_at = None
        else:
            session.add(m.GroupAssistant(group_id=group_id, instructor_id=instructor_id))
        changed = True
    return changed
