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

from ixdesk.errors import ValidationError

ERROR, WARNING = "error", "warning"
QUOTE_LIMIT = 60  # characters of a value or column name a message quotes


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


def brief(value: Any) -> str:
    """A value or column name as a message shows it: cut after 60 characters, with "…".

    Messages quote what was read so a person can find it; a cell or header of
    a million characters would drown the message (and the terminal).
    """
    text = shown(value)
    return text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT] + "…"


def quoted(value: Any) -> str:
    """:func:`brief` in quotation marks: “Ada Lovelace”."""
    return f"“{brief(value)}”"


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


def one_line_name(text: str, noun: str, limit: int) -> str:
    """A name typed for a ``noun`` (a group, a track) on one line, spaces tidied; refused
    when empty or longer than ``limit``."""
    name = " ".join(text.split())
    if not name:
        raise ValidationError(f"A {noun} needs a name.")
    if len(name) > limit:
        raise ValidationError(f"A {noun} name can be at most {limit} characters long.")
    return name
