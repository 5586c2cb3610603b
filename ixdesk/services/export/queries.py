"""The Core selects behind every workbook: live rows only, plain tuples, never ORM objects.

Privacy starts here: member queries take the list of student fields a reader
may see (:data:`COORDINATOR_FIELDS`, :data:`INSTRUCTOR_FIELDS`, ...) and select
only those columns, so a roster cannot leak a field its builder forgot to
drop. Small result sets (one cohort's groups and members) are sorted in Python,
folded (:func:`~ixdesk.services.folding.fold`: case and accents ignored), so
both databases give the same order, the one the window's tables and search
use; the full export is streamed in partitions and never held in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from ixdesk.db import models as m
from ixdesk.db.base import Base
from ixdesk.db.engine import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.services.folding import fold

STREAM_ROWS = 2_000
ROSTER_STATUSES = (EnrolmentStatus.ENROLLED.value, EnrolmentStatus.COMPLETED.value)

_STUDENT_FIELDS: dict[str, Any] = {
    "first_name": m.Student.first_name,
    "last_name": m.Student.last_name,
    "preferred_name": m.Student.preferred_name,
    "school": m.Student.school,
    "grade": m.Student.grade,
    "email": m.Student.email,
    "phone": m.Student.phone,
}
COORDINATOR_FIELDS = (
    "last_name",
    "first_name",
    "preferred_name",
    "school",
    "grade",
    "email",
    "phone",
)
INSTRUCTOR_FIELDS = ("last_name", "first_name", "preferred_name", "school", "grade", "email")
SIGNIN_FIELDS = ("last_name", "first_name", "preferred_name")
PARTNER_FIELDS = ("first_name", "preferred_name", "last_name")


def sort_key(text: str | None) -> tuple[Any, ...]:
    """Natural order, case and accents ignored: "Group 2" before "Group 10", "Émile" by E."""
    parts = re.split(r"(\d+)", fold(text or ""))
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def person(first: str | None, last: str | None, preferred: str | None = None) -> str:
    """A display name: "Alexandra (Alex) Smith" when a preferred name differs."""
    first = (first or "").strip()
    if preferred and preferred.strip() and preferred.strip() != first:
        first = f"{first} ({preferred.strip()})"
    return " ".join(part for part in (first, (last or "").strip()) if part)


def live_names(database: Database, kind: str) -> list[tuple[str, str, str]]:
    """(id, what people type, how to show it) for every live cohort/company/instructor."""
    with database.read() as session:
        if kind == "cohort":
            rows = session.execute(
                select(m.Cohort.id, m.Cohort.name).where(m.Cohort.deleted_at.is_(None))
            )
            return [(id_, name, name) for id_, name in rows]
        if kind == "company":
            c = m.PartnerCompany
            rows = session.execute(select(c.id, c.name).where(c.deleted_at.is_(None)))
            return [(id_, name, name) for id_, name in rows]
        i = m.Instructor
        rows = session.execute(
            select(i.id, i.email, i.first_name, i.last_name).where(
                i.deleted_at.is_(None), i.email.is_not(None)
            )
        )
        return [
            (id_, email, f"{email} ({person(first, last)})") for id_, email, first, last in rows
        ]


def cohort_details(session: Session, cohort_id: str) -> dict[str, Any]:
    c, track = m.Cohort, m.Track
    row = session.execute(
        select(
            c.name,
            track.name.label("track"),
            c.status,
            c.starts_on,
            c.ends_on,
            c.format,
            c.schedule,
            c.location,
            c.capacity,
            c.audience,
        )
        .outerjoin(track, track.id == c.track_id)
        .where(c.id == cohort_id, c.deleted_at.is_(None))
    ).one()
    return dict(row._mapping)


def groups(
    session: Session,
    *,
    cohort_id: str | None = None,
    instructor_id: str | None = None,
    company_id: str | None = None,
) -> list[dict[str, Any]]:
    """Live groups (of a cohort, of an instructor, or on a company's problems), in order."""
    g, cohort, problem, company = m.StudentGroup, m.Cohort, m.BusinessProblem, m.PartnerCompany
    lead = aliased(m.Instructor)
    statement = (
        select(
            g.id,
            g.name,
            g.status,
            g.meeting_slot,
            g.lead_instructor_id,
            g.cohort_id,
            cohort.name.label("cohort"),
            cohort.status.label("cohort_status"),
            cohort.starts_on,
            cohort.ends_on,
            cohort.location,
            problem.title.label("business_problem"),
            company.name.label("partner_company"),
            lead.first_name.label("lead_first"),
            lead.last_name.label("lead_last"),
            lead.preferred_name.label("lead_preferred"),
            lead.email.label("lead_email"),
        )
        .join(cohort, cohort.id == g.cohort_id)
        .outerjoin(problem, (problem.id == g.business_problem_id) & problem.deleted_at.is_(None))
        .outerjoin(company, (company.id == problem.company_id) & company.deleted_at.is_(None))
        .outerjoin(lead, (lead.id == g.lead_instructor_id) & lead.deleted_at.is_(None))
        .where(g.deleted_at.is_(None), cohort.deleted_at.is_(None))
    )
    if cohort_id is not None:
        statement = statement.where(g.cohort_id == cohort_id)
    if company_id is not None:
        statement = statement.where(problem.company_id == company_id)
    if instructor_id is not None:
        a = m.GroupAssistant
        assisted = select(a.group_id).where(
            a.instructor_id == instructor_id, a.deleted_at.is_(None)
        )
        statement = statement.where((g.lead_instructor_id == instructor_id) | g.id.in_(assisted))
    found = [dict(row._mapping) for row in session.execute(statement)]
    for group in found:
        group["lead_instructor"] = person(
            group["lead_first"], group["lead_last"], group["lead_preferred"]
        )
    assistants = assistant_names(session, [group["id"] for group in found])
    for group in found:
        group["assistants"] = ", ".join(assistants.get(group["id"], []))
    found.sort(key=lambda group: (sort_key(group["cohort"]), sort_key(group["name"])))
    return found


def assistant_names(session: Session, group_ids: Sequence[str]) -> dict[str, list[str]]:
    a, i = m.GroupAssistant, m.Instructor
    names: dict[str, list[str]] = {}
    if not group_ids:
        return names
    rows = session.execute(
        select(a.group_id, i.first_name, i.last_name, i.preferred_name)
        .join(i, i.id == a.instructor_id)
        .where(a.group_id.in_(group_ids), a.deleted_at.is_(None), i.deleted_at.is_(None))
    )
    for group_id, first, last, preferred in rows:
        names.setdefault(group_id, []).append(person(first, last, preferred))
    for listed in names.values():
        listed.sort(key=sort_key)
    return names


def members(
    session: Session, group_ids: Sequence[str], fields: Sequence[str]
) -> dict[str, list[tuple[Any, ...]]]:
    """Each group's members as tuples of ``fields``; withdrawn students are left out."""
    s, ms, e = m.Student, m.GroupMembership, m.Enrolment
    by_group: dict[str, list[tuple[Any, ...]]] = {group_id: [] for group_id in group_ids}
    if not group_ids:
        return by_group
    rows = session.execute(
        select(ms.group_id, *(_STUDENT_FIELDS[name] for name in fields))
        .join(s, s.id == ms.student_id)
        .outerjoin(
            e,
            (e.student_id == ms.student_id)
            & (e.cohort_id == ms.cohort_id)
            & e.deleted_at.is_(None),
        )
        .where(
            ms.group_id.in_(group_ids),
            ms.deleted_at.is_(None),
            s.deleted_at.is_(None),
            (e.status.is_(None)) | (e.status != EnrolmentStatus.WITHDRAWN.value),
        )
    )
    for group_id, *values in rows:
        by_group[group_id].append(tuple(values))
    order = _name_order(fields)
    for listed in by_group.values():
        listed.sort(key=order)
    return by_group


def ungrouped(session: Session, cohort_id: str, fields: Sequence[str]) -> list[tuple[Any, ...]]:
    """Students enrolled in the cohort (or completed it) who are in none of its live groups."""
    s, e, ms, g = m.Student, m.Enrolment, m.GroupMembership, m.StudentGroup
    grouped = (
        select(ms.student_id)
        .join(g, g.id == ms.group_id)
        .where(ms.cohort_id == cohort_id, ms.deleted_at.is_(None), g.deleted_at.is_(None))
    )
    rows = session.execute(
        select(*(_STUDENT_FIELDS[name] for name in fields))
        .join(e, e.student_id == s.id)
        .where(
            e.cohort_id == cohort_id,
            e.deleted_at.is_(None),
            s.deleted_at.is_(None),
            e.status.in_(ROSTER_STATUSES),
            s.id.not_in(grouped),
        )
    )
    return sorted((tuple(row) for row in rows), key=_name_order(fields))


def _name_order(fields: Sequence[str]) -> Any:
    indices = [fields.index(name) for name in ("last_name", "first_name") if name in fields]
    return lambda row: tuple(sort_key(row[index]) for index in indices)


def company_details(session: Session, company_id: str) -> dict[str, Any]:
    c = m.PartnerCompany
    row = session.execute(
        select(c.name, c.sector, c.website, c.city, c.country).where(
            c.id == company_id, c.deleted_at.is_(None)
        )
    ).one()
    return dict(row._mapping)


def company_problems(session: Session, company_id: str) -> list[dict[str, Any]]:
    p, track, sponsor = m.BusinessProblem, m.Track, m.Contact
    rows = session.execute(
        select(
            p.title,
            p.status,
            track.name.label("track"),
            p.effort_hours,
            p.skills,
            p.deliverables,
            p.problem_statement,
            p.confidential,
            sponsor.name.label("sponsor_contact"),
        )
        .outerjoin(track, track.id == p.track_id)
        .outerjoin(sponsor, (sponsor.id == p.sponsor_contact_id) & sponsor.deleted_at.is_(None))
        .where(p.company_id == company_id, p.deleted_at.is_(None))
    )
    return sorted((dict(row._mapping) for row in rows), key=lambda row: sort_key(row["title"]))


# --- the full export ----------------------------------------------------------------

FULL_TABLES: tuple[type[Base], ...] = (
    m.Track,
    m.PartnerCompany,
    m.Contact,
    m.BusinessProblem,
    m.Cohort,
    m.Student,
    m.Enrolment,
    m.Instructor,
    m.InstructorExpertise,
    m.StudentGroup,
    m.GroupMembership,
    m.GroupAssistant,
    m.CohortSession,
    m.Attendance,
)
_FIRST, _LAST = ("id",), ("created_at", "updated_at", "version")


def field_names(model: type[Base]) -> list[str]:
    """Every field of a record type: id, the fields in declared order, then bookkeeping."""
    names = [column.key for column in model.__table__.columns]
    middle = [name for name in names if name not in (*_FIRST, *_LAST, "deleted_at")]
    return [*_FIRST, *middle, *_LAST]


def table_select(model: type[Base], fields: Sequence[str] | None = None) -> Select[Any]:
    table = model.__table__
    chosen = list(fields) if fields is not None else field_names(model)
    return (
        select(*(table.c[name] for name in chosen))
        .where(table.c.deleted_at.is_(None))
        .order_by(table.c.created_at, table.c.id)
    )


def count_live(session: Session, model: type[Base]) -> int:
    table = model.__table__
    return int(
        session.scalar(select(func.count()).select_from(table).where(table.c.deleted_at.is_(None)))
        or 0
    )


def stream(session: Session, statement: Select[Any]) -> Iterator[Sequence[Any]]:
    """Rows in partitions (a server-side cursor on PostgreSQL), never all at once."""
    result = session.execute(statement, execution_options={"yield_per": STREAM_ROWS})
    for partition in result.partitions():
        yield from partition
