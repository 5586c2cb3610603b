"""A save refused because someone else saved the record first: what each of them wrote.

The editor shows, field by field, the value saved by the other person and the
one being typed, so the person can choose: take theirs (reload) or keep their
own (then saving writes over the newer version, knowingly). Only the fields
both changed are listed. This is shown in the editor's own question, beside
the record being edited; it is never logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ixdesk.db.engine import Database
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.editing import RecordValues, load_values

EMPTY = "(empty)"
LONGEST = 80


def saved_since(
    database: Database, before: RecordValues, mine: Mapping[str, Any]
) -> tuple[RecordValues | None, str]:
    """The record as the other person saved it (None if they deleted it), and the fields
    both changed as a paragraph to add to the question (empty when it is gone)."""
    if before.id is None:
        return None, ""
    try:
        theirs = load_values(database, before.kind, before.id)
    except RecordNotFoundError:
        return None, ""
    return theirs, "\n\n" + describe(both_changed(before.values, theirs.values, mine))


def both_changed(
    before: Mapping[str, Any], theirs: Mapping[str, Any], mine: Mapping[str, Any]
) -> list[tuple[str, Any, Any]]:
    """(field, their value, my value) for each field the person edited that the other
    person also changed to something else."""
    return [
        (name, theirs.get(name), value)
        for name, value in mine.items()
        if theirs.get(name) != before.get(name) and theirs.get(name) != value
    ]


def describe(conflicts: list[tuple[str, Any, Any]]) -> str:
    """The fields both changed, one line each: theirs, then yours."""
    lines = [
        f"{_label(name)}: saved by them: {_shown(name, theirs)}; yours: {_shown(name, mine)}."
        for name, theirs, mine in conflicts
    ]
    if not lines:
        return "They changed other fields than the ones you edited."
    return "\n".join(lines)


def _label(name: str) -> str:
    return name.removesuffix("_id").replace("_", " ").capitalize()


def _shown(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if name.endswith("_id") or isinstance(value, (list, tuple, set, frozenset)):
        return "a different choice"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = " ".join(str(value).split())
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"
