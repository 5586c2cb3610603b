"""A main database, event copies packed from it, and sign-ups typed into them.

The packed students carry phone numbers, guardian details and notes with
markers (``SECRET-…``) a test can look for in a copy's bytes. All people are
invented.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.services.events.pack import PackResult, pack_event_copy
from ixdesk.services.events.signup import SavedSignUp, SignUp, save_signup
from ixdesk.services.operations import OperationContext, run_operation

COHORT = "Data Spring 2027"
PIN = "2468"
PACKED = 40


@dataclass(frozen=True)
class Main:
    cohort: str
    track: str
    students: tuple[str, ...]  # packed, in order of their number


def build_main(database: Database, packed: int = PACKED) -> Main:
    def work(context: OperationContext) -> Main:
        session = context.session
        track = m.Track(name="Data analytics")
        session.add(track)
        session.flush()
        cohort = m.Cohort(
            name=COHORT, track_id=track.id, starts_on=date(2027, 3, 1), audience="university"
        )
        session.add(cohort)
        students = [
            m.Student(
                first_name=f"Packed{n}",
                last_name="Student",
                email=f"packed{n}@school.example",
                school="Leeds College",
                date_of_birth=date(2007, 1, 1 + n % 28),
                phone=f"+44 7700 9{n:05d}",
                guardian_name=f"SECRET-GUARDIAN-{n}",
                guardian_email=f"secret-guardian-{n}@home.example",
                guardian_phone=f"+44 7700 8{n:05d}",
                notes=f"SECRET-NOTE-{n}",
            )
            for n in range(packed)
        ]
        session.add_all(students)
        session.flush()
        return Main(cohort.id, track.id, tuple(student.id for student in students))

    return run_operation(database, work)


def pack(database: Database, target: Path, event: str) -> PackResult:
    return pack_event_copy(database, target, [COHORT], event_name=event, pin=PIN)


def one_copy(
    database: Database, target: Path, *, packed: int = PACKED, event: str = "Open day"
) -> tuple[Main, Path]:
    """A main database of ``packed`` students and one event copy of it at ``target``."""
    main = build_main(database, packed)
    pack(database, target, event)
    return main, target


def sign_up(
    copy: Database,
    cohort: str,
    first: str,
    last: str,
    *,
    email: str | None = None,
    born: date | None = None,
    student_id: str | None = None,
    **values: Any,
) -> SavedSignUp:
    fields = {
        "first_name": first,
        "last_name": last,
        "email": email,
        "date_of_birth": born,
        "school": "Leeds Grammar",
        **values,
    }
    version = None
    if student_id is not None:
        with copy.read() as session:
            version = session.scalar(select(m.Student.version).where(m.Student.id == student_id))
    return save_signup(copy, SignUp(fields, cohort, student_id=student_id, version=version))


def open_copy(path: Path) -> Database:
    return open_database(path, create=False, rolling_backup=False)


@contextmanager
def at_the_event(path: Path) -> Iterator[Database]:
    """The event copy at ``path``, open while the block runs (as a laptop at the event)."""
    copy = open_copy(path)
    try:
        yield copy
    finally:
        copy.close()


def change_here(database: Database, student_id: str, **values: Any) -> None:
    """Edit a student in ``database`` (the main database, or a copy)."""
    with database.write() as session:
        row = session.get(m.Student, student_id)
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
