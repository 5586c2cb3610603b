"""Live records as plain rows whose keys are the canonical field names, for ``ixdesk list``.

What each kind lists (fields, order, linked records) is its read's
(``services/read``); this module turns the rows into JSON-ready dicts. Plain
tuples from Core selects, never one ORM object per row, so 100,000 students
list in a second or two.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ixdesk.db.engine import Database
from ixdesk.db.statements import AnySelect
from ixdesk.errors import IxdeskError
from ixdesk.services.kinds import KINDS, KindSpec
from ixdesk.services.read.common import Nested
from ixdesk.services.record_kinds import LISTED, Kind
from ixdesk.services.records import plain_value

# What ``ixdesk list`` offers, in the order it names them.


def record_kind(name: str) -> KindSpec:
    if name not in LISTED:
        raise IxdeskError(
            f"'{name}' is not something ixdesk lists; choose one of {', '.join(LISTED)}."
        )
    return KINDS[Kind(name)]


def plain(value: Any) -> Any:
    """A JSON-ready value: ids and enums as strings, dates in ISO 8601."""
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    return plain_value(value)


def iter_records(
    database: Database, kind: Kind, limit: int | None = None, cohort_id: str | None = None
) -> Iterator[dict[str, Any]]:
    """Live records of one kind as dicts of canonical field names to plain values.

    ``cohort_id``: only the records of that cohort (kinds with ``by_cohort`` only).
    """
    spec = record_kind(kind)
    read = spec.read
    statement = read.list_query()
    if cohort_id is not None:
        if read.by_cohort is None:
            raise IxdeskError(f"Only groups are listed for one cohort, not {spec.plural}.")
        statement = statement.where(read.by_cohort(cohort_id))
        extra = read.nested(database, cohort_id) if read.nested else {}
    else:
        extra = read.nested(database) if read.nested else {}
    if limit is not None:
        statement = statement.limit(limit)
    return _rows(database, statement, extra)


def _rows(database: Database, statement: AnySelect, extra: Nested) -> Iterator[dict[str, Any]]:
    with database.read() as session:
        result = session.execute(statement)
        keys = list(result.keys())
        for row in result:
            record = {key: plain(value) for key, value in zip(keys, row, strict=True)}
            for field_name, by_id in extra.items():
                record[field_name] = by_id.get(record["id"], [])
            yield record
