"""Partner companies: their fields, their contacts, and how people find one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.statements import AnySelect
from ixdesk.services.read.common import Nested, RecordRead, by_id

C, P = m.PartnerCompany, m.BusinessProblem
CONTACT_FIELDS = ("id", "name", "role", "email", "phone")


def _source(statement: AnySelect) -> AnySelect:
    return statement.where(C.deleted_at.is_(None))


def contacts(database: Database) -> Nested:
    """{"contacts": {company id: [contact, ...]}} for ``ixdesk list --json``."""
    c = m.Contact
    statement = (
        select(c.company_id, *(getattr(c, name) for name in CONTACT_FIELDS))
        .where(c.deleted_at.is_(None))
        .order_by(c.name)
    )
    return {"contacts": by_id(database, statement, CONTACT_FIELDS)}


COMPANIES = RecordRead(
    model=C,
    fields={
        "id": C.id,
        "name": C.name,
        "sector": C.sector,
        "website": C.website,
        "city": C.city,
        "country": C.country,
        "status": C.status,
        "notes": C.notes,
        "problem_count": select(func.count())
        .where(P.company_id == C.id, P.deleted_at.is_(None))
        .scalar_subquery(),
    },
    source=_source,
    listed=("id", "name", "sector", "website", "city", "country", "status", "notes"),
    list_order=(func.lower(C.name),),
    list_columns=("name", "sector", "city", "country", "status"),
    nested=contacts,
)


def company_details(session: Session, company_id: str) -> dict[str, Any]:
    """What a partner brief says of the company."""
    statement = COMPANIES.select(("name", "sector", "website", "city", "country"))
    return dict(session.execute(statement.where(C.id == company_id)).one()._mapping)


def company_names(session: Session) -> list[tuple[str, str, str]]:
    """(id, name, name) of every live partner company."""
    return [(id_, name, name) for id_, name in session.execute(COMPANIES.select(("id", "name")))]
