"""What every record type's reads share: the ``RecordRead`` shape, names and order.

A :class:`RecordRead` names each field of a record type once (its canonical
snake_case name, the one ``ixdesk list --json`` and imports use) and says
which joins those fields need and which rows are live. The window's table,
``ixdesk list`` and the rosters then ask for fields by name, so a field means
the same thing wherever it is shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, func, literal, select, type_coerce

from ixdesk.db.base import Record
from ixdesk.db.engine import Database
from ixdesk.db.statements import AnySelect
from ixdesk.services.folding import fold

# {field: {record id: [nested records]}} beside each listed record, e.g. a company's contacts.
Nested = dict[str, dict[str, list[Any]]]


@dataclass(frozen=True)
class RecordRead:
    """One record type's fields, by canonical name, over its live rows."""

    model: type[Record]
    # canonical name → SQL expression; joined tables come from ``joins``
    fields: Mapping[str, Any]
    # adds the joins the fields need and keeps live rows only
    source: Callable[[AnySelect], AnySelect]
    # ``ixdesk list``: the fields of --json in order, the row order, the columns of the table
    listed: tuple[str, ...]
    list_order: tuple[Any, ...]
    list_columns: tuple[str, ...]
    # ``ixdesk list --json``: linked records beside each one: nested(database[, cohort_id])
    nested: Callable[..., Nested] | None = None
    # kinds that can be listed for one cohort: the condition for a cohort id
    by_cohort: Callable[[str], Any] | None = None

    def select(self, names: Iterable[str], *, raw_ids: bool = False) -> AnySelect:
        """Live rows with these fields (labelled with their names); with ``raw_ids``
        the id as the driver returns it comes first, unlabelled."""
        first = [raw_id(self.model.__table__.c.id)] if raw_ids else []
        return self.source(select(*first, *(self.fields[name].label(name) for name in names)))

    def list_query(self) -> AnySelect:
        """What ``ixdesk list`` shows, in its order."""
        return self.select(self.listed).order_by(*self.list_order)


def raw_id(column: Any) -> ColumnElement[Any]:
    """The id as the driver returns it: skips per-row UUID conversion on big loads."""
    return type_coerce(column, String)


def person_name(first: Any, last: Any) -> ColumnElement[str]:
    """The full name in SQL, or NULL (an empty cell, sorted last) when there is no one."""
    joined = func.coalesce(first, literal("")) + literal(" ") + func.coalesce(last, literal(""))
    return func.nullif(func.trim(joined), literal(""))


def person(first: str | None, last: str | None, preferred: str | None = None) -> str:
    """A display name: "Alexandra (Alex) Smith" when a preferred name differs."""
    first = (first or "").strip()
    if preferred and preferred.strip() and preferred.strip() != first:
        first = f"{first} ({preferred.strip()})"
    return " ".join(part for part in (first, (last or "").strip()) if part)


def readable_phone(number: str | None, region: str | None = None) -> str | None:
    """A phone number spaced for reading: +27 74 123 4567.

    Stored numbers are E.164 (+27741234567); one kept as typed is read as from
    ``region`` and shown the same way when it is a valid number, else as typed.
    """
    if not number:
        return number
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, None if number.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def sort_key(text: str | None) -> tuple[Any, ...]:
    """Natural order, case and accents ignored: "Group 2" before "Group 10", "Émile" by E."""
    parts = re.split(r"(\d+)", fold(text or ""))
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def name_order(fields: Sequence[str]) -> Callable[[tuple[Any, ...]], Any]:
    """Sorts tuples of ``fields`` by last, then first name (those present)."""
    names = list(fields)
    indices = [names.index(name) for name in ("last_name", "first_name") if name in names]
    return lambda row: tuple(sort_key(row[index]) for index in indices)


def by_id(database: Database, statement: AnySelect, fields: tuple[str, ...]) -> dict[str, Any]:
    """Rows of (owner id, *values) grouped as {owner id: [{field: value}, ...]}."""
    grouped: dict[str, list[Any]] = {}
    with database.read() as session:
        for owner, *values in session.execute(statement):
            record = dict(zip(fields, values, strict=True)) if fields else values[0]
            grouped.setdefault(owner, []).append(record)
    return grouped
