"""Checking phone numbers into E.164: a fast path for the common shapes, else the library.

``phonenumbers`` costs 30–40 µs a call and an import checks hundreds of
thousands of numbers, so a plainly valid national number of the default
region, or a ``+``-prefixed number of any country, is checked against that
region's own patterns (the country's found from its calling code, as the
library finds it); anything unusual goes to the library, which stays the
authority (tests compare both paths).
"""

from __future__ import annotations

import locale
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import phonenumbers

from ixdesk.services.validation.base import (
    FieldProblem,
    InvalidValue,
    brief,
    clean_text,
    fail,
    quoted,
    warn,
)
from ixdesk.services.validation.regional import regional

FALLBACK_REGION = "GB"


def default_region(country: str | None = None) -> str:
    """Where numbers without a country code are from: ``country`` (the organisation's
    setting, read by a caller that has the database), else the organisation's setting
    in use (:mod:`.regional`), $IXDESK_PHONE_REGION, the locale's country, GB."""
    for configured in (country, regional().country, os.environ.get("IXDESK_PHONE_REGION")):
        code = (configured or "").strip().upper()
        if code in phonenumbers.SUPPORTED_REGIONS:
            return code
    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    territory = name.replace("-", "_").partition("_")[2][:2].upper()
    if territory in phonenumbers.SUPPORTED_REGIONS:
        return territory
    return FALLBACK_REGION


def check_region(region: str) -> str:
    """An ISO 3166 country code phonenumbers knows, upper-cased."""
    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(
            f"{quoted(region)} is not a country code for phone numbers; use two letters such as "
            "GB, US or ZA."
        )
    return code


@dataclass(frozen=True)
class RegionRules:
    country_code: str
    national_prefix: str | None
    prefix_pattern: re.Pattern[str] | None
    call_abroad: re.Pattern[str] | None  # the prefix dialled before another country's code
    lengths: frozenset[int]
    general: re.Pattern[str]
    types: tuple[tuple[frozenset[int], re.Pattern[str]], ...]


_TYPE_DESCS = (  # mobile first: most numbers on a sign-up sheet are mobiles
    "mobile",
    "fixed_line",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "personal_number",
    "voip",
    "pager",
    "uan",
    "voicemail",
)


@lru_cache(maxsize=512)
def region_rules(region: str, *, national: bool = True) -> RegionRules | None:
    """Validity patterns for the fast path, or None when the region needs the library.

    A region whose national prefix is read by a transforming rule (Brazil's carrier
    codes) has a fast path for ``+`` numbers only (``national=False``): the rule
    is asked about no number the prefix rule leaves alone.
    """
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if (
        meta is None
        or meta.country_code is None
        or (national and meta.national_prefix_transform_rule)
    ):
        return None
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(meta.country_code, ())
    if not regions or regions[0] != region or meta.leading_digits:
        return None
    general = meta.general_desc
    if general is None or not general.national_number_pattern:
        return None
    types = [(lengths, re.compile(pattern)) for lengths, pattern in type_rules(meta)]
    prefix_rule = meta.national_prefix_for_parsing
    return RegionRules(
        country_code=str(meta.country_code),
        national_prefix=meta.national_prefix,
        prefix_pattern=re.compile(prefix_rule) if prefix_rule else None,
        call_abroad=re.compile(meta.international_prefix) if meta.international_prefix else None,
        lengths=frozenset(general.possible_length),
        general=re.compile(general.national_number_pattern),
        types=tuple(types),
    )


def type_rules(meta: Any) -> list[tuple[frozenset[int], str]]:
    """(possible lengths, pattern) of each type of number in a region's metadata."""
    general = meta.general_desc
    rules = []
    for name in _TYPE_DESCS:
        desc = getattr(meta, name, None)
        if desc is not None and desc.national_number_pattern:
            lengths = frozenset(desc.possible_length or general.possible_length)
            rules.append((lengths, desc.national_number_pattern))
    return rules


PHONE_PUNCTUATION = str.maketrans("", "", " -.()/\u00a0\u2010\u2011\u2013")


_RULES_BY_REGION: dict[str, RegionRules | None] = {}
_RULES_BY_CODE: dict[str, RegionRules | None] = {}
# Country calling code (as text) → the region the library tries first for it.
_MAIN_REGION = {
    str(code): regions[0]
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()
    if regions
}


def _rules(region: str) -> RegionRules | None:
    try:
        return _RULES_BY_REGION[region]
    except KeyError:
        rules = _RULES_BY_REGION[region] = region_rules(region)
        return rules


def calling_code(digits: str) -> str | None:
    """The country calling code ``digits`` (what follows a ``+``) start with, or None."""
    for size in (1, 2, 3):  # calling codes are prefix-free: at most one of these is one
        if digits[:size] in _MAIN_REGION:
            return digits[:size]
    return None


