"""Values as a merge compares and keeps them: plain JSON data, and back.

A date is its ISO text, a moment its ISO text in UTC, a choice its stored word,
an id its dashed form; so values read from an event copy, from this database
and from the bookkeeping compare equal exactly when they are the same.
"""

from __future__ import annotations

import enum
import functools
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, Table, Uuid

from ixdesk.db.base import UTCDateTime
from ixdesk.services.tables import canonical_id

# The fields of a student a sign-up or an edit at an event can change, and of an enrolment.
STUDENT_FIELDS = (
    "first_name", "last_name", "preferred_name", "email", "phone", "school", "grade",
    "date_of_birth", "track_interest_id", "guardian_name", "guardian_email", "guardian_phone",
    "guardian_consent_by", "guardian_consent_at", "messaging_opt_in", "notes",
)  # fmt: skip
ENROLMENT_FIELDS = ("status", "waitlist_position")
ANSWER_FIELDS = ("position", "question", "answer")
# What an event copy holds of the students it packs: enough to warn about duplicates.
PACKED_STUDENT_FIELDS = ("first_name", "last_name", "preferred_name", "email", "school")
PACKED_STUDENT_DATES = ("date_of_birth",)
# Never decided by a merge on its own when both sides differ: a person chooses.
GUARDED_FIELDS = frozenset(
    {
        "guardian_name",
        "guardian_email",
        "guardian_phone",
        "guardian_consent_by",
        "guardian_consent_at",
    }
)
DELETED = "deleted"  # the pseudo-field a deletion is compared as
RANKING = "choices:"  # the field a ranking is merged as: this and the cohort's id, undashed
_AS_IS = frozenset({str, int, float, bool})


def plain(value: Any) -> Any:
    """``value`` as JSON data compared across databases."""
    if value is None or type(value) in _AS_IS:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)


def ranking_field(cohort_id: str) -> str:
    """The field a student's ranking of business problems for a cohort is merged as."""
    return RANKING + uuid.UUID(str(cohort_id)).hex


def ranking_cohort(field: str) -> str | None:
    """The cohort of a ranking's field (None: an ordinary field)."""
    return str(uuid.UUID(field.removeprefix(RANKING))) if field.startswith(RANKING) else None


def plain_row(row: Mapping[Any, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {name: plain(row[name]) for name in fields}


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@functools.cache
def _converter(table: Table, name: str) -> Callable[[Any], Any] | None:
    """How a plain value of a column is turned back (None: it is taken as it is)."""
    column_type = table.c[name].type
    if isinstance(column_type, UTCDateTime):
        return _moment
    if isinstance(column_type, Date):
        return date.fromisoformat
    if isinstance(column_type, Uuid):
        return canonical_id
    return None


def typed(table: Table, name: str, value: Any) -> Any:
    """A plain value back as the column ``name`` of ``table`` takes it."""
    convert = _converter(table, name)
    return value if value is None or convert is None else convert(value)


def typed_row(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: typed(table, name, value) for name, value in values.items()}
