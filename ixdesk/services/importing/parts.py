"""The records an import writes: which fields of a row fill which record, and how each is found.

A row fills one record (a student, an instructor) or two (a partner company
and, when the row names one, a contact of it). Each :class:`Part` names its
model, the import fields it takes and the key it is found by; a record the
import matches or changes becomes a :class:`Target`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ixdesk.db import models as m
from ixdesk.db.base import Record
from ixdesk.services.importing import existing as ex
from ixdesk.services.importing.fields import FIELDS
from ixdesk.services.record_kinds import Kind


def _email_key(values: dict[str, Any]) -> str | None:
    email = values.get("email")
    return email.lower() if email else None


def _company_key(values: dict[str, Any]) -> str | None:
    name = values.get("name")
    return ex.company_key(name) if name else None


@dataclass(frozen=True)
class Part:
    """One record type a row fills: its import fields → value keys, and how it is found."""

    record: str
    model: type[Record]
    fields: dict[str, str]
    key: Callable[[dict[str, Any]], Any]
    link: str | None = None  # column taking the id of the row's previous part's record
    pseudo: frozenset[str] = frozenset()
    passthrough: bool = False  # the row's values are this record's values, as they are

    @property
    def columns(self) -> tuple[str, ...]:
        names = [c for c in self.fields.values() if c not in self.pseudo]
        return (*names, self.link) if self.link else tuple(names)

    def extract(self, values: dict[str, Any], linked: str | None) -> dict[str, Any]:
        found = {column: values[name] for name, column in self.fields.items() if name in values}
        if found and self.link:
            found[self.link] = linked
        return found


def _fields(kind: Kind) -> dict[str, str]:
    return {s.name: s.key for s in FIELDS[kind] if s.name != "full_name" and not s.many}


_COMPANY_FIELDS = ("name", "sector", "website", "city", "country", "status", "notes")
_CONTACT_FIELDS = {
    "contact_name": "name",
    "contact_role": "role",
    "contact_email": "email",
    "contact_phone": "phone",
}
PARTS: dict[Kind, tuple[Part, ...]] = {
    Kind.STUDENTS: (
        Part("student", m.Student, _fields(Kind.STUDENTS), _email_key, passthrough=True),
    ),
    Kind.INSTRUCTORS: (
        Part(
            "instructor",
            m.Instructor,
            _fields(Kind.INSTRUCTORS),
            _email_key,
            pseudo=frozenset({"expertise"}),
            passthrough=True,
        ),
    ),
    Kind.COMPANIES: (
        Part("partner company", m.PartnerCompany, {n: n for n in _COMPANY_FIELDS}, _company_key),
        Part("contact", m.Contact, _CONTACT_FIELDS, ex.contact_key, link="company_id"),
    ),
}


@dataclass(eq=False, slots=True)
class Target:
    """A record the import matches (version: the one read) or a new record (version None)
    that a later row changed; a new record still exactly its row has no Target, only its
    row's index in the plan's ``from_rows``."""

    part: Part
    id: str
    values: dict[str, Any]
    version: int | None
    created_by: int | None
    row_index: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        return self.version is None
