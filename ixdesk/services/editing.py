"""Load, save, delete and link single records for the editors.

Every write goes through ``run_operation`` (one transaction, then a change
announcement). Saves name the version the person saw, so an edit made to a
stale copy is refused rather than applied over someone else's.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.db.statements import AnySelect
from ixdesk.errors import RecordNotFoundError, ValidationError

# Deleting lives in its own module; editors and undo find it here too.
from ixdesk.services.deletion import delete_records as delete_records
from ixdesk.services.deletion import deletion_effects as deletion_effects
from ixdesk.services.deletion import dependents as dependents
from ixdesk.services.deletion import restore_records as restore_records
from ixdesk.services.kinds import KINDS, KindSpec, status_label
from ixdesk.services.operations import (
    ChangeHub,
    OperationContext,
    live_record,
    run_operation,
)
from ixdesk.services.privacy import audit
from ixdesk.services.privacy.consent_dates import note_form_consent
from ixdesk.services.record_kinds import Kind
from ixdesk.services.records import fixed_defaults, plain_value
from ixdesk.services.tables import canonical_id

# Fields of each kind that editors show; relationships are handled below.
EDITABLE: dict[Kind, tuple[str, ...]] = {
    Kind.STUDENTS: (
        "first_name", "last_name", "preferred_name", "email", "phone", "school", "grade",
        "date_of_birth", "track_interest_id", "guardian_name", "guardian_email",
        "guardian_phone", "guardian_consent_by", "guardian_consent_at", "messaging_opt_in",
        "notes",
    ),
    Kind.INSTRUCTORS: (
        "first_name", "last_name", "preferred_name", "email", "phone", "employer", "job_title",
        "status", "availability", "safeguarding_status", "safeguarding_expires_on", "bio",
        "notes",
    ),
    Kind.COMPANIES: ("name", "sector", "website", "city", "country", "status", "notes"),
    Kind.PROBLEMS: (
        "title", "company_id", "track_id", "status", "effort_hours", "max_groups",
        "sponsor_contact_id", "confidential", "problem_statement", "deliverables", "skills",
    ),
    Kind.COHORTS: (
        "name", "track_id", "status", "audience", "starts_on", "ends_on", "format", "schedule",
        "location", "capacity", "group_size",
    ),
    Kind.GROUPS: (
        "name", "cohort_id", "status", "business_problem_id", "lead_instructor_id",
        "meeting_slot",
    ),
}  # fmt: skip

EXPERTISE = "expertise"


@dataclass
class RecordValues:
    """One record as an editor sees it: its id, the version read, and its fields."""

    kind: Kind
    id: str | None
    version: int | None
    values: dict[str, Any] = field(default_factory=dict)


def load_values(database: Database, kind: Kind, record_id: str) -> RecordValues:
    spec = KINDS[kind]
    with database.read() as session:
        record = session.get(spec.model, record_id)
        if record is None or record.deleted_at is not None:
            raise RecordNotFoundError(f"This {spec.singular} no longer exists.")
        values = {name: plain_value(getattr(record, name)) for name in EDITABLE[kind]}
        if kind == Kind.INSTRUCTORS:
            values[EXPERTISE] = sorted(
                session.scalars(
                    select(m.InstructorExpertise.track_id).where(
                        m.InstructorExpertise.instructor_id == record_id,
                        m.InstructorExpertise.deleted_at.is_(None),
                    )
                )
            )
        return RecordValues(kind, record.id, record.version, values)


def empty_values(kind: Kind) -> RecordValues:
    spec = KINDS[kind]
    values: dict[str, Any] = dict.fromkeys(EDITABLE[kind])
    defaults = fixed_defaults(spec.model.__table__)
    for name in EDITABLE[kind]:
        if name in defaults:
            values[name] = defaults[name]
    if kind == Kind.INSTRUCTORS:
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


GROUP_STAYS_IN_COHORT = (
    "A group that has (or had) members stays in its cohort. To work in another cohort, "
    "create a new group there."
)


def group_has_had_members(session: Session, group_id: str) -> bool:
    """Memberships (even removed ones) tie a group to its cohort in the database."""
    found = session.scalar(
        select(m.GroupMembership.id).where(m.GroupMembership.group_id == group_id).limit(1)
    )
    return found is not None


def group_cohort_is_fixed(database: Database, group_id: str) -> bool:
    with database.read() as session:
        return group_has_had_members(session, group_id)


def _moves_a_group_with_members(session: Session, row: Any, fields: dict[str, Any]) -> bool:
    if not isinstance(row, m.StudentGroup):
        return False
    moving = fields.get("cohort_id", row.cohort_id) != row.cohort_id
    return moving and group_has_had_members(session, row.id)


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
            if _moves_a_group_with_members(session, row, fields):
                raise ValidationError(GROUP_STAYS_IN_COHORT)
            for name, value in fields.items():
                if plain_value(getattr(row, name)) != value:
                    setattr(row, name, value)
        if record.kind == Kind.INSTRUCTORS and EXPERTISE in record.values:
            _sync_expertise(context, row.id, list(record.values[EXPERTISE]))
            if record.id is not None and session.is_modified(row) is False:
                # Expertise alone changed: the instructor's version still moves on.
                row.updated_at = utcnow()
        session.flush()
        if record.kind == Kind.STUDENTS and fields.get("guardian_consent_at") is not None:
            note_form_consent(session, row.id)
        return RecordValues(record.kind, row.id, row.version, dict(record.values))

    return run_operation(database, work, hub=hub)


def set_statuses(
    database: Database,
    kind: Kind,
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
            previous[record_id] = plain_value(getattr(row, spec.status_field))
            setattr(row, spec.status_field, status)
        if len(previous) > 1:  # a bulk action
            what = f"Status of {spec.plural} changed"
            audit.note(context.session, audit.STATUS, what, records=len(previous))
        return previous

    return run_operation(database, work, hub=hub)


# --- choices for the editors' lists ---
# Where a list of choices comes from: a record kind, or tracks, or a company's contacts.
ChoiceSource: TypeAlias = Kind | Literal["tracks", "contacts"]


def choice_query(source: ChoiceSource) -> AnySelect:
    """The (label, id) statement of one list of choices; ``tables_read`` of it says
    which changes can alter the list."""
    queries: dict[ChoiceSource, AnySelect] = {
        "tracks": select(m.Track.name, m.Track.id)
        .where(m.Track.deleted_at.is_(None), m.Track.retired_at.is_(None))
        .order_by(func.lower(m.Track.name)),
        Kind.COMPANIES: select(m.PartnerCompany.name, m.PartnerCompany.id)
        .where(m.PartnerCompany.deleted_at.is_(None))
        .order_by(func.lower(m.PartnerCompany.name)),
        Kind.COHORTS: select(m.Cohort.name, m.Cohort.id)
        .where(m.Cohort.deleted_at.is_(None))
        .order_by(m.Cohort.starts_on.desc(), m.Cohort.name),
        Kind.INSTRUCTORS: select(
            m.Instructor.first_name + " " + m.Instructor.last_name, m.Instructor.id
        )
        .where(m.Instructor.deleted_at.is_(None))
        .order_by(m.Instructor.last_name, m.Instructor.first_name),
        Kind.PROBLEMS: select(
            m.PartnerCompany.name + " — " + m.BusinessProblem.title, m.BusinessProblem.id
        )
        .join(m.PartnerCompany, m.PartnerCompany.id == m.BusinessProblem.company_id)
        .where(m.BusinessProblem.deleted_at.is_(None))
        .order_by(m.PartnerCompany.name, m.BusinessProblem.title),
        "contacts": select(m.Contact.name, m.Contact.id)
        .where(m.Contact.deleted_at.is_(None))
        .order_by(m.Contact.name),
    }
    return queries[source]


def choices(database: Database, source: ChoiceSource, **scope: Any) -> list[tuple[str, str]]:
    """(label, id) pairs for a link field, live records only, in a sensible order."""
    statement = choice_query(source)
    if source == "contacts" and "company_id" in scope:  # a company's own contacts only
        statement = statement.where(m.Contact.company_id == scope["company_id"])
    with database.read() as session:
        return [(str(label), canonical_id(value)) for label, value in session.execute(statement)]


def held_choices(
    database: Database, source: str, ids: set[str], offered: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(label, id) of retired tracks among ``ids`` that ``offered`` leaves out: a record
    keeps its retired track, so its form shows it ("Data (retired)") though no list offers it."""
    missing = ids - {value for _label, value in offered}
    if source != "tracks" or not missing:
        return []
    statement = select(m.Track.name, m.Track.id).where(
        m.Track.id.in_(sorted(missing)), m.Track.deleted_at.is_(None)
    )
    with database.read() as session:
        return [
            (f"{name} (retired)", canonical_id(value)) for name, value in session.execute(statement)
        ]


