"""Mapped classes for every record DOMAIN.md names.

Uniqueness rules ignore tombstoned rows (partial indexes), and emails are
unique case-insensitively per record type (an index on ``lower(email)``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement, TextClause

from ixdesk.db.base import Base, Record, UTCDateTime, status_enum, utcnow
from ixdesk.db.enums import (
    AttendanceStatus,
    Audience,
    CohortFormat,
    CohortSchedule,
    CohortStatus,
    CompanyStatus,
    ConsentMethod,
    ConsentPurpose,
    EnrolmentStatus,
    GroupStatus,
    InstructorStatus,
    PairKind,
    ProblemStatus,
    SafeguardingStatus,
)

# Which database this is, and event copies' bookkeeping: the same metadata, found here too.
from ixdesk.db.event_tables import DatabaseIdentity as DatabaseIdentity
from ixdesk.db.event_tables import EventMerge as EventMerge
from ixdesk.db.event_tables import MergedRecord as MergedRecord
from ixdesk.db.event_tables import MergeField as MergeField
from ixdesk.db.event_tables import MergeReview as MergeReview
from ixdesk.db.event_tables import PackedRecord as PackedRecord

LIVE = text("deleted_at IS NULL")
LIVE_EMAIL = text("deleted_at IS NULL AND email IS NOT NULL")


def _live_unique(
    name: str, *expressions: str | ColumnElement[Any], where: TextClause = LIVE
) -> Index:
    return Index(name, *expressions, unique=True, sqlite_where=where, postgresql_where=where)


def _ref(table: str) -> Mapped[str]:
    return mapped_column(Uuid(as_uuid=False), ForeignKey(f"{table}.id"), index=True)


def _flag() -> Mapped[bool]:
    """A yes/no column that rows written before it existed read as no."""
    return mapped_column(Boolean, default=False, server_default=false())


def _optional_ref(table: str) -> Mapped[str | None]:
    return mapped_column(
        Uuid(as_uuid=False), ForeignKey(f"{table}.id", ondelete="SET NULL"), index=True
    )


class Track(Record):
    """A programme track: data analytics, UX design, marketing, ..."""

    __tablename__ = "tracks"
    __table_args__ = (_live_unique("uq_tracks_name_live", func.lower(text("name"))),)

    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    # A retired track is offered in no list of choices; records that have it keep it.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class PartnerCompany(Record):
    __tablename__ = "partner_companies"
    __table_args__ = (_live_unique("uq_partner_companies_name_live", func.lower(text("name"))),)

    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str | None] = mapped_column(String(120))
    website: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[CompanyStatus] = mapped_column(
        status_enum(CompanyStatus, "company_status"), default=CompanyStatus.PROSPECT
    )

    contacts: Mapped[list[Contact]] = relationship(back_populates="company")
    problems: Mapped[list[BusinessProblem]] = relationship(back_populates="company")


class Contact(Record):
    __tablename__ = "contacts"
    __table_args__ = (
        _live_unique("uq_contacts_email_live", func.lower(text("email")), where=LIVE_EMAIL),
    )

    company_id: Mapped[str] = _ref("partner_companies")
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))

    company: Mapped[PartnerCompany] = relationship(back_populates="contacts")


class BusinessProblem(Record):
    __tablename__ = "business_problems"

    company_id: Mapped[str] = _ref("partner_companies")
    title: Mapped[str] = mapped_column(String(200))
    problem_statement: Mapped[str | None] = mapped_column(Text)
    deliverables: Mapped[str | None] = mapped_column(Text)
    skills: Mapped[str | None] = mapped_column(Text)
    track_id: Mapped[str | None] = _optional_ref("tracks")
    effort_hours: Mapped[int | None] = mapped_column(Integer)
    sponsor_contact_id: Mapped[str | None] = _optional_ref("contacts")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[ProblemStatus] = mapped_column(
        status_enum(ProblemStatus, "problem_status"), default=ProblemStatus.DRAFT
    )
    # How many groups of one cohort may work on it (None: no limit).
    max_groups: Mapped[int | None] = mapped_column(Integer)

    company: Mapped[PartnerCompany] = relationship(back_populates="problems")
    track: Mapped[Track | None] = relationship()
    sponsor_contact: Mapped[Contact | None] = relationship()


class Cohort(Record):
    __tablename__ = "cohorts"
    __table_args__ = (_live_unique("uq_cohorts_name_live", func.lower(text("name"))),)

    name: Mapped[str] = mapped_column(String(200))
    track_id: Mapped[str | None] = _optional_ref("tracks")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    format: Mapped[CohortFormat] = mapped_column(
        status_enum(CohortFormat, "cohort_format"), default=CohortFormat.IN_PERSON
    )
    schedule: Mapped[CohortSchedule] = mapped_column(
        status_enum(CohortSchedule, "cohort_schedule"), default=CohortSchedule.AFTER_SCHOOL
    )
    location: Mapped[str | None] = mapped_column(String(200))
    capacity: Mapped[int | None] = mapped_column(Integer)
    group_size: Mapped[int | None] = mapped_column(Integer)
    audience: Mapped[Audience] = mapped_column(
        status_enum(Audience, "audience"), default=Audience.HIGH_SCHOOL
    )
    status: Mapped[CohortStatus] = mapped_column(
        status_enum(CohortStatus, "cohort_status"), default=CohortStatus.PLANNING
    )

    track: Mapped[Track | None] = relationship()
    groups: Mapped[list[StudentGroup]] = relationship(back_populates="cohort")
    enrolments: Mapped[list[Enrolment]] = relationship(back_populates="cohort")


class Student(Record):
    __tablename__ = "students"
    __table_args__ = (
        _live_unique("uq_students_email_live", func.lower(text("email")), where=LIVE_EMAIL),
        Index("ix_students_last_first", "last_name", "first_name"),
    )

    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    school: Mapped[str | None] = mapped_column(String(200))
    grade: Mapped[int | None] = mapped_column(Integer)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    track_interest_id: Mapped[str | None] = _optional_ref("tracks")
    guardian_name: Mapped[str | None] = mapped_column(String(200))
    guardian_email: Mapped[str | None] = mapped_column(String(254))
    guardian_phone: Mapped[str | None] = mapped_column(String(40))
    guardian_consent_by: Mapped[str | None] = mapped_column(String(200))
    guardian_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    messaging_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    # Set when the retention purge removed the names and contacts (counts stay).
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    track_interest: Mapped[Track | None] = relationship()
    enrolments: Mapped[list[Enrolment]] = relationship(back_populates="student")


class Enrolment(Record):
    """A student's place in a cohort, moving through the enrolment pipeline."""

    __tablename__ = "enrolments"
    __table_args__ = (_live_unique("uq_enrolments_student_cohort_live", "student_id", "cohort_id"),)

    student_id: Mapped[str] = _ref("students")
    cohort_id: Mapped[str] = _ref("cohorts")
    status: Mapped[EnrolmentStatus] = mapped_column(
        status_enum(EnrolmentStatus, "enrolment_status"), default=EnrolmentStatus.APPLIED
    )
    waitlist_position: Mapped[int | None] = mapped_column(Integer)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    student: Mapped[Student] = relationship(back_populates="enrolments")
    cohort: Mapped[Cohort] = relationship(back_populates="enrolments")


