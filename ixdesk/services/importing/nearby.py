"""Near-duplicates: probably the same person under another email address.

Two students with the same first and last name and the same date of birth
or school (for instructors: the same phone number or employer) but another
email are flagged, never merged: a coordinator decides. Names and schools
are compared folded (case and accents ignored). Keys are prepared and
counted a column at a time, so only rows sharing a key are looked at one by
one and the check costs little time and memory on 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, count
from operator import ne, not_
from typing import Any

from ixdesk.services.importing import existing as ex
from ixdesk.services.importing.rows import PlannedRow, ValueStore

CHECKS: dict[str, tuple[tuple[str, str, bool], ...]] = {  # label, column, folded
    "student": (("date of birth", "date_of_birth", False), ("school", "school", True)),
    "instructor": (("phone number", "phone", False), ("employer", "employer", True)),
}


def fold_column(values: list[Any] | None, size: int) -> list[str | None]:
    if values is None:
        return [None] * size
    folded = {value: None if value is None else ex.fold_name(value) for value in set(values)}
    return list(map(folded.__getitem__, values))


PeopleByKey = dict[tuple[Any, Any, Any], list[ex.Person]]
PeopleKeys = dict[str, PeopleByKey]


def people_keys(found: ex.Existing, checks: tuple[tuple[str, str, bool], ...]) -> PeopleKeys:
    """Per compared column: (folded first name, folded last name, value) → the people
    in ixdesk with it (the value folded too where the check says so)."""
    keys: PeopleKeys = {}
    for (first_name, last_name), people in found.people.items():
        for person in people:
            for _label, column, folded in checks:
                value = getattr(person, column, None)
                if value:
                    value = ex.fold_name(value) if folded else value
                    keys.setdefault(column, {}).setdefault(
                        (first_name, last_name, value), []
                    ).append(person)
    return keys


class Likeness:
    """Finds, for the rows about to become new records, a person each probably duplicates.

    Each check's key (folded first and last name, and the compared value) is
    built for the whole file at once and grouped in one pass (each row's group
    is the first row with its key); only rows whose key another row or a
    record in ixdesk shares can be a near-duplicate, so only those are looked
    at one by one.
    """

    def __init__(
        self,
        record: str,
        store: ValueStore,
        found: ex.Existing,
        rows: list[PlannedRow],
        emails: list[str],
    ) -> None:
        size = store.size
        self.record = record
        self.rows = rows
        self.first_names = store.columns.get("first_name")
        self.last_names = store.columns.get("last_name")
        first = fold_column(store.columns.get("first_name"), size)
        last = fold_column(store.columns.get("last_name"), size)
        self.emails = emails  # each row's email in lower case, "" for none
        database = people_keys(found, CHECKS[record])
        # Per check: its label, every row's key (only to look records up), every row's
        # group, the rows sharing their key with another row or a record, matching records.
        self.checks: list[tuple[str, list[Any] | None, list[int], set[int], PeopleByKey]] = []
        self.candidates: set[int] = set()
        for label, column, folded in CHECKS[record]:
            values = store.columns.get(column) or [None] * size
            compared = fold_column(values, size) if folded else values
            keys = list(zip(first, last, compared, strict=True))
            firsts: dict[tuple[Any, Any, Any], int] = {}
            groups = list(map(firsts.setdefault, keys, count()))
            later = list(compress(count(), map(ne, groups, count())))  # not first with its key
            shared = {*later, *map(groups.__getitem__, later)}
            known = database.get(column, {})
            if known:
                shared.update(compress(count(), map(known.__contains__, keys)))
            shared.difference_update(compress(count(), map(not_, compared)))  # no value
            if not shared:
                continue
            self.candidates |= shared
            self.checks.append((label, keys if known else None, groups, shared, known))

    def warnings(self, indexes: list[int]) -> list[tuple[int, str]]:
        """(row index, warning) for these rows about to become new records (in file order):
        a record in ixdesk sharing a key, else the first of these rows sharing it. The
        checks are asked in order; the first warning a row gets is its warning."""
        found: dict[int, str] = {}
        emails = self.emails
        for label, keys, groups, shared, known in self.checks:
            rows = list(compress(indexes, map(shared.__contains__, indexes)))
            if keys is not None:  # records in ixdesk with these keys: asked about first
                for index in rows:
                    if index not in found:
                        self._like_record(found, index, label, known.get(keys[index], ()))
            firsts: dict[int, int] = {}  # group → the first of these rows in it
            earliest = list(map(firsts.setdefault, map(groups.__getitem__, rows), rows))
            for index, other in compress(zip(rows, earliest, strict=True), map(ne, rows, earliest)):
                if index not in found and emails[other] != emails[index]:
                    found[index] = self._message(index, label, f"row {self.rows[other].row_number}")
        return sorted(found.items())

    def _like_record(
        self, found: dict[int, str], index: int, label: str, people: Iterable[ex.Person]
    ) -> None:
        """A warning for the row if a person in ixdesk with its key has another email."""
        email = self.emails[index]
        for person in people:
            if (person.email or "").lower() != email:
                where = f"the {self.record} {person.email or 'without email'} in ixdesk"
                found[index] = self._message(index, label, where)
                return

    def _message(self, index: int, label: str, where: str) -> str:
        first = self.first_names[index] if self.first_names else None
        last = self.last_names[index] if self.last_names else None
        return (
            f"{first} {last} has the same name and {label} as {where}, but another email: "
            f"check this is not the same {self.record}."
        )
