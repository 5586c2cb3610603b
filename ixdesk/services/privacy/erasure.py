"""Erasure of one student on request, and the retention purge of expired cohorts.

Erasure removes the student's rows (enrolments, group memberships, attendance,
application answers, consents, rankings of business problems, rubrics, pairs,
what merges of event copies kept about them, the student) outright: no
tombstone, since the point is that nothing is left (``traces`` says where a
student's data lives). The purge keeps each student's row (so counts and
certificates' verification hold) and removes names, contacts, guardian data,
dates of birth, notes, application answers, rubric comments and what merges
kept about them.

On SQLite both then make the file forget: ``secure_delete`` overwrites what was
freed, a checkpoint folds the write-ahead log into the file and empties it, and
``VACUUM`` rebuilds the file (docs/privacy.md). Backups taken before still hold
the data until they are pruned; the report names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ixdesk.db import backup, cipher
from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.db.enums import CohortStatus
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.privacy import audit
from ixdesk.services.privacy.traces import (
    EVENT_BOOKKEEPING,
    OWNED,
    PAIRS,
    forget_merge_bookkeeping,
    owned_ids,
    pairs_of,
)
from ixdesk.services.settings import settings_in

WORDS = {
    "attendance": "attendance records",
    "group_memberships": "group memberships",
    "student_feedback": "rubrics",
    "problem_preferences": "choices of business problems",
    "enrolments": "enrolments",
    "application_answers": "application answers",
    "consents": "consent records",
    "student_pairs": "pairs kept together or apart",
    EVENT_BOOKKEEPING: "records of event copy merges",
    "students": "student record",
}
ANONYMOUS = {"first_name": "Former", "last_name": "student"}
CLEARED = (
    "preferred_name", "email", "phone", "date_of_birth", "guardian_name", "guardian_email",
    "guardian_phone", "guardian_consent_by", "notes",
)  # fmt: skip


@dataclass
class ErasureReport:
    removed: dict[str, int] = field(default_factory=dict)  # table → rows removed
    backups: list[Path] = field(default_factory=list)  # still holding the student
    unread_backups: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        parts = [f"{count} {WORDS[table]}" for table, count in self.removed.items() if count]
        lines = [f"Erased: {', '.join(parts)}; the database file no longer holds them."]
        if self.backups:
            lines.append(
                f"{len(self.backups)} backup(s) still hold this student until they are pruned "
                "(ixdesk keeps automatic backups for a limited time):"
            )
            lines += [f"  {path}" for path in self.backups]
        elif self.unread_backups:
            lines.append("No backup of this database that could be read holds this student:")
        else:
            lines.append("No backup of this database holds this student.")
        for path in self.unread_backups:
            lines.append(f"  {path} could not be read; check it by hand.")
        return lines


@dataclass
class PurgeReport:
    cohorts: list[str]  # names of the expired archived cohorts
    students: int  # anonymised (or, in a dry run, to anonymise)
    months: int
    dry_run: bool

    def lines(self) -> list[str]:
        if not self.students:
            return [f"No students to anonymise: no cohort was archived over {self.months} "
                    "months ago with students still named."]  # fmt: skip
        verb = "would be" if self.dry_run else "were"
        lines = [
            f"{self.students:,} student(s) of {len(self.cohorts)} cohort(s) archived over "
            f"{self.months} months ago {verb} anonymised: names, contacts, guardians, dates "
            "of birth, notes, application answers and rubric comments removed; enrolments and "
            "counts kept."
        ]
        lines += [f"  {name}" for name in self.cohorts]
        return lines


def _secure(session: Session, database: Database) -> None:
    if database.is_sqlite:
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")


def forget_freed_space(database: Database) -> None:
    """SQLite: fold the log into the file, rebuild the file, and empty the log, so freed
    rows are in neither. (A PostgreSQL server reclaims the space at its next vacuum.)"""
    if not database.is_sqlite:
        return
    database.engine.dispose()  # no other connection may hold the log open
    connection = database.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        connection.close()


def _students_with_email(session: Session, email: str) -> list[str]:
    s = m.Student
    wanted = email.strip().lower()
    return list(session.scalars(select(s.id).where(func.lower(s.email) == wanted)))


def erase_student(database: Database, email: str, *, hub: ChangeHub | None = None) -> ErasureReport:
    """Remove every row of the student with ``email`` (deleted ones too) from the database."""
    report = ErasureReport()
    if database.path is not None:
        report.backups, report.unread_backups = _backups_holding(database.path, email)

    def work(context: OperationContext) -> None:
        session = context.session
        ids = _students_with_email(session, email)
        if not ids:
            raise RecordNotFoundError("No student has that email address, so nothing was erased.")
        _secure(session, database)
        connection = session.connection()
        traces = owned_ids(connection, ids)
        for model in OWNED:
            table = model.__table__
            result = connection.execute(delete(table).where(table.c.student_id.in_(ids)))
            report.removed[table.name] = result.rowcount or 0
        report.removed[PAIRS.name] = connection.execute(delete(PAIRS).where(pairs_of(ids))).rowcount
        report.removed[EVENT_BOOKKEEPING] = forget_merge_bookkeeping(connection, traces)
        students = m.Student.__table__
        result = connection.execute(delete(students).where(students.c.id.in_(ids)))
        report.removed[students.name] = result.rowcount or 0
        tables = [model.__tablename__ for model in OWNED]
        context.changed([*tables, PAIRS.name, students.name], ids)
        audit.note(session, audit.ERASE, "One student erased on request",
                   records=sum(report.removed.values()))  # fmt: skip

    run_operation(database, work, hub=hub)
    forget_freed_space(database)
    return report


def _backups_holding(database: Path, email: str) -> tuple[list[Path], list[Path]]:
    """The backups of ``database`` with a student of ``email``, and those unreadable."""
    holding, unread = [], []
    key = cipher.key_for(database)  # backups are encrypted as the file is
    for path in backup.list_backups(database):
        # Backups from before the file was encrypted are not.
        readable = None if cipher.looks_plain(path) else key
        try:
            connection = cipher.connect(f"{path.as_uri()}?mode=ro", readable, uri=True)
            try:
                found = connection.execute(
                    "SELECT count(*) FROM students WHERE lower(email) = ?", (email.strip().lower(),)
                ).fetchone()[0]
            finally:
                connection.close()
        except cipher.driver_errors():
            unread.append(path)
            continue
        if found:
            holding.append(path)
    return holding, unread


def _expired(session: Session, months: int, today: date) -> tuple[list[str], list[str]]:
    """Archived cohorts past retention (ended, else last changed, over ``months`` ago),
    and the still-named students whose every live enrolment is in one of them."""
    c, e, s = m.Cohort, m.Enrolment, m.Student
    limit = _months_before(today, months)
    expired: dict[str, str] = {}
    for cohort_id, name, ends_on, changed in session.execute(
        select(c.id, c.name, c.ends_on, c.updated_at).where(
            c.status == CohortStatus.ARCHIVED, c.deleted_at.is_(None)
        )
    ):
        archived_on = ends_on or changed.date()
        if archived_on < limit:
            expired[cohort_id] = name
    if not expired:
        return [], []
    current = select(e.student_id).where(e.deleted_at.is_(None), e.cohort_id.not_in(list(expired)))
    students = list(
        session.scalars(
            select(s.id)
            .distinct()
            .join(e, e.student_id == s.id)
            .where(
                e.cohort_id.in_(list(expired)),
                e.deleted_at.is_(None),
                s.anonymised_at.is_(None),
                s.id.not_in(current),
            )
        )
    )
    return sorted(expired.values()), students


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, 28))


def purge_expired(
    database: Database,
    *,
    dry_run: bool = False,
    today: date | None = None,
    hub: ChangeHub | None = None,
) -> PurgeReport:
    """Anonymise the students of cohorts archived longer ago than the retention setting."""
    today = today or datetime.now(UTC).date()
    with database.read() as session:
        months = settings_in(session).retention
        cohorts, students = _expired(session, months, today)
    report = PurgeReport(cohorts, len(students), months, dry_run)
    if dry_run or not students:
        return report

    def work(context: OperationContext) -> None:
        session = context.session
        _secure(session, database)
        now = utcnow()
        s, c, a, f = m.Student, m.Consent, m.ApplicationAnswer, m.StudentFeedback
        for start in range(0, len(students), 500):
            batch = students[start : start + 500]
            session.execute(
                update(s)
                .where(s.id.in_(batch))
                .values(
                    **ANONYMOUS,
                    **dict.fromkeys(CLEARED),
                    anonymised_at=now,
                    updated_at=now,
                    version=s.version + 1,
                )
            )
            session.execute(
                update(c).where(c.student_id.in_(batch)).values(given_by=None, withdrawn_by=None)
            )
            session.execute(delete(a).where(a.student_id.in_(batch)))
            session.execute(
                update(f)
                .where(f.student_id.in_(batch))
                .values(comment=None, updated_at=now, version=f.version + 1)
            )
            connection = session.connection()
            forget_merge_bookkeeping(connection, owned_ids(connection, batch))
        context.changed(
            ["students", "consents", "application_answers", "student_feedback"], students
        )
        what = f"Retention purge: students of {len(cohorts)} cohort(s) anonymised"
        audit.note(session, audit.PURGE, what, records=len(students))

    run_operation(database, work, hub=hub)
    forget_freed_space(database)
    return report
