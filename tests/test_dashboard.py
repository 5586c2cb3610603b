"""Dashboard figures equal what a direct count of the database says, on both backends."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.enums import (
    CohortStatus,
    CompanyStatus,
    EnrolmentStatus,
    InstructorStatus,
    SafeguardingStatus,
)
from ixdesk.services.dashboard import (
    CURRENT_COHORTS,
    EXPIRED,
    EXPIRING,
    NO_EXPIRY_DATE,
    NOT_CLEARED,
    dashboard_figures,
)
from ixdesk.services.demo import generate_demo

TODAY = date(2026, 5, 12)
CLEARED, EXPIRED_STATUS = SafeguardingStatus.CLEARED, SafeguardingStatus.EXPIRED
ACTIVE = InstructorStatus.ACTIVE


def _add(session: Any, model: type[Any], deleted: bool = False, **values: Any) -> Any:
    record = model(**values)
    if deleted:
        record.deleted_at = utcnow()
    session.add(record)
    session.flush()
    return record


def _instructor(session: Any, last: str, status: Any, check: Any, days: int | None, **kw: Any):
    expires = TODAY + timedelta(days=days) if days is not None else None
    return _add(
        session,
        m.Instructor,
        first_name="Ada",
        last_name=last,
        status=status,
        safeguarding_status=check,
        safeguarding_expires_on=expires,
        **kw,
    )


def _hand_made(database: Database) -> dict[str, Any]:
    """A small database where every figure, and every way to be left out, is known."""
    ids: dict[str, Any] = {}
    with database.write() as s:
        for name, status, deleted in (
            ("Prospect One", CompanyStatus.PROSPECT, False),
            ("Prospect Two", CompanyStatus.PROSPECT, False),
            ("Active One", CompanyStatus.ACTIVE, False),
            ("Past One", CompanyStatus.PAST, False),
            ("Gone Active", CompanyStatus.ACTIVE, True),
        ):
            company = _add(s, m.PartnerCompany, deleted, name=name, status=status)
        problem = _add(s, m.BusinessProblem, company_id=company.id, title="Churn")
        gone_problem = _add(s, m.BusinessProblem, True, company_id=company.id, title="Old")
        lead = _instructor(s, "Lead", ACTIVE, CLEARED, 400)
        gone_lead = _instructor(s, "Gone", ACTIVE, CLEARED, 400, deleted_at=utcnow())
        ids["soon"] = _instructor(s, "Soon", ACTIVE, CLEARED, 10).id
        ids["edge"] = _instructor(s, "Edge", ACTIVE, CLEARED, 60).id
        _instructor(s, "Later", ACTIVE, CLEARED, 61)
        ids["lapsed_date"] = _instructor(s, "Lapsed", ACTIVE, CLEARED, -1).id
        ids["marked"] = _instructor(s, "Marked", ACTIVE, EXPIRED_STATUS, None).id
        ids["pending"] = _instructor(s, "Pending", ACTIVE, SafeguardingStatus.PENDING, None).id
        ids["undated"] = _instructor(s, "Undated", ACTIVE, CLEARED, None).id
        _instructor(s, "Resting", InstructorStatus.INACTIVE, CLEARED, 5)
        _instructor(s, "Invited", InstructorStatus.INVITED, SafeguardingStatus.NOT_STARTED, None)
        _instructor(s, "Deleted", ACTIVE, SafeguardingStatus.PENDING, None, deleted_at=utcnow())

        def cohort(name: str, status: CohortStatus, capacity: int | None, deleted: bool = False):
            return _add(s, m.Cohort, deleted, name=name, status=status, capacity=capacity)

        full = cohort("Full", CohortStatus.RUNNING, 3)
        over = cohort("Over", CohortStatus.RUNNING, 1)
        planning = cohort("Planning", CohortStatus.PLANNING, 20)
        done = cohort("Done", CohortStatus.COMPLETED, 20)
        cohort("Gone", CohortStatus.RUNNING, 5, deleted=True)
        ids.update(full=full.id, over=over.id)
        students = [
            _add(s, m.Student, first_name="S", last_name=str(number)) for number in range(6)
        ]
        for student, target, status, deleted in (
            (students[0], full, EnrolmentStatus.ENROLLED, False),
            (students[1], full, EnrolmentStatus.ENROLLED, False),
            (students[2], full, EnrolmentStatus.WAITLISTED, False),
            (students[3], full, EnrolmentStatus.ENROLLED, True),
            (students[4], over, EnrolmentStatus.ENROLLED, False),
            (students[5], over, EnrolmentStatus.ENROLLED, False),
        ):
            _add(s, m.Enrolment, deleted, student_id=student.id, cohort_id=target.id, status=status)

        def group(name: str, where: Any, problem_id: Any, lead_id: Any, deleted: bool = False):
            values = {"business_problem_id": problem_id, "lead_instructor_id": lead_id}
            return _add(s, m.StudentGroup, deleted, name=name, cohort_id=where.id, **values).id

        group("Complete", full, problem.id, lead.id)
        ids["no_problem"] = group("No problem", full, None, lead.id)
        ids["both_gone"] = group("Both gone", full, gone_problem.id, gone_lead.id)
        ids["planning_empty"] = group("Planning empty", planning, None, None)
        group("Completed empty", done, None, None)
        group("Deleted empty", full, None, None, deleted=True)
    return ids


def test_hand_made_figures(database: Database) -> None:
    ids = _hand_made(database)
    figures = dashboard_figures(database, today=TODAY)
    assert figures.cohorts_by_status == {
        "planning": 1,
        "recruiting": 0,
        "running": 2,
        "completed": 1,
        "archived": 0,
    }
    assert figures.total_cohorts == 4
    assert figures.companies_by_status == {"prospect": 2, "active": 1, "past": 1}
    assert [(f.cohort_id, f.name, f.enrolled, f.capacity) for f in figures.enrolment] == [
        (ids["over"], "Over", 2, 1),  # fullest first
        (ids["full"], "Full", 2, 3),
    ]
    assert [f.over_capacity for f in figures.enrolment] == [True, False]
    assert set(figures.groups_without_problem) == {
        ids["no_problem"],
        ids["both_gone"],
        ids["planning_empty"],
    }
    assert set(figures.groups_without_lead) == {ids["both_gone"], ids["planning_empty"]}
    expiring = [(c.instructor_id, c.situation) for c in figures.safeguarding_expiring]
    assert expiring == [(ids["soon"], EXPIRING), (ids["edge"], EXPIRING)]
    lapsed = [(c.instructor_id, c.situation) for c in figures.safeguarding_lapsed]
    assert lapsed == [
        (ids["lapsed_date"], EXPIRED),
        (ids["marked"], EXPIRED),
        (ids["pending"], NOT_CLEARED),
        (ids["undated"], NO_EXPIRY_DATE),
    ]
    assert figures.safeguarding_expiring[0].name == "Ada Soon"
    assert figures.horizon == TODAY + timedelta(days=60)


def test_figures_on_demo_data_equal_direct_counts(database: Database) -> None:
    generate_demo(database, students=300, seed=5, today=TODAY)
    figures = dashboard_figures(database, today=TODAY)
    with database.read() as s:
        cohorts = s.scalars(select(m.Cohort).where(m.Cohort.deleted_at.is_(None))).all()
        companies = s.scalars(
            select(m.PartnerCompany).where(m.PartnerCompany.deleted_at.is_(None))
        ).all()
        enrolments = s.scalars(select(m.Enrolment).where(m.Enrolment.deleted_at.is_(None))).all()
        groups = s.scalars(select(m.StudentGroup).where(m.StudentGroup.deleted_at.is_(None))).all()
        problems = set(
            s.scalars(
                select(m.BusinessProblem.id).where(m.BusinessProblem.deleted_at.is_(None))
            ).all()
        )
        instructors = s.scalars(select(m.Instructor).where(m.Instructor.deleted_at.is_(None))).all()
    by_status = Counter(str(c.status.value) for c in cohorts)
    assert figures.cohorts_by_status == {st.value: by_status[st.value] for st in CohortStatus}
    by_company = Counter(str(c.status.value) for c in companies)
    assert figures.companies_by_status == {st.value: by_company[st.value] for st in CompanyStatus}

    enrolled = Counter(e.cohort_id for e in enrolments if e.status == EnrolmentStatus.ENROLLED)
    running = {c.id: c for c in cohorts if c.status == CohortStatus.RUNNING}
    assert {f.cohort_id: (f.enrolled, f.capacity) for f in figures.enrolment} == {
        id_: (enrolled[id_], c.capacity) for id_, c in running.items()
    }
    assert figures.enrolment, "the demo has running cohorts"

    live_leads = {i.id for i in instructors}
    current = {c.id for c in cohorts if c.status in CURRENT_COHORTS}
    in_current = [g for g in groups if g.cohort_id in current]
    no_problem = {g.id for g in in_current if g.business_problem_id not in problems}
    no_lead = {g.id for g in in_current if g.lead_instructor_id not in live_leads}
    assert set(figures.groups_without_problem) == no_problem
    assert set(figures.groups_without_lead) == no_lead
    assert no_problem or no_lead, "the demo leaves some groups without a problem or a lead"

    horizon = TODAY + timedelta(days=60)
    active = [i for i in instructors if i.status == InstructorStatus.ACTIVE]
    soon = {
        i.id
        for i in active
        if i.safeguarding_status == CLEARED
        and i.safeguarding_expires_on is not None
        and TODAY <= i.safeguarding_expires_on <= horizon
    }
    lapsed = {
        i.id
        for i in active
        if i.safeguarding_status != CLEARED
        or i.safeguarding_expires_on is None
        or i.safeguarding_expires_on < TODAY
    }
    assert {c.instructor_id for c in figures.safeguarding_expiring} == soon
    assert {c.instructor_id for c in figures.safeguarding_lapsed} == lapsed
    assert soon and lapsed
