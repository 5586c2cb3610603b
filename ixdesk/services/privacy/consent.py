"""Guardians' consent, one record per student and purpose, and who lacks it.

A consent is *valid* for a purpose while a live record for that purpose has been
given and not withdrawn. A student under 18 (or whose date of birth is unknown:
most students are minors, so the safe reading) needs a valid consent for each
purpose an export or a list uses; adults need none (docs/privacy.md).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.db.enums import ConsentMethod, ConsentPurpose
from ixdesk.errors import ValidationError
from ixdesk.services.assignments.rules import ADULT_AGE
from ixdesk.services.operations import ChangeHub, OperationContext, live_record, run_operation
from ixdesk.services.reads import reads
from ixdesk.services.validation import years_before

BATCH = 500
PURPOSE_LABELS = {
    ConsentPurpose.PARTICIPATION: "taking part in the programme",
    ConsentPurpose.PHOTOS: "photos",
    ConsentPurpose.PARTNER_SHARING: "sharing work with the partner company",
    ConsentPurpose.MESSAGES: "messages",
}
METHOD_LABELS = {
    ConsentMethod.PAPER_FORM: "paper form",
    ConsentMethod.EMAIL: "email",
    ConsentMethod.ONLINE_FORM: "online form",
}


@dataclass(frozen=True)
class ConsentRow:
    """One consent record as the window and the exports show it."""

    id: str
    version: int
    purpose: ConsentPurpose
    given_by: str | None
    relation: str | None
    given_at: datetime
    method: ConsentMethod | None
    notice_version: str | None
    withdrawn_at: datetime | None
    withdrawn_by: str | None

    @property
    def valid(self) -> bool:
        return self.withdrawn_at is None


def is_minor(date_of_birth: date | None, on: date | None = None) -> bool:
    """Under 18 on ``on`` (today); an unknown date of birth counts as a minor."""
    return date_of_birth is None or date_of_birth > years_before(on or date.today(), ADULT_AGE)


@reads("consents")
def student_consents(database: Database, student_id: str) -> list[ConsentRow]:
    """A student's consent records, newest first (withdrawn ones too)."""
    with database.read() as session:
        return consent_rows(session, student_id)


@dataclass(frozen=True)
class ConsentCard:
    """What the student's card shows of consent: the records, and for a minor the
    purposes without a valid consent (``MISSING`` or ``WITHDRAWN``)."""

    rows: list[ConsentRow]
    minor: bool
    gaps: dict[ConsentPurpose, str]

    def status(self) -> str:
        """One line per student: for a minor, the purposes that lack a valid consent."""
        return gaps_sentence(self.gaps) if self.minor else ""


@reads("consents", "students")
def consent_card(database: Database, student_id: str) -> ConsentCard:
    """A student's consent records and, for a minor, what lacks a valid consent."""
    s = m.Student
    with database.read() as session:
        rows = consent_rows(session, student_id)
        born = session.execute(select(s.date_of_birth).where(s.id == student_id)).first()
        minor = born is not None and is_minor(born[0])
        gaps = consent_gaps(session, [student_id]).get(student_id, {}) if minor else {}
    return ConsentCard(rows, minor, gaps)


def consent_rows(session: Session, student_id: str) -> list[ConsentRow]:
    c = m.Consent
    records = session.scalars(
        select(c)
        .where(c.student_id == student_id, c.deleted_at.is_(None))
        .order_by(c.given_at.desc(), c.purpose)
    )
    return [
        ConsentRow(
            r.id,
            r.version,
            r.purpose,
            r.given_by,
            r.relation,
            r.given_at,
            r.method,
            r.notice_version,
            r.withdrawn_at,
            r.withdrawn_by,
        )
        for r in records
    ]


def valid_consent(purpose: ConsentPurpose) -> Any:
    """A condition on ``m.Consent`` rows: live, for ``purpose``, not withdrawn."""
    c = m.Consent
    return and_(c.purpose == purpose, c.deleted_at.is_(None), c.withdrawn_at.is_(None))


MISSING, WITHDRAWN = "missing", "withdrawn"


