"""Finding who a sign-up may already be: the same email, or the same name and date of birth.

The import's keys (lower-cased emails, ``importing.existing.name_key``) over
the live students, read in one query with ids and dates as the driver gives them and kept up to
date as sign-ups are saved or merged, so each look-up (and each change) is a
dictionary access.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.services.importing import existing as ex
from ixdesk.services.tables import canonical_id

SAME_EMAIL = "the same email"
SAME_NAME_AND_BIRTH = "the same name and date of birth"

NameAndBirth = tuple[str, str, str]  # folded first and last name, ISO date of birth


@dataclass(frozen=True)
class Match:
    """A live student a sign-up may be: their id, and why."""

    id: str
    reason: str


class PeopleIndex:
    """Live students by email and by (folded name, date of birth).

    Ids are kept as the driver gives them (made canonical when found): a load
    reads every live student, most of whom no sign-up will ever match.
    """

    def __init__(self) -> None:
        self.emails: dict[str, Any] = {}  # lower-cased email → id
        self.born: dict[NameAndBirth, list[Any]] = {}
        self._keys: dict[str, tuple[str | None, NameAndBirth | None]] | None = None

    @classmethod
    def load(cls, session: Session) -> PeopleIndex:
        s = m.Student.__table__
        # Ids and dates as the driver gives them: no conversion of 100,000 values.
        statement = select(
            type_coerce(s.c.id, String),
            s.c.email,
            s.c.first_name,
            s.c.last_name,
            type_coerce(s.c.date_of_birth, String),
        ).where(s.c.deleted_at.is_(None))
        index = cls()
        for record_id, email, first, last, born in session.execute(statement):
            index.add(record_id, email, first, last, born)
        return index

    def owner(self, email: str) -> str | None:
        """The live student with this email (case ignored), if any."""
        owner = self.emails.get(email.lower())
        return None if owner is None else canonical_id(owner)

    def find(
        self,
        email: str | None,
        first: str | None,
        last: str | None,
        born: date | None,
        exclude: str | None = None,
    ) -> list[Match]:
        """Who this may be: the owner of the email first, then people of that name and
        birth date (each once; never ``exclude``)."""
        found: list[Match] = []
        if email:
            owner = self.owner(email)
            if owner is not None and owner != exclude:
                found.append(Match(owner, SAME_EMAIL))
        if born is not None and (first or last):
            for each in self.born.get(_name_and_birth(first, last, born), ()):
                person = canonical_id(each)
                if person != exclude and all(match.id != person for match in found):
                    found.append(Match(person, SAME_NAME_AND_BIRTH))
        return found

    def add(
        self,
        record_id: Any,
        email: str | None,
        first: str | None,
        last: str | None,
        born: date | str | None,
    ) -> None:
        """Know a student (one added again is removed first)."""
        email_key = email.lower() if email else None
        if email_key is not None:
            self.emails[email_key] = record_id
        key = None if born is None else _name_and_birth(first, last, born)
        if key is not None:
            self.born.setdefault(key, []).append(record_id)
        if self._keys is not None:
            self._keys[canonical_id(record_id)] = (email_key, key)

    def _keys_by_id(self) -> dict[str, tuple[str | None, NameAndBirth | None]]:
        """Each student's keys, gathered the first time one is removed."""
        if self._keys is None:
            keys: dict[str, tuple[str | None, NameAndBirth | None]] = {}
            for email_key, owner in self.emails.items():
                keys[canonical_id(owner)] = (email_key, None)
            for key, people in self.born.items():
                for person in people:
                    record_id = canonical_id(person)
                    keys[record_id] = (keys.get(record_id, (None, None))[0], key)
            self._keys = keys
        return self._keys

    def remove(self, record_id: str) -> None:
        """Forget a student (deleted, or about to be added again with new values)."""
        email_key, key = self._keys_by_id().pop(record_id, (None, None))
        if email_key is not None and canonical_id(self.emails.get(email_key)) == record_id:
            del self.emails[email_key]
        if key is not None:
            people = [each for each in self.born.get(key, ()) if canonical_id(each) != record_id]
            if people:
                self.born[key] = people
            else:
                self.born.pop(key, None)


def _name_and_birth(first: str | None, last: str | None, born: date | str) -> NameAndBirth:
    """The key of a name and date of birth (the driver gives dates as ISO text on SQLite)."""
    return (*ex.name_key(first, last), born if isinstance(born, str) else born.isoformat())
