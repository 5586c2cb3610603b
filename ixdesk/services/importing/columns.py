"""Checks of a whole column at once, for the values that mostly differ from row to row.

Emails, phone numbers and text cells are checked a column at a time: one
regular-expression pass over the column's values joined by line breaks (one
match per line) instead of one call per cell, and for emails the domain,
which repeats, checked once per distinct domain. Each check gives a cell's
value only where the one-cell check (:mod:`ixdesk.services.validation`, the
converters) would give exactly that, without a warning; None leaves the cell
to the one-cell check, which stays the authority (tests compare both).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from ixdesk.services.importing.fields import EMAIL, PHONE, TEXT, FieldSpec
from ixdesk.services.importing.phone_columns import simple_e164s
from ixdesk.services.validation.email import DOMAIN_LABEL, SPECIAL_DOMAINS

ColumnCheck = Callable[[Sequence[Any]], list[Any]]


def column_check(spec: FieldSpec, region: str) -> ColumnCheck | None:
    """The check of a whole column at once for this field's type, if it has one."""
    if spec.type == EMAIL:
        return lambda cells: simple_emails(_texts(cells))
    if spec.type == PHONE:
        return lambda cells: simple_e164s(_texts(cells), region)
    if spec.type == TEXT:
        return partial(tidy_texts, spec.max_length)
    return None


# --- email -------------------------------------------------------------------------

_SIMPLE_EMAIL_LINES = re.compile(
    r"^(?=.{1,254}$)(?=[^@\n]{1,64}@)[A-Za-z0-9_+-]++(?:\.[A-Za-z0-9_+-]++)*+@([A-Za-z0-9.-]++)$"
    r"|^.*$",
    re.MULTILINE,
)
# The same for a column of lines at most 64 characters long, whose lengths need no look ahead.
_SHORT_EMAIL_LINES = re.compile(
    r"^[A-Za-z0-9_+-]++(?:\.[A-Za-z0-9_+-]++)*+@([A-Za-z0-9.-]++)$|^.*$", re.MULTILINE
)
_SHORT = 64
_SIMPLE_DOMAIN = re.compile(rf"(?:{DOMAIN_LABEL}\.)+[A-Za-z]{{2,63}}")


def _lines(texts: Sequence[str], pattern: re.Pattern[str], joined: str) -> list[Any] | None:
    """One ``findall`` result per text, or None when a text holds a line break."""
    if joined.count("\n") != len(texts) - 1:
        return None
    found = pattern.findall(joined)
    return found if len(found) == len(texts) else None


def simple_emails(texts: Sequence[str]) -> list[str | None]:
    """What ``check_email`` gives each plainly valid ASCII address of a column; None
    for any other text (empty, unusual or wrong: check those one by one)."""
    short = max(map(len, texts), default=0) <= _SHORT
    pattern = _SHORT_EMAIL_LINES if short else _SIMPLE_EMAIL_LINES
    domains = _lines(texts, pattern, "\n".join(texts)) if texts else []
    if domains is None:
        return [None] * len(texts)
    distinct = set(domains)
    tidy = {domain: _plain_domain(domain) for domain in distinct if domain}
    as_is = {domain for domain, lower in tidy.items() if lower == domain}
    if "" not in distinct and len(as_is) == len(tidy):
        return list(texts)  # every address plainly valid, every domain in lower case
    out = [text if domain in as_is else None for text, domain in zip(texts, domains, strict=True)]
    if len(as_is) < len(tidy):  # domains written with capitals: lower-case them
        for index, domain in enumerate(domains):
            lower = tidy.get(domain)
            if lower is not None and lower != domain:
                text = texts[index]
                out[index] = text[: len(text) - len(domain)] + lower
    return out


def _plain_domain(domain: str) -> str | None:
    if _SIMPLE_DOMAIN.fullmatch(domain) is None:
        return None
    lower = domain.lower()
    labels = lower.split(".")
    if "--" in lower or labels[-1] in SPECIAL_DOMAINS or labels[-2] in SPECIAL_DOMAINS:
        return None
    return lower


# --- text --------------------------------------------------------------------------


def _texts(cells: Sequence[Any]) -> Sequence[str]:
    """The column's cells with "" for anything but text (the column itself when all are text)."""
    try:
        "".join(cells)
    except TypeError:
        return [cell if type(cell) is str else "" for cell in cells]
    return cells


def tidy_texts(limit: int | None, cells: Sequence[Any]) -> list[Any]:
    """Each text cell that is already tidy and short enough, as it is; None for the rest."""
    texts = _texts(cells)
    joined = "".join(texts)
    if joined.isprintable() and "  " not in joined:  # no tabs, line breaks, double spaces
        lines = "\n".join(texts)
        edges = lines.startswith(" ") or lines.endswith(" ") or "\n " in lines or " \n" in lines
        if not edges and (limit is None or max(map(len, texts), default=0) <= limit):
            return [text or None for text in texts]
    longest = len(joined) if limit is None else limit
    return [
        text
        if text
        and len(text) <= longest
        and text.isprintable()
        and "  " not in text
        and text.strip() == text
        else None
        for text in texts
    ]