class Instructor(Record):
    __tablename__ = "instructors"
    __table_args__ = (
        _live_unique("uq_instructors_email_live", func.lower(text("email")), where=LIVE_EMAIL),
    )

    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    employer: Mapped[str | None] = mapped_column(String(200))
    job_title: Mapped[str | None] = mapped_column(String(200))
    bio: Mapped[str | None] = mapped_column(Text)
    availability: Mapped[str | None] = mapped_column(Text)
    safeguarding_status: Mapped[SafeguardingStatus] = mapped_column(
        status_enum(SafeguardingStatus, "safeguarding_status"),
        default=SafeguardingStatus.NOT_STARTED,
    )
    safeguarding_expires_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[InstructorStatus] = mapped_column(
        status_enum(InstructorStatus, "instructor_status"), default=InstructorStatus.INVITED
    )
    notes: Mapped[str | None] = mapped_column(Text)

    expertise: Mapped[list[InstructorExpertise]] = relationship(back_populates="instructor")


class InstructorExpertise(Record):
    """A track an instructor can teach."""

    __tablename__ = "instructor_expertise"
    __table_args__ = (_live_unique("uq_instructor_expertise_live", "instructor_id", "track_id"),)

    instructor_id: Mapped[str] = _ref("instructors")
    track_id: Mapped[str] = _ref("tracks")

    instructor: Mapped[Instructor] = relationship(back_populates="expertise")
    track: Mapped[Track] = relationship()


