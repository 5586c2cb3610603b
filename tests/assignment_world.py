"""Cohorts whose groups and students each raise (or, at the edge, just avoid) one concern.

``TODAY`` is 1 March 2027. Marketing Spring 2027 (high school, running, group
size 4, 15 Feb → 30 Apr) holds most cases; Data Spring 2027 (university,
recruiting) shows what does not apply to adults; Marketing Autumn 2026 is
completed (outside "needs attention" and instructor load); Marketing Summer
2027 (planning) has enrolled students and no groups yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.enums import (
    Audience,
    CohortStatus,
    EnrolmentStatus,
    InstructorStatus,
    ProblemStatus,
    SafeguardingStatus,
)
from ixdesk.services.operations import OperationContext, run_operation

TODAY = date(2027, 3, 1)
ADULT = date(2000, 1, 1)
CONSENTED = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
ES, PS, SG = EnrolmentStatus, ProblemStatus, SafeguardingStatus


@dataclass
class AssignmentWorld:
    ids: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def build_assignment_world(database: Database) -> AssignmentWorld:
    world = AssignmentWorld()

    def work(context: OperationContext) -> None:
        session = context.session

        def add(key: str, record: Any) -> Any:
            session.add(record)
            session.flush()
            world.ids[key] = record.id
            return record

        marketing = add("marketing", m.Track(name="Marketing"))
        data = add("data", m.Track(name="Data analytics"))
        acme = add("acme", m.PartnerCompany(name="Acme Retail", status="active"))
        birch = add("birch", m.PartnerCompany(name="Birch Bank", status="active"))

        def problem(key: str, title: str, company: Any, track: Any, status: PS) -> None:
            track_id = track.id if track is not None else None
            add(key, m.BusinessProblem(company_id=company.id, title=title, track_id=track_id,
                                       status=status))  # fmt: skip

        problem("p_ok", "Launch campaign", acme, marketing, PS.APPROVED)
        problem("p_assigned", "Brand audit", birch, marketing, PS.ASSIGNED)
        problem("p_draft", "Loyalty ideas", acme, marketing, PS.DRAFT)
        problem("p_data", "Churn dashboard", birch, data, PS.APPROVED)
        problem("p_notrack", "Open brief", acme, None, PS.SCOPED)
        problem("p_gone", "Withdrawn brief", acme, marketing, PS.APPROVED)
        session.get(m.BusinessProblem, world["p_gone"]).deleted_at = utcnow()

        def instructor(key: str, first: str, last: str, status: InstructorStatus, check: SG,
                       expires: date | None, tracks: tuple[Any, ...]) -> None:  # fmt: skip
            person = add(key, m.Instructor(
                first_name=first, last_name=last, status=status, safeguarding_status=check,
                safeguarding_expires_on=expires,
            ))  # fmt: skip
            for track in tracks:
                session.add(m.InstructorExpertise(instructor_id=person.id, track_id=track.id))

        active, invited = InstructorStatus.ACTIVE, InstructorStatus.INVITED
        instructor("ana", "Ana", "Silva", active, SG.CLEARED, date(2027, 4, 30), (marketing,))
        instructor("ben", "Ben", "Okafor", active, SG.NOT_STARTED, None, (data,))
        instructor("cai", "Cai", "Jones", invited, SG.CLEARED, date(2027, 3, 20), (marketing,))
        instructor("dee", "Dee", "Park", active, SG.CLEARED, None, (marketing,))
        instructor("eli", "Eli", "Gone", active, SG.CLEARED, date(2030, 1, 1), (marketing,))
        session.get(m.Instructor, world["eli"]).deleted_at = utcnow()

        def cohort(key: str, name: str, track: Any, audience: Audience, status: CohortStatus,
                   starts: date, ends: date, size: int) -> None:  # fmt: skip
            add(key, m.Cohort(name=name, track_id=track.id, audience=audience, status=status,
                              starts_on=starts, ends_on=ends, group_size=size))  # fmt: skip

        hs, uni = Audience.HIGH_SCHOOL, Audience.UNIVERSITY
        cohort("hs", "Marketing Spring 2027", marketing, hs, CohortStatus.RUNNING,
               date(2027, 2, 15), date(2027, 4, 30), 4)  # fmt: skip
        cohort("uni", "Data Spring 2027", data, uni, CohortStatus.RECRUITING,
               date(2027, 4, 1), date(2027, 5, 30), 3)  # fmt: skip
        cohort("done", "Marketing Autumn 2026", marketing, hs, CohortStatus.COMPLETED,
               date(2026, 9, 1), date(2026, 10, 30), 4)  # fmt: skip
        cohort("plan", "Marketing Summer 2027", marketing, hs, CohortStatus.PLANNING,
               date(2027, 7, 1), date(2027, 7, 20), 4)  # fmt: skip

        def group(key: str, cohort_key: str, name: str, problem_key: str | None,
                  lead_key: str | None, assistants: tuple[str, ...] = ()) -> None:  # fmt: skip
            add(key, m.StudentGroup(
                cohort_id=world[cohort_key], name=name,
                business_problem_id=world[problem_key] if problem_key else None,
                lead_instructor_id=world[lead_key] if lead_key else None,
            ))  # fmt: skip
            for assistant in assistants:
                session.add(m.GroupAssistant(group_id=world[key], instructor_id=world[assistant]))

        group("g1", "hs", "Group 1", "p_ok", "ana", ("cai",))
        group("g2", "hs", "Group 2", "p_draft", "ben")
        group("g3", "hs", "Group 3", None, None)
        group("g4", "hs", "Group 4", None, None)  # deleted below
        group("g5", "hs", "Group 5", "p_gone", "eli", ("dee",))
        group("u1", "uni", "Team A", "p_data", "ben")
        group("d1", "done", "Old group", None, "ben")
        session.get(m.StudentGroup, world["g4"]).deleted_at = utcnow()

        counter = iter(range(1000))

        def student(cohort_key: str, group_key: str | None = None, *, key: str | None = None,
                    born: date | None = ADULT, consent: datetime | None = None,
                    status: ES = ES.ENROLLED, first: str = "Pupil") -> None:  # fmt: skip
            number = next(counter)
            person = m.Student(first_name=first, last_name=f"No{number}", date_of_birth=born,
                               guardian_consent_at=consent)  # fmt: skip
            session.add(person)
            session.flush()
            world.ids[key or f"s{number}"] = person.id
            if consent is not None:  # consent lives in its own records
                session.add(m.Consent(student_id=person.id, purpose="participation",
                                      given_at=consent))  # fmt: skip
            session.add(m.Enrolment(student_id=person.id, cohort_id=world[cohort_key],
                                    status=status))  # fmt: skip
            if group_key is not None:
                member = {"group_id": world[group_key], "cohort_id": world[cohort_key]}
                session.add(m.GroupMembership(student_id=person.id, **member))

        # Group 1: 4 members (the group size); one is a minor without consent.
        student("hs", "g1", key="minor", born=date(2010, 1, 1), first="Mina")
        student("hs", "g1", key="just_adult", born=date(2009, 2, 15))  # 18 on the first day
        student("hs", "g1", key="consented", born=date(2009, 2, 16), consent=CONSENTED)
        student("hs", "g1", key="no_birthday", born=None, first="Nora")
        for _ in range(6):  # Group 2: 6 members, over 4 + 1
            student("hs", "g2")
        for _ in range(2):  # Group 3: 2 members, under 4 - 1
            student("hs", "g3")
        for _ in range(5):  # Group 5: 5 members, the most allowed
            student("hs", "g5")
        student("hs", key="free", first="Frida")  # enrolled, in no group
        student("hs", "g4", key="orphan", first="Otto")  # only in the deleted group
        student("hs", key="withdrawn", status=ES.WITHDRAWN)
        student("hs", key="applied_minor", born=date(2011, 5, 1), status=ES.APPLIED)
        student("hs", key="deleted")
        session.get(m.Student, world["deleted"]).deleted_at = utcnow()
        student("uni", "u1")  # Team A: 2 members, the fewest allowed for 3
        student("uni", "u1", key="uni_unknown_age", born=None)
        student("uni", key="uni_minor", born=date(2010, 5, 1), status=ES.ACCEPTED, first="Yuri")
        student("done", "d1")
        for _ in range(2):
            student("plan")

    run_operation(database, work)
    return world
