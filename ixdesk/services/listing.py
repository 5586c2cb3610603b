"""Live records as plain rows whose keys are the canonical field names.

Used by ``ixdesk list`` and, later, by exports and the GUI's table models:
plain tuples from Core selects, never one ORM object per row, so 100,000
students list in a second or two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.counts import enrolled_count, member_count
from ixdesk.services.records import plain_value


@dataclass(frozen=True)
class RecordKind:
    """One kind for ``ixdesk list``: its query, its fields, its table columns."""

    name: str
    label: str
    query: Callable[[], Select[Any]]
    table_columns: Sequence[str]
    nested: Callable[..., dict[str, dict[str, list[Any]]]] | None = None
    # Kinds that can be listed for one cohort: the condition, and nested(database, cohort_id).
    by_cohort: Callable[[str], Any] | None = None


def _companies() -> Select[Any]:
    c = m.PartnerCompany
    return (
        select(c.id, c.name, c.sector, c.website, c.city, c.country, c.status, c.notes)
        .where(c.deleted_at.is_(None))
        .order_by(func.lower(c.name))
    )


def _company_contacts(database: Database) -> dict[str, dict[str, list[Any]]]:
    c = m.Contact
    contacts: dict[str, list[Any]] = {}
    with database.read() as session:
        rows = session.execute(
            select(c.company_id, c.id, c.name, c.role, c.email, c.phone)
            .where(c.deleted_at.is_(None))
            .order_by(c.name)
        )
        for company_id, *fields in rows:
            contacts.setdefault(company_id, []).append(
                dict(zip(("id", "name", "role", "email", "phone"), fields, strict=True))
            )
    return {"contacts": contacts}


def _problems() -> Select[Any]:
    p, company, track, sponsor = m.BusinessProblem, m.PartnerCompany, m.Track, m.Contact
    return (
        select(
            p.id,
            p.title,
            company.name.label("partner_company"),
            p.company_id,
            track.name.label("track"),
            p.status,
            p.effort_hours,
            p.skills,
            p.deliverables,
            p.problem_statement,
            p.confidential,
            sponsor.name.label("sponsor_contact"),
        )
        .join(company, company.id == p.company_id)
        .outerjoin(track, track.id == p.track_id)
        .outerjoin(sponsor, sponsor.id == p.sponsor_contact_id)
        .where(p.deleted_at.is_(None))
        .order_by(func.lower(company.name), p.title)
    )


def _cohorts() -> Select[Any]:
    c, track = m.Cohort, m.Track
    enrolled = enrolled_count()
    return (
        select(
            c.id,
            c.name,
            track.name.label("track"),
            c.status,
            c.starts_on,
            c.ends_on,
            c.format,
            c.schedule,
            c.location,
            c.capacity,
            c.group_size,
            c.audience,
            enrolled.label("enrolled"),
        )
        .outerjoin(track, track.id == c.track_id)
        .where(c.deleted_at.is_(None))
        .order_by(c.starts_on.desc(), c.name)
    )


def _groups() -> Select[Any]:
    g, cohort, problem, company = m.StudentGroup, m.Cohort, m.BusinessProblem, m.PartnerCompany
    lead = aliased(m.Instructor)
    members = member_count()
    return (
        select(
            g.id,
            g.name,
            cohort.name.label("cohort"),
            g.cohort_id,
            g.status,
            problem.title.label("business_problem"),
            company.name.label("partner_company"),
            (lead.first_name + " " + lead.last_name).label("lead_instructor"),
            g.meeting_slot,
            members.label("member_count"),
        )
        .join(cohort, cohort.id == g.cohort_id)
        .outerjoin(problem, problem.id == g.business_problem_id)
        .outerjoin(company, company.id == problem.company_id)
        .outerjoin(lead, lead.id == g.lead_instructor_id)
        .where(g.deleted_at.is_(None))
        .order_by(cohort.name, g.name)
    )


def _students() -> Select[Any]:
    s, track = m.Student, m.Track
    return (
        select(
            s.id,
            s.first_name,
            s.last_name,
            s.preferred_name,
            s.email,
            s.phone,
            s.school,
            s.grade,
            s.date_of_birth,
            track.name.label("track_interest"),
            s.guardian_name,
            s.guardian_email,
            s.guardian_phone,
            s.guardian_consent_by,
            s.guardian_consent_at,
            s.messaging_opt_in,
            s.notes,
        )
        .outerjoin(track, track.id == s.track_interest_id)
        .where(s.deleted_at.is_(None))
        .order_by(s.last_name, s.first_name)
    )


def _instructors() -> Select[Any]:
    i = m.Instructor
    return (
        select(
            i.id,
            i.first_name,
            i.last_name,
            i.preferred_name,
            i.email,
            i.phone,
            i.employer,
            i.job_title,
            i.bio,
            i.availability,
            i.safeguarding_status,
            i.safeguarding_expires_on,
            i.status,
            i.notes,
        )
        .where(i.deleted_at.is_(None))
        .order_by(i.last_name, i.first_name)
    )


def _instructor_expertise(database: Database) -> dict[str, dict[str, list[Any]]]:
    x, track = m.InstructorExpertise, m.Track
    expertise: dict[str, list[Any]] = {}
    with database.read() as session:
        rows = session.execute(
            select(x.instructor_id, track.name)
            .join(track, track.id == x.track_id)
            .where(x.deleted_at.is_(None))
            .order_by(track.name)
        )
        for instructor_id, name in rows:
            expertise.setdefault(instructor_id, []).append(name)
    return {"expertise": expertise}


def _group_details(
    database: Database, cohort_id: str | None = None
) -> dict[str, dict[str, list[Any]]]:
    from ixdesk.services.groups.details import group_details

    return group_details(database, cohort_id)


KINDS: dict[str, RecordKind] = {
    kind.name: kind
    for kind in (
        RecordKind(
            "companies",
            "partner companies",
            _companies,
            ("name", "sector", "city", "country", "status"),
            _company_contacts,
        ),
        RecordKind(
            "problems",
            "business problems",
            _problems,
            ("title", "partner_company", "track", "status", "effort_hours"),
        ),
        RecordKind(
            "cohorts",
            "cohorts",
            _cohorts,
            ("name", "track", "status", "starts_on", "ends_on", "capacity", "enrolled"),
        ),
        RecordKind(
            "groups",
            "groups",
            _groups,
            ("cohort", "name", "status", "business_problem", "lead_instructor", "member_count"),
            _group_details,
            lambda cohort_id: m.StudentGroup.cohort_id == cohort_id,
        ),
        RecordKind(
            "students",
            "students",
            _students,
            ("last_name", "first_name", "email", "school", "grade", "date_of_birth"),
        ),
        RecordKind(
            "instructors",
            "instructors",
            _instructors,
            ("last_name", "first_name", "email", "employer", "safeguarding_status", "status"),
            _instructor_expertise,
        ),
    )
}


def record_kind(name: str) -> RecordKind:
    try:
        return KINDS[name]
    except KeyError:
        raise IxdeskError(
            f"'{name}' is not something ixdesk lists; choose one of {', '.join(KINDS)}."
        ) from None


def plain(value: Any) -> Any:
    """A JSON-ready value: ids and enums as strings, dates in ISO 8601."""
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    return plain_value(value)


def iter_records(
    database: Database, kind_name: str, limit: int | None = None, cohort_id: str | None = None
) -> Iterator[dict[str, Any]]:
    """Live records of one kind as dicts of canonical field names to plain values.

    ``cohort_id``: only the records of that cohort (kinds with ``by_cohort`` only).
    """
    kind = record_kind(kind_name)
    statement = kind.query()
    if cohort_id is not None:
        if kind.by_cohort is None:
            raise IxdeskError(f"Only groups are listed for one cohort, not {kind.label}.")
        statement = statement.where(kind.by_cohort(cohort_id))
        extra = kind.nested(database, cohort_id) if kind.nested else {}
    else:
        extra = kind.nested(database) if kind.nested else {}
    if limit is not None:
        statement = statement.limit(limit)
    return _rows(database, statement, extra)


def _rows(
    database: Database, statement: Select[Any], extra: dict[str, dict[str, list[Any]]]
) -> Iterator[dict[str, Any]]:
    with database.read() as session:
        result = session.execute(statement)
        keys = list(result.keys())
        for row in result:
            record = {key: plain(value) for key, value in zip(keys, row, strict=True)}
            for field_name, by_id in extra.items():
                record[field_name] = by_id.get(record["id"], [])
            yield record
