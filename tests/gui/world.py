"""A small, linked set of records for driving every view, built in one transaction.

Each kind has one record under test whose name carries accents (so searching
"zoe" must find "Zoë") and at least one other record, with links between
them: Brücke Logistik has 1 contact and 2 business problems, the group
Équipe Zoë works on one of them, is led by Zoë Ørsted and has 2 members.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services.operations import OperationContext, run_operation


@dataclass(frozen=True)
class World:
    track: str
    company: str
    other_company: str
    contact: str
    problem: str
    other_problem: str
    instructor: str
    other_instructor: str
    cohort: str
    other_cohort: str
    group: str
    other_group: str
    students: tuple[str, ...]


def build_world(database: Database) -> World:
    def work(context: OperationContext) -> World:
        session = context.session
        made: dict[str, Any] = {}

        def add(key: str, record: Any) -> Any:
            session.add(record)
            session.flush()
            made[key] = record
            return record

        track = add("track", m.Track(name="Data analytics"))
        company = add(
            "company",
            m.PartnerCompany(name="Brücke Logistik", sector="Logistics", city="Köln"),
        )
        add(
            "other_company",
            m.PartnerCompany(name="Acme Analytics", sector="Data", city="Leeds", status="active"),
        )
        add(
            "contact",
            m.Contact(
                company_id=company.id, name="Selam Cohen", role="CTO", email="selam@bruecke.de"
            ),
        )
        problem = add(
            "problem",
            m.BusinessProblem(
                company_id=company.id, title="Café footfall forecast", effort_hours=20
            ),
        )
        add(
            "other_problem",
            m.BusinessProblem(
                company_id=company.id, title="Stock alert bot", effort_hours=8, track_id=track.id
            ),
        )
        instructor = add(
            "instructor",
            m.Instructor(
                first_name="Zoë", last_name="Ørsted", email="zoe@example.org", employer="Nord"
            ),
        )
        add(
            "other_instructor",
            m.Instructor(first_name="Ben", last_name="Adams", email="ben@example.org"),
        )
        cohort = add(
            "cohort",
            m.Cohort(
                name="Données Spring 2027",
                track_id=track.id,
                starts_on=date(2027, 3, 1),
                ends_on=date(2027, 3, 26),
                capacity=30,
            ),
        )
        add("other_cohort", m.Cohort(name="Marketing Winter 2026", capacity=12))
        group = add(
            "group",
            m.StudentGroup(
                cohort_id=cohort.id,
                name="Équipe Zoë",
                business_problem_id=problem.id,
                lead_instructor_id=instructor.id,
                meeting_slot="Tue 16:00",
            ),
        )
        add("other_group", m.StudentGroup(cohort_id=cohort.id, name="Team Lovelace"))
        students = []
        for first, last in (("Ana", "Silva"), ("Łukasz", "Nowak")):
            student = add(f"student_{last}", m.Student(first_name=first, last_name=last))
            session.add(m.Enrolment(student_id=student.id, cohort_id=cohort.id))
            session.add(
                m.GroupMembership(group_id=group.id, cohort_id=cohort.id, student_id=student.id)
            )
            students.append(student.id)
        ids = {key: str(record.id) for key, record in made.items()}
        return World(
            **{name: ids[name] for name in World.__dataclass_fields__ if name != "students"},
            students=tuple(students),
        )

    return run_operation(database, work)


def live_ids(database: Database, model: type[Any]) -> set[str]:
    """The ids of ``model``'s records that are not deleted."""
    with database.read() as session:
        return {
            str(record_id)
            for record_id in session.scalars(select(model.id).where(model.deleted_at.is_(None)))
        }


@dataclass(frozen=True)
class KindCase:
    """What differs between views in the steps every view shares."""

    kind: str
    record: str  # the World field naming the record under test
    title: str  # how the editor names it
    text_field: str  # a one-line text field to edit
    search: str  # typed without accents, finds only the record
    dependents: str  # what the delete confirmation names
    link: tuple[str, str, str]  # (linked record's label, view it opens, World field)
    status: str  # a status to set in bulk

    def id(self, world: World) -> str:
        return str(getattr(world, self.record))


CASES = {
    case.kind: case
    for case in (
        KindCase(
            "instructors",
            "instructor",
            "Zoë Ørsted",
            "employer",
            "zoe orsted",
            "1 group led",
            ("Équipe Zoë", "groups", "group"),
            "inactive",
        ),
        KindCase(
            "companies",
            "company",
            "Brücke Logistik",
            "city",
            "brucke",
            "2 business problems and 1 contact",
            ("Café footfall forecast", "problems", "problem"),
            "past",
        ),
        KindCase(
            "problems",
            "problem",
            "Café footfall forecast",
            "title",
            "CAFE",
            "1 group",
            ("Brücke Logistik", "companies", "company"),
            "delivered",
        ),
        KindCase(
            "cohorts",
            "cohort",
            "Données Spring 2027",
            "location",
            "donnees",
            "2 groups and 2 enrolments",
            ("Équipe Zoë", "groups", "group"),
            "running",
        ),
        KindCase(
            "groups",
            "group",
            "Équipe Zoë",
            "meeting_slot",
            "equipe zoe",
            "2 members",
            ("Zoë Ørsted", "instructors", "instructor"),
            "working",
        ),
    )
}
