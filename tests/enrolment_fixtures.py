"""A small cohort with students in every enrolment state, for the enrolment tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import CohortFormat, CohortStatus, EnrolmentStatus
from ixdesk.services.operations import OperationContext, run_operation

ES = EnrolmentStatus

# (first name, last name, school, status); the waitlist keeps this order.
PEOPLE = (
    ("Zoë", "Åkesson", "Lycée Hoche", ES.APPLIED),
    ("Tom", "Baker", "Hillside High", ES.APPLIED),
    ("Ana", "Costa", "Hillside High", ES.ACCEPTED),
    ("Ben", "Dahl", "Riverside Academy", ES.WAITLISTED),
    ("Cleo", "Evans", "Riverside Academy", ES.WAITLISTED),
    ("Dev", "Fox", "Lycée Hoche", ES.WAITLISTED),
    ("Eva", "Gray", "Hillside High", ES.ENROLLED),
    ("Finn", "Holt", "Riverside Academy", ES.ENROLLED),
    ("Gus", "Ince", "Lycée Hoche", ES.ENROLLED),
    ("Hana", "Jones", "Hillside High", ES.COMPLETED),
    ("Ivo", "Kerr", "Riverside Academy", ES.WITHDRAWN),
)


@dataclass
class SmallCohort:
    cohort_id: str
    other_cohort_id: str
    group_id: str
    students: dict[str, str] = field(default_factory=dict)  # first name → student id
    enrolments: dict[str, str] = field(default_factory=dict)  # first name → enrolment id
    outsiders: dict[str, str] = field(default_factory=dict)  # students in no cohort


def small_cohort(database: Database, capacity: int | None = 4) -> SmallCohort:
    """A cohort of 11 students (3 of 4 places taken), its first group holding the
    enrolled Eva and Finn, a second cohort, and two students in no cohort yet."""

    def work(context: OperationContext) -> SmallCohort:
        session = context.session
        track = m.Track(name="Data analytics")
        session.add(track)
        session.flush()
        cohort = m.Cohort(
            name="Data analytics Spring 2027",
            track=track,
            starts_on=date(2027, 3, 1),
            ends_on=date(2027, 4, 26),
            format=CohortFormat.HYBRID,
            location="Riverside Hub + online",
            capacity=capacity,
            group_size=4,
            status=CohortStatus.RECRUITING,
        )
        other = m.Cohort(name="UX design Winter 2026", starts_on=date(2026, 1, 10))
        session.add_all([cohort, other])
        session.flush()
        group = m.StudentGroup(cohort_id=cohort.id, name="Group 1")
        session.add(group)
        session.flush()
        built = SmallCohort(cohort.id, other.id, group.id)
        waiting = 0
        for first, last, school, status in PEOPLE:
            student = m.Student(first_name=first, last_name=last, school=school, grade=11)
            session.add(student)
            session.flush()
            waiting += status == ES.WAITLISTED
            enrolment = m.Enrolment(
                student_id=student.id,
                cohort_id=cohort.id,
                status=status,
                waitlist_position=waiting if status == ES.WAITLISTED else None,
            )
            session.add(enrolment)
            session.flush()
            built.students[first] = student.id
            built.enrolments[first] = enrolment.id
            if first in ("Eva", "Finn"):
                session.add(
                    m.GroupMembership(group_id=group.id, cohort_id=cohort.id, student_id=student.id)
                )
        for first, last in (("Léa", "Moreau"), ("Sam", "Novak")):
            student = m.Student(first_name=first, last_name=last, school="Hillside High")
            session.add(student)
            session.flush()
            built.outsiders[first] = student.id
        return built

    return run_operation(database, work)


def states(database: Database, cohort_id: str) -> dict[str, tuple[str, int | None]]:
    """First name → (status, waitlist position) of every live enrolment."""
    e, s = m.Enrolment, m.Student
    with database.read() as session:
        rows = session.execute(
            select(s.first_name, e.status, e.waitlist_position)
            .join(s, s.id == e.student_id)
            .where(e.cohort_id == cohort_id, e.deleted_at.is_(None))
        ).all()
    return {first: (str(status), position) for first, status, position in rows}


def waitlist(database: Database, cohort_id: str) -> list[str]:
    """First names on the waitlist, in position order."""
    waiting = [
        (position, first)
        for first, (status, position) in states(database, cohort_id).items()
        if status == ES.WAITLISTED
    ]
    return [first for _position, first in sorted(waiting)]


def grouped(database: Database, cohort_id: str) -> set[str]:
    """First names of the students with a live group membership in the cohort."""
    gm, s = m.GroupMembership, m.Student
    with database.read() as session:
        return set(
            session.scalars(
                select(s.first_name)
                .join(gm, gm.student_id == s.id)
                .where(gm.cohort_id == cohort_id, gm.deleted_at.is_(None))
            )
        )
