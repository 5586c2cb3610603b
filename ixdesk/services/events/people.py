"""Finding who a sign-up may already be: the same email, or the same name and date of birth.

The import's own keys (``importing.existing``: emails, folded names;
``importing.nearby.people_keys``) over the live students, kept up to date as
sign-ups are saved or merged, so each look-up is a dictionary access.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ixdesk.services.importing import existing as ex
from ixdesk.services.importing.nearby import people_keys

NAME_AND_BIRTH = (("date of birth", "date_of_birth", False),)
SAME_EMAIL = "the same email"
SAME_NAME_AND_BIRTH = "the same name and date of birth"


@dataclass(frozen=True)
class Match:
    """A live student a sign-up may be: their id, and why."""

    id: str
    reason: str


class PeopleIndex:
    """Live students by email and by (folded name, date of birth)."""

    def __init__(self, found: ex.Existing) -> None:
        self.found = found
        self.born = people_keys(found, NAME_AND_BIRTH).get("date_of_birth", {})

    @classmethod
    def load(cls, session: Session) -> PeopleIndex:
        return cls(ex.load_students(session, ()))

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
            owner = self.found.index.get(email.lower())
            if owner is not None and owner != exclude:
                found.append(Match(owner, SAME_EMAIL))
        if born is not None and (first or last):
            key = (*ex.name_key(first, last), born)
            for person in self.born.get(key, ()):
                if person.id != exclude and all(match.id != person.id for match in found):
                    found.append(Match(person.id, SAME_NAME_AND_BIRTH))
        return found

    def add(
        self, record_id: str, email: str | None, first: str, last: str, born: date | None
    ) -> None:
        person = ex.Person(record_id, email, date_of_birth=born)
        if email:
            self.found.index[email.lower()] = record_id
        name = ex.name_key(first, last)
        self.found.people.setdefault(name, []).append(person)
        if born is not None:
            self.born.setdefault((*name, born), []).append(person)

    def remove(self, record_id: str) -> None:
        """Forget a student (deleted, or about to be added again with new values)."""
        for email, owner in list(self.found.index.items()):
            if owner == record_id:
                del self.found.index[email]
        for table in (self.found.people, self.born):
            lists: Any = table
            for key, people in list(lists.items()):
                kept = [person for person in people if person.id != record_id]
                if len(kept) != len(people):
                    if kept:
                        lists[key] = kept
                    else:
                        del lists[key]
