"""A partner company's contacts: the people ixdesk talks to there."""

from __future__ import annotations

from typing import Any

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.operations import (
    ChangeHub,
    create_record,
    delete_record,
    update_record,
)

CONTACT_FIELDS = ("name", "role", "email", "phone")


def load_contact(database: Database, contact_id: str) -> tuple[int, dict[str, Any]]:
    """The contact's version and fields."""
    with database.read() as session:
        contact = session.get(m.Contact, contact_id)
        if contact is None or contact.deleted_at is not None:
            raise RecordNotFoundError("This contact no longer exists.")
        return contact.version, {name: getattr(contact, name) for name in CONTACT_FIELDS}


def save_contact(
    database: Database,
    company_id: str,
    contact_id: str | None,
    version: int | None,
    values: dict[str, Any],
    *,
    hub: ChangeHub | None = None,
) -> m.Contact:
    fields = {name: values.get(name) for name in CONTACT_FIELDS}
    if contact_id is None:
        return create_record(database, m.Contact, {**fields, "company_id": company_id}, hub=hub)
    assert version is not None
    return update_record(database, m.Contact, contact_id, version, fields, hub=hub)


def delete_contact(
    database: Database, contact_id: str, version: int, *, hub: ChangeHub | None = None
) -> None:
    delete_record(database, m.Contact, contact_id, version, hub=hub)
