"""Who completed a cohort, and what their certificate says about them.

Completion is the enrolment's status: a student whose enrolment in the cohort
is ``completed`` gets a certificate; every other status (applied, accepted,
waitlisted, enrolled, withdrawn) gets none. The coordinator sets it, so
excused absences and make-up work stay their judgment (docs/decisions.md).

Hours attended are the running of the cohort's own
(``services.running.attendance.student_progress``): the length of every live
session of the cohort (for the whole cohort, or for the student's own group)
in which the student is marked present or late. A student with no attendance
taken at all has ``hours_attended`` None, and the certificate leaves the line
out rather than print a misleading nought.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.reads import reads
from ixdesk.services.running.attendance import GRID_TABLES, StudentProgress, student_progress
from ixdesk.services.settings import settings_in

_SKILL_SEPARATORS = re.compile(r"[,;\n]+")


@dataclass(frozen=True)
class Completion:
    """One completed student's certificate facts."""

    enrolment_id: str
    student_id: str
    first_name: str
    last_name: str
    email: str | None
    group: str | None
    company: str | None
    problem: str | None
    skills: tuple[str, ...]
    lead_instructor: str | None
    hours_attended: float | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class CohortCompletions:
    """A cohort's completed students, with what every certificate of it shares."""

    cohort_id: str
    cohort: str
    starts_on: date | None
    ends_on: date | None
    organisation: str | None
    logo: bytes | None
    completions: tuple[Completion, ...]
    others: int  # students enrolled in the cohort in any other status: no certificate


def skills_of(text: str | None) -> tuple[str, ...]:
    """A business problem's skills practised, one per item ("SQL, dashboards" → two)."""
    if not text:
        return ()
    found = (" ".join(part.split()) for part in _SKILL_SEPARATORS.split(text))
    return tuple(dict.fromkeys(skill for skill in found if skill))


def _person(first: str | None, last: str | None) -> str | None:
    name = " ".join(part for part in (first, last) if part)
    return name or None


@reads(*GRID_TABLES, "settings")
def cohort_completions(database: Database, cohort_id: str) -> CohortCompletions:
    """The completed students of one cohort (sorted by name) and the cohort's shared facts."""
    progress = student_progress(database, cohort_id)
    with database.read() as session:
        return completions_in(session, cohort_id, progress)


def completions_in(
    session: Session, cohort_id: str, progress: dict[str, StudentProgress]
) -> CohortCompletions:
    cohort = session.get(m.Cohort, cohort_id)
    if cohort is None or cohort.deleted_at is not None:
        raise RecordNotFoundError("This cohort no longer exists; it may have been deleted.")
    e, s, gm, g = m.Enrolment, m.Student, m.GroupMembership, m.StudentGroup
    p, c, i = m.BusinessProblem, m.PartnerCompany, m.Instructor
    rows = session.execute(
        select(
            e.id,
            e.status,
            s.id,
            s.first_name,
            s.last_name,
            s.email,
            g.name,
            c.name,
            p.title,
            p.skills,
            i.first_name,
            i.last_name,
        )
        .join(s, and_(s.id == e.student_id, s.deleted_at.is_(None)))
        .outerjoin(
            gm, and_(gm.student_id == s.id, gm.cohort_id == cohort_id, gm.deleted_at.is_(None))
        )
        .outerjoin(g, and_(g.id == gm.group_id, g.deleted_at.is_(None)))
        .outerjoin(p, and_(p.id == g.business_problem_id, p.deleted_at.is_(None)))
        .outerjoin(c, and_(c.id == p.company_id, c.deleted_at.is_(None)))
        .outerjoin(i, and_(i.id == g.lead_instructor_id, i.deleted_at.is_(None)))
        .where(e.cohort_id == cohort_id, e.deleted_at.is_(None))
        .order_by(s.last_name, s.first_name, s.id)
    ).all()
    completions = []
    others = 0
    for row in rows:
        enrolment_id, status, student_id, first, last, email, group = row[:7]
        company, problem, skills, lead_first, lead_last = row[7:]
        if status != EnrolmentStatus.COMPLETED:
            others += 1
            continue
        completions.append(
            Completion(
                enrolment_id=str(enrolment_id),
                student_id=str(student_id),
                first_name=first,
                last_name=last,
                email=email,
                group=group,
                company=company,
                problem=problem,
                skills=skills_of(skills),
                lead_instructor=_person(lead_first, lead_last),
                hours_attended=_hours(progress.get(str(student_id))),
            )
        )
    settings = settings_in(session)
    return CohortCompletions(
        cohort_id=str(cohort.id),
        cohort=cohort.name,
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        organisation=settings.organisation_name,
        logo=settings.logo,
        completions=tuple(completions),
        others=others,
    )


def _hours(progress: StudentProgress | None) -> float | None:
    return progress.hours_attended if progress is not None else None
