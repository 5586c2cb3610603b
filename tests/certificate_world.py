"""A finished cohort for certificates: who completed, who did not, and what they attended.

"Data Spring 2027" (1 → 26 March 2027) has one group, "Team Fjord", working
with Fine Films Ltd on "Churn dashboard" (skills "SQL, dashboards; storytelling")
led by Ada Lovelace. Its sessions: two for the whole cohort (2 h each) and one
for the group (3 h). Zoë Åkesson completed and attended all three (7 h), Omar
Haddad completed and came late once and missed one (5 h), Lena Berg completed
with no attendance taken; Tom Weiss withdrew and Ida Nilsson is still enrolled.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import AttendanceStatus, EnrolmentStatus
from ixdesk.services.operations import OperationContext, run_operation

COHORT = "Data Spring 2027"
COMPANY = "Fine Films Ltd"
COMPLETED = ("Zoë Åkesson", "Omar Haddad", "Lena Berg")
NOT_COMPLETED = ("Tom Weiss", "Ida Nilsson")


def _at(day: int, hour: int) -> datetime:
    return datetime(2027, 3, day, hour, 0, tzinfo=UTC)


def build_certificate_world(database: Database) -> dict[str, str]:
    ids: dict[str, str] = {}

    def work(context: OperationContext) -> None:
        session = context.session

        def add(key: str, record: object) -> object:
            session.add(record)
            session.flush()
            ids[key] = record.id  # type: ignore[attr-defined]
            return record

        company = add("company", m.PartnerCompany(name=COMPANY, status="active"))
        problem = add("problem", m.BusinessProblem(
            company_id=ids["company"], title="Churn dashboard",
            skills="SQL, dashboards; storytelling", status="assigned",
        ))  # fmt: skip
        add("lead", m.Instructor(first_name="Ada", last_name="Lovelace"))
        add("cohort", m.Cohort(
            name=COHORT, starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 26), status="completed"
        ))  # fmt: skip
        add("group", m.StudentGroup(
            cohort_id=ids["cohort"], name="Team Fjord", business_problem_id=ids["problem"],
            lead_instructor_id=ids["lead"],
        ))  # fmt: skip
        statuses = {
            "Zoë Åkesson": EnrolmentStatus.COMPLETED,
            "Omar Haddad": EnrolmentStatus.COMPLETED,
            "Lena Berg": EnrolmentStatus.COMPLETED,
            "Tom Weiss": EnrolmentStatus.WITHDRAWN,
            "Ida Nilsson": EnrolmentStatus.ENROLLED,
        }
        for name, status in statuses.items():
            first, last = name.split()
            email = f"{first.lower()}@example.org".replace("ë", "e")
            add(name, m.Student(first_name=first, last_name=last, email=email))
            session.add(m.Enrolment(student_id=ids[name], cohort_id=ids["cohort"], status=status))
            session.add(
                m.GroupMembership(
                    group_id=ids["group"], cohort_id=ids["cohort"], student_id=ids[name]
                )
            )
        sessions = {
            "kick-off": (None, _at(2, 16), _at(2, 18)),
            "workshop": (ids["group"], _at(9, 15), _at(9, 18)),
            "showcase": (None, _at(16, 16), _at(16, 18)),
        }
        for title, (group_id, starts, ends) in sessions.items():
            add(title, m.CohortSession(
                cohort_id=ids["cohort"], group_id=group_id, title=title, starts_at=starts,
                ends_at=ends,
            ))  # fmt: skip
        marks = {
            "Zoë Åkesson": ("present", "present", "present"),
            "Omar Haddad": ("late", "present", "absent"),
            "Tom Weiss": ("present", "absent", "absent"),
        }
        for name, row in marks.items():
            for title, mark in zip(sessions, row, strict=True):
                session.add(m.Attendance(
                    session_id=ids[title], student_id=ids[name], status=AttendanceStatus(mark)
                ))  # fmt: skip
        del problem, company

    run_operation(database, work)
    return ids
