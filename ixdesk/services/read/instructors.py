"""Instructors: their fields, their tracks of expertise, and how people find one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.statements import AnySelect
from ixdesk.services.read.common import Nested, RecordRead, by_id, person

I = m.Instructor  # noqa: E741


def _source(statement: AnySelect) -> AnySelect:
    return statement.where(I.deleted_at.is_(None))


def expertise(database: Database) -> Nested:
    """{"expertise": {instructor id: [track name, ...]}} for ``ixdesk list --json``."""
    x, track = m.InstructorExpertise, m.Track
    statement = (
        select(x.instructor_id, track.name)
        .join(track, track.id == x.track_id)
        .where(x.deleted_at.is_(None))
        .order_by(track.name)
    )
    return {"expertise": by_id(database, statement, ())}


# Every field, in the order ``ixdesk list --json`` gives them.
FIELDS: dict[str, Any] = {
    "id": I.id,
    "first_name": I.first_name,
    "last_name": I.last_name,
    "preferred_name": I.preferred_name,
    "email": I.email,
    "phone": I.phone,
    "employer": I.employer,
    "job_title": I.job_title,
    "bio": I.bio,
    "availability": I.availability,
    "safeguarding_status": I.safeguarding_status,
    "safeguarding_expires_on": I.safeguarding_expires_on,
    "status": I.status,
    "notes": I.notes,
}
INSTRUCTORS = RecordRead(
    model=I,
    fields=FIELDS,
    source=_source,
    listed=tuple(FIELDS),
    list_order=(I.last_name, I.first_name),
    list_columns=("last_name", "first_name", "email", "employer", "safeguarding_status", "status"),
    nested=expertise,
)


def instructor_names(session: Session) -> list[tuple[str, str, str]]:
    """(id, email, "email (name)") of every live instructor with an email."""
    rows = session.execute(
        INSTRUCTORS.select(("id", "email", "first_name", "last_name")).where(I.email.is_not(None))
    )
    return [(id_, email, f"{email} ({person(first, last)})") for id_, email, first, last in rows]


def instructor_name(session: Session, instructor_id: str) -> tuple[str, str | None]:
    """The display name and email of an instructor, found by id."""
    first, last, preferred, email = session.execute(
        select(I.first_name, I.last_name, I.preferred_name, I.email).where(I.id == instructor_id)
    ).one()
    return person(first, last, preferred), email
