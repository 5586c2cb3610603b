"""Attendance: who came to which session, as a grid of marks, with rates and hours.

A mark is present, late, absent or excused; a cell with no mark is not known yet.
A session of one group concerns that group's members only; a session of the whole
cohort concerns every student on the grid: the members of its groups and the enrolled
(or completed) students in none. Withdrawn students are left out.

The **attendance rate** is attended (present or late) over the sessions with a
present, late or absent mark: an excused absence and a missing mark count neither way.
**Hours attended** add up the length of the sessions a student was present or late at.

Every change of marks goes through :func:`set_marks` (or :func:`apply_marks` inside a
larger operation), which checks each cell still holds what the person saw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.db.enums import AttendanceStatus, EnrolmentStatus
from ixdesk.errors import ChangedElsewhereError
from ixdesk.services.folding import fold
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.read import students as st
from ixdesk.services.read.common import person
from ixdesk.services.read.groups import group_rows
from ixdesk.services.reads import reads
from ixdesk.services.running.sessions import SessionRow, session_rows

Mark = AttendanceStatus | None
ATTENDED = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE})
COUNTED = ATTENDED | {AttendanceStatus.ABSENT}
# The key that sets each mark in the grid, and the letter shown for it.
KEYS = {
    "P": AttendanceStatus.PRESENT,
    "L": AttendanceStatus.LATE,
    "A": AttendanceStatus.ABSENT,
    "E": AttendanceStatus.EXCUSED,
}
LETTERS = {mark: key for key, mark in KEYS.items()}
GRID_FIELDS = ("last_name", "first_name", "preferred_name", "id")
GRID_TABLES = (
    "sessions", "attendance", "students", "enrolments", "group_memberships", "student_groups",
    "group_assistants", "instructors", "cohorts", "business_problems", "partner_companies",
)  # fmt: skip


@dataclass(frozen=True)
class GridStudent:
    id: str
    name: str
    group_id: str | None
    group: str | None


@dataclass(frozen=True)
class AttendanceGrid:
    """Students × sessions with the marks known; ``marks[(student_id, session_id)]``."""

    cohort_id: str
    sessions: list[SessionRow]
    students: list[GridStudent]
    marks: dict[tuple[str, str], AttendanceStatus] = field(default_factory=dict)

    def applies(self, student: GridStudent, session: SessionRow) -> bool:
        return session.group_id is None or session.group_id == student.group_id

    def mark(self, student_id: str, session_id: str) -> Mark:
        return self.marks.get((student_id, session_id))

    def counts(self, student: GridStudent) -> Counter[AttendanceStatus]:
        """How many of each mark the student's cells hold."""
        return Counter(
            mark
            for session in self.sessions
            if self.applies(student, session)
            and (mark := self.mark(student.id, session.id)) is not None
        )

    def rate(self, students: Iterable[GridStudent]) -> float | None:
        """Attended over counted marks, for one student or a group together (None: no marks)."""
        total = Counter[AttendanceStatus]()
        for student in students:
            total.update(self.counts(student))
        counted = sum(total[mark] for mark in COUNTED)
        return sum(total[mark] for mark in ATTENDED) / counted if counted else None

    def hours(self, student: GridStudent) -> float:
        return sum(
            session.hours
            for session in self.sessions
            if self.applies(student, session) and self.mark(student.id, session.id) in ATTENDED
        )

    def groups(self) -> dict[str | None, list[GridStudent]]:
        """The students by group id (None: in no group), in the grid's order."""
        found: dict[str | None, list[GridStudent]] = {}
        for student in self.students:
            found.setdefault(student.group_id, []).append(student)
        return found


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


def grid_students(
    session: Session, cohort_id: str, group_id: str | None = None
) -> list[GridStudent]:
    """The members of the cohort's groups (or of one), then the enrolled in no group."""
    groups = [g for g in group_rows(session, cohort_id=cohort_id) if group_id in (None, g["id"])]
    by_group = st.members(session, [g["id"] for g in groups], GRID_FIELDS)
    found = [
        GridStudent(str(id_), person(first, last, preferred), str(group["id"]), group["name"])
        for group in groups
        for last, first, preferred, id_ in by_group[group["id"]]
    ]
    if group_id is None:
        found += [
            GridStudent(str(id_), person(first, last, preferred), None, None)
            for last, first, preferred, id_ in st.ungrouped(session, cohort_id, GRID_FIELDS)
        ]
    return found


def read_marks(
    session: Session, session_ids: Sequence[str]
) -> dict[tuple[str, str], AttendanceStatus]:
    a = m.Attendance
    if not session_ids:
        return {}
    rows = session.execute(
        select(a.student_id, a.session_id, a.status).where(
            a.session_id.in_(session_ids), a.deleted_at.is_(None)
        )
    )
    return {(str(student), str(meeting)): status for student, meeting, status in rows}


@reads(*GRID_TABLES)
def attendance_grid(
    database: Database, cohort_id: str, group_id: str | None = None
) -> AttendanceGrid:
    """The cohort's grid (or one group's: its members and the sessions it attends)."""
    with database.read() as session:
        meetings = session_rows(session, cohort_id)
        if group_id is not None:  # the cohort's sessions and the group's own
            meetings = [row for row in meetings if row.group_id in (None, group_id)]
        students = grid_students(session, cohort_id, group_id)
        marks = read_marks(session, [row.id for row in meetings])
    return AttendanceGrid(cohort_id, meetings, students, marks)


