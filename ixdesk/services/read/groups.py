"""Student groups: their fields, with cohort, business problem and lead instructor by name.

A deleted business problem, partner company or lead instructor is not shown
beside a group that still points at it (see services/deletion.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import CohortStatus
from ixdesk.db.statements import AnySelect
from ixdesk.errors import IxdeskError
from ixdesk.services.counts import member_count
from ixdesk.services.read.common import Nested, RecordRead, person, person_name, sort_key
from ixdesk.services.tables import canonical_id

G, COHORT, PROBLEM, COMPANY = m.StudentGroup, m.Cohort, m.BusinessProblem, m.PartnerCompany
LEAD = aliased(m.Instructor, name="lead")
MEMBER_FIELDS = ("id", "first_name", "last_name", "preferred_name", "email", "school", "grade")
ASSISTANT_FIELDS = ("id", "first_name", "last_name", "preferred_name", "email")


def _source(statement: AnySelect) -> AnySelect:
    return (
        statement.join(COHORT, COHORT.id == G.cohort_id)
        .outerjoin(PROBLEM, (PROBLEM.id == G.business_problem_id) & PROBLEM.deleted_at.is_(None))
        .outerjoin(COMPANY, (COMPANY.id == PROBLEM.company_id) & COMPANY.deleted_at.is_(None))
        .outerjoin(LEAD, (LEAD.id == G.lead_instructor_id) & LEAD.deleted_at.is_(None))
        .where(G.deleted_at.is_(None), COHORT.deleted_at.is_(None))
    )


def details(database: Database, cohort_id: str | None = None) -> Nested:
    """{"members": {group id: [member, ...]}, "assistants": {...}} for live groups."""
    ms, s = m.GroupMembership, m.Student
    ga, i = m.GroupAssistant, m.Instructor
    members_query = (
        select(ms.group_id, s.id, s.first_name, s.last_name, s.preferred_name, s.email)
        .add_columns(s.school, s.grade)
        .join(s, and_(s.id == ms.student_id, s.deleted_at.is_(None)))
        .join(G, and_(G.id == ms.group_id, G.deleted_at.is_(None)))
        .where(ms.deleted_at.is_(None))
        .order_by(s.last_name, s.first_name)
    )
    assistants_query = (
        select(ga.group_id, i.id, i.first_name, i.last_name, i.preferred_name, i.email)
        .join(i, and_(i.id == ga.instructor_id, i.deleted_at.is_(None)))
        .join(G, and_(G.id == ga.group_id, G.deleted_at.is_(None)))
        .where(ga.deleted_at.is_(None))
        .order_by(i.last_name, i.first_name)
    )
    if cohort_id is not None:
        members_query = members_query.where(ms.cohort_id == cohort_id)
        assistants_query = assistants_query.where(G.cohort_id == cohort_id)
    found: Nested = {"members": {}, "assistants": {}}
    with database.read() as session:
        for name, query, fields in (
            ("members", members_query, MEMBER_FIELDS),
            ("assistants", assistants_query, ASSISTANT_FIELDS),
        ):
            by_group = found[name]
            for group_id, record_id, *values in session.execute(query):
                record = dict(zip(fields, (canonical_id(record_id), *values), strict=True))
                by_group.setdefault(canonical_id(group_id), []).append(record)
    return found


GROUPS = RecordRead(
    model=G,
    fields={
        "id": G.id,
        "name": G.name,
        "cohort": COHORT.name,
        "cohort_id": G.cohort_id,
        "status": G.status,
        "business_problem": PROBLEM.title,
        "partner_company": COMPANY.name,
        "lead_instructor": person_name(LEAD.first_name, LEAD.last_name),
        "meeting_slot": G.meeting_slot,
        "member_count": member_count(),
        # what rosters say beside a group
        "lead_instructor_id": G.lead_instructor_id,
        "cohort_status": COHORT.status,
        "starts_on": COHORT.starts_on,
        "ends_on": COHORT.ends_on,
        "location": COHORT.location,
        "lead_first": LEAD.first_name,
        "lead_last": LEAD.last_name,
        "lead_preferred": LEAD.preferred_name,
        "lead_email": LEAD.email,
    },
    source=_source,
    listed=(
        "id",
        "name",
        "cohort",
        "cohort_id",
        "status",
        "business_problem",
        "partner_company",
        "lead_instructor",
        "meeting_slot",
        "member_count",
    ),
    list_order=(COHORT.name, G.name),
    list_columns=(
        "cohort",
        "name",
        "status",
        "business_problem",
        "lead_instructor",
        "member_count",
    ),
    nested=details,
    by_cohort=lambda cohort_id: G.cohort_id == cohort_id,
)
ROSTER_FIELDS = (
    "id",
    "name",
    "status",
    "meeting_slot",
    "lead_instructor_id",
    "cohort_id",
    "cohort",
    "cohort_status",
    "starts_on",
    "ends_on",
    "location",
    "business_problem",
    "partner_company",
    "lead_first",
    "lead_last",
    "lead_preferred",
    "lead_email",
)


def group_rows(
    session: Session,
    *,
    cohort_id: str | None = None,
    instructor_id: str | None = None,
    company_id: str | None = None,
) -> list[dict[str, Any]]:
    """Live groups (of a cohort, of an instructor, or on a company's problems), in order,
    with the lead's display name and the assistants' names."""
    statement = GROUPS.select(ROSTER_FIELDS)
    if cohort_id is not None:
        statement = statement.where(G.cohort_id == cohort_id)
    if company_id is not None:
        statement = statement.where(PROBLEM.company_id == company_id)
    if instructor_id is not None:
        a = m.GroupAssistant
        assisted = select(a.group_id).where(
            a.instructor_id == instructor_id, a.deleted_at.is_(None)
        )
        statement = statement.where((G.lead_instructor_id == instructor_id) | G.id.in_(assisted))
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
    """Each group's live assistant instructors' display names, in order."""
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


def instructor_group_rows(
    session: Session,
    instructor_id: str,
    name: str,
    *,
    cohort_id: str | None = None,
    include_archived: bool = False,
) -> list[dict[str, Any]]:
    """The groups ``name`` (the instructor) leads or assists, of one cohort or of all,
    archived cohorts left out unless asked; a sentence when there are none."""
    groups = [
        group
        for group in group_rows(session, instructor_id=instructor_id)
        if cohort_id in (None, group["cohort_id"])
        and (include_archived or group["cohort_status"] != CohortStatus.ARCHIVED)
    ]
    if not groups:
        where = " in this cohort" if cohort_id else " in a current cohort"
        raise IxdeskError(f"{name} leads or assists no groups{where}; there is nothing to write.")
    return groups
