"""A merge's memory between runs: field states and the items waiting for review.

A field that event copies changed keeps its state: the value before the event
(the base), this database's own value, the value merged, and each copy's
value. The value merged depends only on that set, never on the order copies
came in or on any clock: one change (here or in copies agreeing) is taken;
different changes are a conflict, and the field keeps this database's own
value until a person chooses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from ixdesk.db import models as m
from ixdesk.db.base import new_id
from ixdesk.services.events.journal import CHUNK, Journal
from ixdesk.services.events.values import GUARDED_FIELDS, plain

DUPLICATE = "duplicate"
CONFLICT = "conflict"
GUARDIAN = "guardian"
DELETED_HERE = "deleted_here"  # deleted in this database, changed at an event
DELETED_THERE = "deleted_there"  # deleted at an event, changed in this database
KINDS = (DUPLICATE, CONFLICT, GUARDIAN, DELETED_HERE, DELETED_THERE)
HERE = "ixdesk"  # the source name of this database's own value


@dataclass(frozen=True)
class Resolution:
    value: Any
    conflict: bool
    state: dict[str, Any]


def resolve(state: dict[str, Any]) -> Resolution:
    """The value of a field from its state: the one change, or this database's own."""
    base, own = state["base"], state["main"]
    changes: list[Any] = [own] if own != base else []
    for copy_id in sorted(state["copies"]):
        value = state["copies"][copy_id]["value"]
        if value != base and value not in changes:
            changes.append(value)
    if not changes:
        return Resolution(base, False, {**state, "merged": base})
    if len(changes) == 1:
        return Resolution(changes[0], False, {**state, "merged": changes[0]})
    return Resolution(own, True, {**state, "merged": own})


class FieldStates:
    """The states of fields changed at events, loaded for the records a merge touches."""

    def __init__(self, connection: Connection, journal: Journal) -> None:
        self.connection = connection
        self.journal = journal
        self.states: dict[tuple[str, str], dict[str, Any]] = {}
        self.stored: set[tuple[str, str]] = set()
        self.changed: dict[tuple[str, str], str] = {}  # key → table

    def load(self, record_ids: Iterable[str]) -> None:
        table = m.MergeField.__table__
        wanted = list(dict.fromkeys(record_ids))
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            for row in self.connection.execute(select(table).where(table.c.record_id.in_(chunk))):
                key = (str(row.record_id), row.field)
                self.states.setdefault(key, dict(row.state))  # not what this merge changed
                self.stored.add(key)

    def merge(
        self,
        table: str,
        record_id: str,
        field: str,
        base: Any,
        here: Any,
        copy_id: str,
        event: str,
        value: Any,
    ) -> Resolution:
        """Take one copy's change of a field into its state; the value to keep now."""
        key = (record_id, field)
        state = self.states.get(key)
        if state is not None and state["merged"] == here:
            state = {**state, "copies": dict(state["copies"])}
        else:  # new, or changed in this database since: this database's value is its own
            state = {"base": base, "main": here, "merged": here, "copies": {}}
        state["copies"][copy_id] = {"event": event, "value": value}
        found = resolve(state)
        self.journal.keep_field(f"{record_id}/{field}", self.states.get(key))
        self.states[key] = found.state
        self.changed[key] = table
        return found

    def hold(self, record_id: str, field: str) -> Resolution:
        """Keep this database's own value of a field and ask a person (the change cannot be
        made: another student has that email)."""
        key = (record_id, field)
        state = {**self.states[key]}
        state["merged"] = state["main"]
        self.states[key] = state
        return Resolution(state["main"], True, state)

    def write(self) -> None:
        table = m.MergeField.__table__
        for (record_id, field), table_name in self.changed.items():
            state = self.states[(record_id, field)]
            if (record_id, field) in self.stored:
                self.connection.execute(
                    update(table)
                    .where(table.c.record_id == record_id, table.c.field == field)
                    .values(state=state)
                )
            else:
                self.connection.execute(
                    insert(table).values(
                        record_id=record_id, field=field, table_name=table_name, state=state
                    )
                )
                self.stored.add((record_id, field))
        self.changed.clear()


