"""Near-duplicates: probably the same person under another email address.

Two students with the same first and last name and the same date of birth
or school (for instructors: the same phone number or employer) but another
email are flagged, never merged: a coordinator decides. Names and schools
are compared folded (case and accents ignored). Keys are prepared and
counted a column at a time, so only rows sharing a key are looked at one by
one and the check costs little time and memory on 100,000 rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import compress, count, repeat
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


PeopleKeys = dict[str, dict[tuple[Any, Any, Any], list[ex.Person]]]


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
    """Finds, for a row about to become a new record, a person it probably duplicates.

    Each check's key (folded first and last name, and the compared value) is
    built for the whole file at once and counted; only rows whose key another
    row or a record in ixdesk shares can be a near-duplicate, so only those are
    looked at one by one, in file order.
    """

    def __init__(
        self, record: str, store: ValueStore, found: ex.Existing, rows: list[PlannedRow]
    ) -> None:
        size = store.size
        self.record = record
        self.rows = rows
        self.first_names = store.columns.get("first_name")
        self.last_names = store.columns.get("last_name")
        first = fold_column(store.columns.get("first_name"), size)
        last = fold_column(store.columns.get("last_name"), size)
        self.emails = store.columns.get("email") or [None] * size
        database = people_keys(found, CHECKS[record])
        # Per check: its label, every row's key, the key's group number (-1: a key
        # no other row or record shares), matching records, and the first row seen
        # with each group.
        self.checks: list[tuple[str, list[Any] | None, list[int], dict[Any, list[ex.Person]]]] = []
        self.seen: list[list[int]] = []
        self.candidates: set[int] = set()
        for label, column, folded in CHECKS[record]:
            values = store.columns.get(column) or [None] * size
            compared = fold_column(values, size) if folded else values
            keys = list(zip(first, last, compared, strict=True))
            known = database.get(column, {})
            shared = [key for key, times in Counter(keys).items() if times > 1 and key[2]]
            shared += [key for key in known if key[2]]
            if not shared:
                continue
            group = {key: number for number, key in enumerate(dict.fromkeys(shared))}
            codes = list(map(group.get, keys, repeat(-1)))
            self.candidates.update(compress(count(), map((-1).__lt__, codes)))
            # The keys themselves only to look records up (a few MB less without).
            self.checks.append((label, keys if known else None, codes, known))
            self.seen.append([-1] * len(group))

    def check(self, index: int) -> str | None:
        """The warning for this row, or None; remembers the row for later rows."""
        return next((warning for _index, warning in self.warnings([index])), None)

    def warnings(self, indexes: Iterable[int]) -> list[tuple[int, str]]:
        """(row index, warning) for these rows about to become new records, taken in order;
        each row is remembered for the later ones."""
        found: list[tuple[int, str]] = []
        emails = self.emails
        candidates = self.candidates
        checks = list(zip(self.checks, self.seen, strict=True))
        for index in indexes:
            if index not in candidates:
                continue  # no other row and no record shares any of its keys
            email = (emails[index] or "").lower()
            warning = None
            for (label, keys, codes, known), seen in checks:
                code = codes[index]
                if code < 0:
                    continue
                if warning is None and keys is not None:
                    for person in known.get(keys[index], ()):
                        if (person.email or "").lower() != email:
                            where = f"the {self.record} {person.email or 'without email'} in ixdesk"
                            warning = self._message(index, label, where)
                            break
                other = seen[code]
                if other < 0:
                    seen[code] = index
                elif warning is None and (emails[other] or "").lower() != email:
                    warning = self._message(index, label, f"row {self.rows[other].row_number}")
            if warning is not None:
                found.append((index, warning))
        return found

    def _message(self, index: int, label: str, where: str) -> str:
        first = self.first_names[index] if self.first_names else None
        last = self.last_names[index] if self.last_names else None
        return (
            f"{first} {last} has the same name and {label} as {where}, but another email: "
            f"check this is not the same {self.record}."
        )
