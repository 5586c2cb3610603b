"""Which database this is, and the bookkeeping of event copies and their merges.

Every database has one ``database_identity`` row, made once (schema 0005, or
when the database is created): its id never changes, so an event copy can say
which database it was made from, and a merge can refuse a copy made from
another one. An event copy's row also carries the event's name, when it was
packed, the PIN that guards event mode (a salted hash) and the status its
enrolments get.

An event copy keeps, in ``event_packed``, what each packed student held when
it was packed: the common base of a three-way merge. The main database keeps
what each merge brought in (``event_merged``: per copy and record, the
copy's version and values last merged), the state of fields edited at events
(``event_merge_fields``), the merges themselves with their report and what
undoing them takes (``event_merges``), and the items waiting for a
coordinator's decision (``event_reviews``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ixdesk.db.base import Base, UTCDateTime, new_id, utcnow


class DatabaseIdentity(Base):
    """One row: this database's id, and what makes it an event copy (if it is one)."""

    __tablename__ = "database_identity"

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, default=new_id)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event_origin_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))
    event_name: Mapped[str | None] = mapped_column(String(200))
    event_packed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_pin: Mapped[str | None] = mapped_column(String(200))
    event_enrolment_status: Mapped[str | None] = mapped_column(String(20))


class PackedRecord(Base):
    """In an event copy: a record as it was packed (the base a merge compares against)."""

    __tablename__ = "event_packed"

    record_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    packed: Mapped[dict[str, Any]] = mapped_column(JSON)


class EventMerge(Base):
    """One merge of event copies: which copies, what it did, and how to undo it."""

    __tablename__ = "event_merges"

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, default=new_id)
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    copies: Mapped[list[Any]] = mapped_column(JSON)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    undo: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MergedRecord(Base):
    """A record an event copy brought in: the copy's version and values last merged."""

    __tablename__ = "event_merged"

    copy_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    # Also looked up alone: which copy a student came in from.
    record_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    copy_version: Mapped[int] = mapped_column(Integer)
    main_version: Mapped[int] = mapped_column(Integer)
    merged: Mapped[dict[str, Any]] = mapped_column(JSON)
    merge_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))


class MergeField(Base):
    """A field that event copies changed: the base, this database's own value, the value
    merged and each copy's value, so merging copies in any order gives one result."""

    __tablename__ = "event_merge_fields"

    record_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    field: Mapped[str] = mapped_column(String(40), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    state: Mapped[dict[str, Any]] = mapped_column(JSON)


class MergeReview(Base):
    """Something a merge could not decide: a duplicate pair, a field changed on two sides,
    a record deleted on one side and changed on the other."""

    __tablename__ = "event_reviews"

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, default=new_id)
    merge_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), index=True)
    other_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))
    field: Mapped[str | None] = mapped_column(String(40))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    decision: Mapped[str | None] = mapped_column(String(40))  # a copy's id, or a word
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
