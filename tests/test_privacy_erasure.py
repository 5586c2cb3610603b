"""Erasure of one student and the retention purge: gone from the file's very bytes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from ixdesk.cli import main
from ixdesk.db import Database, backup, open_database
from ixdesk.db import models as m
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.operations import OperationContext, run_operation
from ixdesk.services.privacy import audit, erasure
from ixdesk.services.settings import save_settings
from tests import privacy_world

NAME = b"Okonkwo-Privat"


def _file_bytes(path: Path) -> bytes:
    """The database file and whatever SQLite keeps beside it."""
    found = b""
    for end in ("", "-wal", "-journal"):
        companion = path.with_name(path.name + end)
        if companion.exists():
            found += companion.read_bytes()
    return found


def test_after_privacy_erase_the_students_name_is_not_in_the_database_files_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    database = open_database(path)
    try:
        privacy_world.build(database)
        erasure.forget_freed_space(database)  # everything in the file, nothing in the log
    finally:
        database.close()
    assert NAME in _file_bytes(path)  # the test can see a name when it is there
    database = open_database(path)  # an automatic backup, taken on an earlier open
    try:
        run_operation(database, lambda context: context.session.add(m.Track(name="Later")))
    finally:
        database.close()  # and a change since, as on any day of work
    (earlier,) = backup.list_backups(path)
    kept = earlier.read_bytes()
    assert main(["--database", str(path), "privacy", "erase", "--student", "ZOE@example.com"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Erased: 1 group memberships, 1 enrolments, 2 consent records, 1 student")
    assert "1 backup(s) still hold this student" in out and str(earlier) in out
    # The erasure took no backup of its own: that would be a fresh copy of the student.
    assert backup.list_backups(path) == [earlier] and earlier.read_bytes() == kept
    assert NAME not in _file_bytes(path)
    assert b"zoe@example.com" not in _file_bytes(path)
    database = open_database(path)
    try:
        with database.read() as session:
            assert session.scalar(select(func.count()).select_from(m.Student)) == 2
        (entry,) = audit.audit_entries(database)
        assert entry.action == "erase" and entry.records == 5 and "Zo" not in entry.what
    finally:
        database.close()


def test_erasure_overwrites_freed_space_where_sqlite_would_not_by_itself(tmp_path: Path) -> None:
    """Debian builds SQLite with secure_delete on, Windows' and macOS' Pythons without:
    here every connection starts with it off, as there."""
    path = tmp_path / "ixdesk.db"
    database = open_database(path, rolling_backup=False)
    try:
        privacy_world.build(database)
        erasure.forget_freed_space(database)
        event.listen(
            database.engine,
            "connect",
            lambda connection, _record: connection.execute("PRAGMA secure_delete = OFF"),
        )
        database.engine.dispose()
        assert NAME in _file_bytes(path)
        report = erasure.erase_student(database, "zoe@example.com")
        assert report.removed["students"] == 1
        assert report.lines()[-1] == "No backup of this database holds this student."
        assert NAME not in _file_bytes(path)
    finally:
        database.close()
    assert NAME not in _file_bytes(path)


def test_erasing_an_unknown_email_says_so_and_changes_nothing(database: Database) -> None:
    privacy_world.build(database)
    with pytest.raises(RecordNotFoundError, match="nothing was erased"):
        erasure.erase_student(database, "nobody@example.com")
    assert audit.audit_entries(database) == []


def _archive(database: Database, cohort_id: str, ended: date) -> None:
    def work(context: OperationContext) -> None:
        cohort = context.session.get(m.Cohort, cohort_id)
        assert cohort is not None
        cohort.status, cohort.ends_on = "archived", ended  # type: ignore[assignment]

    run_operation(database, work)


def test_the_purge_anonymises_students_of_expired_cohorts_and_keeps_the_counts(
    database: Database,
) -> None:
    world = privacy_world.build(database)
    today = date(2026, 12, 4)
    _archive(database, world["cohort"], date(2025, 6, 30))  # 17 months ago
    assert erasure.purge_expired(database, today=today).students == 0  # kept 24 months
    save_settings(database, {"retention_months": 12})
    dry = erasure.purge_expired(database, dry_run=True, today=today)
    assert (dry.students, dry.cohorts) == (3, ["Spring 2026"])
    assert "would be anonymised" in dry.lines()[0]
    with database.read() as session:
        assert session.scalar(select(func.count()).where(m.Student.email.is_not(None))) == 3
    report = erasure.purge_expired(database, today=today)
    assert report.students == 3 and "were anonymised" in report.lines()[0]
    with database.read() as session:
        students = session.scalars(select(m.Student)).all()
        enrolments = session.scalar(select(func.count()).select_from(m.Enrolment))
        consents = session.scalars(select(m.Consent)).all()
    assert {(s.first_name, s.last_name) for s in students} == {("Former", "student")}
    assert all(s.email is None and s.phone is None and s.guardian_name is None for s in students)
    assert all(s.date_of_birth is None and s.anonymised_at is not None for s in students)
    assert enrolments == 3 and all(c.given_by is None for c in consents)
    assert erasure.purge_expired(database, today=today).students == 0  # done once
    assert [e.action for e in audit.audit_entries(database)] == ["purge"]


def test_the_purge_leaves_a_student_still_in_a_current_cohort(database: Database) -> None:
    world = privacy_world.build(database)
    _archive(database, world["cohort"], date(2020, 1, 31))

    def enrol(context: OperationContext) -> None:
        later = m.Cohort(name="Winter 2026", status="running")
        context.session.add(later)
        context.session.flush()
        context.session.add(
            m.Enrolment(student_id=world["ada"], cohort_id=later.id, status="enrolled")
        )

    run_operation(database, enrol)
    report = erasure.purge_expired(database, today=datetime.now(UTC).date())
    assert report.students == 2
    with database.read() as session:
        ada = session.get(m.Student, world["ada"])
    assert ada is not None and ada.first_name == "Ada"
