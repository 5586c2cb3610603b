"""One value as an Excel cell: its kind, its cleaned text, never a formula.

Text a person typed is data: control characters Excel refuses are removed,
line breaks become ``\\n``, text past Excel's 32,767-character cell limit is
cut with a visible marker, and text starting with a character Excel would
read as a formula, an error value or a number is marked for Excel's quote
prefix (in a CSV, formula-like text gets a leading apostrophe instead).
Sheet names are made valid and unique.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import Any

from ixdesk.services.export.target import ExportError

MAX_CELL = 32_767  # UTF-16 code units: Excel's limit for one cell
MAX_ROWS = 1_048_576
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()
_FIRST_SAFE_DATE = date(1900, 3, 1)  # Excel's 1900 leap-year bug lives before this

_DIRTY = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_SPECIAL = re.compile("[&<>]|_x[0-9a-fA-F]{4}_")
_EXCEL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
# What a spreadsheet reads as the start of a formula, and also as an error value or number.
FORMULA_FIRST = frozenset("=+-@\t\r\n")
_RISKY_FIRST = FORMULA_FIRST | frozenset("#.0123456789")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")

BLANK, TEXT, QTEXT, NUMBER, DATE, DATETIME, BOOL = range(7)


def clean_text(text: str) -> str:
    """Text as Excel can hold it: forbidden characters gone, cut visibly if too long."""
    text = FORBIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) * 2 <= MAX_CELL or _utf16_len(text) <= MAX_CELL:
        return text
    kept = text
    for _ in range(3):  # the marker's length depends on the number in it
        marker = f"… [cut: {len(text) - len(kept):,} characters]"
        room = (MAX_CELL - _utf16_len(marker)) * 2
        kept = text.encode("utf-16-le")[:room].decode("utf-16-le", errors="ignore")
    return kept + f"… [cut: {len(text) - len(kept):,} characters]"


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def prepare(value: Any) -> tuple[int, Any, int]:
    """(kind, payload, display width) of one value; text is cleaned, never a formula."""
    kind = type(value)
    if kind is str:
        if len(value) * 2 > MAX_CELL or (not value.isprintable() and _DIRTY.search(value)):
            value = clean_text(value)  # (printable text has no control characters)
        if not value:
            return BLANK, None, 0
        width = max(map(len, value.split("\n"))) if "\n" in value else len(value)
        return (QTEXT if value[0] in _RISKY_FIRST else TEXT), value, width
    if value is None:
        return BLANK, None, 0
    if kind is int:
        return NUMBER, value, len(str(value))
    if kind is date:
        if value < _FIRST_SAFE_DATE:
            return TEXT, value.isoformat(), 10
        return DATE, value.toordinal() - _EXCEL_EPOCH, 11
    if kind is datetime:
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        if value.date() < _FIRST_SAFE_DATE:
            return TEXT, value.isoformat(sep=" "), 19
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return DATETIME, value.toordinal() - _EXCEL_EPOCH + seconds / 86400, 22
    if kind is bool:
        return BOOL, value, 5
    if kind is float:
        return (NUMBER, value, len(f"{value:.10G}")) if math.isfinite(value) else (BLANK, None, 0)
    if isinstance(value, enum.Enum):
        return prepare(value.value)
    for base in (str, bool, int, float):  # subclasses of the plain types
        if isinstance(value, base):
            return prepare(base(value))
    if isinstance(value, datetime):
        return prepare(datetime.combine(value.date(), value.timetz()))
    if isinstance(value, date):
        return prepare(date(value.year, value.month, value.day))
    return prepare(str(value))


def csv_text(value: Any) -> str:
    """A value as CSV text: dates in ISO form, formula-like text behind an apostrophe.

    A CSV has no cell formats, so the apostrophe is the one way to keep a
    spreadsheet from running ``=...``, ``+...``, ``-...`` or ``@...`` when the
    file is opened; ixdesk's import takes it off again (:func:`from_csv_text`).
    """
    if isinstance(value, str):
        return "'" + value if value[:1] in FORMULA_FIRST else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return csv_text(value.value)
    return csv_text(str(value))


def from_csv_text(text: str) -> str:
    """CSV text as typed: without the apostrophe :func:`csv_text` puts before a formula."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_FIRST else text


def xml_text(text: str) -> str:
    if _XML_SPECIAL.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = _EXCEL_ESCAPE.sub(r"_x005F\1", text)  # so Excel shows "_x0041_", not "A"
    return text


def sheet_name(wanted: str, taken: Iterable[str]) -> str:
    """A valid sheet name close to ``wanted``, unique (case-insensitively) among ``taken``."""
    name = " ".join(_SHEET_FORBIDDEN.sub(" ", wanted).split()).strip("'").strip()
    if not name or name.casefold() == "history":  # Excel reserves "History"
        name = f"{name or 'Sheet'} sheet"
    used = {each.casefold() for each in taken}
    for number in range(1, 100_000):
        suffix = "" if number == 1 else f" ({number})"
        candidate = _cut_utf16(name, 31 - len(suffix)).rstrip().rstrip("'") + suffix
        if candidate.casefold() not in used:
            return candidate
    raise ExportError("Too many sheets share one name.")


def _cut_utf16(text: str, limit: int) -> str:
    while _utf16_len(text) > limit:
        text = text[:-1]
    return text