def international_rules(code: str) -> RegionRules | None:
    """The fast path's rules for ``+code`` numbers: those of the code's main region."""
    try:
        return _RULES_BY_CODE[code]
    except KeyError:
        rules = _RULES_BY_CODE[code] = region_rules(_MAIN_REGION[code], national=False)
        return rules


def _fast_e164(text: str, region: str) -> str | None:
    """E.164 for a plainly valid national number of ``region``, or a plainly valid
    ``+`` number of any country (checked against that country's own rules, as the
    library does); None means ask the library."""
    compact = text.translate(PHONE_PUNCTUATION)
    if compact.startswith("+"):
        return _fast_international(compact[1:])
    rules = _rules(region)
    if rules is None or not (compact.isascii() and compact.isdigit()):
        return None
    prefix = rules.national_prefix
    if not prefix or not compact.startswith(prefix) or _calls_abroad(rules, compact):
        return None
    if rules.prefix_pattern is not None:
        match = rules.prefix_pattern.match(compact)
        if match is None or match.end() != len(prefix) or any(match.groups()):
            return None
    return _valid_e164(rules, compact[len(prefix) :])


def _calls_abroad(rules: RegionRules, digits: str) -> bool:
    """Whether the digits may start with a call abroad (00, or another prefix the region
    dials before a country code, such as Israel's 012–019): the library reads those."""
    return digits.startswith("00") or bool(rules.call_abroad and rules.call_abroad.match(digits))


def _fast_international(digits: str) -> str | None:
    """E.164 for the digits after a ``+`` when they are plainly a valid number of the
    country code's main region (the library is asked about anything else)."""
    if not (digits.isascii() and digits.isdigit()):
        return None
    code = calling_code(digits)
    rules = None if code is None else international_rules(code)
    if code is None or rules is None:
        return None
    national = digits[len(code) :]
    if rules.national_prefix and national.startswith(rules.national_prefix):
        return None  # the library may read the prefix off: it decides
    if rules.prefix_pattern is not None:
        match = rules.prefix_pattern.match(national)
        if match is not None and (match.end() or any(match.groups())):
            return None
    return _valid_e164(rules, national)


def _valid_e164(rules: RegionRules, national: str) -> str | None:
    """``+code national`` when the national number is valid by the region's rules."""
    if len(national) not in rules.lengths or not rules.general.fullmatch(national):
        return None
    for lengths, pattern in rules.types:
        if len(national) in lengths and pattern.fullmatch(national):
            return f"+{rules.country_code}{national}"
    return None


def _library_e164(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def e164(text: str, region: str) -> str | None:
    """The number in E.164 form, or None when it is not a valid phone number."""
    return _fast_e164(text, region) or _library_e164(text, region)


def normalise_phone(
    value: Any,
    region: str,
    field: str = "phone",
    *,
    warnings: list[FieldProblem] | None = None,
) -> str:
    """The number in E.164 (+447700900123), read as from ``region`` when it has no ``+``.

    A number a spreadsheet stored as a number has lost its leading zero: it is
    rebuilt only when that gives one unambiguous valid number, and a warning
    says so; otherwise it is refused with the reason.
    """
    if type(value) is str:  # the common case first: a typed number that is plainly valid
        fast = _fast_e164(value.strip(), region)
        if fast is not None:
            return fast
    stored_as_number = isinstance(value, int | float) and not isinstance(value, bool)
    text = clean_text(value)
    if text is None:
        raise fail(field, "The phone number is empty.")
    digits_only = text.isdigit()
    if not stored_as_number or not digits_only:
        found = e164(text, region)
        if found is not None:
            return found
        if not digits_only or text.startswith("0"):
            raise fail(
                field,
                f"{quoted(text)} is not a valid phone number for {region}; if it is from "
                "another country, write it with its country code (+44 …).",
            )
    # Digits with no leading 0 or +: a spreadsheet may have dropped the zero.
    readings = {found for found in (e164(text, region), e164("0" + text, region)) if found}
    how = (
        "was stored as a number, so its leading 0 was lost"
        if stored_as_number
        else ("has no leading 0 or country code")
    )
    number = f"Phone number {brief(text)} {how}"
    if len(readings) == 1:
        (found,) = readings
        if stored_as_number:
            warn(warnings, field, f"{number}; it was read as {found}. Check it.")
        return found
    if readings:
        raise fail(
            field,
            f"{number}, and it can be read as {' or '.join(sorted(readings))}; "
            "type it as text with its leading 0 or country code.",
        )
    raise fail(
        field,
        f"{number} and is not a valid number for {region}; "
        "type it as text with its leading 0 or country code.",
    )


def phone_problem(text: str, region: str | None = None) -> str | None:
    """For editors: the sentence saying what is wrong, or None."""
    try:
        normalise_phone(text, region or default_region())
    except InvalidValue as error:
        return error.problem.message
    return None


def normalise_phone_or_keep(text: str, region: str | None = None) -> str:
    """For editors: E.164 when the number is valid, else the text as typed."""
    try:
        return normalise_phone(text, region or default_region())
    except InvalidValue:
        return text
