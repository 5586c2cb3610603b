"""Checking dates: date cells, ISO text, 14/03/2010 in either order, 14 March 2010.

The one reader of dates people write, for the import and for every date field
of the editors alike, with the organisation's day/month order.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time
from typing import Any

from ixdesk.services.folding import fold
from ixdesk.services.validation.base import (
    FieldProblem,
    clean_text,
    fail,
    quoted,
    shown,
    warn,
)
from ixdesk.services.validation.regional import regional

OLDEST_AGE_YEARS = 100
YEARS_AHEAD = 10
#: Cohort dates and safeguarding expiries lie between 1 January 2000 and the
#: end of the year 20 years from now; anything else is a typing mistake.
EARLIEST_PLANNED_YEAR = 2000
PLANNED_YEARS_AHEAD = 20
DATE_ORDER_SETTING = "IXDESK_DATE_ORDER"
MONTH_FIRST = "month-first"
DAY_FIRST = "day-first"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)


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
_TIME_TAIL = re.compile(
    r"[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([ap])m)?$", re.IGNORECASE
)
_MONTH_NAMES = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]


def _full_year(year: int, digits: int) -> int:
    """A two-digit year as the nearest past one, or one up to ten years ahead.

    Dates people write are mostly recent births and consents, or cohort and
    safeguarding dates a few years ahead: in 2026, 27 is 2027 and 37 is 1937.
    """
    if digits > 2:
        return year
    latest = date.today().year + YEARS_AHEAD
    full = latest - latest % 100 + year
    return full if full <= latest else full - 100


def _make(field: str, text: str, year: int, month: int, day: int) -> date:
    if year < 1:
        raise fail(field, f"{quoted(text)} is not a real date: there is no year {year}.")
    if not 1 <= month <= 12:
        raise fail(field, f"{quoted(text)} is not a real date: there is no month {month}.")
    try:
        return date(year, month, day)
    except ValueError:
        raise fail(
            field, f"{quoted(text)} is not a real date: {_MONTH_NAMES[month - 1]} has no day {day}."
        ) from None


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _long(moment: date) -> str:
    return f"{moment.day} {_MONTH_NAMES[moment.month - 1]} {moment.year}"


def day_text(moment: date) -> str:
    """A date as ixdesk shows it, 26 Mar 2027: unambiguous, and read back by parse_date."""
    return f"{moment.day} {_MONTH_NAMES[moment.month - 1][:3]} {moment.year}"


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February becomes the 28th)."""
    leap_day = (day.month, day.day) == (2, 29)
    return day.replace(year=day.year - years, day=28 if leap_day else day.day)


def default_day_first(order: str | None = None) -> bool:
    """The organisation's order for dates written in numbers: is 04/03/2027 4 March?

    ``order`` (the organisation's setting, read by a caller that has the database),
    else the organisation's setting in use (:mod:`.regional`), else the
    ``IXDESK_DATE_ORDER`` environment variable; day first unless one of them says
    ``month-first``. The import and the editors' date fields both ask here.
    """
    for configured in (order, regional().date_order, os.environ.get(DATE_ORDER_SETTING)):
        word = (configured or "").strip().lower()
        if word in DATE_ORDERS:
            return word != MONTH_FIRST
    return True


def _order_problem(text: str, day_first: bool, meant: date, typed: bool) -> str:
    order = "day/month/year" if day_first else "month/day/year"
    if typed:
        advice = f"for {_long(meant)}, type {day_text(meant)} or {meant.isoformat()}"
    else:
        other = "month first" if day_first else "day first"
        advice = f"if this file writes the {other}, choose that order"
    return f"{quoted(text)} is not a real date when read as {order}; {advice}."


