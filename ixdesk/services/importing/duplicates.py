"""What the preview shows of a duplicate: both sides, and what differs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass
class Duplicate:
    """A row matching an existing record or an earlier row: both sides, and what differs."""

    row: int
    record: str  # "student", "instructor", "partner company" or "contact"
    record_id: str
    matched: str  # "existing" (in the database) or "file" (an earlier row)
    other_row: int | None
    existing: dict[str, Any]
    incoming: dict[str, Any]
    differences: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "record": self.record,
            "record_id": self.record_id,
            "matched": self.matched,
            "other_row": self.other_row,
            "existing": {k: plain(v) for k, v in self.existing.items()},
            "incoming": {k: plain(v) for k, v in self.incoming.items()},
            "differences": self.differences,
        }


def plain(value: Any) -> Any:
    """A JSON-ready value: dates in ISO 8601, lists for tuples."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if value is not None and not isinstance(value, str | int | float | bool):
        return str(value)
    return value
