"""The fields each kind of import fills: name, label, type of value and limits.

How spreadsheet headers name these fields is :mod:`.headers`'s part.
"""

from __future__ import annotations

from dataclasses import dataclass

from ixdesk.db import models as m
from ixdesk.db.base import Record
from ixdesk.services.record_kinds import Kind

# What can be imported, in the order the wizard and ``ixdesk import`` offer them.
KINDS = (Kind.STUDENTS, Kind.INSTRUCTORS, Kind.COMPANIES)

TEXT, EMAIL, PHONE, DATE, PAST_DATE, GRADE = "text", "email", "phone", "date", "past_date", "grade"
YES_NO, CONSENT, TRACK, TRACKS, CHOICE, FULL_NAME = (
    "yes_no",
    "consent",
    "track",
    "tracks",
    "choice",
    "full_name",
)
ANSWER = "answer"  # kept whole as the student's application answer, from any number of columns
APPLICATION_ANSWER = "application_answer"
CHOICES = "choices"  # a ranking of business problems, from any number of columns (ranking.py)
PROBLEM_CHOICES = "problem_choices"


@dataclass(frozen=True)
class FieldSpec:
    """One field an import can fill: its canonical name, label and value type."""

    name: str
    label: str
    type: str = TEXT
    required: bool = False
    max_length: int | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (word a file may use, stored value)
    column: str = ""  # key of the checked value (the database column); the name when empty

    @property
    def key(self) -> str:
        return self.column or self.name

    @property
    def many(self) -> bool:
        """Whether several columns may go into this field (application answers, rankings)."""
        return self.type in (ANSWER, CHOICES)


def _length(model: type[Record], column: str) -> int | None:
    return getattr(model.__table__.c[column].type, "length", None)


def _required(model: type[Record], name: str, label: str) -> FieldSpec:
    return FieldSpec(name, label, TEXT, required=True, max_length=_length(model, name))


def _text(model: type[Record], name: str, label: str, column: str | None = None) -> FieldSpec:
    return FieldSpec(name, label, TEXT, max_length=_length(model, column or name))


_SAFEGUARDING = (
    *(("cleared", "cleared"), ("yes", "cleared"), ("passed", "cleared"), ("valid", "cleared")),
    *(("done", "cleared"), ("ok", "cleared"), ("pending", "pending"), ("in progress", "pending")),
    *(("applied", "pending"), ("submitted", "pending"), ("expired", "expired")),
    *(("not started", "not_started"), ("no", "not_started"), ("none", "not_started")),
    ("not_started", "not_started"),
)
_INSTRUCTOR_STATUS = (("invited", "invited"), ("active", "active"), ("inactive", "inactive"))
_COMPANY_STATUS = (
    *(("prospect", "prospect"), ("lead", "prospect"), ("active", "active")),
    *(("current", "active"), ("past", "past"), ("former", "past"), ("inactive", "past")),
)


def _person_names(model: type[Record], email_required: bool) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("full_name", "Full name (split into first and last name)", FULL_NAME),
        _required(model, "first_name", "First name"),
        _required(model, "last_name", "Last name"),
        _text(model, "preferred_name", "Preferred name"),
        FieldSpec("email", "Email", EMAIL, required=email_required),
        FieldSpec("phone", "Phone", PHONE),
    )


FIELDS: dict[Kind, tuple[FieldSpec, ...]] = {
    Kind.STUDENTS: (
        *_person_names(m.Student, email_required=False),
        _text(m.Student, "school", "School"),
        FieldSpec("grade", "Grade", GRADE),
        FieldSpec("date_of_birth", "Date of birth", PAST_DATE),
        FieldSpec("track_interest", "Track interest", TRACK, column="track_interest_id"),
        _text(m.Student, "guardian_name", "Guardian name"),
        FieldSpec("guardian_email", "Guardian email", EMAIL),
        FieldSpec("guardian_phone", "Guardian phone", PHONE),
        _text(m.Student, "guardian_consent_by", "Guardian consent given by"),
        FieldSpec("guardian_consent_at", "Guardian consent (date, or yes/no)", CONSENT),
        FieldSpec("messaging_opt_in", "Messaging opt-in", YES_NO),
        FieldSpec("notes", "Notes"),
        FieldSpec(APPLICATION_ANSWER, "Application answer (kept for the cohort)", ANSWER),
        FieldSpec(PROBLEM_CHOICES, "Ranked business problems (for the cohort)", CHOICES),
    ),
    Kind.INSTRUCTORS: (
        *_person_names(m.Instructor, email_required=True),
        _text(m.Instructor, "employer", "Employer"),
        _text(m.Instructor, "job_title", "Job title"),
        FieldSpec("expertise", "Expertise (tracks)", TRACKS),
        FieldSpec("bio", "Short bio"),
        FieldSpec("availability", "Availability"),
        FieldSpec("safeguarding_status", "Safeguarding check", CHOICE, choices=_SAFEGUARDING),
        FieldSpec("safeguarding_expires_on", "Safeguarding check expires on", DATE),
        FieldSpec("status", "Status", CHOICE, choices=_INSTRUCTOR_STATUS),
        FieldSpec("notes", "Notes"),
    ),
    Kind.COMPANIES: (
        _required(m.PartnerCompany, "name", "Partner company"),
        _text(m.PartnerCompany, "sector", "Sector"),
        _text(m.PartnerCompany, "website", "Website"),
        _text(m.PartnerCompany, "city", "City"),
        _text(m.PartnerCompany, "country", "Country"),
        FieldSpec("status", "Status", CHOICE, choices=_COMPANY_STATUS),
        FieldSpec("notes", "Notes"),
        _text(m.Contact, "contact_name", "Contact name", "name"),
        _text(m.Contact, "contact_role", "Contact role", "role"),
        FieldSpec("contact_email", "Contact email", EMAIL),
        FieldSpec("contact_phone", "Contact phone", PHONE),
    ),
}
FIELD_BY_NAME = {kind: {spec.name: spec for spec in specs} for kind, specs in FIELDS.items()}
RECORD_WORDS = {
    Kind.STUDENTS: "student",
    Kind.INSTRUCTORS: "instructor",
    Kind.COMPANIES: "partner company",
}
