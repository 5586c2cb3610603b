"""The record types a coordinator works with, described once for every view.

A ``KindSpec`` says what a kind is called, which columns its table shows,
which status it moves through and how to name one record in a sentence. Each
column's key names a field of the kind's read (``services/read``), where the
query behind the table is made. The GUI builds one generic view from it and
decides how it looks (icon, editor form, column widths: ixdesk/gui/kind_views.py);
nothing here imports Qt.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from ixdesk.db.base import Record
from ixdesk.db.enums import (
    Audience,
    CohortFormat,
    CohortStatus,
    CompanyStatus,
    GroupStatus,
    InstructorStatus,
    ProblemStatus,
    SafeguardingStatus,
)
from ixdesk.db.statements import AnySelect
from ixdesk.services.read.cohorts import COHORTS
from ixdesk.services.read.common import RecordRead
from ixdesk.services.read.companies import COMPANIES
from ixdesk.services.read.groups import GROUPS
from ixdesk.services.read.instructors import INSTRUCTORS
from ixdesk.services.read.problems import PROBLEMS
from ixdesk.services.read.students import STUDENTS
from ixdesk.services.record_kinds import Kind
from ixdesk.services.records import value_text

TEXT, NUMBER, DATE, STATUS, BOOL = "text", "number", "date", "status", "bool"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    searchable: bool = True
    # A status column's values in life-cycle order: it sorts in this order, not A–Z.
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class KindSpec:
    name: Kind
    singular: str  # "student"
    plural: str  # "students"
    read: RecordRead  # the record type's fields; each column's key names one
    columns: tuple[Column, ...]
    status_enum: type[enum.Enum] | None = None
    status_field: str = "status"
    title_fields: tuple[str, ...] = ("name",)

    @property
    def model(self) -> type[Record]:
        return self.read.model

    def query(self) -> AnySelect:
        """The table's rows: the id as the driver returns it, then one field per column."""
        return self.read.select([column.key for column in self.columns], raw_ids=True)

    def title(self, values: dict[str, Any]) -> str:
        parts = [str(values.get(key) or "").strip() for key in self.title_fields]
        text = " ".join(part for part in parts if part)
        return text or f"new {self.singular}"

    def column_index(self, key: str) -> int:
        return [column.key for column in self.columns].index(key)


def _status(key: str, label: str, states: type[enum.Enum]) -> Column:
    return Column(key, label, STATUS, choices=tuple(str(s.value) for s in states))


KINDS: dict[Kind, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            name=Kind.COHORTS,
            singular="cohort",
            plural="cohorts",
            read=COHORTS,
            columns=(
                Column("name", "Name"),
                Column("track", "Track"),
                _status("status", "Status", CohortStatus),
                Column("starts_on", "Starts", DATE, searchable=False),
                Column("ends_on", "Ends", DATE, searchable=False),
                _status("format", "Format", CohortFormat),
                Column("location", "Location"),
                Column("enrolled", "Enrolled", NUMBER, searchable=False),
                Column("capacity", "Capacity", NUMBER, searchable=False),
            ),
            status_enum=CohortStatus,
        ),
        KindSpec(
            name=Kind.GROUPS,
            singular="group",
            plural="groups",
            read=GROUPS,
            columns=(
                Column("name", "Name"),
                Column("cohort", "Cohort"),
                _status("status", "Status", GroupStatus),
                Column("business_problem", "Business problem"),
                Column("lead_instructor", "Lead instructor"),
                Column("meeting_slot", "Meeting slot"),
                Column("member_count", "Members", NUMBER, searchable=False),
            ),
            status_enum=GroupStatus,
        ),
        KindSpec(
            name=Kind.STUDENTS,
            singular="student",
            plural="students",
            read=STUDENTS,
            columns=(
                Column("last_name", "Last name"),
                Column("first_name", "First name"),
                Column("preferred_name", "Preferred name"),
                Column("email", "Email"),
                Column("phone", "Phone"),
                Column("school", "School"),
                Column("grade", "Grade", NUMBER, searchable=False),
                Column("date_of_birth", "Date of birth", DATE, searchable=False),
                Column("track_interest", "Track interest"),
            ),
            title_fields=("first_name", "last_name"),
        ),
        KindSpec(
            name=Kind.INSTRUCTORS,
            singular="instructor",
            plural="instructors",
            read=INSTRUCTORS,
            columns=(
                Column("last_name", "Last name"),
                Column("first_name", "First name"),
                Column("email", "Email"),
                Column("employer", "Employer"),
                Column("job_title", "Job title"),
                _status("safeguarding_status", "Safeguarding", SafeguardingStatus),
                Column("safeguarding_expires_on", "Check expires", DATE, searchable=False),
                _status("status", "Status", InstructorStatus),
            ),
            status_enum=InstructorStatus,
            title_fields=("first_name", "last_name"),
        ),
        KindSpec(
            name=Kind.COMPANIES,
            singular="partner company",
            plural="partner companies",
            read=COMPANIES,
            columns=(
                Column("name", "Name"),
                Column("sector", "Sector"),
                Column("city", "City"),
                Column("country", "Country"),
                _status("status", "Status", CompanyStatus),
                Column("problem_count", "Business problems", NUMBER, searchable=False),
            ),
            status_enum=CompanyStatus,
        ),
        KindSpec(
            name=Kind.PROBLEMS,
            singular="business problem",
            plural="business problems",
            read=PROBLEMS,
            columns=(
                Column("title", "Title"),
                Column("partner_company", "Partner company"),
                Column("track", "Track"),
                _status("status", "Status", ProblemStatus),
                Column("effort_hours", "Effort (h)", NUMBER, searchable=False),
                Column("confidential", "NDA", BOOL, searchable=False),
            ),
            status_enum=ProblemStatus,
            title_fields=("title",),
        ),
    )
}


def grade_word(audience: Any) -> str:
    """What a student's grade is called for a cohort's audience: a university counts
    years (1–4), a school grades."""
    return "Year" if audience is not None and Audience(audience) == Audience.UNIVERSITY else "Grade"


def status_label(value: Any) -> str:
    """``in_person`` → "In person"; enum members and plain strings alike."""
    if value is None:
        return ""
    return value_text(value).replace("_", " ").capitalize()
