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
from sqlalchemy.orm import Session

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
    problems: tuple[str, ...] = ()  # offered to the cohort, by title (see OFFERED)


# The business problems the cohort offers, by title, and some it must not offer.
OFFERED = ("Churn dashboard", "Footfall forecasting", "Price elasticity")
NOT_OFFERED = ("Secret merger model", "Draft idea", "Brand survey")


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
        problems = _problems(session, track.id)
        return Main(cohort.id, track.id, tuple(student.id for student in students), problems)

    return run_operation(database, work)


def _problems(session: Session, track_id: str) -> tuple[str, ...]:
    """A partner company with a contact, the problems the cohort offers and some it does not
    (under an NDA, a draft, another track); statements and contacts carry markers."""
    company = m.PartnerCompany(name="Northwind Retail", notes="SECRET-COMPANY-NOTE")
    other = m.Track(name="Marketing")
    session.add_all([company, other])
    session.flush()
    contact = m.Contact(
        company_id=company.id, name="SECRET-CONTACT", email="secret-contact@northwind.example"
    )
    session.add(contact)
    session.flush()

    def problem(title: str, **values: Any) -> m.BusinessProblem:
        values = {"track_id": track_id, "status": "approved", **values}
        return m.BusinessProblem(
            company_id=company.id,
            title=title,
            problem_statement=f"SECRET-STATEMENT {title}",
            sponsor_contact_id=contact.id,
            **values,
        )

    offered = [problem(title) for title in OFFERED]
    session.add_all(offered)
    session.add_all(
        [
            problem(NOT_OFFERED[0], confidential=True),
            problem(NOT_OFFERED[1], status="draft"),
            problem(NOT_OFFERED[2], track_id=other.id),
        ]
    )
    session.flush()
    return tuple(each.id for each in offered)


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
    choices: tuple[str, ...] = (),
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
    signup = SignUp(fields, cohort, student_id=student_id, version=version, choices=list(choices))
    return save_signup(copy, signup)


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
