"""Checking and tidying single field values, for the import and the editors alike.

Plain functions, no Qt and no database. Each checker returns the tidy value
or raises :class:`InvalidValue` carrying a :class:`FieldProblem` whose message
is a whole sentence naming the value; doubtful-but-usable values append a
warning to the ``warnings`` list the caller passes. Email and phone checks
have fast paths for the common shapes (a plain ASCII address, a national or
``+``-prefixed number), because the libraries cost 30–40 µs a call and an
import checks hundreds of thousands; anything unusual goes to the libraries,
which stay the authority (tests compare both paths).

The checks live by topic in this package (``base``, ``email``, ``phone``,
``dates``, ``answers``); callers import them from here.
"""

from __future__ import annotations

from ixdesk.services.validation.answers import (
    GRADE_MAX,
    GRADE_MIN,
    NO_WORDS,
    YES_WORDS,
    audience_grade,
    check_grade,
    parse_yes_no,
)
from ixdesk.services.validation.base import (
    ERROR,
    QUOTE_LIMIT,
    WARNING,
    FieldProblem,
    InvalidValue,
    brief,
    clean_text,
    quoted,
    shown,
    warn,
)
from ixdesk.services.validation.dates import (
    EARLIEST_PLANNED_YEAR,
    OLDEST_AGE_YEARS,
    PLANNED_YEARS_AHEAD,
    check_past_date,
    check_planned_date,
    date_order_hint,
    day_text,
    default_day_first,
    local_day,
    moment_of_day,
    parse_date,
    read_typed_date,
    written_in_numbers,
    years_before,
)
from ixdesk.services.validation.email import check_email, email_problem, normalise_email
from ixdesk.services.validation.phone import (
    FALLBACK_REGION,
    check_region,
    default_region,
    e164,
    normalise_phone,
    normalise_phone_or_keep,
    phone_problem,
    type_rules,
)

__all__ = [
    "EARLIEST_PLANNED_YEAR",
    "ERROR",
    "FALLBACK_REGION",
    "GRADE_MAX",
    "GRADE_MIN",
    "NO_WORDS",
    "OLDEST_AGE_YEARS",
    "PLANNED_YEARS_AHEAD",
    "QUOTE_LIMIT",
    "WARNING",
    "YES_WORDS",
    "FieldProblem",
    "InvalidValue",
    "audience_grade",
    "brief",
    "check_email",
    "check_grade",
    "check_past_date",
    "check_planned_date",
    "check_region",
    "clean_text",
    "date_order_hint",
    "day_text",
    "default_day_first",
    "default_region",
    "e164",
    "email_problem",
    "local_day",
    "moment_of_day",
    "normalise_email",
    "normalise_phone",
    "normalise_phone_or_keep",
    "parse_date",
    "parse_yes_no",
    "phone_problem",
    "quoted",
    "read_typed_date",
    "shown",
    "type_rules",
    "warn",
    "written_in_numbers",
    "years_before",
]
