"""Consent dates typed on a student's form, a sign-up sheet's consent column or ticked at
an event, kept as consent records for taking part (docs/privacy.md)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, insert, or_, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.enums import ConsentPurpose
from ixdesk.services.privacy.consent import BATCH


def consents_to_add(
    connection: Connection, student_ids: Iterable[str], stamp: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    """Rows for ``m.Consent`` from the students' own consent fields: one for taking part
    per student of ``student_ids`` whose ``guardian_consent_at`` is set and not on record
    yet (a sign-up sheet's consent column, the form's consent date).

    On record: a valid consent for taking part, or one withdrawn on or after that date.
    A withdrawal stays withdrawn while the field still holds the date it took back; only
    a consent dated after the withdrawal is a new one."""
    s, c = m.Student, m.Consent
    purpose = ConsentPurpose.PARTICIPATION
    ids = iter(student_ids)
    while batch := list(itertools.islice(ids, BATCH)):
        on_record = (
            select(c.id)
            .where(
                c.student_id == s.id,
                c.purpose == purpose,
                c.deleted_at.is_(None),
                or_(c.withdrawn_at.is_(None), c.withdrawn_at >= s.guardian_consent_at),
            )
            .exists()
        )
        rows = connection.execute(
            select(s.id, s.guardian_consent_by, s.guardian_consent_at).where(
                s.id.in_(batch),
                s.deleted_at.is_(None),
                s.guardian_consent_at.is_not(None),
                ~on_record,
            )
        )
        for student_id, given_by, given_at in rows:
            yield {
                "id": str(uuid.uuid4()),
                "student_id": student_id,
                "purpose": purpose.value,
                "given_by": given_by,
                "relation": None,
                "given_at": given_at,
                "method": None,
                "notice_version": None,
                "withdrawn_at": None,
                "withdrawn_by": None,
                **stamp,
            }


def record_consent_dates(connection: Connection, student_ids: Iterable[str]) -> list[str]:
    """Inside an operation: the students' consent dates not on record yet (typed on the
    form, ticked at an event), as consent records; returns the new records' ids."""
    now = utcnow()
    stamp = {"created_at": now, "updated_at": now, "version": 1, "deleted_at": None}
    rows = list(consents_to_add(connection, student_ids, stamp))
    if rows:
        connection.execute(insert(m.Consent.__table__), rows)
    return [row["id"] for row in rows]


def note_form_consent(session: Session, student_id: str) -> None:
    """Inside an operation: the consent date typed on the student's form, as a record."""
    record_consent_dates(session.connection(), [student_id])
