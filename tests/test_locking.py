"""Optimistic locking: an edit made to a stale copy is refused, never silently applied."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ixdesk.db import Database
from ixdesk.db.models import Student
from ixdesk.errors import ChangedElsewhereError, RecordNotFoundError
from ixdesk.services.operations import (
    CHANGED_ELSEWHERE,
    ChangeHub,
    Changes,
    create_record,
    delete_record,
    restore_record,
    update_record,
)


@pytest.fixture
def student(database: Database) -> Student:
    return create_record(
        database, Student, {"first_name": "Chloé", "last_name": "Dubois", "email": "c@x.org"}
    )


def test_each_save_moves_the_version_on(database: Database, student: Student) -> None:
    saved = update_record(database, Student, student.id, student.version, {"school": "Lycée Hoche"})
    assert saved.version == student.version + 1
    assert saved.updated_at >= student.updated_at


def test_second_editor_of_the_same_version_is_told_it_changed_elsewhere(
    database: Database, student: Student
) -> None:
    seen_by_both = student.version
    update_record(database, Student, student.id, seen_by_both, {"school": "First editor"})
    with pytest.raises(ChangedElsewhereError, match="changed by someone else"):
        update_record(database, Student, student.id, seen_by_both, {"school": "Second editor"})
    with database.read() as session:
        assert session.get(Student, student.id).school == "First editor"  # type: ignore[union-attr]


@pytest.mark.postgres_only  # on SQLite the second write transaction waits for the first
def test_two_open_sessions_racing_on_one_student(database: Database, student: Student) -> None:
    """Both sessions loaded version 1; the one that flushes second is refused."""
    first = database._write_factory()
    second = database._write_factory()
    try:
        mine = first.get(Student, student.id)
        theirs = second.get(Student, student.id)
        assert mine is not None and theirs is not None
        mine.school = "Mine"
        first.commit()
        theirs.school = "Theirs"
        with pytest.raises(Exception) as raised:
            second.commit()
        assert "StaleDataError" in type(raised.value).__name__
    finally:
        first.close()
        second.close()


def _racing_save(
    database: Database, student: Student, save: str
) -> tuple[BaseException | Student, list[BaseException | Student]]:
    """My save of the version both of us loaded, with their edit of that same version
    started after my save has checked the version and before it flushes.

    Returns my outcome and theirs (a saved student or the error)."""
    seen = student.version
    theirs: list[BaseException | Student] = []

    def their_edit() -> None:
        try:
            theirs.append(update_record(database, Student, student.id, seen, {"school": "Theirs"}))
        except Exception as error:
            theirs.append(error)

    racer = threading.Thread(target=their_edit)

    def between_check_and_flush(_session: Session, _context: Any, _instances: Any) -> None:
        racer.start()
        # PostgreSQL: their transaction commits now (mine holds no lock on the row yet).
        # SQLite: mine holds the write lock since BEGIN IMMEDIATE; theirs waits.
        racer.join(timeout=0.5 if database.is_sqlite else 30)

    event.listen(database._write_factory, "before_flush", between_check_and_flush, once=True)
    try:
        if save == "update":
            mine: BaseException | Student = update_record(
                database, Student, student.id, seen, {"school": "Mine"}
            )
        else:
            mine = delete_record(database, Student, student.id, seen)
    except ChangedElsewhereError as error:
        mine = error
    racer.join(timeout=30)
    assert not racer.is_alive() and len(theirs) == 1
    return mine, theirs


@pytest.mark.parametrize("save", ["update", "delete"])
def test_a_save_racing_another_commit_is_refused_and_theirs_kept(
    database: Database, student: Student, save: str
) -> None:
    """Their edit commits after my save checked the version, before it writes.

    On PostgreSQL nothing stops that: my UPDATE names the version I loaded
    (``version_id_col``), matches no row, and SQLAlchemy's StaleDataError
    becomes the "changed by someone else" sentence; their edit stays. On
    SQLite a write transaction holds the lock from its first statement, so
    theirs queues behind mine and is refused by the same sentence instead.
    """
    changed = CHANGED_ELSEWHERE.format(kind="student")
    assert "This student was changed by someone else" in changed
    mine, theirs = _racing_save(database, student, save)
    with database.read() as session:
        row = session.get(Student, student.id)
    assert row is not None
    if database.is_sqlite:
        assert isinstance(theirs[0], ChangedElsewhereError)
        told = str(theirs[0])
        assert (told == changed) if save == "update" else ("deleted by someone else" in told)
        assert isinstance(mine, Student)
        assert (row.school, row.deleted_at is None) == (
            ("Mine", True) if save == "update" else (None, False)
        )
    else:
        assert isinstance(mine, ChangedElsewhereError) and str(mine) == changed
        assert isinstance(mine.__cause__, StaleDataError)  # refused at flush, not before
        assert isinstance(theirs[0], Student)
        assert (row.school, row.deleted_at) == ("Theirs", None)
    assert row.version == student.version + 1  # exactly one of the two saves was written


def test_concurrent_updates_from_threads_lose_no_edit_silently(
    database: Database, student: Student
) -> None:
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def edit(index: int) -> None:
        barrier.wait()
        try:
            update_record(database, Student, student.id, student.version, {"notes": f"{index}"})
            outcomes.append("saved")
        except ChangedElsewhereError:
            outcomes.append("refused")

    threads = [threading.Thread(target=edit, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "refused", "refused", "saved"]
    with database.read() as session:
        assert session.get(Student, student.id).version == student.version + 1  # type: ignore[union-attr]


def test_editing_a_student_deleted_elsewhere_says_so(database: Database, student: Student) -> None:
    delete_record(database, Student, student.id, student.version)
    with pytest.raises(ChangedElsewhereError, match="deleted by someone else"):
        update_record(database, Student, student.id, student.version, {"notes": "late"})


def test_delete_is_a_tombstone_and_can_be_undone(database: Database, student: Student) -> None:
    deleted = delete_record(database, Student, student.id, student.version)
    assert deleted.deleted_at is not None
    with database.read() as session:
        row = session.scalars(select(Student).where(Student.id == student.id)).one()
        assert row.deleted_at is not None
    restored = restore_record(database, Student, student.id)
    assert restored.deleted_at is None


def test_missing_record_is_reported(database: Database) -> None:
    with pytest.raises(RecordNotFoundError):
        update_record(database, Student, "00000000-0000-4000-8000-00000000abcd", 1, {})


def test_listeners_hear_what_changed_only_after_commit(database: Database) -> None:
    heard: list[Changes] = []
    hub = ChangeHub()
    hub.subscribe(heard.append)
    created = create_record(database, Student, {"first_name": "Ana", "last_name": "Silva"}, hub=hub)
    assert heard and heard[0].touches("students")
    assert created.id in heard[0].ids
    with pytest.raises(ChangedElsewhereError):
        update_record(database, Student, created.id, created.version + 5, {"notes": "x"}, hub=hub)
    assert len(heard) == 1  # a refused change announces nothing
