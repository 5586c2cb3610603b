"""Checking email addresses: a fast path for plain ASCII addresses, else the library.

``email_validator`` costs 30–40 µs a call and an import checks hundreds of
thousands of addresses, so a plainly valid ASCII address is accepted by a
pattern; anything unusual goes to the library, which stays the authority
(tests compare both paths).
"""

from __future__ import annotations

import re
from typing import Any

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from ixdesk.services.validation.base import InvalidValue, clean_text, fail

_ATOM = r"[A-Za-z0-9_+-]+"
DOMAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_SIMPLE_EMAIL = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@((?:{DOMAIN_LABEL}\.)+[A-Za-z]{{2,63}})")
SPECIAL_DOMAINS = frozenset(SPECIAL_USE_DOMAIN_NAMES)


def _simple_email(text: str) -> str | None:
    """The normalised address when it is plainly valid ASCII, else None (ask the library)."""
    match = _SIMPLE_EMAIL.fullmatch(text)
    if match is None:
        return None
    local, domain = match.groups()
    lower = domain.lower()
    if len(local) > 64 or len(text) > 254 or "--" in lower:
        return None
    labels = lower.split(".")
    if labels[-1] in SPECIAL_DOMAINS or labels[-2] in SPECIAL_DOMAINS:
        return None
    return text if lower == domain else f"{local}@{lower}"


def check_email(value: Any, field: str = "email") -> str:
    """The address with its domain lower-cased, or InvalidValue with the library's reason."""
    text = value.strip() if type(value) is str else clean_text(value)
    if not text:
        raise fail(field, "The email address is empty.")
    simple = _simple_email(text)
    if simple is not None:
        return simple
    try:
        return str(validate_email(text, check_deliverability=False).normalized)
    except EmailNotValidError as error:
        raise fail(field, f"“{text}” is not a valid email address: {error}") from None


def email_problem(text: str) -> str | None:
    """For editors: the sentence saying what is wrong, or None."""
    try:
        check_email(text)
    except InvalidValue as error:
        return error.problem.message
    return None


def normalise_email(text: str) -> str:
    """For editors: the normalised address, or the text unchanged when it is not valid."""
    try:
        return check_email(text)
    except InvalidValue:
        return text