def enum_choices(enum_class: type[enum.Enum]) -> list[tuple[str, str]]:
    return [(status_label(member), str(member.value)) for member in enum_class]


# The field each kind keeps unique among its live records, and the fields that
# scope it (a group name is unique within its cohort), as the database's indexes do.
UNIQUE_FIELDS: dict[Kind, tuple[str, tuple[str, ...]]] = {
    Kind.STUDENTS: ("email", ()),
    Kind.INSTRUCTORS: ("email", ()),
    Kind.COMPANIES: ("name", ()),
    Kind.COHORTS: ("name", ()),
    Kind.GROUPS: ("name", ("cohort_id",)),
}


@dataclass(frozen=True)
class Duplicate:
    """Another live record already using a value that must be unique."""

    field: str
    id: str
    title: str


def find_duplicate(
    database: Database, kind: Kind, values: dict[str, Any], exclude_id: str | None
) -> Duplicate | None:
    """The live record of ``kind`` (other than ``exclude_id``) that ``values`` would clash with."""
    if kind not in UNIQUE_FIELDS:
        return None
    name, scope = UNIQUE_FIELDS[kind]
    value = values.get(name)
    if not isinstance(value, str) or not value.strip():
        return None
    spec: KindSpec = KINDS[kind]
    with database.read() as session:
        scoped = {column: values.get(column) for column in scope}
        other = live_clash(session, spec.model, name, value, scoped, exclude_id)
        if other is None:
            return None
        title = spec.title({key: getattr(other, key) for key in spec.title_fields})
        return Duplicate(name, canonical_id(other.id), title)


def live_clash(
    session: Session,
    model: Any,
    field: str,
    value: str,
    scope: dict[str, Any],
    exclude_id: str | None,
) -> Any | None:
    """The live row of ``model`` whose ``field`` equals ``value`` ignoring case, if any.

    Both sides go through the database's own ``lower()``, as its unique indexes do,
    so this finds exactly the clashes the database would refuse.
    """
    statement = select(model).where(
        func.lower(getattr(model, field)) == func.lower(literal(value.strip())),
        model.deleted_at.is_(None),
    )
    for column, wanted in scope.items():
        statement = statement.where(getattr(model, column) == wanted)
    if exclude_id:
        statement = statement.where(model.id != exclude_id)
    return session.scalars(statement.limit(1)).first()


def contact_email_owner(database: Database, email: str, exclude_id: str | None) -> str | None:
    """Who else among live contacts uses ``email``: "Selam Cohen (Brücke Logistik)"."""
    with database.read() as session:
        other = live_clash(session, m.Contact, "email", email, {}, exclude_id)
        if other is None:
            return None
        company = session.get(m.PartnerCompany, other.company_id)
        return f"{other.name} ({company.name})" if company is not None else other.name