def consent_gaps(
    session: Session,
    student_ids: Iterable[str],
    purposes: Iterable[ConsentPurpose] = tuple(ConsentPurpose),
    *,
    on: date | None = None,
) -> dict[str, dict[ConsentPurpose, str]]:
    """Per minor of ``student_ids`` (under 18 ``on`` today) who lacks a valid consent for
    any of ``purposes``: each such purpose, and whether its consent is ``MISSING`` (none
    on record) or ``WITHDRAWN``. Two queries a batch, whatever the number of students."""
    wanted = list(purposes)
    s, c = m.Student, m.Consent
    gaps: dict[str, dict[ConsentPurpose, str]] = {}
    ids = iter(dict.fromkeys(student_ids))
    while batch := list(itertools.islice(ids, BATCH)):
        minors = [
            student_id
            for student_id, born in session.execute(
                select(s.id, s.date_of_birth).where(s.id.in_(batch))
            )
            if is_minor(born, on)
        ]
        if not minors:
            continue
        records: dict[tuple[str, ConsentPurpose], bool] = {}  # valid?
        for student_id, purpose, withdrawn_at in session.execute(
            select(c.student_id, c.purpose, c.withdrawn_at).where(
                c.student_id.in_(minors), c.purpose.in_(wanted), c.deleted_at.is_(None)
            )
        ):
            key = (student_id, ConsentPurpose(purpose))
            records[key] = records.get(key, False) or withdrawn_at is None
        for student_id in minors:
            lacking = {
                purpose: WITHDRAWN if (student_id, purpose) in records else MISSING
                for purpose in wanted
                if not records.get((student_id, purpose), False)
            }
            if lacking:
                gaps[student_id] = lacking
    return gaps


def purpose_gaps(
    session: Session, student_ids: Iterable[str], purpose: ConsentPurpose, on: date | None = None
) -> dict[str, str]:
    """Those of ``student_ids`` who are minors (``on`` today) without a valid consent for
    ``purpose``, each with ``MISSING`` or ``WITHDRAWN``."""
    gaps = consent_gaps(session, student_ids, (purpose,), on=on)
    return {student_id: lacking[purpose] for student_id, lacking in gaps.items()}


def cohort_gaps(
    session: Session, cohort_id: str, student_ids: Iterable[str], purpose: ConsentPurpose
) -> dict[str, str]:
    """As :func:`purpose_gaps`, for students of a cohort: under 18 when it starts (today
    while it has no start date), as "Needs attention" reckons."""
    starts_on = session.scalar(select(m.Cohort.starts_on).where(m.Cohort.id == cohort_id))
    return purpose_gaps(session, student_ids, purpose, on=starts_on)


def lacking_consent(
    session: Session, student_ids: Iterable[str], purpose: ConsentPurpose
) -> set[str]:
    """Those of ``student_ids`` who are minors without a valid consent for ``purpose``."""
    return set(purpose_gaps(session, student_ids, purpose))


def gap_sentence(purpose: ConsentPurpose, state: str) -> str:
    """Why a minor is marked for ``purpose``, in one sentence (a marker's tooltip)."""
    if state == WITHDRAWN:
        return f"Under 18: the guardian's consent for {PURPOSE_LABELS[purpose]} was withdrawn."
    return f"Under 18: no guardian's consent for {PURPOSE_LABELS[purpose]} is on record."


def gaps_sentence(gaps: dict[ConsentPurpose, str]) -> str:
    """A minor's purposes without a valid consent, in one line for the student's card."""
    if not gaps:
        return "Under 18: a guardian's consent is on record for every purpose."
    parts = []
    for state in (MISSING, WITHDRAWN):
        names = [PURPOSE_LABELS[p] for p in ConsentPurpose if gaps.get(p) == state]
        if names:
            said = "no guardian's consent on record" if state == MISSING else "consent withdrawn"
            parts.append(f"{said} for {', '.join(names)}")
    return f"Under 18: {'; '.join(parts)}."


def left_out_sentence(count: int, purpose: ConsentPurpose) -> str:
    """Why an export has fewer students than it might: one sentence."""
    who = "1 student under 18 was" if count == 1 else f"{count} students under 18 were"
    return f"{who} left out: no guardian's consent for {PURPOSE_LABELS[purpose]} is on record."


def tell_left_out(told: Callable[[str], None] | None, count: int, purpose: ConsentPurpose) -> None:
    """Tell ``told`` (when given) that ``count`` students were left out, and why."""
    if count and told is not None:
        told(left_out_sentence(count, purpose))


