"""Business problems: their fields, with their partner company, track and sponsor by name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import Session, aliased

from ixdesk.db import models as m
from ixdesk.db.statements import AnySelect
from ixdesk.services.read.common import RecordRead, sort_key

P, COMPANY, TRACK = m.BusinessProblem, m.PartnerCompany, m.Track
SPONSOR = aliased(m.Contact, name="sponsor")


def _source(statement: AnySelect) -> AnySelect:
    return (
        statement.join(COMPANY, COMPANY.id == P.company_id)
        .outerjoin(TRACK, TRACK.id == P.track_id)
        .outerjoin(SPONSOR, (SPONSOR.id == P.sponsor_contact_id) & SPONSOR.deleted_at.is_(None))
        .where(P.deleted_at.is_(None))
    )


# Every field, in the order ``ixdesk list --json`` gives them.
FIELDS: dict[str, Any] = {
    "id": P.id,
    "title": P.title,
    "partner_company": COMPANY.name,
    "company_id": P.company_id,
    "track": TRACK.name,
    "status": P.status,
    "effort_hours": P.effort_hours,
    "skills": P.skills,
    "deliverables": P.deliverables,
    "problem_statement": P.problem_statement,
    "confidential": P.confidential,
    "sponsor_contact": SPONSOR.name,
}
PROBLEMS = RecordRead(
    model=P,
    fields=FIELDS,
    source=_source,
    listed=tuple(FIELDS),
    list_order=(func.lower(COMPANY.name), P.title),
    list_columns=("title", "partner_company", "track", "status", "effort_hours"),
)
BRIEF_FIELDS = (
    "title",
    "status",
    "track",
    "effort_hours",
    "skills",
    "deliverables",
    "problem_statement",
    "confidential",
    "sponsor_contact",
)


def company_problems(session: Session, company_id: str) -> list[dict[str, Any]]:
    """A company's live business problems, by title, as a partner brief shows them."""
    statement = PROBLEMS.select(BRIEF_FIELDS).where(P.company_id == company_id)
    rows = (dict(row._mapping) for row in session.execute(statement))
    return sorted(rows, key=lambda row: sort_key(row["title"]))
