"""A cohort's sessions: planned from a weekly pattern, listed, edited one by one.

Times are typed and shown in the computer's own time zone and stored in UTC, like
every moment ixdesk keeps. A plan adds sessions after the ones a cohort already has
(numbered on) and never a second session at a moment one already starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError, RecordNotFoundError
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.read.common import person
from ixdesk.services.reads import reads

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_WEEKS = 52
DEFAULT_TITLE = "Session"


@dataclass(frozen=True)
class Pattern:
    """Which days, from when to when, for how many weeks, skipping which dates."""

    days: tuple[int, ...]  # 0 = Monday
    starts: time
    ends: time
    first_day: date
    weeks: int = 1
    skip: frozenset[date] = frozenset()

    def dates(self) -> list[date]:
        """Every day the pattern meets, in order, without the skipped ones."""
        found = []
        for offset in range(self.weeks * 7):
            day = self.first_day + timedelta(days=offset)
            if day.weekday() in self.days and day not in self.skip:
                found.append(day)
        return found

    def moments(self) -> list[tuple[datetime, datetime]]:
        """(start, end) of each session, as moments in the computer's time zone."""
        return [
            (local_moment(day, self.starts), local_moment(day, self.ends)) for day in self.dates()
        ]


def local_moment(day: date, at: time) -> datetime:
    """``day`` at ``at`` on this computer's clock, as an aware moment."""
    return datetime.combine(day, at).astimezone()


def parse_days(text: str) -> tuple[int, ...]:
    """ "tue,thu" → (1, 3); any case, three letters or the whole day name."""
    found = []
    for part in re.split(r"[\s,;+]+", text.strip().lower()):
        if not part:
            continue
        matches = [n for n, name in enumerate(DAY_NAMES) if part.startswith(name)]
        if not matches or not _is_day(part):
            raise IxdeskError(
                f"'{part}' is not a day of the week; give days like mon,tue,wed,thu,fri,sat,sun."
            )
        found.append(matches[0])
    if not found:
        raise IxdeskError("No days were given; give days like tue,thu.")
    return tuple(sorted(set(found)))


def _is_day(part: str) -> bool:
    full = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return any(day.startswith(part) for day in full) and len(part) >= 3


def parse_times(text: str) -> tuple[time, time]:
    """ "16:00-18:00" → (16:00, 18:00); the end must come after the start."""
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*", text)
    if not match:
        raise IxdeskError(f"'{text}' is not a time span; give one like 16:00-18:00.")
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise IxdeskError(f"'{text}' is not a time span; hours go to 23 and minutes to 59.")
    starts, ends = time(h1, m1), time(h2, m2)
    if ends <= starts:
        raise IxdeskError(f"In '{text}' the end is not after the start.")
    return starts, ends


@dataclass(frozen=True)
class SessionRow:
    """A session as lists show it; times in this computer's time zone."""

    id: str
    version: int
    cohort_id: str
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    location: str | None
    instructor_id: str | None
    instructor: str | None
    group_id: str | None
    group: str | None

    @property
    def hours(self) -> float:
        if self.starts_at is None or self.ends_at is None:
            return 0.0
        return max((self.ends_at - self.starts_at).total_seconds() / 3600, 0.0)

    @property
    def when(self) -> str:
        """ "Tue 3 Mar 2027 16:00–18:00" (local time), or "No date yet"."""
        if self.starts_at is None:
            return "No date yet"
        start = self.starts_at.astimezone()
        text = f"{start:%a} {start.day} {start:%b %Y %H:%M}"
        return text + (f"–{self.ends_at.astimezone():%H:%M}" if self.ends_at else "")

    def as_json(self) -> dict[str, Any]:
        start = self.starts_at.astimezone() if self.starts_at else None
        end = self.ends_at.astimezone() if self.ends_at else None
        return {
            "id": self.id,
            "title": self.title,
            "date": start.date().isoformat() if start else None,
            "starts_at": start.isoformat() if start else None,
            "ends_at": end.isoformat() if end else None,
            "hours": round(self.hours, 2),
            "location": self.location,
            "instructor": self.instructor,
            "group": self.group,
        }


