"""What each record type is called, for messages a person reads."""

from __future__ import annotations

from ixdesk.db import models
from ixdesk.db.base import Base

RECORD_NAMES: dict[type[Base], str] = {
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
}

TABLE_NAMES: dict[str, str] = {model.__tablename__: name for model, name in RECORD_NAMES.items()}


def record_name(model: type[Base]) -> str:
    return RECORD_NAMES.get(model, model.__tablename__)
