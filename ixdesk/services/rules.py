"""What makes a record valid before it is saved, in words for the field at fault.

``check_record`` returns ``{field: message}`` (empty when all is well) and
``normalise_record`` tidies what a person typed (trimmed text, lower-case
email domain, phone numbers in international form).
"""

from __future__ import annotations

from datetime import date
from typing import Any

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
    for name in PAST_DATES:
        value = values.get(name)
        moment = value.date() if hasattr(value, "date") and callable(value.date) else value
        if isinstance(moment, date) and moment > today:
            problems[name] = "This date is in the future."
    grade = values.get("grade")
    if kind == Kind.STUDENTS and grade is not None:
        try:
            validation.check_grade(grade)
        except validation.InvalidValue as error:
            problems["grade"] = error.problem.message
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if isinstance(starts, date) and isinstance(ends, date) and ends < starts:
        problems["ends_on"] = "The cohort cannot end before it starts."
    dob = values.get("date_of_birth")
    if isinstance(dob, date) and dob.year < today.year - 100:
        problems["date_of_birth"] = "This date of birth is more than 100 years ago."
    return problems


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
