"""Load, save, delete and link single records for the editors.

Every write goes through ``run_operation`` (one transaction, then a change
announcement). Saves name the version the person saw, so an edit made to a
stale copy is refused rather than applied over someone else's.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from ixdesk.db import models as m
from ixdesk.db.base import Base, utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.kinds import KINDS, KindSpec, status_label
from ixdesk.services.operations import (
    ChangeHub,
    OperationContext,
    live_record,
    run_operation,
)
from ixdesk.services.tables import canonical_id

# Fields of each kind that editors show; relationships are handled below.
EDITABLE: dict[str, tuple[str, ...]] = {
    "students": (
        "first_name", "last_name", "preferred_name", "email", "phone", "school", "grade",
        "date_of_birth", "track_interest_id", "guardian_name", "guardian_email",
        "guardian_phone", "guardian_consent_by", "guardian_consent_at", "messaging_opt_in",
        "notes",
    ),
    "instructors": (
        "first_name", "last_name", "preferred_name", "email", "phone", "employer", "job_title",
        "status", "availability", "safeguarding_status", "safeguarding_expires_on", "bio",
        "notes",
    ),
    "companies": ("name", "sector", "website", "city", "country", "status", "notes"),
    "problems": (
        "title", "company_id", "track_id", "status", "effort_hours", "sponsor_contact_id",
        "confidential", "problem_statement", "deliverables", "skills",
    ),
    "cohorts": (
        "name", "track_id", "status", "audience", "starts_on", "ends_on", "format", "schedule",
        "location", "capacity", "group_size",
    ),
    "groups": (
        "name", "cohort_id", "status", "business_problem_id", "lead_instructor_id",
        "meeting_slot",
    ),
}  # fmt: skip

EXPERTISE = "expertise"


@dataclass
class RecordValues:
    """One record as an editor sees it: its id, the version read, and its fields."""

    kind: str
    id: str | None
    version: int | None
    values: dict[str, Any] = field(default_factory=dict)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def load_values(database: Database, kind: str, record_id: str) -> RecordValues:
    spec = KINDS[kind]
    with database.read() as session:
        record = session.get(spec.model, record_id)
        if record is None or record.deleted_at is not None:
            raise RecordNotFoundError(f"This {spec.singular} no longer exists.")
        values = {name: _plain(getattr(record, name)) for name in EDITABLE[kind]}
        if kind == "instructors":
            values[EXPERTISE] = sorted(
                session.scalars(
                    select(m.InstructorExpertise.track_id).where(
                        m.InstructorExpertise.instructor_id == record_id,
                        m.InstructorExpertise.deleted_at.is_(None),
                    )
                )
            )
        return RecordValues(kind, record.id, record.version, values)


def empty_values(kind: str) -> RecordValues:
    spec = KINDS[kind]
    values: dict[str, Any] = dict.fromkeys(EDITABLE[kind])
    column_defaults = spec.model.__table__.c
    for name in EDITABLE[kind]:
        default = column_defaults[name].default
        if default is not None and getattr(default, "is_scalar", False):
            values[name] = _plain(default.arg)
    if kind == "instructors":
        values[EXPERTISE] = []
    return RecordValues(kind, None, None, values)


def _sync_expertise(context: OperationContext, instructor_id: str, track_ids: list[str]) -> None:
    session = context.session
    current = {
        row.track_id: row
        for row in session.scalars(
            select(m.InstructorExpertise).where(
                m.InstructorExpertise.instructor_id == instructor_id
            )
        )
    }
    for track_id, row in current.items():
        wanted = track_id in track_ids
        if wanted and row.deleted_at is not None:
            row.deleted_at = None
        elif not wanted and row.deleted_at is None:
            row.deleted_at = utcnow()
    for track_id in track_ids:
        if track_id not in current:
            session.add(m.InstructorExpertise(instructor_id=instructor_id, track_id=track_id))


def save_values(
    database: Database, record: RecordValues, *, hub: ChangeHub | None = None
) -> RecordValues:
    """Create (no id) or update (id and the version read) one record."""
    spec = KINDS[record.kind]
    fields = {k: v for k, v in record.values.items() if k in EDITABLE[record.kind]}

    def work(context: OperationContext) -> RecordValues:
        session = context.session
        if record.id is None:
            row = spec.model(**fields)
            session.add(row)
            session.flush()
        else:
            row = live_record(session, spec.model, record.id, record.version)
            for name, value in fields.items():
                if _plain(getattr(row, name)) != value:
                    setattr(row, name, value)
        if record.kind == "instructors" and EXPERTISE in record.values:
            _sync_expertise(context, row.id, list(record.values[EXPERTISE]))
            if record.id is not None and session.is_modified(row) is False:
                # Expertise alone changed: the instructor's version still moves on.
                row.updated_at = utcnow()
        session.flush()
        return RecordValues(record.kind, row.id, row.version, dict(record.values))

    return run_operation(database, work, hub=hub)


def delete_records(
    database: Database, kind: str, ids: Iterable[str], *, hub: ChangeHub | None = None
) -> list[str]:
    """Tombstone each record; returns the ids really deleted (for undo)."""
    spec = KINDS[kind]
    wanted = list(ids)

    def work(context: OperationContext) -> list[str]:
        done = []
        for record_id in wanted:
            row = context.session.get(spec.model, record_id)
            if row is not None and row.deleted_at is None:
                row.deleted_at = utcnow()
                done.append(record_id)
        return done

    return run_operation(database, work, hub=hub)


def restore_records(
    database: Database, kind: str, ids: Iterable[str], *, hub: ChangeHub | None = None
) -> None:
    spec = KINDS[kind]
    wanted = list(ids)

    def work(context: OperationContext) -> None:
        for record_id in wanted:
            row = context.session.get(spec.model, record_id)
            if row is None:
                raise RecordNotFoundError(f"No {spec.singular} with id {record_id} exists.")
            row.deleted_at = None

    run_operation(database, work, hub=hub)


def set_statuses(
    database: Database,
    kind: str,
    statuses: dict[str, str],
    *,
    hub: ChangeHub | None = None,
) -> dict[str, str]:
    """Give each record its new status; returns the previous ones (for undo)."""
    spec = KINDS[kind]

    def work(context: OperationContext) -> dict[str, str]:
        previous: dict[str, str] = {}
        for record_id, status in statuses.items():
            row = context.session.get(spec.model, record_id)
            if row is None or row.deleted_at is not None:
                continue
            previous[record_id] = _plain(getattr(row, spec.status_field))
            setattr(row, spec.status_field, status)
        return previous

    return run_operation(database, work, hub=hub)


# --- what depends on a record ---
_DEPENDENTS: dict[str, tuple[tuple[type[Base], str, str, str], ...]] = {
    "companies": (
        (m.BusinessProblem, "company_id", "business problem", "business problems"),
        (m.Contact, "company_id", "contact", "contacts"),
    ),
    "problems": ((m.StudentGroup, "business_problem_id", "group", "groups"),),
    "cohorts": (
        (m.StudentGroup, "cohort_id", "group", "groups"),
        (m.Enrolment, "cohort_id", "enrolment", "enrolments"),
    ),
    "groups": ((m.GroupMembership, "group_id", "member", "members"),),
    "students": (
        (m.Enrolment, "student_id", "enrolment", "enrolments"),
        (m.GroupMembership, "student_id", "group membership", "group memberships"),
    ),
    "instructors": ((m.StudentGroup, "lead_instructor_id", "group led", "groups led"),),
}


def dependents(database: Database, kind: str, ids: Iterable[str]) -> list[str]:
    """Phrases such as "2 business problems" for what hangs off these records."""
    wanted = list(ids)
    phrases = []
    with database.read() as session:
        for model, column, one, many in _DEPENDENTS.get(kind, ()):
            table = model.__table__
            count = session.scalar(
                select(func.count())
                .select_from(table)
                .where(table.c[column].in_(wanted), table.c.deleted_at.is_(None))
            )
            if count:
                phrases.append(f"{count} {one if count == 1 else many}")
    return phrases


# --- choices for the editors' lists ---
def choices(database: Database, source: str, **scope: Any) -> list[tuple[str, str]]:
    """(label, id) pairs for a link field, live records only, in a sensible order."""
    queries: dict[str, Any] = {
        "tracks": select(m.Track.name, m.Track.id)
        .where(m.Track.deleted_at.is_(None))
        .order_by(m.Track.name),
        "companies": select(m.PartnerCompany.name, m.PartnerCompany.id)
        .where(m.PartnerCompany.deleted_at.is_(None))
        .order_by(func.lower(m.PartnerCompany.name)),
        "cohorts": select(m.Cohort.name, m.Cohort.id)
        .where(m.Cohort.deleted_at.is_(None))
        .order_by(m.Cohort.starts_on.desc(), m.Cohort.name),
        "instructors": select(
            m.Instructor.first_name + " " + m.Instructor.last_name, m.Instructor.id
        )
        .where(m.Instructor.deleted_at.is_(None))
        .order_by(m.Instructor.last_name, m.Instructor.first_name),
        "problems": select(
            m.PartnerCompany.name + " — " + m.BusinessProblem.title, m.BusinessProblem.id
        )
        .join(m.PartnerCompany, m.PartnerCompany.id == m.BusinessProblem.company_id)
        .where(m.BusinessProblem.deleted_at.is_(None))
        .order_by(m.PartnerCompany.name, m.BusinessProblem.title),
        "contacts": select(m.Contact.name, m.Contact.id)
        .where(m.Contact.deleted_at.is_(None))
        .order_by(m.Contact.name),
    }
    statement = queries[source]
    if source == "contacts" and scope.get("company_id"):
        statement = statement.where(m.Contact.company_id == scope["company_id"])
    with database.read() as session:
        return [(str(label), canonical_id(value)) for label, value in session.execute(statement)]


def enum_choices(enum_class: type[enum.Enum]) -> list[tuple[str, str]]:
    return [(status_label(member), str(member.value)) for member in enum_class]


def find_email_owner(
    database: Database, kind: str, email: str, exclude_id: str | None
) -> tuple[str, str] | None:
    """The (id, name) of another live record of this kind using ``email``."""
    spec: KindSpec = KINDS[kind]
    model: Any = spec.model
    if "email" not in model.__table__.c:
        return None
    statement = select(model).where(
        func.lower(model.email) == email.strip().lower(), model.deleted_at.is_(None)
    )
    if exclude_id:
        statement = statement.where(model.id != exclude_id)
    with database.read() as session:
        other = session.scalars(statement.limit(1)).first()
        if other is None:
            return None
        return other.id, spec.title({name: getattr(other, name) for name in spec.title_fields})
