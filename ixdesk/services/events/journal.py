"""What a merge did, kept with it so the whole merge can be undone.

Rows the merge inserted (removed again by an undo: they came from the copy,
which still holds them), each row's values before the merge changed it,
records the merge deleted (restored by their deletion stamp), and the
bookkeeping it wrote (what was merged from each copy, field states, review
items) as it was before. Versions after the merge let an undo refuse when
someone changed those records since.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.errors import IxdeskError
from ixdesk.services.deletion import untombstone
from ixdesk.services.events.values import plain, typed_row
from ixdesk.services.privacy.consent_dates import record_consent_dates
from ixdesk.services.record_kinds import Kind

CHUNK = 500
STUDENTS, ENROLMENTS, ANSWERS, TRACKS = "students", "enrolments", "application_answers", "tracks"
MEMBERSHIPS = "group_memberships"
PREFERENCES = "problem_preferences"
CONSENTS = "consents"  # made from a consent ticked at the event
TABLES: dict[str, Table] = {
    STUDENTS: m.Student.__table__,
    ENROLMENTS: m.Enrolment.__table__,
    ANSWERS: m.ApplicationAnswer.__table__,
    TRACKS: m.Track.__table__,
    MEMBERSHIPS: m.GroupMembership.__table__,
    PREFERENCES: m.ProblemPreference.__table__,
    CONSENTS: m.Consent.__table__,
}
BOOKKEEPING = ("event_merges", "event_merged", "event_reviews", "event_merge_fields")
# Columns an undo never puts back: the row's id, its creation, and its version (which
# moves on instead, so an editor holding the merged version is told it changed).
KEPT_COLUMNS = frozenset({"id", "created_at", "version"})


def snapshot(connection: Connection, table: Table, record_id: str) -> dict[str, Any] | None:
    """Every column of one row as plain values (None when there is no such row)."""
    row = connection.execute(select(table).where(table.c.id == record_id)).first()
    if row is None:
        return None
    return {name: plain(value) for name, value in row._mapping.items()}


def versions(connection: Connection, table: Table, ids: Iterable[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(ids))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        statement = select(table.c.id, table.c.version).where(table.c.id.in_(chunk))
        found.update(
            (str(record_id), version) for record_id, version in connection.execute(statement)
        )
    return found


@dataclass
class Journal:
    """The undo data of one merge, gathered as it goes."""

    inserted: dict[str, list[str]] = field(default_factory=dict)
    before: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    tombstoned: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, stamp
    ledger: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    fields: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    reviews_created: list[str] = field(default_factory=list)
    reviews_before: dict[str, dict[str, Any]] = field(default_factory=dict)
    after: dict[str, dict[str, int]] = field(default_factory=dict)

    def insert(self, table: str, ids: Iterable[str]) -> None:
        self.inserted.setdefault(table, []).extend(ids)

    def keep(self, connection: Connection, table: Table, record_id: str) -> None:
        """Remember a row as it is, before the merge first changes it."""
        rows = self.before.setdefault(table.name, {})
        if record_id not in rows and record_id not in self.inserted.get(table.name, ()):
            found = snapshot(connection, table, record_id)
            if found is not None:
                rows[record_id] = found

    def keep_ledger(self, key: str, row: dict[str, Any] | None) -> None:
        self.ledger.setdefault(key, row)

    def keep_field(self, key: str, state: dict[str, Any] | None) -> None:
        self.fields.setdefault(key, state)

    def keep_review(self, review_id: str, row: dict[str, Any]) -> None:
        if review_id not in self.reviews_created:
            self.reviews_before.setdefault(review_id, row)

    def keep_stamped(self, connection: Connection, student_id: str, stamp: Any) -> None:
        """Remember a student and the rows deleted with them (the same stamp), before they
        come back."""
        self.keep(connection, TABLES[STUDENTS], student_id)
        for name in (ENROLMENTS, ANSWERS, MEMBERSHIPS):
            table = TABLES[name]
            ids = connection.execute(
                select(table.c.id).where(
                    table.c.student_id == student_id, table.c.deleted_at == stamp
                )
            )
            for (record_id,) in ids:
                self.keep(connection, table, str(record_id))

    def record_consents(self, connection: Connection) -> None:
        """Consent records for the consent dates of the students brought in or changed
        (a consent ticked at the event), as the form and the import make them."""
        students = [*self.inserted.get(STUDENTS, ()), *self.before.get(STUDENTS, {})]
        self.insert(CONSENTS, record_consent_dates(connection, students))

    def record_versions(self, connection: Connection) -> None:
        """The version of every row touched, as the merge (or decision) leaves it."""
        for name, table in TABLES.items():
            # A row inserted here is at its first version: no need to ask.
            found = dict.fromkeys(self.inserted.get(name, ()), 1)
            ids = [*self.before.get(name, {})]
            ids += [record_id for kind, record_id, _stamp in self.tombstoned if kind == name]
            found.update(versions(connection, table, ids))
            if found:
                self.after[name] = found

    def as_json(self) -> dict[str, Any]:
        return {
            "inserted": self.inserted,
            "before": self.before,
            "tombstoned": [list(each) for each in self.tombstoned],
            "ledger": self.ledger,
            "fields": self.fields,
            "reviews_created": self.reviews_created,
            "reviews_before": self.reviews_before,
            "after": self.after,
        }


def refuse_if_changed(connection: Connection, journal: dict[str, Any], message: str) -> None:
    """Refuse (``message``) when a row the journal touched moved on since."""
    for name, expected in journal["after"].items():
        if versions(connection, TABLES[name], expected) != expected:
            raise IxdeskError(message)


def put_back(session: Session, connection: Connection, journal: dict[str, Any]) -> None:
    """Everything as it was before the journal's work (rows it inserted aside)."""
    deleted = [record_id for kind, record_id, _stamp in journal["tombstoned"] if kind == STUDENTS]
    if deleted:
        untombstone(session, Kind.STUDENTS, deleted)
        session.flush()
    now = utcnow()
    for name, rows in journal["before"].items():
        table = TABLES[name]
        for record_id, before in rows.items():
            values = typed_row(table, {k: v for k, v in before.items() if k not in KEPT_COLUMNS})
            values["updated_at"] = now
            connection.execute(
                update(table)
                .where(table.c.id == record_id)
                .values(**values, version=table.c.version + 1)
            )
    ledger = m.MergedRecord.__table__
    for key, row in journal["ledger"].items():
        copy_id, record_id = key.split("/")
        connection.execute(
            delete(ledger).where(ledger.c.copy_id == copy_id, ledger.c.record_id == record_id)
        )
        if row is not None:
            connection.execute(insert(ledger).values(typed_row(ledger, row)))
    fields = m.MergeField.__table__
    for key, state in journal["fields"].items():
        record_id, field_name = key.split("/")
        condition = (fields.c.record_id == record_id, fields.c.field == field_name)
        if state is None:
            connection.execute(delete(fields).where(*condition))
        else:
            connection.execute(update(fields).where(*condition).values(state=state))
    reviews = m.MergeReview.__table__
    created = journal["reviews_created"]
    for start in range(0, len(created), CHUNK):
        connection.execute(delete(reviews).where(reviews.c.id.in_(created[start : start + CHUNK])))
    for review_id, before in journal["reviews_before"].items():
        values = typed_row(reviews, {k: v for k, v in before.items() if k != "id"})
        connection.execute(update(reviews).where(reviews.c.id == review_id).values(values))
