"""Near-duplicates: probably the same person under another email address.

Two students with the same first and last name and the same date of birth
or school (for instructors: the same phone number or employer) but another
email are flagged, never merged: a coordinator decides. Names and schools
are compared folded (case and accents ignored). Keys are prepared a column
at a time and only a hash per key is kept for the rows seen so far, so the
check costs little time and memory on 100,000 rows.
"""

from __future__ import annotations

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
    memo: dict[str, str] = {}
    out: list[str | None] = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        folded = memo.get(value)
        if folded is None:
            folded = memo[value] = ex.fold_name(value)
        out.append(folded)
    return out


class Likeness:
    """Finds, for a row about to become a new record, a person it probably duplicates."""

    def __init__(
        self, record: str, store: ValueStore, found: ex.Existing, rows: list[PlannedRow]
    ) -> None:
        size = store.size
        self.record = record
        self.rows = rows
        self.store = store
        self.first = fold_column(store.columns.get("first_name"), size)
        self.last = fold_column(store.columns.get("last_name"), size)
        self.emails = store.columns.get("email") or [None] * size
        self.checks = [
            (
                label,
                column,
                fold_column(store.columns.get(column), size)
                if folded
                else store.columns.get(column) or [None] * size,
            )
            for label, column, folded in CHECKS[record]
        ]
        self.database: dict[Any, list[ex.Person]] = {}
        for (first, last), people in found.people.items():
            for person in people:
                for _label, column, folded in CHECKS[record]:
                    value = getattr(person, column, None)
                    if value:
                        value = ex.fold_name(value) if folded else value
                        self.database.setdefault(((first, last), column, value), []).append(person)
        self.seen: dict[int, int] = {}  # hash of a key → index of the first row with it

    def check(self, index: int) -> str | None:
        """The warning for this row, or None; remembers the row for later rows."""
        name = (self.first[index], self.last[index])
        email = (self.emails[index] or "").lower()
        warning = None
        for label, column, values in self.checks:
            value = values[index]
            if not value:
                continue
            key = (name, column, value)
            if warning is None:
                for person in self.database.get(key, ()):
                    if (person.email or "").lower() != email:
                        where = f"the {self.record} {person.email or 'without email'} in ixdesk"
                        warning = self._message(index, label, where)
                        break
            other = self.seen.setdefault(hash(key), index)
            if warning is None and other != index and self._alike(other, name, values, value):
                other_email = (self.emails[other] or "").lower()
                if other_email != email:
                    warning = self._message(index, label, f"row {self.rows[other].row_number}")
        return warning

    def _alike(self, other: int, name: tuple[Any, Any], values: list[Any], value: Any) -> bool:
        return (self.first[other], self.last[other]) == name and values[other] == value

    def _message(self, index: int, label: str, where: str) -> str:
        first = self.store.get("first_name", index)
        last = self.store.get("last_name", index)
        return (
            f"{first} {last} has the same name and {label} as {where}, but another email: "
            f"check this is not the same {self.record}."
        )