@reads("sessions", "attendance")
def attendance_counts(database: Database, cohort_id: str) -> dict[str, Counter[AttendanceStatus]]:
    """Per student, how many of each mark the cohort's live sessions hold (counted in SQL)."""
    a, s = m.Attendance, m.CohortSession
    with database.read() as session:
        rows = session.execute(
            select(a.student_id, a.status, func.count())
            .join(s, s.id == a.session_id)
            .where(s.cohort_id == cohort_id, s.deleted_at.is_(None), a.deleted_at.is_(None))
            .group_by(a.student_id, a.status)
        )
        found: dict[str, Counter[AttendanceStatus]] = {}
        for student_id, status, count in rows:
            found.setdefault(str(student_id), Counter())[AttendanceStatus(status)] = count
    return found


@reads("attendance")
def marks_at(database: Database, session_id: str) -> int:
    """How many marks a session holds (what deleting it takes out of the grid)."""
    a = m.Attendance
    with database.read() as session:
        found = session.scalar(
            select(func.count()).where(a.session_id == session_id, a.deleted_at.is_(None))
        )
    return int(found or 0)


@dataclass(frozen=True)
class StudentProgress:
    """What a student's certificate needs from the running of a cohort."""

    hours_attended: float | None  # None: no session of theirs has a mark yet
    sessions_attended: int
    attendance_rate: float | None
    completed: bool  # the enrolment's status is "completed"


@reads(*GRID_TABLES)
def student_progress(database: Database, cohort_id: str) -> dict[str, StudentProgress]:
    """Per student on the cohort's grid: hours and sessions attended, rate, and completion.

    A student with no mark at all has no hours (None), rather than a misleading nought.
    """
    grid = attendance_grid(database, cohort_id)
    e = m.Enrolment
    with database.read() as session:
        completed = set(
            str(student_id)
            for (student_id,) in session.execute(
                select(e.student_id).where(
                    e.cohort_id == cohort_id,
                    e.status == EnrolmentStatus.COMPLETED,
                    e.deleted_at.is_(None),
                )
            )
        )
    return {
        student.id: StudentProgress(
            hours_attended=grid.hours(student) if grid.counts(student) else None,
            sessions_attended=sum(grid.counts(student)[mark] for mark in ATTENDED),
            attendance_rate=grid.rate([student]),
            completed=student.id in completed,
        )
        for student in grid.students
    }


@reads("student_groups", "group_assistants", "instructors")
def cohort_instructors(database: Database, cohort_id: str) -> list[tuple[str, str]]:
    """(label, id) of each instructor who leads or assists a group of the cohort."""
    g, a, i = m.StudentGroup, m.GroupAssistant, m.Instructor
    assisted = (
        select(a.instructor_id)
        .join(g, g.id == a.group_id)
        .where(g.cohort_id == cohort_id, g.deleted_at.is_(None), a.deleted_at.is_(None))
    )
    leading = select(g.lead_instructor_id).where(g.cohort_id == cohort_id, g.deleted_at.is_(None))
    with database.read() as session:
        rows = session.execute(
            select(i.id, i.first_name, i.last_name, i.preferred_name, i.email).where(
                i.id.in_(leading.union(assisted)), i.deleted_at.is_(None)
            )
        ).all()
    found = [
        (f"{person(first, last, preferred)} · {email}" if email else person(first, last, preferred),
         str(id_))
        for id_, first, last, preferred, email in rows
    ]  # fmt: skip
    return sorted(found, key=lambda item: fold(item[0]))


# --- changing marks ---
@dataclass(frozen=True)
class MarkChange:
    """One cell: the mark the person saw (``before``) and the one to set (``after``)."""

    session_id: str
    student_id: str
    before: Mark
    after: Mark

    def reversed(self) -> MarkChange:
        return MarkChange(self.session_id, self.student_id, self.after, self.before)


CHANGED = (
    "The attendance at a session was changed elsewhere (another window, another copy of "
    "ixdesk or another coordinator) since you saw it; nothing was saved. Look again and "
    "try once more."
)


def apply_marks(context: OperationContext, changes: Sequence[MarkChange]) -> None:
    """Set each cell inside the caller's transaction, refusing any that moved on since."""
    if not changes:
        return
    a, session = m.Attendance, context.session
    rows = session.scalars(
        select(a).where(
            a.session_id.in_({change.session_id for change in changes}),
            a.student_id.in_({change.student_id for change in changes}),
            a.deleted_at.is_(None),
        )
    ).all()
    live = {(row.session_id, row.student_id): row for row in rows}
    now = utcnow()
    for change in changes:
        row = live.get((change.session_id, change.student_id))
        if (row.status if row is not None else None) != change.before:
            raise ChangedElsewhereError(CHANGED)
        if change.after is None:
            if row is not None:
                row.deleted_at = now
                del live[(change.session_id, change.student_id)]
        elif row is not None:
            row.status = change.after
        else:
            row = a(session_id=change.session_id, student_id=change.student_id, status=change.after)
            session.add(row)
            live[(change.session_id, change.student_id)] = row
        session.flush()


def set_marks(
    database: Database, changes: Sequence[MarkChange], *, hub: ChangeHub | None = None
) -> list[MarkChange]:
    """Set the cells in one transaction; returns the changes made (for undo)."""
    effective = [change for change in changes if change.before != change.after]
    run_operation(database, lambda context: apply_marks(context, effective), hub=hub)
    return effective
