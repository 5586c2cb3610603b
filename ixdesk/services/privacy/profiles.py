"""Export profiles: who reads each workbook, and the fields it may carry.

A profile is data: each roster builder takes its profile's ``student_fields``
(the only student columns its queries select) and, when the profile ``needs``
a consent purpose, leaves out minors without a valid consent for it. The export
dialog shows the profile and its fields before anything is written, and the
audit log names the profile of every export (docs/privacy.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from ixdesk.db.enums import ConsentPurpose

FIELD_LABELS = {
    "id": "record id",
    "first_name": "first name",
    "last_name": "last name",
    "last_initial": "initial of the last name",
    "preferred_name": "preferred name",
    "email": "email",
    "phone": "phone",
    "school": "school",
    "grade": "grade",
    "group": "group",
    "cohort": "cohort",
    "date_of_birth": "date of birth",
    "guardian_consent": "guardian consent (missing or withdrawn, for students under 18)",
    "every_field": "every field of every record, guardians and consents included",
}


@dataclass(frozen=True)
class ExportProfile:
    key: str
    label: str
    reader: str  # who the workbook is for, in a few words
    student_fields: tuple[str, ...]  # the student columns its queries select
    shown: tuple[str, ...]  # what a reader sees of a student (FIELD_LABELS keys)
    also: str  # what else the workbook carries, in words
    needs: ConsentPurpose | None = None  # minors without this consent are left out
    marks: ConsentPurpose | None = None  # minors without this consent are marked in a column

    def field_words(self) -> list[str]:
        return [FIELD_LABELS[name] for name in self.shown]


COORDINATOR = ExportProfile(
    "coordinator",
    "Coordinator",
    "coordinators and the programme team",
    ("id", "last_name", "first_name", "preferred_name", "school", "grade", "email", "phone"),
    (
        "last_name", "first_name", "preferred_name", "school", "grade", "email", "phone",
        "group", "guardian_consent",
    ),
    "the cohort, its groups, business problems, partner companies and instructors",
    marks=ConsentPurpose.PARTICIPATION,
)  # fmt: skip
INSTRUCTOR = ExportProfile(
    "instructor",
    "Instructor",
    "one instructor, about their own groups only",
    ("last_name", "first_name", "preferred_name", "school", "grade", "email"),
    ("last_name", "first_name", "preferred_name", "school", "grade", "email", "group"),
    "the instructor's groups, their business problems and meeting slots",
)
PARTNER = ExportProfile(
    "partner",
    "Partner company",
    "a partner company",
    ("id", "first_name", "preferred_name", "last_name"),
    ("first_name", "preferred_name", "last_initial", "group"),
    "the company's own business problems, the groups working on them and the company's own "
    "feedback on each group's work (no student's rubric)",
    ConsentPurpose.PARTNER_SHARING,
)
SCHOOL = ExportProfile(
    "school",
    "School or venue",
    "the door of a session at a school or venue",
    ("last_name", "first_name", "preferred_name"),
    ("last_name", "first_name", "preferred_name", "group"),
    "the cohort, the session's date and place, a signature column",
)
HANDOVER = ExportProfile(
    "handover",
    "Hand-over (everything)",
    "the programme's own archive or the next coordinator",
    (),
    ("every_field",),
    "every record type on its own sheet, and the audit log",
)
CERTIFICATE = ExportProfile(
    "certificate",
    "Certificate",
    "each student who completed the cohort, about themself",
    ("first_name", "preferred_name", "last_name", "email"),
    ("first_name", "preferred_name", "last_name", "email"),
    "the cohort, its partner company and business problem, the skills practised, hours "
    "attended and the lead instructor, in a PDF and a signed Open Badges credential",
)
EVENT_COPY = ExportProfile(
    "event_copy",
    "Event copy",
    "a laptop taking sign-ups at an event",
    ("first_name", "last_name", "preferred_name", "email", "school", "date_of_birth"),
    ("first_name", "last_name", "preferred_name", "email", "school", "date_of_birth"),
    "the event's cohorts, the tracks and settings; no phone numbers, guardian details or notes",
)
PHOTOGRAPHER = ExportProfile(
    "photographer",
    "Photographer",
    "a photographer at a session or event",
    ("id", "last_name", "first_name", "preferred_name"),
    ("last_name", "first_name", "preferred_name", "group", "cohort"),
    "the cohort (and group) the list is for and the day it was written; no contact details",
    ConsentPurpose.PHOTOS,
)
PROFILES = {
    p.key: p
    for p in (
        COORDINATOR,
        INSTRUCTOR,
        PARTNER,
        SCHOOL,
        HANDOVER,
        CERTIFICATE,
        EVENT_COPY,
        PHOTOGRAPHER,
    )
}


def describe(profile: ExportProfile) -> str:
    """The profile in two sentences, as the export dialog shows it."""
    fields = ", ".join(profile.field_words())
    text = (
        f"Profile: {profile.label}, for {profile.reader}. Of each student it carries: "
        f"{fields}; besides: {profile.also}."
    )
    if profile.needs is not None:
        from ixdesk.services.privacy.consent import PURPOSE_LABELS

        text += (
            " Students under 18 without a guardian's consent for "
            f"{PURPOSE_LABELS[profile.needs]} are left out."
        )
    return text
