"""Where a student's data lives besides the student's own row, for erasure and the purge.

A student owns rows in several tables (enrolments, memberships, attendance,
answers, consents, their ranking of business problems, the instructor's
rubric, pairs kept together or apart). Merges of event copies keep
bookkeeping about the records they brought in: the values last merged, the
fields edited at events, the items waiting for review, and a journal to undo
the merge with, all of which may hold a student's name. Erasure removes all
of it; the purge removes the bookkeeping (docs/privacy.md).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Connection, delete, or_, select, update

from ixdesk.db import models as m
from ixdesk.db.base import Record

# What a student owns, removed before the student (the order keeps foreign keys whole).
OWNED: tuple[type[Record], ...] = (
    m.Attendance,
    m.GroupMembership,
    m.StudentFeedback,
    m.ProblemPreference,
    m.Enrolment,
    m.ApplicationAnswer,
    m.Consent,
)
PAIRS = m.StudentPair.__table__
EVENT_BOOKKEEPING = "event_merged"  # the key the report counts all merge bookkeeping under
CHUNK = 500


def _chunks(ids: Sequence[str]) -> list[list[str]]:
    return [list(ids[start : start + CHUNK]) for start in range(0, len(ids), CHUNK)]


def pairs_of(students: Sequence[str]) -> ColumnElement[bool]:
    """The condition for a pair with one of ``students`` on either side."""
    return or_(PAIRS.c.student_id.in_(students), PAIRS.c.other_student_id.in_(students))


def owned_ids(connection: Connection, students: Sequence[str]) -> list[str]:
    """The ids of every row the students own (pairs included), and the students' own."""
    found = list(students)
    for batch in _chunks(students):
        for model in OWNED:
            table = model.__table__
            found += connection.scalars(select(table.c.id).where(table.c.student_id.in_(batch)))
        found += connection.scalars(select(PAIRS.c.id).where(pairs_of(batch)))
    return [str(record_id) for record_id in found]


def forget_merge_bookkeeping(connection: Connection, ids: Sequence[str]) -> int:
    """Remove what merges of event copies keep about the records ``ids``; a merge whose
    undo journal holds one of them can no longer be undone (its journal goes).
    Returns the rows removed or cleared."""
    merged, fields, reviews = (
        m.MergedRecord.__table__,
        m.MergeField.__table__,
        m.MergeReview.__table__,
    )
    removed = 0
    for batch in _chunks(ids):
        for table in (merged, fields):
            result = connection.execute(delete(table).where(table.c.record_id.in_(batch)))
            removed += result.rowcount or 0
        result = connection.execute(
            delete(reviews).where(
                or_(reviews.c.record_id.in_(batch), reviews.c.other_id.in_(batch))
            )
        )
        removed += result.rowcount or 0
    merges = m.EventMerge.__table__
    wanted = {form for record_id in ids for form in (record_id, record_id.replace("-", ""))}
    journals = connection.execute(
        select(merges.c.id, merges.c.undo).where(merges.c.undo.is_not(None))
    )
    held = [
        merge_id
        for merge_id, journal in journals
        if any(word in wanted for word in _words(json.dumps(journal)))
    ]
    for batch in _chunks([str(merge_id) for merge_id in held]):
        result = connection.execute(update(merges).where(merges.c.id.in_(batch)).values(undo=None))
        removed += result.rowcount or 0
    return removed


def _words(text: str) -> set[str]:
    """The quoted strings of a JSON text (ids among them)."""
    return set(text.split('"')[1::2])
