"""What every field check shares: the problem it reports, and tidy text.

:mod:`ixdesk.services.validation` gathers the checks; each checker returns the
tidy value or raises :class:`InvalidValue` carrying a :class:`FieldProblem`
whose message is a whole sentence naming the value, and appends a warning for
a doubtful-but-usable value to the ``warnings`` list its caller passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """What is wrong with one field's value; ``severity`` is "error" or "warning"."""

    field: str
    message: str
    severity: str = ERROR


class InvalidValue(ValueError):
    """A value that cannot be used; ``problem`` says why in a sentence."""

    def __init__(self, problem: FieldProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def fail(field: str, message: str) -> InvalidValue:
    """The error to raise for ``field``, saying ``message``."""
    return InvalidValue(FieldProblem(field, message))


def warn(warnings: list[FieldProblem] | None, field: str, message: str) -> None:
    """Note a doubtful-but-usable value, when the caller collects warnings."""
    if warnings is not None:
        warnings.append(FieldProblem(field, message, WARNING))


def shown(value: Any) -> str:
    """A value as a person typed it, for messages (11.0 shows as 11)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def clean_text(value: Any) -> str | None:
    """Trimmed text with inner runs of spaces collapsed; None when blank."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = (value if isinstance(value, str) else shown(value)).strip()
    if "  " in text or not text.isprintable():  # tabs, newlines, no-break spaces
        text = " ".join(text.split())
    return text or None
