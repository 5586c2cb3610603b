"""What each record type is called, for messages a person reads, and values as plain data."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import Table
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from ixdesk.db import models
from ixdesk.db.base import Record

RECORD_NAMES: dict[type[Record], str] = {
    models.Track: "track",
    models.PartnerCompany: "partner company",
    models.Contact: "contact",
    models.BusinessProblem: "business problem",
    models.Cohort: "cohort",
    models.Student: "student",
    models.Enrolment: "enrolment",
    models.Instructor: "instructor",
    models.InstructorExpertise: "instructor's track",
    models.StudentGroup: "group",
    models.GroupMembership: "group membership",
    models.GroupAssistant: "group assistant",
    models.CohortSession: "session",
    models.Attendance: "attendance record",
    models.Consent: "consent",
    models.ProblemPreference: "choice of business problem",
    models.StudentPair: "pair of students",
    models.StudentFeedback: "rubric",
    models.GroupFeedback: "company feedback",
}

TABLE_NAMES: dict[str, str] = {model.__tablename__: name for model, name in RECORD_NAMES.items()}


def record_name(model: type[Record]) -> str:
    return RECORD_NAMES.get(model, model.__table__.name)


def plain_value(value: Any) -> Any:
    """A choice (an enum member) as the text stored for it, ``"in_person"``; any other
    value as it is, so dates stay dates and None stays None."""
    return value.value if isinstance(value, enum.Enum) else value


def value_text(value: Any) -> str:
    """A choice as the text stored for it; any other value as text (None as "None")."""
    return value.value if isinstance(value, enum.Enum) else str(value)


def fixed_defaults(table: Table) -> dict[str, Any]:
    """Each column with a fixed default (a status, opt-in False): its value as plain data."""
    return {
        column.name: plain_value(column.default.arg)
        for column in table.columns
        if isinstance(column.default, ScalarElementColumnDefault)
    }
