"""Deleting records, what goes with them, and undoing it.

A record takes what it owns with it: a partner company its contacts and
business problems, a cohort its groups and enrolments, a group its
memberships, a student their enrolments and memberships. Records that merely
point at it (groups working on a business problem, groups led by an
instructor) stay and simply no longer show it. Everything deleted in one go
carries the same ``deleted_at`` stamp, so undo restores exactly that, and
not what was deleted earlier for other reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import Record, utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.kinds import KINDS
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.privacy import audit
from ixdesk.services.record_kinds import Kind


@dataclass(frozen=True)
class Dependent:
    model: type[Record]
    column: str  # the column of ``model`` that points at the record
    one: str  # "business problem"; "" to leave it unmentioned
    many: str
    owned: bool = True  # deleted with the record; otherwise only unlinked


_DEPENDENTS: dict[Kind, tuple[Dependent, ...]] = {
    Kind.COMPANIES: (
        Dependent(m.BusinessProblem, "company_id", "business problem", "business problems"),
        Dependent(m.Contact, "company_id", "contact", "contacts"),
    ),
    Kind.PROBLEMS: (
        Dependent(m.StudentGroup, "business_problem_id", "group", "groups", owned=False),
    ),
    Kind.COHORTS: (
        Dependent(m.StudentGroup, "cohort_id", "group", "groups"),
        Dependent(m.Enrolment, "cohort_id", "enrolment", "enrolments"),
        Dependent(m.ApplicationAnswer, "cohort_id", "application answer", "application answers"),
    ),
    Kind.GROUPS: (
        Dependent(m.GroupMembership, "group_id", "member", "members"),
        Dependent(m.GroupAssistant, "group_id", "assistant instructor", "assistant instructors"),
    ),
    Kind.STUDENTS: (
        Dependent(m.Enrolment, "student_id", "enrolment", "enrolments"),
        Dependent(m.GroupMembership, "student_id", "group membership", "group memberships"),
        Dependent(m.ApplicationAnswer, "student_id", "", ""),
    ),
    Kind.INSTRUCTORS: (
        Dependent(m.StudentGroup, "lead_instructor_id", "group led", "groups led", owned=False),
        Dependent(m.GroupAssistant, "instructor_id", "group assisted", "groups assisted"),
        Dependent(m.InstructorExpertise, "instructor_id", "", ""),
    ),
}
_KIND_OF_MODEL: dict[type[Record], Kind] = {spec.model: name for name, spec in KINDS.items()}


@dataclass(frozen=True)
class DeletionEffects:
    """Phrases such as "2 business problems" for what a deletion touches."""

    deleted: list[str]  # deleted with the records
    unlinked: list[str]  # keep existing, no longer show the records

    def question(self, what: str, many: bool) -> str:
        """Asks to delete ``what`` ("the partner company Acme"), saying what goes with it."""
        them = "them" if many else "it"
        text = f"Delete {what}?"
        if self.deleted:
            text += f"\n\n{_join(self.deleted)} will be deleted with {them}."
        if self.unlinked:
            text += f"\n\n{_join(self.unlinked)} will no longer show {them}."
        return text


def _join(phrases: list[str]) -> str:
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def deletion_effects(database: Database, kind: Kind, ids: Iterable[str]) -> DeletionEffects:
    wanted = list(ids)
    deleted: list[str] = []
    unlinked: list[str] = []
    with database.read() as session:
        for dependent in _DEPENDENTS.get(kind, ()):
            if not dependent.one:
                continue
            table: Any = dependent.model.__table__
            count = session.scalar(
                select(func.count())
                .select_from(table)
                .where(table.c[dependent.column].in_(wanted), table.c.deleted_at.is_(None))
            )
            if count:
                phrase = f"{count} {dependent.one if count == 1 else dependent.many}"
                (deleted if dependent.owned else unlinked).append(phrase)
    return DeletionEffects(deleted, unlinked)


def dependents(database: Database, kind: Kind, ids: Iterable[str]) -> list[str]:
    """Every phrase for what hangs off these records, deleted with them or not."""
    effects = deletion_effects(database, kind, ids)
    return effects.deleted + effects.unlinked


def _cascade(session: Session, kind: Kind, ids: list[str], stamp: datetime, restore: bool) -> None:
    for dependent in _DEPENDENTS.get(kind, ()):
        if not dependent.owned or not ids:
            continue
        model: Any = dependent.model
        state = model.deleted_at == stamp if restore else model.deleted_at.is_(None)
        rows = list(
            session.scalars(select(model).where(getattr(model, dependent.column).in_(ids), state))
        )
        for row in rows:
            row.deleted_at = None if restore else stamp
        child_kind = _KIND_OF_MODEL.get(dependent.model)
        if child_kind is not None:
            _cascade(session, child_kind, [row.id for row in rows], stamp, restore)


def delete_records(
    database: Database, kind: Kind, ids: Iterable[str], *, hub: ChangeHub | None = None
) -> list[str]:
    """Tombstone each record and what it owns; returns the ids really deleted (for undo)."""
    wanted = list(ids)

    def work(context: OperationContext) -> list[str]:
        done = tombstone(context.session, kind, wanted, utcnow())
        if len(done) > 1:  # a bulk action
            plural = KINDS[kind].plural
            audit.note(context.session, audit.DELETE, f"Delete {plural}", records=len(done))
        return done

    return run_operation(database, work, hub=hub)


def tombstone(session: Session, kind: Kind, ids: Iterable[str], stamp: datetime) -> list[str]:
    """Inside a caller's transaction: mark each live record and what it owns deleted at
    ``stamp``; returns the ids really deleted."""
    model = KINDS[kind].model
    done = []
    for record_id in ids:
        row = session.get(model, record_id)
        if row is not None and row.deleted_at is None:
            row.deleted_at = stamp
            done.append(record_id)
    _cascade(session, kind, done, stamp, restore=False)
    return done


def restore_records(
    database: Database, kind: Kind, ids: Iterable[str], *, hub: ChangeHub | None = None
) -> None:
    """Undo a deletion: the records, and what was deleted together with them."""
    wanted = list(ids)

    def work(context: OperationContext) -> None:
        untombstone(context.session, kind, wanted)

    run_operation(database, work, hub=hub)


def untombstone(session: Session, kind: Kind, ids: Iterable[str]) -> None:
    """Inside a caller's transaction: bring records back, with what was deleted with them
    (the rows that carry the same deletion stamp)."""
    spec = KINDS[kind]
    by_stamp: dict[datetime, list[str]] = {}
    for record_id in ids:
        row = session.get(spec.model, record_id)
        if row is None:
            raise RecordNotFoundError(f"No {spec.singular} with id {record_id} exists.")
        if row.deleted_at is not None:
            by_stamp.setdefault(row.deleted_at, []).append(record_id)
        row.deleted_at = None
    for stamp, restored in by_stamp.items():
        _cascade(session, kind, restored, stamp, restore=True)