def session_query(cohort_id: str) -> Any:
    """The cohort's live sessions with their instructor's and group's names, in time order."""
    s, i, g = m.CohortSession, aliased(m.Instructor), aliased(m.StudentGroup)
    return (
        select(
            s.id, s.version, s.cohort_id, s.title, s.starts_at, s.ends_at, s.location,
            s.instructor_id, i.first_name, i.last_name, i.preferred_name, s.group_id, g.name,
        )
        .outerjoin(i, (i.id == s.instructor_id) & i.deleted_at.is_(None))
        .outerjoin(g, (g.id == s.group_id) & g.deleted_at.is_(None))
        .where(s.cohort_id == cohort_id, s.deleted_at.is_(None))
        .order_by(s.starts_at.is_(None), s.starts_at, s.title)
    )  # fmt: skip


def session_rows(session: Session, cohort_id: str) -> list[SessionRow]:
    rows = []
    for row in session.execute(session_query(cohort_id)):
        (id_, version, cohort, title, starts, ends, where, instructor_id, *names) = row
        first, last, preferred, group_id, group = names
        name = person(first, last, preferred) if instructor_id and first else None
        rows.append(
            SessionRow(
                str(id_), version, str(cohort), title, starts, ends, where,
                str(instructor_id) if instructor_id else None, name,
                str(group_id) if group_id else None, group,
            )
        )  # fmt: skip
    return rows


@reads("sessions", "instructors", "student_groups")
def list_sessions(database: Database, cohort_id: str) -> list[SessionRow]:
    """The cohort's live sessions in time order (those without a date last)."""
    with database.read() as session:
        return session_rows(session, cohort_id)


def plan_sessions(
    database: Database,
    cohort_id: str,
    pattern: Pattern,
    *,
    title: str = DEFAULT_TITLE,
    location: str | None = None,
    instructor_id: str | None = None,
    group_id: str | None = None,
    hub: ChangeHub | None = None,
) -> list[str]:
    """Add the pattern's sessions to the cohort; returns the new sessions' ids.

    Titled "Session 1", "Session 2", … after the sessions the cohort has; the place is
    the cohort's own unless ``location`` says otherwise.
    """
    if not 1 <= pattern.weeks <= MAX_WEEKS:
        raise IxdeskError(f"A plan covers 1 to {MAX_WEEKS} weeks.")
    moments = pattern.moments()
    if not moments:
        raise IxdeskError("The pattern meets on no day (every date in it is skipped).")

    def work(context: OperationContext) -> list[str]:
        session = context.session
        cohort = session.get(m.Cohort, cohort_id)
        if cohort is None or cohort.deleted_at is not None:
            raise RecordNotFoundError("The cohort no longer exists; nothing was planned.")
        existing = session_rows(session, cohort_id)
        taken = {row.starts_at for row in existing if row.starts_at is not None}
        made: list[m.CohortSession] = []
        for starts, ends in moments:
            if starts in taken:
                continue
            number = len(existing) + len(made) + 1
            made.append(
                m.CohortSession(
                    cohort_id=cohort_id, title=f"{title.strip() or DEFAULT_TITLE} {number}",
                    starts_at=starts, ends_at=ends, location=location or cohort.location,
                    instructor_id=instructor_id, group_id=group_id,
                )
            )  # fmt: skip
        if not made:
            raise IxdeskError("The cohort already has a session at every time of this plan.")
        session.add_all(made)
        session.flush()
        return [record.id for record in made]

    return run_operation(database, work, hub=hub)


def default_first_day(database: Database, cohort_id: str, today: date | None = None) -> date:
    """Where a plan starts unless told: the cohort's first day, else today."""
    with database.read() as session:
        cohort = session.get(m.Cohort, cohort_id)
        starts = cohort.starts_on if cohort is not None else None
    return starts or today or date.today()


def dates_text(days: Iterable[date]) -> str:
    return ", ".join(f"{day:%a} {day.day} {day:%b %Y}" for day in days)


def session_values(
    title: str,
    starts: datetime | None,
    ends: datetime | None,
    location: str | None,
    instructor_id: str | None,
) -> dict[str, Any]:
    """The checked values of one session as its editor saves them."""
    if not title.strip():
        raise IxdeskError("A session needs a topic.")
    if starts is not None and ends is not None and ends <= starts:
        raise IxdeskError("A session must end after it starts.")
    return {
        "title": title.strip(),
        "starts_at": starts,
        "ends_at": ends,
        "location": (location or "").strip() or None,
        "instructor_id": instructor_id,
    }


def sessions_by_id(rows: Sequence[SessionRow]) -> dict[str, SessionRow]:
    return {row.id: row for row in rows}