class StudentGroup(Record):
    __tablename__ = "student_groups"
    __table_args__ = (
        _live_unique("uq_student_groups_name_live", "cohort_id", func.lower(text("name"))),
        # Lets memberships reference (group, cohort) so a student's one group
        # per cohort is enforced by the database itself.
        UniqueConstraint("id", "cohort_id", name="uq_student_groups_id_cohort"),
    )

    cohort_id: Mapped[str] = _ref("cohorts")
    name: Mapped[str] = mapped_column(String(120))
    business_problem_id: Mapped[str | None] = _optional_ref("business_problems")
    lead_instructor_id: Mapped[str | None] = _optional_ref("instructors")
    meeting_slot: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[GroupStatus] = mapped_column(
        status_enum(GroupStatus, "group_status"), default=GroupStatus.FORMING
    )
    # A locked group keeps its members and its business problem when groups are matched.
    locked: Mapped[bool] = _flag()

    cohort: Mapped[Cohort] = relationship(back_populates="groups")
    business_problem: Mapped[BusinessProblem | None] = relationship()
    lead_instructor: Mapped[Instructor | None] = relationship()
    memberships: Mapped[list[GroupMembership]] = relationship(back_populates="group")


class GroupMembership(Record):
    """A student in a group; at most one live membership per student per cohort."""

    __tablename__ = "group_memberships"
    __table_args__ = (
        ForeignKeyConstraint(
            ["group_id", "cohort_id"],
            ["student_groups.id", "student_groups.cohort_id"],
            name="fk_group_memberships_group_cohort",
        ),
        _live_unique("uq_group_memberships_student_cohort_live", "student_id", "cohort_id"),
        Index("ix_group_memberships_group_id", "group_id"),
    )

    group_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    cohort_id: Mapped[str] = _ref("cohorts")
    student_id: Mapped[str] = _ref("students")
    # A locked student stays in this group when groups are matched.
    locked: Mapped[bool] = _flag()

    group: Mapped[StudentGroup] = relationship(
        back_populates="memberships", foreign_keys=[group_id]
    )
    student: Mapped[Student] = relationship()


class GroupAssistant(Record):
    """An assistant instructor of a group (the lead is on the group itself)."""

    __tablename__ = "group_assistants"
    __table_args__ = (_live_unique("uq_group_assistants_live", "group_id", "instructor_id"),)

    group_id: Mapped[str] = _ref("student_groups")
    instructor_id: Mapped[str] = _ref("instructors")


class CohortSession(Record):
    """A meeting of a cohort, or of one of its groups."""

    __tablename__ = "sessions"

    cohort_id: Mapped[str] = _ref("cohorts")
    group_id: Mapped[str | None] = _optional_ref("student_groups")
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    location: Mapped[str | None] = mapped_column(String(200))  # a place or an online link
    # Instructors are never removed (only tombstoned), so no ON DELETE rule: SQLite adds a
    # reference in place only as the column's own, unnamed and without one.
    instructor_id: Mapped[str | None] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("instructors.id"), index=True
    )


class Attendance(Record):
    __tablename__ = "attendance"
    __table_args__ = (_live_unique("uq_attendance_live", "session_id", "student_id"),)

    session_id: Mapped[str] = _ref("sessions")
    student_id: Mapped[str] = _ref("students")
    status: Mapped[AttendanceStatus] = mapped_column(
        status_enum(AttendanceStatus, "attendance_status"), default=AttendanceStatus.PRESENT
    )


