"""What the database already holds that an import must match against.

One query per kind loads every live record's key (lower-cased email, or
company name) and the few fields the near-duplicate check compares; full
values are then loaded only for the records a row actually matches, in
chunks. No query per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import Record
from ixdesk.errors import IxdeskError
from ixdesk.services.folding import fold
from ixdesk.services.tables import canonical_id

CHUNK = 500
LEGAL_SUFFIXES = frozenset(
    {"ltd", "limited", "inc", "llc", "plc", "gmbh", "sa", "sas", "sarl", "bv", "nv", "pty", "co"}
)


def fold_name(text: str | None) -> str:
    """A name or school as compared: folded, inner spaces collapsed."""
    if not text:
        return ""
    folded = fold(text)
    return " ".join(folded.split()) if "  " in folded or not folded.isprintable() else folded


def name_key(first: str | None, last: str | None) -> tuple[str, str]:
    return (fold_name(first), fold_name(last))


def company_key(name: str) -> str:
    return name.strip().lower()


def company_likeness(name: str) -> str:
    """ "ACME Ltd." and "Acme Limited" alike: folded words without legal suffixes."""
    words = "".join(c if c.isalnum() else " " for c in fold(name)).split()
    return " ".join(word for word in words if word not in LEGAL_SUFFIXES)


@dataclass
class Person:
    """An existing student or instructor, as the near-duplicate check sees them."""

    id: str
    email: str | None
    date_of_birth: Any = None
    school: str | None = None
    employer: str | None = None
    phone: str | None = None


@dataclass
class Existing:
    """Live records of one type: key → id, loaded values, near-duplicate lookups."""

    model: type[Record]
    columns: tuple[str, ...]
    index: dict[Any, str] = field(default_factory=dict)
    records: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    people: dict[tuple[str, str], list[Person]] = field(default_factory=dict)
    likeness: dict[str, tuple[str, str]] = field(default_factory=dict)
    expertise: dict[str, set[str]] = field(default_factory=dict)

    def load(self, session: Session, ids: Iterable[str]) -> None:
        """Full values (and version) of these records, a chunk of ids per query."""
        wanted = [i for i in dict.fromkeys(ids) if i not in self.records]
        table = self.model.__table__
        selected = [table.c.id, table.c.version, *(table.c[name] for name in self.columns)]
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            for row in session.execute(select(*selected).where(table.c.id.in_(chunk))):
                self.records[row[0]] = (row[1], dict(zip(self.columns, row[2:], strict=True)))


def _people(session: Session, model: type[Record], columns: tuple[str, ...]) -> Existing:
    existing = Existing(model, columns)
    table = model.__table__
    extra = ("date_of_birth", "school") if model is m.Student else ("employer", "phone")
    query = select(
        table.c.id,
        table.c.email,
        table.c.first_name,
        table.c.last_name,
        *(table.c[name] for name in extra),
    ).where(table.c.deleted_at.is_(None))
    for record_id, email, first, last, one, two in session.execute(query):
        if email:
            existing.index[email.lower()] = record_id
        person = Person(record_id, email)
        if model is m.Student:
            person.date_of_birth, person.school = one, two
        else:
            person.employer, person.phone = one, two
        existing.people.setdefault(name_key(first, last), []).append(person)
    return existing


def load_students(session: Session, columns: tuple[str, ...]) -> Existing:
    return _people(session, m.Student, columns)


def load_instructors(session: Session, columns: tuple[str, ...]) -> Existing:
    return _people(session, m.Instructor, columns)


def load_expertise(session: Session, existing: Existing, instructor_ids: Iterable[str]) -> None:
    x = m.InstructorExpertise
    wanted = list(dict.fromkeys(instructor_ids))
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        rows = session.execute(
            select(x.instructor_id, x.track_id).where(
                x.instructor_id.in_(chunk), x.deleted_at.is_(None)
            )
        )
        for instructor_id, track_id in rows:
            existing.expertise.setdefault(instructor_id, set()).add(track_id)


def load_companies(session: Session, columns: tuple[str, ...]) -> Existing:
    c = m.PartnerCompany
    existing = Existing(c, columns)
    for record_id, name in session.execute(select(c.id, c.name).where(c.deleted_at.is_(None))):
        existing.index[company_key(name)] = record_id
        existing.likeness.setdefault(company_likeness(name), (record_id, name))
    return existing


def contact_key(values: dict[str, Any]) -> tuple[str, ...] | None:
    email = values.get("email")
    if email:
        return ("email", email.lower())
    name, company_id = values.get("name"), values.get("company_id")
    if name and company_id:
        return ("name", company_id, " ".join(fold(name).split()))
    return None


def load_contacts(session: Session, columns: tuple[str, ...]) -> Existing:
    c = m.Contact
    existing = Existing(c, columns)
    rows = session.execute(
        select(c.id, c.email, c.name, c.company_id).where(c.deleted_at.is_(None))
    )
    for record_id, email, name, company_id in rows:
        key = contact_key({"email": email, "name": name, "company_id": company_id})
        if key is not None:
            existing.index[key] = record_id
        if email:  # a contact is also found by name within its company
            existing.index.setdefault(
                contact_key({"name": name, "company_id": company_id}), record_id
            )
    return existing


def load_tracks(session: Session) -> dict[str, tuple[str, str]]:
    t = m.Track
    rows = session.execute(select(t.id, t.name).where(t.deleted_at.is_(None)))
    return {" ".join(fold(name).split()): (track_id, name) for track_id, name in rows}


def find_cohort(session: Session, name: str) -> tuple[str, str]:
    """(id, name) of the live cohort with this name, matched case-insensitively."""
    c = m.Cohort
    wanted = name.strip()
    rows = session.execute(
        select(c.id, c.name).where(c.deleted_at.is_(None), func.lower(c.name) == wanted.lower())
    ).all()
    if not rows:
        rows = [
            row
            for row in session.execute(select(c.id, c.name).where(c.deleted_at.is_(None)))
            if fold(row[1]).strip() == fold(wanted)
        ]
    if not rows:
        names = session.scalars(
            select(c.name).where(c.deleted_at.is_(None)).order_by(c.name).limit(12)
        ).all()
        known = f" Cohorts: {', '.join(names)}." if names else " There are no cohorts yet."
        raise IxdeskError(f"There is no cohort named “{wanted}”.{known}")
    return rows[0][0], rows[0][1]


def enrolled_students(session: Session, cohort_id: str) -> set[str]:
    e = m.Enrolment
    return set(
        session.scalars(
            select(e.student_id).where(e.cohort_id == cohort_id, e.deleted_at.is_(None))
        )
    )


def answered_students(session: Session, cohort_id: str | None) -> set[str]:
    """Ids of the students who already have application answers for this cohort (or none)."""
    a = m.ApplicationAnswer
    where = a.cohort_id == cohort_id if cohort_id else a.cohort_id.is_(None)
    return set(session.scalars(select(a.student_id).where(where, a.deleted_at.is_(None))))


def ranked_students(session: Session, cohort_id: str) -> set[str]:
    """Ids of the students who already ranked business problems for this cohort."""
    pp = m.ProblemPreference
    rows = select(pp.student_id).where(pp.cohort_id == cohort_id, pp.deleted_at.is_(None))
    return {canonical_id(each) for each in session.scalars(rows)}


def problem_titles(session: Session) -> list[str]:
    """Every live business problem's title, for matching the names in rankings."""
    p = m.BusinessProblem
    return list(session.scalars(select(p.title).where(p.deleted_at.is_(None)).order_by(p.title)))


def problem_ids(session: Session) -> dict[str, str]:
    """Folded title -> id of every live business problem (the first, when titles repeat)."""
    from ixdesk.services.importing.values import value_key

    p = m.BusinessProblem
    found: dict[str, str] = {}
    for problem_id, title in session.execute(
        select(p.id, p.title).where(p.deleted_at.is_(None)).order_by(p.created_at, p.id)
    ):
        found.setdefault(value_key(title), canonical_id(problem_id))
    return found


def track_names(session: Session) -> list[str]:
    """The live tracks' names, A–Z as a person sorts them."""
    return sorted((name for _id, name in load_tracks(session).values()), key=fold)


def cohort_audience(session: Session, name: str) -> str:
    """The audience ("high_school" or "university") of the live cohort with this name."""
    cohort_id, _name = find_cohort(session, name)
    audience = session.scalar(select(m.Cohort.audience).where(m.Cohort.id == cohort_id))
    return str(getattr(audience, "value", audience))
