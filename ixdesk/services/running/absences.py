"""Students absent from two sessions in a row: a "needs attention" concern.

A student's marks are read in the order of the sessions; sessions without a mark
for the student are passed over (not known yet), an excused absence breaks the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.enums import AttendanceStatus
from ixdesk.db.statements import AnySelect


@dataclass(frozen=True)
class Absences:
    cohort_id: str
    student_id: str
    first_name: str
    last_name: str
    sessions: tuple[str, str]  # the titles of the first two sessions missed in a row

    def text(self, name: str, cohort: str) -> str:
        first, second = self.sessions
        return f"{name} was absent from {first} and {second} in a row in {cohort}."


def absent_twice(session: Session, cohorts: AnySelect) -> Iterator[Absences]:
    """Each student of the cohorts selected by ``cohorts`` who missed two sessions in a row."""
    a, s, student = m.Attendance, m.CohortSession, m.Student
    rows = session.execute(
        select(s.cohort_id, a.student_id, student.first_name, student.last_name, s.title, a.status)
        .join(s, s.id == a.session_id)
        .join(student, student.id == a.student_id)
        .where(
            s.cohort_id.in_(cohorts),
            s.deleted_at.is_(None),
            a.deleted_at.is_(None),
            student.deleted_at.is_(None),
        )
        .order_by(s.cohort_id, a.student_id, s.starts_at, s.title)
    )
    last_key, missed, reported = None, "", False
    for cohort_id, student_id, first, last, title, status in rows:
        key = (cohort_id, student_id)
        if key != last_key:
            last_key, missed, reported = key, "", False
        if status != AttendanceStatus.ABSENT:
            missed = ""
            continue
        if missed and not reported:
            reported = True
            yield Absences(str(cohort_id), str(student_id), first, last, (missed, title))
        missed = missed or title
