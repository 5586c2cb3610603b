"""Checking and tidying single field values, for the import and the editors alike.

Plain functions, no Qt and no database. Each checker returns the tidy value
or raises :class:`InvalidValue` carrying a :class:`FieldProblem` whose message
is a whole sentence naming the value; doubtful-but-usable values append a
warning to the ``warnings`` list the caller passes. Email and phone checks
have fast paths for the common shapes (a plain ASCII address, a national or
``+``-prefixed number), because the libraries cost 30–40 µs a call and an
import checks hundreds of thousands; anything unusual goes to the libraries,
which stay the authority (tests compare both paths).
"""

from __future__ import annotations

import locale
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

ERROR, WARNING = "error", "warning"
GRADE_MIN, GRADE_MAX = 1, 12
"""School grades 1–12, or the year at university (decisions: grade is a whole number)."""
FALLBACK_REGION = "GB"
OLDEST_AGE_YEARS = 100


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


def _fail(field: str, message: str) -> InvalidValue:
    return InvalidValue(FieldProblem(field, message))


def _warn(warnings: list[FieldProblem] | None, field: str, message: str) -> None:
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


# --- email -------------------------------------------------------------------------

_ATOM = r"[A-Za-z0-9_+-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_SIMPLE_EMAIL = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@((?:{_LABEL}\.)+[A-Za-z]{{2,63}})")
_SPECIAL_DOMAINS = frozenset(SPECIAL_USE_DOMAIN_NAMES)


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
    if labels[-1] in _SPECIAL_DOMAINS or labels[-2] in _SPECIAL_DOMAINS:
        return None
    return text if lower == domain else f"{local}@{lower}"


def check_email(value: Any, field: str = "email") -> str:
    """The address with its domain lower-cased, or InvalidValue with the library's reason."""
    text = value.strip() if type(value) is str else clean_text(value)
    if not text:
        raise _fail(field, "The email address is empty.")
    simple = _simple_email(text)
    if simple is not None:
        return simple
    try:
        return str(validate_email(text, check_deliverability=False).normalized)
    except EmailNotValidError as error:
        raise _fail(field, f"“{text}” is not a valid email address: {error}") from None


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


# --- phone -------------------------------------------------------------------------


def default_region() -> str:
    """Where numbers without a country code are from: $IXDESK_PHONE_REGION, the locale, GB."""
    configured = os.environ.get("IXDESK_PHONE_REGION", "").strip().upper()
    if configured in phonenumbers.SUPPORTED_REGIONS:
        return configured
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
            f"“{region}” is not a country code for phone numbers; use two letters such as "
            "GB, US or ZA."
        )
    return code


@dataclass(frozen=True)
class _RegionRules:
    country_code: str
    national_prefix: str | None
    prefix_pattern: re.Pattern[str] | None
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


