"""Life-cycle states and choices from DOMAIN.md, stored as checked strings."""

from __future__ import annotations

import enum


class CompanyStatus(enum.StrEnum):
    PROSPECT = "prospect"
    ACTIVE = "active"
    PAST = "past"


class ProblemStatus(enum.StrEnum):
    DRAFT = "draft"
    SCOPED = "scoped"
    APPROVED = "approved"
    ASSIGNED = "assigned"
    DELIVERED = "delivered"


class CohortStatus(enum.StrEnum):
    PLANNING = "planning"
    RECRUITING = "recruiting"
    RUNNING = "running"
    COMPLETED = "completed"
    ARCHIVED = "archived"


class CohortFormat(enum.StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class CohortSchedule(enum.StrEnum):
    AFTER_SCHOOL = "after_school"
    HOLIDAY = "holiday"


class Audience(enum.StrEnum):
    HIGH_SCHOOL = "high_school"
    UNIVERSITY = "university"


class EnrolmentStatus(enum.StrEnum):
    APPLIED = "applied"
    ACCEPTED = "accepted"
    WAITLISTED = "waitlisted"
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class GroupStatus(enum.StrEnum):
    FORMING = "forming"
    WORKING = "working"
    PRESENTED = "presented"


class InstructorStatus(enum.StrEnum):
    INVITED = "invited"
    ACTIVE = "active"
    INACTIVE = "inactive"


class SafeguardingStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    PENDING = "pending"
    CLEARED = "cleared"
    EXPIRED = "expired"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    EXCUSED = "excused"


class ConsentPurpose(enum.StrEnum):
    """What a guardian may consent to, one record per purpose (docs/privacy.md)."""

    PARTICIPATION = "participation"
    PHOTOS = "photos"
    PARTNER_SHARING = "partner_sharing"
    MESSAGES = "messages"


class ConsentMethod(enum.StrEnum):
    PAPER_FORM = "paper_form"
    EMAIL = "email"
    ONLINE_FORM = "online_form"


class PairKind(enum.StrEnum):
    TOGETHER = "together"
    APART = "apart"
