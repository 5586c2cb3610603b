"""The record types a coordinator works with, described once for every view.

A ``KindSpec`` says what a kind is called, which columns its table shows,
which status it moves through and how to name one record in a sentence. Each
column's key names a field of the kind's read (``services/read``), where the
query behind the table is made. The GUI builds one generic view from it;
nothing here imports Qt.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select

from ixdesk.db.base import Base
from ixdesk.db.enums import (
    CohortFormat,
    CohortStatus,
    CompanyStatus,
    GroupStatus,
    InstructorStatus,
    ProblemStatus,
    SafeguardingStatus,
)
from ixdesk.services.read.cohorts import COHORTS
from ixdesk.services.read.common import RecordRead
from ixdesk.services.read.companies import COMPANIES
from ixdesk.services.read.groups import GROUPS
from ixdesk.services.read.instructors import INSTRUCTORS
from ixdesk.services.read.problems import PROBLEMS
from ixdesk.services.read.students import STUDENTS
from ixdesk.services.records import value_text

TEXT, NUMBER, DATE, STATUS, BOOL = "text", "number", "date", "status", "bool"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    width: int = 140
    searchable: bool = True
    # A status column's values in life-cycle order: it sorts in this order, not A–Z.
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class KindSpec:
    name: str  # "students": also the navigation key and the settings key
    singular: str  # "student"
    plural: str  # "students"
    read: RecordRead  # the record type's fields; each column's key names one
    columns: tuple[Column, ...]
    status_enum: type[enum.Enum] | None = None
    status_field: str = "status"
    editor_form: str = ""
    icon: str = ""
    title_fields: tuple[str, ...] = ("name",)

    @property
    def model(self) -> type[Base]:
        return self.read.model

    def query(self) -> Select[Any]:
        """The table's rows: the id as the driver returns it, then one field per column."""
        return self.read.select([column.key for column in self.columns], raw_ids=True)

    def title(self, values: dict[str, Any]) -> str:
        parts = [str(values.get(key) or "").strip() for key in self.title_fields]
        text = " ".join(part for part in parts if part)
        return text or f"new {self.singular}"

    def column_index(self, key: str) -> int:
        return [column.key for column in self.columns].index(key)


def _status(key: str, label: str, states: type[enum.Enum], width: int = 100) -> Column:
    return Column(key, label, STATUS, width, choices=tuple(str(s.value) for s in states))


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            name="cohorts",
            singular="cohort",
            plural="cohorts",
            read=COHORTS,
            columns=(
                Column("name", "Name", width=240),
                Column("track", "Track"),
                _status("status", "Status", CohortStatus),
                Column("starts_on", "Starts", DATE, 100, searchable=False),
                Column("ends_on", "Ends", DATE, 100, searchable=False),
                _status("format", "Format", CohortFormat, 90),
                Column("location", "Location"),
                Column("enrolled", "Enrolled", NUMBER, 80, searchable=False),
                Column("capacity", "Capacity", NUMBER, 80, searchable=False),
            ),
            status_enum=CohortStatus,
            editor_form="cohort_editor",
            icon="cohort.svg",
        ),
        KindSpec(
            name="groups",
            singular="group",
            plural="groups",
            read=GROUPS,
            columns=(
                Column("name", "Name", width=160),
                Column("cohort", "Cohort", width=220),
                _status("status", "Status", GroupStatus),
                Column("business_problem", "Business problem", width=220),
                Column("lead_instructor", "Lead instructor", width=160),
                Column("meeting_slot", "Meeting slot"),
                Column("member_count", "Members", NUMBER, 80, searchable=False),
            ),
            status_enum=GroupStatus,
            editor_form="group_editor",
            icon="group.svg",
        ),
        KindSpec(
            name="students",
            singular="student",
            plural="students",
            read=STUDENTS,
            columns=(
                Column("last_name", "Last name"),
                Column("first_name", "First name"),
                Column("preferred_name", "Preferred name", width=110),
                Column("email", "Email", width=230),
                Column("phone", "Phone", width=130),
                Column("school", "School", width=200),
                Column("grade", "Grade", NUMBER, 60, searchable=False),
                Column("date_of_birth", "Date of birth", DATE, 110, searchable=False),
                Column("track_interest", "Track interest"),
            ),
            editor_form="student_editor",
            icon="student.svg",
            title_fields=("first_name", "last_name"),
        ),
        KindSpec(
            name="instructors",
            singular="instructor",
            plural="instructors",
            read=INSTRUCTORS,
            columns=(
                Column("last_name", "Last name"),
                Column("first_name", "First name"),
                Column("email", "Email", width=230),
                Column("employer", "Employer", width=180),
                Column("job_title", "Job title", width=180),
                _status("safeguarding_status", "Safeguarding", SafeguardingStatus, 110),
                Column("safeguarding_expires_on", "Check expires", DATE, 110, searchable=False),
                _status("status", "Status", InstructorStatus, 90),
            ),
            status_enum=InstructorStatus,
            editor_form="instructor_editor",
            icon="instructor.svg",
            title_fields=("first_name", "last_name"),
        ),
        KindSpec(
            name="companies",
            singular="partner company",
            plural="partner companies",
            read=COMPANIES,
            columns=(
                Column("name", "Name", width=220),
                Column("sector", "Sector", width=160),
                Column("city", "City"),
                Column("country", "Country"),
                _status("status", "Status", CompanyStatus),
                Column("problem_count", "Business problems", NUMBER, 130, searchable=False),
            ),
            status_enum=CompanyStatus,
            editor_form="company_editor",
            icon="company.svg",
        ),
        KindSpec(
            name="problems",
            singular="business problem",
            plural="business problems",
            read=PROBLEMS,
            columns=(
                Column("title", "Title", width=280),
                Column("partner_company", "Partner company", width=200),
                Column("track", "Track"),
                _status("status", "Status", ProblemStatus),
                Column("effort_hours", "Effort (h)", NUMBER, 80, searchable=False),
                Column("confidential", "NDA", BOOL, 60, searchable=False),
            ),
            status_enum=ProblemStatus,
            editor_form="problem_editor",
            icon="problem.svg",
            title_fields=("title",),
        ),
    )
}


def status_label(value: Any) -> str:
    """``in_person`` → "In person"; enum members and plain strings alike."""
    if value is None:
        return ""
    return value_text(value).replace("_", " ").capitalize()