@lru_cache(maxsize=64)
def _rules(region: str) -> _RegionRules | None:
    """Validity patterns for the fast path, or None when the region needs the library."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.national_prefix_transform_rule:
        return None
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(meta.country_code, ())
    if not regions or regions[0] != region or meta.leading_digits:
        return None
    general = meta.general_desc
    if general is None or not general.national_number_pattern:
        return None
    types = [(lengths, re.compile(pattern)) for lengths, pattern in type_rules(meta)]
    prefix_rule = meta.national_prefix_for_parsing
    return _RegionRules(
        country_code=str(meta.country_code),
        national_prefix=meta.national_prefix,
        prefix_pattern=re.compile(prefix_rule) if prefix_rule else None,
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


_PUNCTUATION = str.maketrans("", "", " -.()/\u00a0\u2010\u2011\u2013")


_RULES_BY_REGION: dict[str, _RegionRules | None] = {}


def _fast_e164(text: str, region: str) -> str | None:
    """E.164 for a plainly valid national or own-country number; None means ask the library."""
    try:
        rules = _RULES_BY_REGION[region]
    except KeyError:
        rules = _RULES_BY_REGION[region] = _rules(region)
    if rules is None:
        return None
    compact = text.translate(_PUNCTUATION)
    digits = compact[1:] if compact.startswith("+") else compact
    if not (digits.isascii() and digits.isdigit()):
        return None
    if compact.startswith("+"):
        if not compact.startswith(rules.country_code, 1):
            return None
        national = compact[1 + len(rules.country_code) :]
        if rules.national_prefix and national.startswith(rules.national_prefix):
            return None
    else:
        prefix = rules.national_prefix
        if not prefix or not compact.startswith(prefix) or compact.startswith("00"):
            return None
        if rules.prefix_pattern is not None:
            match = rules.prefix_pattern.match(compact)
            if match is None or match.end() != len(prefix) or any(match.groups()):
                return None
        national = compact[len(prefix) :]
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
        raise _fail(field, "The phone number is empty.")
    digits_only = text.isdigit()
    if not stored_as_number or not digits_only:
        found = e164(text, region)
        if found is not None:
            return found
        if not digits_only or text.startswith("0"):
            raise _fail(
                field,
                f"“{text}” is not a valid phone number for {region}; if it is from "
                "another country, write it with its country code (+44 …).",
            )
    # Digits with no leading 0 or +: a spreadsheet may have dropped the zero.
    readings = {found for found in (e164(text, region), e164("0" + text, region)) if found}
    how = (
        "was stored as a number, so its leading 0 was lost"
        if stored_as_number
        else ("has no leading 0 or country code")
    )
    if len(readings) == 1:
        (found,) = readings
        if stored_as_number:
            _warn(warnings, field, f"Phone number {text} {how}; it was read as {found}. Check it.")
        return found
    if readings:
        raise _fail(
            field,
            f"Phone number {text} {how}, and it can be read as {' or '.join(sorted(readings))}; "
            "type it as text with its leading 0 or country code.",
        )
    raise _fail(
        field,
        f"Phone number {text} {how} and is not a valid number for {region}; "
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


# --- dates -------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan janvier janv januar enero ene",
            "february feb fevrier fevr fev februar febrero",
            "march mar mars marz marzo",
            "april apr avril avr abril",
            "may mai mayo",
            "june jun juin juni junio",
            "july jul juillet juil juli julio",
            "august aug aout august agosto ago",
            "september sep sept septembre septiembre",
            "october oct octobre oktober octubre okt",
            "november nov novembre noviembre",
            "december dec decembre dezember diciembre dic dez",
        ),
        start=1,
    )
    for name in names.split()
}
_NUMERIC_DATE = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")
_WORDS_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th|er)?[\s\-./]+([a-z]+)\.?,?[\s\-./]+(\d{2,4})")
_MONTH_FIRST_WORDS = re.compile(
    r"([a-z]+)\.?[\s\-./]+(\d{1,2})(?:st|nd|rd|th)?,?[\s\-./]+(\d{2,4})"
)
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]m)?$", re.IGNORECASE)
_MONTH_NAMES = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def _full_year(year: int, digits: int) -> int:
    if digits > 2:
        return year
    pivot = date.today().year % 100
    return 2000 + year if year <= pivot else 1900 + year


def _make(field: str, text: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise _fail(field, f"“{text}” is not a real date: there is no month {month}.")
    try:
        return date(year, month, day)
    except ValueError:
        raise _fail(
            field, f"“{text}” is not a real date: {_MONTH_NAMES[month - 1]} has no day {day}."
        ) from None


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _long(moment: date) -> str:
    return f"{moment.day} {_MONTH_NAMES[moment.month - 1]} {moment.year}"


def parse_date(
    value: Any,
    day_first: bool = True,
    field: str = "date_of_birth",
    *,
    warnings: list[FieldProblem] | None = None,
) -> date:
    """A date from a date cell or from text (ISO, 14/03/2010, 14 March 2010, ...).

    ``day_first`` chooses between 04/03/2009 as 4 March (True) or 3 April; a
    value both orders can read differently is returned with a warning.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise _fail(
            field,
            f"{shown(value)} is a number, not a date; format the cell as a date or type "
            "the date as text.",
        )
    text = clean_text(value)
    if text is None:
        raise _fail(field, "The date is empty.")
    plain = _TIME_TAIL.sub("", text)
    match = _NUMERIC_DATE.fullmatch(plain)
    if match:
        first, second, third = match.groups()
        if len(first) == 4:  # year first: always year-month-day
            return _make(field, text, int(first), int(second), int(third))
        if len(third) not in (2, 4):
            raise _fail(field, f"“{text}” is not a date ixdesk can read; use 2010-03-14.")
        year = _full_year(int(third), len(third))
        a, b = int(first), int(second)
        day, month = (a, b) if day_first else (b, a)
        if not 1 <= month <= 12 and _is_date(year, day, month):
            order = "day/month/year" if day_first else "month/day/year"
            other = "month first" if day_first else "day first"
            raise _fail(
                field,
                f"“{text}” is not a real date when read as {order}; if this file writes "
                f"the {other}, choose that order.",
            )
        result = _make(field, text, year, month, day)
        if a != b and a <= 12 and b <= 12:
            other = date(year, a, b) if day_first else date(year, b, a)
            order = "day first" if day_first else "month first"
            _warn(
                warnings,
                field,
                f"“{text}” could be {_long(result)} or {_long(other)}; "
                f"it was read as {_long(result)} ({order}).",
            )
        return result
    folded = _fold(plain)
    for pattern, day_group, month_group in ((_WORDS_DATE, 1, 2), (_MONTH_FIRST_WORDS, 2, 1)):
        words = pattern.fullmatch(folded)
        if words and words.group(month_group) in _MONTHS:
            year_text = words.group(3)
            year = _full_year(int(year_text), len(year_text))
            month = _MONTHS[words.group(month_group)]
            return _make(field, text, year, month, int(words.group(day_group)))
    raise _fail(field, f"“{text}” is not a date ixdesk can read; use 2010-03-14.")


