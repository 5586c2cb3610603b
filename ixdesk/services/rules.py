"""What makes a record valid before it is saved, in words for the field at fault.

``check_record`` returns ``{field: message}`` (empty when all is well),
``record_warnings`` what may be saved but is probably a slip, and
``normalise_record`` tidies what a person typed (trimmed text, lower-case
email domain, phone numbers in international form).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ixdesk.db.enums import SafeguardingStatus
from ixdesk.services import validation
from ixdesk.services.record_kinds import CONTACTS, Contacts, Kind

REQUIRED: dict[Kind | Contacts, tuple[str, ...]] = {
    Kind.STUDENTS: ("first_name", "last_name"),
    Kind.INSTRUCTORS: ("first_name", "last_name", "email"),
    Kind.COMPANIES: ("name",),
    Kind.PROBLEMS: ("title", "company_id"),
    Kind.COHORTS: ("name",),
    Kind.GROUPS: ("name", "cohort_id"),
    CONTACTS: ("name",),
}
EMAIL_FIELDS = ("email", "guardian_email")
PHONE_FIELDS = ("phone", "guardian_phone")
PAST_DATES = ("date_of_birth", "guardian_consent_at")
PLANNED_DATES = ("starts_on", "ends_on", "safeguarding_expires_on")
LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "name": "Name",
    "title": "Title",
    "company_id": "Partner company",
    "cohort_id": "Cohort",
}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_record(
    kind: Kind | Contacts, values: dict[str, Any], today: date | None = None
) -> dict[str, str]:
    today = today or date.today()
    problems: dict[str, str] = {}
    for name in REQUIRED.get(kind, ()):
        if _blank(values.get(name)):
            problems[name] = f"{LABELS.get(name, name.replace('_', ' ').capitalize())} is needed."
    for name in EMAIL_FIELDS:
        value = values.get(name)
        if name in values and not _blank(value) and name not in problems:
            message = validation.email_problem(str(value))
            if message:
                problems[name] = message
    for name in PHONE_FIELDS:
        value = values.get(name)
        if name in values and not _blank(value):
            message = validation.phone_problem(str(value))
            if message:
                problems[name] = message
    for names, check in (
        (PAST_DATES, validation.check_past_date),
        (PLANNED_DATES, validation.check_planned_date),
    ):
        for name in names:
            value = values.get(name)
            day = validation.local_day(value) if isinstance(value, datetime) else value
            if isinstance(day, date):
                try:
                    check(day, name, today=today)
                except validation.InvalidValue as error:
                    problems[name] = error.problem.message
    grade = values.get("grade")
    if kind == Kind.STUDENTS and grade is not None:
        try:
            validation.check_grade(grade)
        except validation.InvalidValue as error:
            problems["grade"] = error.problem.message
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if isinstance(starts, date) and isinstance(ends, date) and ends < starts:
        problems.setdefault("ends_on", "The cohort cannot end before it starts.")
    return problems


def record_warnings(kind: Kind | Contacts, values: dict[str, Any]) -> dict[str, str]:
    """What can be saved but is probably a slip, in words for the field to fill in."""
    warnings: dict[str, str] = {}
    cleared = values.get("safeguarding_status") == SafeguardingStatus.CLEARED
    if kind == Kind.INSTRUCTORS and cleared and values.get("safeguarding_expires_on") is None:
        # Without one the check does not count for high-school groups (assignments.rules).
        warnings["safeguarding_expires_on"] = "A cleared check needs its expiry date."
    return warnings


def normalise_record(values: dict[str, Any]) -> dict[str, Any]:
    tidy: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip() or None
        if value is not None and name in EMAIL_FIELDS:
            value = validation.normalise_email(value)
        if value is not None and name in PHONE_FIELDS:
            value = validation.normalise_phone_or_keep(value)
        tidy[name] = value
    return tidy
