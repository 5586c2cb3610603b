"""The records linked to one record, so each is one click away."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.statements import AnySelect
from ixdesk.services.answers import student_answers
from ixdesk.services.folding import fold
from ixdesk.services.kinds import status_label
from ixdesk.services.reads import reads
from ixdesk.services.record_kinds import CONTACTS, Contacts, Kind
from ixdesk.services.running.feedback_links import group_feedback_links, student_feedback_links
from ixdesk.services.tables import canonical_id


@dataclass(frozen=True)
class Linked:
    section: str  # "Business problems"
    kind: Kind | Contacts  # the view that opens it; contacts open the contact dialog
    id: str
    label: str
    detail: str = ""
    answer: bool = False  # an application answer (label the question): read, not opened


def _name(first: Any, last: Any) -> str:
    return f"{first or ''} {last or ''}".strip()


@reads(
    "partner_companies",
    "contacts",
    "business_problems",
    "cohorts",
    "student_groups",
    "group_memberships",
    "group_assistants",
    "enrolments",
    "students",
    "instructors",
    "application_answers",
    "student_feedback",
    "group_feedback",
)
def linked_records(database: Database, kind: Kind, record_id: str) -> list[Linked]:
    builders = {
        Kind.COMPANIES: _company,
        Kind.PROBLEMS: _problem,
        Kind.INSTRUCTORS: _instructor,
        Kind.STUDENTS: _student,
        Kind.COHORTS: _cohort,
        Kind.GROUPS: _group,
    }
    with database.read() as session:
        return builders[kind](session, record_id)


def _rows(session: Any, statement: AnySelect, *order: int) -> list[Any]:
    """The rows of ``statement``, sorted as the tables sort: by the ``order`` columns,
    ignoring case and accents (so "Équipe" comes before "Team")."""
    rows = list(session.execute(statement))
    if order:
        rows.sort(key=lambda row: [fold(str(row[i] or "")) for i in order])
    return rows


def _company(session: Any, record_id: str) -> list[Linked]:
    c, p = m.Contact, m.BusinessProblem
    items = [
        Linked("Contacts", CONTACTS, canonical_id(i), name, " · ".join(filter(None, [r, e])))
        for i, name, r, e in _rows(
            session,
            select(c.id, c.name, c.role, c.email).where(
                c.company_id == record_id, c.deleted_at.is_(None)
            ),
            1,
        )
    ]
    items += [
        Linked("Business problems", Kind.PROBLEMS, canonical_id(i), title, status_label(status))
        for i, title, status in _rows(
            session,
            select(p.id, p.title, p.status).where(
                p.company_id == record_id, p.deleted_at.is_(None)
            ),
            1,
        )
    ]
    return items


def _groups_where(
    session: Any, condition: Any, section: str, with_cohort: bool = True
) -> list[Linked]:
    """Groups by name; the detail says their status and cohort (unless all share it)."""
    g, c = m.StudentGroup, m.Cohort
    return [
        Linked(
            section,
            Kind.GROUPS,
            canonical_id(i),
            name,
            " · ".join([status_label(status), cohort] if with_cohort else [status_label(status)]),
        )
        for i, name, cohort, status in _rows(
            session,
            select(g.id, g.name, c.name, g.status)
            .join(c, c.id == g.cohort_id)
            .where(condition, g.deleted_at.is_(None)),
            2,
            1,
        )
    ]


def _problem(session: Any, record_id: str) -> list[Linked]:
    p, c = m.BusinessProblem, m.PartnerCompany
    items = [
        Linked("Partner company", Kind.COMPANIES, canonical_id(i), name, status_label(status))
        for i, name, status in _rows(
            session,
            select(c.id, c.name, c.status).join(p, p.company_id == c.id).where(p.id == record_id),
        )
    ]
    return items + _groups_where(
        session, m.StudentGroup.business_problem_id == record_id, "Groups working on it"
    )


def _instructor(session: Any, record_id: str) -> list[Linked]:
    a = m.GroupAssistant
    assisted = select(a.group_id).where(a.instructor_id == record_id, a.deleted_at.is_(None))
    return _groups_where(
        session, m.StudentGroup.lead_instructor_id == record_id, "Groups led"
    ) + _groups_where(session, m.StudentGroup.id.in_(assisted), "Groups assisted")


def _student(session: Any, record_id: str) -> list[Linked]:
    e, c, ms = m.Enrolment, m.Cohort, m.GroupMembership
    items = [
        Linked("Enrolments", Kind.COHORTS, canonical_id(i), name, status_label(status))
        for i, name, status in _rows(
            session,
            select(c.id, c.name, e.status)
            .join(e, e.cohort_id == c.id)
            .where(e.student_id == record_id, e.deleted_at.is_(None))
            .order_by(c.starts_on.desc()),
        )
    ]
    member_of = select(ms.group_id).where(ms.student_id == record_id, ms.deleted_at.is_(None))
    items += _groups_where(session, m.StudentGroup.id.in_(member_of), "Groups")
    items += [Linked(*item) for item in student_feedback_links(session, record_id)]
    return items + _answers(session, record_id)


def _answers(session: Any, record_id: str) -> list[Linked]:
    """The application answers, a section per cohort: question, then answer."""
    items = []
    for each in student_answers(session, record_id):
        if each.cohort_id is None:
            section, kind, target = "Application answers", Kind.STUDENTS, record_id
        else:
            section = f"Application answers · {each.cohort_name}"
            kind, target = Kind.COHORTS, canonical_id(each.cohort_id)
        items += [Linked(section, kind, target, q, text, True) for q, text in each.answers]
    return items


def _cohort(session: Any, record_id: str) -> list[Linked]:
    """Its groups, then every student enrolled in it (the enrolment's status beside each)."""
    e, s = m.Enrolment, m.Student
    groups = _groups_where(
        session, m.StudentGroup.cohort_id == record_id, "Groups", with_cohort=False
    )
    return groups + [
        Linked("Enrolments", Kind.STUDENTS, canonical_id(i), _name(first, last), status_label(st))
        for i, first, last, st in _rows(
            session,
            select(s.id, s.first_name, s.last_name, e.status)
            .join(e, e.student_id == s.id)
            .where(e.cohort_id == record_id, e.deleted_at.is_(None), s.deleted_at.is_(None)),
            2,
            1,
        )
    ]


def _group(session: Any, record_id: str) -> list[Linked]:
    g, c, p, s, ms = m.StudentGroup, m.Cohort, m.BusinessProblem, m.Student, m.GroupMembership
    lead = aliased(m.Instructor)
    items: list[Linked] = []
    for row in _rows(
        session,
        select(c.id, c.name, p.id, p.title, lead.id, lead.first_name, lead.last_name)
        .select_from(g)
        .join(c, c.id == g.cohort_id)
        .outerjoin(p, (p.id == g.business_problem_id) & p.deleted_at.is_(None))
        .outerjoin(lead, (lead.id == g.lead_instructor_id) & lead.deleted_at.is_(None))
        .where(g.id == record_id),
    ):
        items.append(Linked("Cohort", Kind.COHORTS, canonical_id(row[0]), row[1]))
        if row[2] is not None:
            items.append(Linked("Business problem", Kind.PROBLEMS, canonical_id(row[2]), row[3]))
        if row[4] is not None:
            items.append(
                Linked("Lead instructor", Kind.INSTRUCTORS, canonical_id(row[4]), _name(*row[5:7]))
            )
    items += [
        Linked("Members", Kind.STUDENTS, canonical_id(i), _name(first, last), school or "")
        for i, first, last, school in _rows(
            session,
            select(s.id, s.first_name, s.last_name, s.school)
            .join(ms, ms.student_id == s.id)
            .where(ms.group_id == record_id, ms.deleted_at.is_(None), s.deleted_at.is_(None)),
            2,
            1,
        )
    ]
    return items + [Linked(*item) for item in group_feedback_links(session, record_id)]
