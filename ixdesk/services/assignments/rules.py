"""The rules that say whether a group is ready to run with minors and a partner's problem.

Shared by the assignment choices (a warning beside an instructor or problem)
and the "needs attention" list (a concern naming the record), so both always
agree:

- **Approved**: a business problem that is approved, assigned or delivered
  has been approved; draft and scoped ones have not.
- **Safeguarding** (high-school cohorts only): the check must be "cleared",
  with an expiry date on or after the day the cohort ends (its start date when
  it has no end date, today when it has neither). A cleared check with no
  expiry date recorded is not enough.
- **Fit**: an instructor who is not active (invited, paused, …) or does not
  teach the cohort's track is offered with a warning and listed as needing
  attention once assigned.
- **Minor**: under 18 on the cohort's start date (today when it has none). A
  student without a date of birth counts as a minor on a high-school cohort
  and as an adult on a university cohort.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ixdesk.db.enums import Audience, InstructorStatus, ProblemStatus, SafeguardingStatus
from ixdesk.services.kinds import status_label
from ixdesk.services.validation import day_text, years_before

ADULT_AGE = 18
APPROVED_STATUSES = frozenset(
    {ProblemStatus.APPROVED, ProblemStatus.ASSIGNED, ProblemStatus.DELIVERED}
)
SAFEGUARDING_MISSING = "safeguarding_missing"
SAFEGUARDING_EXPIRES = "safeguarding_expires"
INSTRUCTOR_NOT_ACTIVE = "instructor_not_active"
INSTRUCTOR_OUTSIDE_TRACK = "instructor_outside_track"


def is_approved(status: Any) -> bool:
    return status is not None and ProblemStatus(status) in APPROVED_STATUSES


def cohort_end(ends_on: date | None, starts_on: date | None, today: date) -> date:
    """The day a safeguarding check must still be valid on."""
    return ends_on or starts_on or today


def safeguarding_gap(
    status: Any, expires_on: date | None, needed_until: date
) -> tuple[str, str] | None:
    """(code, phrase) when a check does not cover teaching minors until ``needed_until``."""
    status = SafeguardingStatus(status) if status is not None else SafeguardingStatus.NOT_STARTED
    if status == SafeguardingStatus.NOT_STARTED:
        return SAFEGUARDING_MISSING, "has no safeguarding check"
    if status == SafeguardingStatus.PENDING:
        return SAFEGUARDING_MISSING, "has a safeguarding check that is still pending"
    if status == SafeguardingStatus.EXPIRED:
        return SAFEGUARDING_MISSING, "has an expired safeguarding check"
    if expires_on is None:
        return SAFEGUARDING_MISSING, "has a safeguarding check with no expiry date recorded"
    if expires_on < needed_until:
        return SAFEGUARDING_EXPIRES, (
            f"has a safeguarding check that expires on {day_text(expires_on)}, "
            f"before the cohort ends on {day_text(needed_until)}"
        )
    return None


def instructor_fit(
    status: Any, teaches_track: bool, track_name: str | None
) -> list[tuple[str, str]]:
    """(code, phrase) for each reason an instructor is a doubtful choice for a group of a
    cohort whose track is ``track_name`` (None: the cohort has no track)."""
    found = []
    if InstructorStatus(status) != InstructorStatus.ACTIVE:
        found.append((INSTRUCTOR_NOT_ACTIVE, f"{status_label(status)}, not active"))
    if track_name is not None and not teaches_track:
        found.append((INSTRUCTOR_OUTSIDE_TRACK, f"Does not teach the {track_name} track"))
    return found


def is_minor(born: date | None, on_day: date, audience: Any) -> bool:
    """Under 18 on ``on_day``; unknown birth dates count as minors on high-school cohorts."""
    if born is None:
        return Audience(audience) == Audience.HIGH_SCHOOL
    return born > years_before(on_day, ADULT_AGE)


def person_name(first: str | None, last: str | None) -> str:
    return " ".join(part for part in (first, last) if part) or "An unnamed person"
