"""Undo a whole merge of event copies, in one transaction.

Only the newest merge not undone yet can be undone, and only while nothing it
brought in or changed has changed since (a version moved on, a review item
decided, a student it added put in a group): otherwise the undo is refused in
one sentence and nothing is changed. Rows the merge inserted are removed (the
copies still hold them: merging again brings them back), rows it changed get
their values back, records it deleted come back with what was deleted with
them, and its bookkeeping is as it was before.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select, update
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError, RecordNotFoundError
from ixdesk.services.events.journal import (
    ANSWERS,
    BOOKKEEPING,
    CHUNK,
    CONSENTS,
    ENROLMENTS,
    PREFERENCES,
    STUDENTS,
    TABLES,
    TRACKS,
    put_back,
    refuse_if_changed,
)
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.privacy.traces import OWNED, PAIRS

CHANGED_SINCE = (
    "Records this merge brought in or changed have been changed since (or review items "
    "it made were decided), so it cannot be undone; nothing was changed."
)
# Rows that may point at a student a merge added, other than the rows it added itself:
# every row a student owns (as erasure knows them), and pairs from either side.
_REFERRING = (
    *((model.__table__, "student_id") for model in OWNED),
    (PAIRS, "student_id"),
    (PAIRS, "other_student_id"),
)


def undo_merge(database: Database, merge_id: str, *, hub: ChangeHub | None = None) -> str:
    """Undo the merge ``merge_id``; returns a sentence saying what was undone."""

    try:  # as typed: upper case, without dashes, in braces
        merge_id = str(uuid.UUID(merge_id.strip()))
    except ValueError:
        raise RecordNotFoundError(f"No merge has the id {merge_id}.") from None

    def work(context: OperationContext) -> str:
        connection = context.session.connection()
        merges = m.EventMerge.__table__
        row = connection.execute(select(merges).where(merges.c.id == merge_id)).first()
        if row is None:
            raise RecordNotFoundError(f"No merge has the id {merge_id}.")
        if row.undone_at is not None:
            raise IxdeskError("This merge was undone already; nothing was changed.")
        newest = connection.execute(
            select(merges.c.id)
            .where(merges.c.undone_at.is_(None))
            .order_by(merges.c.merged_at.desc())
            .limit(1)
        ).scalar_one()
        if str(newest) != str(row.id):  # the id as typed may be written another way
            raise IxdeskError(
                "A later merge of event copies came after this one; undo that one first. "
                "Nothing was changed."
            )
        journal: dict[str, Any] | None = row.undo
        if journal is None:  # a student it touched was erased since (docs/privacy.md)
            raise IxdeskError(
                "This merge can no longer be undone: a student it brought in or changed was "
                "erased since. Nothing was changed."
            )
        _refuse_if_changed(connection, journal)
        _undo(context.session, connection, journal)
        connection.execute(update(merges).where(merges.c.id == merge_id).values(undone_at=utcnow()))
        context.changed([*TABLES, *BOOKKEEPING])
        counts = row.report["counts"]
        return (
            f"The merge of {len(row.copies)} event {'copy' if len(row.copies) == 1 else 'copies'} "
            f"was undone: {counts['new_students']:,} new students and "
            f"{counts['enrolments']:,} enrolments removed, changed records put back."
        )

    return run_operation(database, work, hub=hub)


def _refuse_if_changed(connection: Connection, journal: dict[str, Any]) -> None:
    refuse_if_changed(connection, journal, CHANGED_SINCE)
    reviews = m.MergeReview.__table__
    touched = [*journal["reviews_created"], *journal["reviews_before"]]
    for start in range(0, len(touched), CHUNK):
        chunk = touched[start : start + CHUNK]
        decided = connection.execute(
            select(func.count()).where(
                reviews.c.id.in_(chunk),
                reviews.c.decided_at.is_not(None),
                reviews.c.decision != "settled",
            )
        ).scalar_one()
        if decided:
            raise IxdeskError(CHANGED_SINCE)
    added = set(journal["inserted"].get(STUDENTS, ()))
    own = {
        name: set(journal["inserted"].get(name, ()))
        for name in (ENROLMENTS, ANSWERS, PREFERENCES, CONSENTS)
    }
    wanted = sorted(added)
    for table, column in _REFERRING:
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            ids = connection.execute(select(table.c.id).where(table.c[column].in_(chunk)))
            if any(str(each) not in own.get(table.name, set()) for (each,) in ids):
                raise IxdeskError(CHANGED_SINCE)


def delete_ids(connection: Connection, table: Table, ids: list[str]) -> None:
    for start in range(0, len(ids), CHUNK):
        connection.execute(delete(table).where(table.c.id.in_(ids[start : start + CHUNK])))


def _undo(session: Session, connection: Connection, journal: dict[str, Any]) -> None:
    inserted: dict[str, list[str]] = journal["inserted"]
    for name in (PREFERENCES, ANSWERS, ENROLMENTS, CONSENTS, STUDENTS, TRACKS):
        delete_ids(connection, TABLES[name], inserted.get(name, []))
    put_back(session, connection, journal)