class ApplicationAnswer(Record):
    """One answer a student gave on a sign-up form: a question and its answer, in order.

    Kept for the cohort the student applied to (none when imported without one),
    for the coordinator to read when deciding who is accepted.
    """

    __tablename__ = "application_answers"

    student_id: Mapped[str] = _ref("students")
    cohort_id: Mapped[str | None] = _optional_ref("cohorts")
    position: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)


class Consent(Record):
    """A guardian's consent for one purpose of one student: who gave it, when, how, under
    which version of the notice, and its withdrawal (a withdrawn consent stays, dated)."""

    __tablename__ = "consents"

    student_id: Mapped[str] = _ref("students")
    purpose: Mapped[ConsentPurpose] = mapped_column(status_enum(ConsentPurpose, "consent_purpose"))
    given_by: Mapped[str | None] = mapped_column(String(200))
    relation: Mapped[str | None] = mapped_column(String(60))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    method: Mapped[ConsentMethod | None] = mapped_column(
        status_enum(ConsentMethod, "consent_method")
    )
    notice_version: Mapped[str | None] = mapped_column(String(40))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    withdrawn_by: Mapped[str | None] = mapped_column(String(200))


class AuditEntry(Base):
    """One export or bulk action: who, when, what, under which profile, how many records,
    which file. Written once and never changed from the window."""

    __tablename__ = "audit_log"
    # Added without reading the new row back: an instructor's login on a shared server may
    # add its exports but not read the log (server_roles).
    __table_args__ = ({"implicit_returning": False},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    what: Mapped[str] = mapped_column(String(300))
    profile: Mapped[str | None] = mapped_column(String(40))
    records: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str | None] = mapped_column(String(300))


class ProblemPreference(Record):
    """A student's choice of a business problem for a cohort: rank 1 is the first choice."""

    __tablename__ = "problem_preferences"
    __table_args__ = (
        _live_unique(
            "uq_problem_preferences_live", "student_id", "cohort_id", "business_problem_id"
        ),
    )

    student_id: Mapped[str] = _ref("students")
    cohort_id: Mapped[str] = _ref("cohorts")
    business_problem_id: Mapped[str] = _ref("business_problems")
    rank: Mapped[int] = mapped_column(Integer)


class StudentPair(Record):
    """Two students of a cohort to keep together in one group, or apart in two."""

    __tablename__ = "student_pairs"
    __table_args__ = (
        _live_unique("uq_student_pairs_live", "cohort_id", "student_id", "other_student_id"),
    )

    cohort_id: Mapped[str] = _ref("cohorts")
    student_id: Mapped[str] = _ref("students")
    other_student_id: Mapped[str] = _ref("students")
    kind: Mapped[PairKind] = mapped_column(status_enum(PairKind, "pair_kind"))


class StudentFeedback(Record):
    """The instructor's rubric for one student of a group: a rating per skill the group's
    business problem practises (skill -> 1..4) and a comment."""

    __tablename__ = "student_feedback"
    __table_args__ = (_live_unique("uq_student_feedback_live", "group_id", "student_id"),)

    group_id: Mapped[str] = _ref("student_groups")
    student_id: Mapped[str] = _ref("students")
    ratings: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    comment: Mapped[str | None] = mapped_column(Text)


class GroupFeedback(Record):
    """The partner company's feedback on a group's deliverable."""

    __tablename__ = "group_feedback"
    __table_args__ = (_live_unique("uq_group_feedback_live", "group_id"),)

    group_id: Mapped[str] = _ref("student_groups")
    given_by: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text)


class Setting(Base):
    """One organisation setting, stored with the data so it travels with the file and is
    shared on a server. ``services/settings.py`` says which keys exist and what they hold:
    text in ``value``, an image (the logo) in ``data``."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ServerLogin(Base):
    """A PostgreSQL login made by ``ixdesk server add-user``: its role and, for an
    instructor's login, which instructor it is. The server's row-level security reads
    this table to decide what an instructor's login may see (docs/server.md)."""

    __tablename__ = "server_logins"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    instructor_id: Mapped[str | None] = _optional_ref("instructors")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