def give_consent(
    database: Database,
    student_id: str,
    purposes: Sequence[ConsentPurpose],
    *,
    given_by: str | None,
    relation: str | None = None,
    given_at: datetime | None = None,
    method: ConsentMethod | None = None,
    notice_version: str | None = None,
    hub: ChangeHub | None = None,
) -> list[str]:
    """Record a guardian's consent for each of ``purposes``; returns the new records' ids."""
    if not purposes:
        raise ValidationError("Choose at least one purpose the consent is for.")

    def work(context: OperationContext) -> list[str]:
        live_record(context.session, m.Student, student_id, None)
        return add_consents(
            context.session,
            student_id,
            purposes,
            given_by=given_by,
            relation=relation,
            given_at=given_at or utcnow(),
            method=method,
            notice_version=notice_version,
        )

    return run_operation(database, work, hub=hub)


def add_consents(
    session: Session,
    student_id: str,
    purposes: Iterable[ConsentPurpose],
    *,
    given_by: str | None,
    given_at: datetime,
    relation: str | None = None,
    method: ConsentMethod | None = None,
    notice_version: str | None = None,
) -> list[str]:
    """Add consent records inside an open operation (the import uses this too)."""
    records = [
        m.Consent(
            student_id=student_id,
            purpose=purpose,
            given_by=_clean(given_by),
            relation=_clean(relation),
            given_at=given_at,
            method=method,
            notice_version=_clean(notice_version),
        )
        for purpose in purposes
    ]
    session.add_all(records)
    session.flush()
    return [record.id for record in records]


def withdraw_consent(
    database: Database,
    consent_id: str,
    expected_version: int | None = None,
    *,
    withdrawn_by: str | None,
    withdrawn_at: datetime | None = None,
    hub: ChangeHub | None = None,
) -> None:
    """Mark a consent withdrawn (kept, dated): the next export that needs it leaves the
    student out."""

    def work(context: OperationContext) -> None:
        record = live_record(context.session, m.Consent, consent_id, expected_version)
        if record.withdrawn_at is not None:
            raise ValidationError("This consent was already withdrawn.")
        record.withdrawn_at = withdrawn_at or utcnow()
        record.withdrawn_by = _clean(withdrawn_by)

    run_operation(database, work, hub=hub)


def restore_consent(database: Database, consent_id: str, *, hub: ChangeHub | None = None) -> None:
    """Undo a withdrawal."""

    def work(context: OperationContext) -> None:
        record = live_record(context.session, m.Consent, consent_id, None)
        record.withdrawn_at = None
        record.withdrawn_by = None

    run_operation(database, work, hub=hub)


def remove_consents(
    database: Database, consent_ids: Sequence[str], *, hub: ChangeHub | None = None
) -> None:
    """Undo recording consents (tombstones, as every record)."""

    def work(context: OperationContext) -> None:
        for consent_id in consent_ids:
            live_record(context.session, m.Consent, consent_id, None).deleted_at = utcnow()

    run_operation(database, work, hub=hub)


def restore_removed(
    database: Database, consent_ids: Sequence[str], *, hub: ChangeHub | None = None
) -> None:
    """Redo recording consents after an undo."""

    def work(context: OperationContext) -> None:
        for consent_id in consent_ids:
            record = context.session.get(m.Consent, consent_id)
            if record is not None:
                record.deleted_at = None

    run_operation(database, work, hub=hub)


def _clean(text: str | None) -> str | None:
    cleaned = " ".join((text or "").split())
    return cleaned or None


def without_lacking(
    session: Session, by_group: dict[str, list[tuple[Any, ...]]], purpose: ConsentPurpose
) -> tuple[dict[str, list[tuple[Any, ...]]], int]:
    """Members (tuples whose first value is the student's id) less the minors without a
    valid consent for ``purpose``, the id dropped; and how many students were left out."""
    ids = {row[0] for rows in by_group.values() for row in rows}
    lacking = lacking_consent(session, ids, purpose)
    kept = {
        group: [row[1:] for row in rows if row[0] not in lacking]
        for group, rows in by_group.items()
    }
    return kept, len(lacking)


def with_gaps(
    session: Session,
    cohort_id: str,
    by_group: dict[str, list[tuple[Any, ...]]],
    purpose: ConsentPurpose,
) -> dict[str, list[tuple[Any, ...]]]:
    """A cohort's members (tuples whose first value is the student's id), the id dropped
    and, last, ``MISSING`` or ``WITHDRAWN`` for a minor without a valid consent for
    ``purpose`` (``None`` for everyone else)."""
    ids = (row[0] for rows in by_group.values() for row in rows)
    gaps = cohort_gaps(session, cohort_id, ids, purpose)
    return {
        group: [(*row[1:], gaps.get(row[0])) for row in rows] for group, rows in by_group.items()
    }