class ReviewBook:
    """The items waiting for review, as a merge adds to them."""

    def __init__(self, connection: Connection, merge_id: str, journal: Journal) -> None:
        self.connection = connection
        self.merge_id = merge_id
        self.journal = journal
        table = m.MergeReview.__table__
        self.open: dict[str, dict[str, Any]] = {
            str(row.id): dict(row._mapping)
            for row in connection.execute(select(table).where(table.c.decided_at.is_(None)))
        }
        self.touched: dict[str, str] = {}  # id → "new" or "changed"

    @property
    def held(self) -> set[str]:
        """Students kept out until a person decides: the second of each duplicate pair."""
        return {str(i["other_id"]) for i in self.open.values() if i["kind"] == DUPLICATE}

    def _find(
        self, kinds: tuple[str, ...], record_id: str, field: str | None
    ) -> dict[str, Any] | None:
        for item in self.open.values():
            if item["kind"] in kinds and item["record_id"] == record_id and item["field"] == field:
                return item
        return None

    def _new(self, **values: Any) -> dict[str, Any]:
        item = {
            "id": new_id(),
            "merge_id": self.merge_id,
            "other_id": None,
            "field": None,
            "decision": None,
            "decided_at": None,
            **values,
        }
        self.connection.execute(insert(m.MergeReview.__table__).values(item))
        self.open[item["id"]] = item
        self.journal.reviews_created.append(item["id"])
        self.touched[item["id"]] = "new"
        return item

    def _change(self, item: dict[str, Any], **values: Any) -> None:
        self.journal.keep_review(item["id"], _plain_item(item))
        item.update(values)
        table = m.MergeReview.__table__
        self.connection.execute(update(table).where(table.c.id == item["id"]).values(values))
        if values.get("decided_at") is not None:
            self.open.pop(item["id"], None)
            self.touched.pop(item["id"], None)
        else:
            self.touched.setdefault(item["id"], "changed")

    def duplicate(self, kept: str, held: str, reason: str, event: str) -> None:
        details = {"reason": reason, "event": event}
        self._new(
            kind=DUPLICATE, table_name="students", record_id=kept, other_id=held, details=details
        )

    def repoint(self, old: str, new: str) -> None:
        """Pairs kept apart around ``old`` now pair with ``new``, which replaced it."""
        for item in list(self.open.values()):
            if item["kind"] == DUPLICATE and item["record_id"] == old:
                self._change(item, record_id=new)

    def conflict(self, table: str, record_id: str, field: str, state: dict[str, Any]) -> None:
        kind = GUARDIAN if field in GUARDED_FIELDS else CONFLICT
        item = self._find((kind,), record_id, field)
        if item is None:
            self._new(kind=kind, table_name=table, record_id=record_id, field=field, details=state)
        elif item["details"] != state:
            self._change(item, details=state)

    def settle(self, record_id: str, field: str, when: datetime) -> None:
        """A conflict the copies no longer disagree on leaves the review."""
        item = self._find((CONFLICT, GUARDIAN), record_id, field)
        if item is not None:
            self._change(item, decision="settled", decided_at=when)

    def deleted(
        self,
        kind: str,
        table: str,
        record_id: str,
        copy_id: str,
        event: str,
        changes: dict[str, Any],
    ) -> None:
        item = self._find((kind,), record_id, None)
        earlier = {} if item is None else item["details"]["copies"].get(copy_id, {})
        # A copy's changes add up (a correction, then a sign-up of the same student).
        entry = {"event": event, "changes": {**earlier.get("changes", {}), **changes}}
        if item is None:
            details = {"copies": {copy_id: entry}}
            self._new(kind=kind, table_name=table, record_id=record_id, details=details)
        elif item["details"]["copies"].get(copy_id) != entry:
            copies = {**item["details"]["copies"], copy_id: entry}
            self._change(item, details={"copies": copies})

    def counts(self) -> dict[str, int]:
        counted = dict.fromkeys(KINDS, 0)
        for item_id in self.touched:
            counted[self.open[item_id]["kind"]] += 1
        return counted


def _plain_item(item: dict[str, Any]) -> dict[str, Any]:
    return {name: plain(value) if name != "details" else value for name, value in item.items()}
