"""Deciding review items: one item or many at once, in one transaction, undoable.

* a duplicate pair: **merge** (the held sign-up's enrolments and answers move to
  the student kept, whose empty fields it fills; it stays deleted) or **keep
  apart** (it comes back as a student of its own; without the email when
  another student has it);
* a field changed on both sides (guardian and consent fields too, and a
  ranking of business problems): the value of the side chosen;
* deleted here, changed at the event: **restore** (with the event's changes)
  or **leave** deleted; deleted at the event, changed here: **delete** or **keep**.

Each decision returns what undoing it takes (the same journal a merge keeps).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, update

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import ChangedElsewhereError, IxdeskError
from ixdesk.services.deletion import tombstone, untombstone
from ixdesk.services.events.journal import (
    ANSWERS,
    BOOKKEEPING,
    CONSENTS,
    ENROLMENTS,
    PREFERENCES,
    STUDENTS,
    TABLES,
    Journal,
    put_back,
    refuse_if_changed,
)
from ixdesk.services.events.merge_rankings import put_ranking, rankings_here
from ixdesk.services.events.review import APART, DELETE, KEEP, LEAVE, MERGE, RESTORE
from ixdesk.services.events.state import (
    CONFLICT,
    DELETED_HERE,
    DELETED_THERE,
    DUPLICATE,
    GUARDIAN,
    HERE,
)
from ixdesk.services.events.undo import delete_ids
from ixdesk.services.events.values import STUDENT_FIELDS, plain, ranking_cohort, typed_row
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.record_kinds import Kind
from ixdesk.services.tables import canonical_id

CHANGED_SINCE = (
    "These records have been changed since the decision, so it cannot be undone; "
    "nothing was changed."
)


@dataclass(frozen=True)
class Decided:
    """What a batch of decisions did, and what undoing it takes."""

    count: int
    journal: dict[str, Any]
    choices: dict[str, str]

    def describe(self) -> str:
        return f"Decided {self.count:,} review item{'s' if self.count != 1 else ''}."


def decide(
    database: Database, choices: Mapping[str, str], *, hub: ChangeHub | None = None
) -> Decided:
    """Apply a decision to each item (item id → decision) in one transaction."""
    wanted = dict(choices)

    def work(context: OperationContext) -> Decided:
        connection = context.session.connection()
        journal = Journal()
        reviews = m.MergeReview.__table__
        for item_id, choice in wanted.items():
            row = connection.execute(select(reviews).where(reviews.c.id == item_id)).first()
            if row is None or row.decided_at is not None:
                raise ChangedElsewhereError(
                    "An item was decided by someone else meanwhile; reload the review. "
                    "Nothing was changed."
                )
            item = dict(row._mapping)
            _Decision(context, connection, journal, item).apply(choice)
            journal.keep_review(
                item_id, {k: plain(v) if k != "details" else v for k, v in item.items()}
            )
            connection.execute(
                update(reviews)
                .where(reviews.c.id == item_id)
                .values(decision=choice, decided_at=utcnow())
            )
        context.session.flush()
        journal.record_consents(connection)
        journal.record_versions(connection)
        context.changed([*TABLES, *BOOKKEEPING])
        return Decided(len(wanted), journal.as_json(), wanted)

    return run_operation(database, work, hub=hub)


def undo_decisions(database: Database, decided: Decided, *, hub: ChangeHub | None = None) -> None:
    def work(context: OperationContext) -> None:
        connection = context.session.connection()
        refuse_if_changed(connection, decided.journal, CHANGED_SINCE)
        for name in (PREFERENCES, CONSENTS):
            delete_ids(connection, TABLES[name], decided.journal["inserted"].get(name, []))
        put_back(context.session, connection, decided.journal)
        context.changed([*TABLES, *BOOKKEEPING])

    run_operation(database, work, hub=hub)


class _Decision:
    def __init__(
        self,
        context: OperationContext,
        connection: Connection,
        journal: Journal,
        item: dict[str, Any],
    ) -> None:
        self.context = context
        self.session = context.session
        self.connection = connection
        self.journal = journal
        self.item = item
        self.record_id = str(item["record_id"])

    def apply(self, choice: str) -> None:
        kind = self.item["kind"]
        if kind == DUPLICATE and choice in (MERGE, APART):
            self._pair(str(self.item["other_id"]), merge=choice == MERGE)
        elif kind in (CONFLICT, GUARDIAN) and (
            choice == HERE or choice in self.item["details"]["copies"]
        ):
            self._field(choice)
        elif kind == DELETED_HERE and choice in (RESTORE, LEAVE):
            if choice == RESTORE:
                self._restore()
        elif kind == DELETED_THERE and choice in (DELETE, KEEP):
            if choice == DELETE:
                self._delete()
        else:
            raise IxdeskError(f"“{choice}” is not a decision for this item.")

    def _student(self, record_id: str) -> Any:
        s = TABLES[STUDENTS]
        row = self.connection.execute(select(s).where(s.c.id == record_id)).first()
        if row is None:
            raise IxdeskError("A student of this item is no longer in ixdesk; nothing was changed.")
        return row

    def _set(self, table: str, record_id: str, values: dict[str, Any]) -> None:
        target = TABLES[table]
        self.journal.keep(self.connection, target, record_id)
        self.connection.execute(
            update(target)
            .where(target.c.id == record_id)
            .values(**values, version=target.c.version + 1, updated_at=utcnow())
        )

    # --- duplicate pairs ---
    def _pair(self, held_id: str, *, merge: bool) -> None:
        kept, held = self._student(self.record_id), self._student(held_id)
        if held.deleted_at is None:
            return  # brought back some other way meanwhile: nothing is held any more
        self.journal.keep_stamped(self.connection, held_id, held.deleted_at)
        if not merge:
            if held.email and self._email_owner(held.email) is not None:
                self._set(STUDENTS, held_id, {"email": None})
            untombstone(self.session, Kind.STUDENTS, [held_id])
            self.session.flush()
            return
        fill = {
            name: getattr(held, name)
            for name in STUDENT_FIELDS
            if getattr(kept, name) in (None, "") and getattr(held, name) not in (None, "")
        }
        if fill.get("email") and self._email_owner(fill["email"]) is not None:
            del fill["email"]
        if fill:
            self._set(STUDENTS, self.record_id, fill)
        e = TABLES[ENROLMENTS]
        cohorts = set(
            self.connection.execute(
                select(e.c.cohort_id).where(
                    e.c.student_id == self.record_id, e.c.deleted_at.is_(None)
                )
            ).scalars()
        )
        for table in (ENROLMENTS, ANSWERS):
            target = TABLES[table]
            rows = self.connection.execute(
                select(target).where(
                    target.c.student_id == held_id, target.c.deleted_at == held.deleted_at
                )
            )
            for row in rows:
                if table == ENROLMENTS and row.cohort_id in cohorts:
                    continue  # the student kept is in that cohort already
                self._set(table, str(row.id), {"student_id": self.record_id, "deleted_at": None})
        self._move_rankings(held_id)

    def _move_rankings(self, held_id: str) -> None:
        """The held sign-up's rankings go to the student kept, for cohorts they ranked none."""
        pp = TABLES[PREFERENCES]
        cohorts = self.connection.execute(
            select(pp.c.cohort_id).where(pp.c.student_id == held_id, pp.c.deleted_at.is_(None))
        ).scalars()
        keys = [
            (who, canonical_id(cohort))
            for cohort in set(cohorts)
            for who in (held_id, self.record_id)
        ]
        found = rankings_here(self.connection, keys)
        for cohort_id in sorted({cohort for _who, cohort in keys}):
            if not found[(self.record_id, cohort_id)]:
                ranking = found[(held_id, cohort_id)]
                put_ranking(self.context, self.journal, held_id, cohort_id, [])
                put_ranking(self.context, self.journal, self.record_id, cohort_id, ranking)

    def _email_owner(self, email: str) -> str | None:
        s = TABLES[STUDENTS]
        owner = self.connection.execute(
            select(s.c.id).where(func.lower(s.c.email) == email.lower(), s.c.deleted_at.is_(None))
        ).scalar()
        return None if owner is None else str(owner)

    # --- fields ---
    def _field(self, choice: str) -> None:
        details = self.item["details"]
        name = self.item["field"]
        value = details["main"] if choice == HERE else details["copies"][choice]["value"]
        table = self.item["table_name"]
        target = TABLES[table]
        cohort_id = ranking_cohort(name)
        if cohort_id is not None:  # a ranking of business problems
            key = (self.record_id, cohort_id)
            if rankings_here(self.connection, [key])[key] != value:
                put_ranking(self.context, self.journal, self.record_id, cohort_id, value)
        else:
            current = self.connection.execute(
                select(target.c[name]).where(target.c.id == self.record_id)
            ).scalar()
            if plain(current) != value:
                self._set(table, self.record_id, typed_row(target, {name: value}))
        fields = m.MergeField.__table__
        condition = (fields.c.record_id == self.record_id, fields.c.field == name)
        state = self.connection.execute(select(fields.c.state).where(*condition)).scalar()
        if state is not None:
            self.journal.keep_field(f"{self.record_id}/{name}", state)
            decided = {**state, "main": value, "merged": value, "copies": {}}
            self.connection.execute(update(fields).where(*condition).values(state=decided))

    # --- deletions ---
    def _restore(self) -> None:
        table = self.item["table_name"]
        if table == STUDENTS:
            row = self._student(self.record_id)
            if row.deleted_at is not None:
                self.journal.keep_stamped(self.connection, self.record_id, row.deleted_at)
                untombstone(self.session, Kind.STUDENTS, [self.record_id])
                self.session.flush()
        else:
            self._set(table, self.record_id, {"deleted_at": None})
        target = TABLES[table]
        for copy_id in sorted(self.item["details"]["copies"]):
            changes = self.item["details"]["copies"][copy_id]["changes"]
            values = {n: v for n, v in changes.items() if n in target.c}
            if values:
                self._set(table, self.record_id, typed_row(target, values))

    def _delete(self) -> None:
        table = self.item["table_name"]
        stamp = utcnow()
        if table == STUDENTS:
            tombstone(self.session, Kind.STUDENTS, [self.record_id], stamp)
            self.session.flush()
            self.journal.tombstoned.append((STUDENTS, self.record_id, plain(stamp)))
        else:
            self._set(table, self.record_id, {"deleted_at": stamp})
