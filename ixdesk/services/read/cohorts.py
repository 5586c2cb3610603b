"""Cohorts: their fields, with the track by name and the number enrolled."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.statements import AnySelect
from ixdesk.services.counts import enrolled_count
from ixdesk.services.read.common import RecordRead

C, TRACK = m.Cohort, m.Track


def _source(statement: AnySelect) -> AnySelect:
    return statement.outerjoin(TRACK, TRACK.id == C.track_id).where(C.deleted_at.is_(None))


# Every field, in the order ``ixdesk list --json`` gives them.
FIELDS: dict[str, Any] = {
    "id": C.id,
    "name": C.name,
    "track": TRACK.name,
    "status": C.status,
    "starts_on": C.starts_on,
    "ends_on": C.ends_on,
    "format": C.format,
    "schedule": C.schedule,
    "location": C.location,
    "capacity": C.capacity,
    "group_size": C.group_size,
    "audience": C.audience,
    "enrolled": enrolled_count(),
}
COHORTS = RecordRead(
    model=C,
    fields=FIELDS,
    source=_source,
    listed=tuple(FIELDS),
    list_order=(C.starts_on.desc(), C.name),
    list_columns=("name", "track", "status", "starts_on", "ends_on", "capacity", "enrolled"),
)
ROSTER_FIELDS = (
    "name",
    "track",
    "status",
    "starts_on",
    "ends_on",
    "format",
    "schedule",
    "location",
    "capacity",
    "audience",
)


def cohort_details(session: Session, cohort_id: str) -> dict[str, Any]:
    """What a roster's heading says of the cohort."""
    statement = COHORTS.select(ROSTER_FIELDS).where(C.id == cohort_id)
    return dict(session.execute(statement).one()._mapping)


def cohort_names(session: Session) -> list[tuple[str, str, str]]:
    """(id, name, name) of every live cohort."""
    return [(id_, name, name) for id_, name in session.execute(COHORTS.select(("id", "name")))]