def parse_date(
    value: Any,
    day_first: bool = True,
    field: str = "date_of_birth",
    *,
    warnings: list[FieldProblem] | None = None,
    typed: bool = False,
) -> date:
    """A date from a date cell or from text (ISO, 14/03/2010, 14 March 2010, ...).

    ``day_first`` chooses between 04/03/2009 as 4 March (True) or 3 April; a
    value both orders can read differently is returned with a warning.
    ``typed`` words the advice for a person typing in a field rather than a file.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise fail(
            field,
            f"{shown(value)} is a number, not a date; format the cell as a date or type "
            "the date as text.",
        )
    text = clean_text(value)
    if text is None:
        raise fail(field, "The date is empty.")
    plain = _without_time(text, field, typed)
    match = _NUMERIC_DATE.fullmatch(plain)
    if match:
        first, second, third = match.groups()
        if len(first) == 4:  # year first: always year-month-day
            return _make(field, text, int(first), int(second), int(third))
        if len(third) not in (2, 4):
            raise fail(field, f"{quoted(text)} is not a date ixdesk can read; use 2010-03-14.")
        year = _full_year(int(third), len(third))
        a, b = int(first), int(second)
        day, month = (a, b) if day_first else (b, a)
        if not 1 <= month <= 12 and _is_date(year, day, month):
            raise fail(field, _order_problem(text, day_first, date(year, day, month), typed))
        result = _make(field, text, year, month, day)
        if a != b and a <= 12 and b <= 12:
            other = date(year, a, b) if day_first else date(year, b, a)
            order = "day first" if day_first else "month first"
            warn(
                warnings,
                field,
                f"{quoted(text)} could be {_long(result)} or {_long(other)}; "
                f"it was read as {_long(result)} ({order}).",
            )
        return result
    folded = fold(plain)
    for pattern, day_group, month_group in ((_WORDS_DATE, 1, 2), (_MONTH_FIRST_WORDS, 2, 1)):
        words = pattern.fullmatch(folded)
        if words and words.group(month_group) in _MONTHS:
            year_text = words.group(3)
            year = _full_year(int(year_text), len(year_text))
            month = _MONTHS[words.group(month_group)]
            return _make(field, text, year, month, int(words.group(day_group)))
    raise fail(field, f"{quoted(text)} is not a date ixdesk can read; use 2010-03-14.")


def _without_time(text: str, field: str, typed: bool) -> str:
    """The text before a time of day (2027-03-01 10:30): refused when typed or impossible.

    Files exported from other programs often give dates with a time, which the
    import ignores; a time that cannot exist (25:99) means the cell is wrong.
    A date field takes the date alone, so nothing typed is silently dropped.
    """
    tail = _TIME_TAIL.search(text)
    if tail is None:
        return text
    if typed:
        raise fail(field, f"{quoted(text)} has more than a date in it; type the date alone.")
    hours, minutes, seconds, half = tail.groups()
    hour_range = range(1, 13) if half else range(24)
    if int(hours) not in hour_range or int(minutes) > 59 or int(seconds or 0) > 59:
        raise fail(field, f"{quoted(text)} ends in a time of day that does not exist.")
    return text[: tail.start()]


def read_typed_date(text: str, day_first: bool, field: str) -> date | None:
    """The date a person typed in a field; None when the field is blank.

    Raises :class:`InvalidValue` saying why when the text is not a date.
    """
    if clean_text(text) is None:
        return None
    return parse_date(text, day_first, field, typed=True)


def _numbers_only(value: Any) -> re.Match[str] | None:
    """Text like 14/03/2010 (day and month in either order; not 2010-03-14)."""
    if not isinstance(value, str):
        return None
    match = _NUMERIC_DATE.fullmatch(_TIME_TAIL.sub("", value.strip()))
    return None if match is None or len(match.group(1)) == 4 else match


def written_in_numbers(value: Any) -> bool:
    """Whether a cell is a date typed as numbers whose day/month order must be known."""
    return _numbers_only(value) is not None


def date_order_hint(value: Any) -> bool | None:
    """For text like 14/03/2010: True if only day-first reads it, False if only month-first."""
    match = _numbers_only(value)
    if match is None:
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
        raise fail(field, f"{_long(moment)} is in the future.")
    if moment.year < today.year - OLDEST_AGE_YEARS:
        raise fail(field, f"{_long(moment)} is more than {OLDEST_AGE_YEARS} years ago.")
    return moment


def check_planned_date(moment: date, field: str, *, today: date | None = None) -> date:
    """Refuse a cohort or safeguarding date before 2000 or more than 20 years ahead."""
    latest = (today or date.today()).year + PLANNED_YEARS_AHEAD
    if moment.year < EARLIEST_PLANNED_YEAR:
        raise fail(field, f"{_long(moment)} is before {EARLIEST_PLANNED_YEAR}; check the year.")
    if moment.year > latest:
        raise fail(
            field,
            f"{_long(moment)} is more than {PLANNED_YEARS_AHEAD} years ahead; check the year.",
        )
    return moment


def local_day(moment: datetime) -> date:
    """The day a stored moment (a consent's time, kept in UTC) falls on here."""
    try:
        return moment.astimezone().date()
    except (OverflowError, ValueError):  # within hours of year 1 or of year 9999's end
        return moment.date()


def moment_of_day(day: date) -> datetime:
    """Noon of ``day`` here, in UTC: :func:`local_day` gives ``day`` back.

    Noon rather than midnight, so a clock moved by a few hours (daylight
    saving, a laptop taken abroad) still shows the same day.
    """
    try:
        return datetime.combine(day, time(12)).astimezone().astimezone(UTC)
    except (OverflowError, ValueError):  # within hours of year 1 or of year 9999's end
        return datetime.combine(day, time(12), tzinfo=UTC)
