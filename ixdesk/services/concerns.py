"""What a concern is: its code, how serious, the sentence, the record to fix.

The codes read well through ``status_label`` ("group_too_big" → "Group too
big"); :mod:`ixdesk.services.attention` finds them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from ixdesk.db.enums import Audience
from ixdesk.services.assignments.rules import (
    INSTRUCTOR_NOT_ACTIVE,
    INSTRUCTOR_OUTSIDE_TRACK,
    SAFEGUARDING_EXPIRES,
    SAFEGUARDING_MISSING,
)
from ixdesk.services.kinds import status_label
from ixdesk.services.record_kinds import Kind


class Severity(enum.StrEnum):
    CRITICAL = "critical"  # the safety of minors: safeguarding checks, guardian consent
    WARNING = "warning"


# Codes read well through ``status_label``: "group_too_big" → "Group too big".
GROUP_TOO_BIG = "group_too_big"
GROUP_TOO_SMALL = "group_too_small"
STUDENT_WITHOUT_GROUP = "student_without_group"
COHORT_WITHOUT_GROUPS = "cohort_without_groups"
GROUP_WITHOUT_PROBLEM = "group_without_problem"
GROUP_WITHOUT_LEAD = "group_without_lead"
MINOR_WITHOUT_CONSENT = "minor_without_consent"
MESSAGES_WITHOUT_CONSENT = "messages_without_consent"
PROBLEM_NOT_APPROVED = "problem_not_approved"
ABSENT_TWICE = "absent_twice"

CONCERN_CODES = (
    SAFEGUARDING_MISSING, SAFEGUARDING_EXPIRES, MINOR_WITHOUT_CONSENT, MESSAGES_WITHOUT_CONSENT,
    GROUP_WITHOUT_LEAD, INSTRUCTOR_NOT_ACTIVE, INSTRUCTOR_OUTSIDE_TRACK, GROUP_WITHOUT_PROBLEM,
    PROBLEM_NOT_APPROVED, ABSENT_TWICE, STUDENT_WITHOUT_GROUP, COHORT_WITHOUT_GROUPS,
    GROUP_TOO_BIG, GROUP_TOO_SMALL,
)  # fmt: skip
CRITICAL_CODES = frozenset({SAFEGUARDING_MISSING, SAFEGUARDING_EXPIRES, MINOR_WITHOUT_CONSENT})


@dataclass(frozen=True)
class Concern:
    """One thing that needs attention; ``record_kind`` uses the main window's keys."""

    code: str
    severity: Severity
    text: str
    record_kind: Kind
    record_id: str
    cohort_id: str
    cohort_name: str = ""
    group_id: str | None = None

    @property
    def label(self) -> str:
        return status_label(self.code)


def make_concern(
    code: str, text: str, kind: Kind, record_id: str, cohort: CohortScope, **more: Any
) -> Concern:
    severity = Severity.CRITICAL if code in CRITICAL_CODES else Severity.WARNING
    return Concern(code, severity, text, kind, record_id, cohort.id, cohort.name, **more)


@dataclass(frozen=True)
class CohortScope:
    """A cohort looked at, with what its checks need."""

    id: str
    name: str
    audience: Audience
    starts_on: date | None
    ends_on: date | None
    group_size: int | None
    track_id: str | None = None
    track_name: str | None = None

    @property
    def high_school(self) -> bool:
        return Audience(self.audience) == Audience.HIGH_SCHOOL