def date_order_hint(value: Any) -> bool | None:
    """For text like 14/03/2010: True if only day-first reads it, False if only month-first."""
    if not isinstance(value, str):
        return None
    match = _NUMERIC_DATE.fullmatch(_TIME_TAIL.sub("", value.strip()))
    if match is None or len(match.group(1)) == 4:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first > 12 >= second:
        return True
    if second > 12 >= first:
        return False
    return None


def check_past_date(moment: date, field: str, *, today: date | None = None) -> date:
    """Refuse a date of birth (or consent) in the future or over 100 years ago."""
    today = today or date.today()
    if moment > today:
        raise _fail(field, f"{_long(moment)} is in the future.")
    if moment.year < today.year - OLDEST_AGE_YEARS:
        raise _fail(field, f"{_long(moment)} is more than {OLDEST_AGE_YEARS} years ago.")
    return moment


# --- yes/no and grades -------------------------------------------------------------

YES_WORDS = frozenset(
    {
        *("yes", "y", "true", "1", "x", "oui", "si", "sí", "ja", "sim", "agree", "agreed"),
        *("accept", "accepted", "ok", "okay", "checked", "on", "✓", "✔", "☑", "i agree"),
        *("yes please", "opt in", "opt-in", "d'accord"),
    }
)
NO_WORDS = frozenset(
    {
        *("no", "n", "false", "0", "non", "nein", "nee", "nao", "não", "disagree", "declined"),
        *("decline", "unchecked", "off", "✗", "✘", "no thanks", "no thank you", "opt out"),
        "opt-out",
    }
)


def parse_yes_no(value: Any, field: str = "messaging_opt_in") -> bool:
    """True or False from yes/no/y/n/true/false/1/0/oui/non/x/✓ and the like."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = clean_text(value)
    if text is None:
        raise _fail(field, "The answer is empty.")
    word = text.casefold().rstrip(".!")
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise _fail(field, f"“{text}” is not a yes/no answer; write yes or no.")


_FRENCH_GRADES = {
    "sixieme": 6, "6e": 6, "6eme": 6,
    "cinquieme": 7, "5e": 7, "5eme": 7,
    "quatrieme": 8, "4e": 8, "4eme": 8,
    "troisieme": 9, "3e": 9, "3eme": 9,
    "seconde": 10, "2nde": 10, "2de": 10,
    "premiere": 11, "1re": 11, "1ere": 11,
    "terminale": 12, "tle": 12, "term": 12,
}  # fmt: skip
_GRADE_TEXT = re.compile(
    r"(?:grade|year|yr|gr|class|form|klasse|niveau)?\s*(\d{1,2})(?:st|nd|rd|th|e|eme)?(?:\s*grade)?"
)


def check_grade(value: Any, field: str = "grade") -> int:
    """A whole school grade (or year at university) from 1 to 12.

    Accepts 11, 11.0, "11", "Grade 11", "11th", "Year 11" and the French
    lycée/collège names (seconde = 10, première = 11, terminale = 12).
    """
    if isinstance(value, bool):
        raise _fail(field, f"{value} is not a grade.")
    if isinstance(value, int | float):
        if not float(value).is_integer():
            raise _fail(field, f"Grade {shown(value)} is not a whole number.")
        number = int(value)
    else:
        text = clean_text(value)
        if text is None:
            raise _fail(field, "The grade is empty.")
        folded = _fold(text).rstrip(".")
        if folded in _FRENCH_GRADES:
            return _FRENCH_GRADES[folded]
        match = _GRADE_TEXT.fullmatch(folded)
        if match is None:
            raise _fail(field, f"“{text}” is not a grade; write a whole number from 1 to 12.")
        number = int(match.group(1))
    if not GRADE_MIN <= number <= GRADE_MAX:
        raise _fail(
            field,
            f"Grade {number} is outside {GRADE_MIN}–{GRADE_MAX} "
            "(school grade, or year at university).",
        )
    return number
