"""The record types a coordinator works with, described once for every view.

A ``KindSpec`` says what a kind is called, which columns its table shows,
which status it moves through and how to name one record in a sentence. The
GUI builds one generic view from it; nothing here imports Qt.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, func, literal, select, type_coerce
from sqlalchemy.orm import aliased

from ixdesk.db import models as m
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
from ixdesk.services.counts import enrolled_count, member_count
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
    model: type[Base]
    columns: tuple[Column, ...]
    query: Callable[[], Select[Any]]
    status_enum: type[enum.Enum] | None = None
    status_field: str = "status"
    editor_form: str = ""
    icon: str = ""
    title_fields: tuple[str, ...] = ("name",)

    def title(self, values: dict[str, Any]) -> str:
        parts = [str(values.get(key) or "").strip() for key in self.title_fields]
        text = " ".join(part for part in parts if part)
        return text or f"new {self.singular}"

    def column_index(self, key: str) -> int:
        return [column.key for column in self.columns].index(key)


def _status(key: str, label: str, states: type[enum.Enum], width: int = 100) -> Column:
    return Column(key, label, STATUS, width, choices=tuple(str(s.value) for s in states))


def raw_id(column: Any) -> ColumnElement[Any]:
    """The id as the driver returns it: skips per-row UUID conversion on big loads."""
    return type_coerce(column, String)


def _person_name(first: Any, last: Any) -> ColumnElement[str]:
    """The full name, or NULL (an empty cell, sorted last) when there is no one."""
    joined = func.coalesce(first, literal("")) + literal(" ") + func.coalesce(last, literal(""))
    return func.nullif(func.trim(joined), literal(""))


def _students() -> Select[Any]:
    s, t = m.Student, m.Track
    return (
        select(
            raw_id(s.id),
            s.last_name,
            s.first_name,
            s.preferred_name,
            s.email,
            s.phone,
            s.school,
            s.grade,
            s.date_of_birth,
            t.name,
        )
        .outerjoin(t, t.id == s.track_interest_id)
        .where(s.deleted_at.is_(None))
    )


def _instructors() -> Select[Any]:
    i = m.Instructor
    return select(
        raw_id(i.id),
        i.last_name,
        i.first_name,
        i.email,
        i.employer,
        i.job_title,
        i.safeguarding_status,
        i.safeguarding_expires_on,
        i.status,
    ).where(i.deleted_at.is_(None))


def _companies() -> Select[Any]:
    c, p = m.PartnerCompany, m.BusinessProblem
    problems = (
        select(func.count()).where(p.company_id == c.id, p.deleted_at.is_(None)).scalar_subquery()
    )
    return select(raw_id(c.id), c.name, c.sector, c.city, c.country, c.status, problems).where(
        c.deleted_at.is_(None)
    )


def _problems() -> Select[Any]:
    p, c, t = m.BusinessProblem, m.PartnerCompany, m.Track
    return (
        select(raw_id(p.id), p.title, c.name, t.name, p.status, p.effort_hours, p.confidential)
        .join(c, c.id == p.company_id)
        .outerjoin(t, t.id == p.track_id)
        .where(p.deleted_at.is_(None))
    )


def _cohorts() -> Select[Any]:
    c, t = m.Cohort, m.Track
    enrolled = enrolled_count()
    return (
        select(
            raw_id(c.id),
            c.name,
            t.name,
            c.status,
            c.starts_on,
            c.ends_on,
            c.format,
            c.location,
            enrolled,
            c.capacity,
        )
        .outerjoin(t, t.id == c.track_id)
        .where(c.deleted_at.is_(None))
    )


def _groups() -> Select[Any]:
    g, c, p = m.StudentGroup, m.Cohort, m.BusinessProblem
    lead = aliased(m.Instructor)
    members = member_count()
    return (
        select(
            raw_id(g.id),
            g.name,
            c.name,
            g.status,
            p.title,
            _person_name(lead.first_name, lead.last_name),
            g.meeting_slot,
            members,
        )
        .join(c, c.id == g.cohort_id)
        .outerjoin(p, (p.id == g.business_problem_id) & p.deleted_at.is_(None))
        .outerjoin(lead, (lead.id == g.lead_instructor_id) & lead.deleted_at.is_(None))
        .where(g.deleted_at.is_(None))
    )


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            name="cohorts",
            singular="cohort",
            plural="cohorts",
            model=m.Cohort,
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
            query=_cohorts,
            status_enum=CohortStatus,
            editor_form="cohort_editor",
            icon="cohort.svg",
        ),
        KindSpec(
            name="groups",
            singular="group",
            plural="groups",
            model=m.StudentGroup,
            columns=(
                Column("name", "Name", width=160),
                Column("cohort", "Cohort", width=220),
                _status("status", "Status", GroupStatus),
                Column("business_problem", "Business problem", width=220),
                Column("lead_instructor", "Lead instructor", width=160),
                Column("meeting_slot", "Meeting slot"),
                Column("member_count", "Members", NUMBER, 80, searchable=False),
            ),
            query=_groups,
            status_enum=GroupStatus,
            editor_form="group_editor",
            icon="group.svg",
        ),
        KindSpec(
            name="students",
            singular="student",
            plural="students",
            model=m.Student,
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
            query=_students,
            editor_form="student_editor",
            icon="student.svg",
            title_fields=("first_name", "last_name"),
        ),
        KindSpec(
            name="instructors",
            singular="instructor",
            plural="instructors",
            model=m.Instructor,
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
            query=_instructors,
            status_enum=InstructorStatus,
            editor_form="instructor_editor",
            icon="instructor.svg",
            title_fields=("first_name", "last_name"),
        ),
        KindSpec(
            name="companies",
            singular="partner company",
            plural="partner companies",
            model=m.PartnerCompany,
            columns=(
                Column("name", "Name", width=220),
                Column("sector", "Sector", width=160),
                Column("city", "City"),
                Column("country", "Country"),
                _status("status", "Status", CompanyStatus),
                Column("problem_count", "Business problems", NUMBER, 130, searchable=False),
            ),
            query=_companies,
            status_enum=CompanyStatus,
            editor_form="company_editor",
            icon="company.svg",
        ),
        KindSpec(
            name="problems",
            singular="business problem",
            plural="business problems",
            model=m.BusinessProblem,
            columns=(
                Column("title", "Title", width=280),
                Column("company", "Partner company", width=200),
                Column("track", "Track"),
                _status("status", "Status", ProblemStatus),
                Column("effort_hours", "Effort (h)", NUMBER, 80, searchable=False),
                Column("confidential", "NDA", BOOL, 60, searchable=False),
            ),
            query=_problems,
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
