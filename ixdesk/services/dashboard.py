"""The figures on the dashboard: a handful of aggregate queries, read in one transaction.

Each figure is what a coordinator checks first thing in the morning: how
many cohorts are in each state, how full the running cohorts are, which
groups of current cohorts still lack a business problem or a lead
instructor, whose safeguarding check runs out soon (or already has), and how
the partner company pipeline looks. Counts are done by the database (GROUP
BY, correlated counts), never by loading rows, so a database of 100,000
students answers in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import (
    CohortStatus,
    CompanyStatus,
    EnrolmentStatus,
    InstructorStatus,
    SafeguardingStatus,
)
from ixdesk.services.attention import ATTENTION_STATUSES
from ixdesk.services.folding import fold
from ixdesk.services.reads import reads

EXPIRY_HORIZON_DAYS = 60
# Cohorts whose groups still need a business problem and a lead instructor: the
# cohorts the "needs attention" list covers.
CURRENT_COHORTS = ATTENTION_STATUSES

# Why an active instructor's safeguarding check is listed.
EXPIRING = "expiring"  # cleared, runs out within the horizon
EXPIRED = "expired"  # marked expired, or the expiry date has passed
NOT_CLEARED = "not_cleared"  # not started or pending
NO_EXPIRY_DATE = "no_expiry_date"  # cleared, but no expiry date recorded
_LAPSED_ORDER = {EXPIRED: 0, NOT_CLEARED: 1, NO_EXPIRY_DATE: 2}


@dataclass(frozen=True)
class CohortFill:
    """A running cohort's enrolled students against its capacity."""

    cohort_id: str
    name: str
    enrolled: int
    capacity: int | None

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.enrolled > self.capacity


@dataclass(frozen=True)
class SafeguardingCheck:
    """An active instructor whose safeguarding check needs attention."""

    instructor_id: str
    name: str
    email: str | None
    status: str  # a SafeguardingStatus value
    expires_on: date | None
    situation: str  # EXPIRING, EXPIRED, NOT_CLEARED or NO_EXPIRY_DATE


@dataclass(frozen=True)
class DashboardFigures:
    today: date
    cohorts_by_status: dict[str, int]  # every CohortStatus value, in life-cycle order
    enrolment: tuple[CohortFill, ...]  # running cohorts, fullest first
    groups_without_problem: tuple[str, ...]  # group ids, in current cohorts
    groups_without_lead: tuple[str, ...]
    safeguarding_expiring: tuple[SafeguardingCheck, ...]  # soonest first
    safeguarding_lapsed: tuple[SafeguardingCheck, ...]  # expired, not cleared, no date
    companies_by_status: dict[str, int]  # every CompanyStatus value: prospect, active, past

    @property
    def horizon(self) -> date:
        return self.today + timedelta(days=EXPIRY_HORIZON_DAYS)

    @property
    def total_cohorts(self) -> int:
        return sum(self.cohorts_by_status.values())

    @property
    def total_companies(self) -> int:
        return sum(self.companies_by_status.values())


@reads(
    "cohorts",
    "enrolments",
    "student_groups",
    "business_problems",
    "partner_companies",
    "instructors",
)
def dashboard_figures(database: Database, today: date | None = None) -> DashboardFigures:
    """Every dashboard figure, read in one transaction so they agree with each other."""
    today = today or date.today()
    with database.read() as session:
        cohorts = _by_status(session, m.Cohort, CohortStatus)
        companies = _by_status(session, m.PartnerCompany, CompanyStatus)
        enrolment = _running_enrolment(session)
        without_problem, without_lead = _groups_missing(session)
        expiring, lapsed = _safeguarding(session, today)
    return DashboardFigures(
        today=today,
        cohorts_by_status=cohorts,
        enrolment=enrolment,
        groups_without_problem=without_problem,
        groups_without_lead=without_lead,
        safeguarding_expiring=expiring,
        safeguarding_lapsed=lapsed,
        companies_by_status=companies,
    )


def _by_status(session: Session, model: Any, statuses: Any) -> dict[str, int]:
    table = model.__table__
    rows = session.execute(
        select(table.c.status, func.count())
        .where(table.c.deleted_at.is_(None))
        .group_by(table.c.status)
    )
    found = {str(getattr(status, "value", status)): int(count) for status, count in rows}
    return {member.value: found.get(member.value, 0) for member in statuses}


def _running_enrolment(session: Session) -> tuple[CohortFill, ...]:
    # One grouped count of all enrolments joined to the running cohorts, rather than a
    # count per cohort (or of running cohorts only): PostgreSQL plans those badly until
    # it has statistics (just after a large import), 50-100 times slower; this one is
    # quick either way.
    c, e = m.Cohort, m.Enrolment
    running = (c.deleted_at.is_(None), c.status == CohortStatus.RUNNING)
    enrolled = (
        select(e.cohort_id, func.count().label("enrolled"))
        .where(e.status == EnrolmentStatus.ENROLLED, e.deleted_at.is_(None))
        .group_by(e.cohort_id)
        .subquery()
    )
    rows = session.execute(
        select(c.id, c.name, func.coalesce(enrolled.c.enrolled, 0), c.capacity)
        .outerjoin(enrolled, enrolled.c.cohort_id == c.id)
        .where(*running)
    )
    fills = [
        CohortFill(str(id_), name, int(count), capacity) for id_, name, count, capacity in rows
    ]
    fills.sort(key=lambda fill: (-_fill_ratio(fill), fold(fill.name)))
    return tuple(fills)


def _fill_ratio(fill: CohortFill) -> float:
    if not fill.capacity:
        return 0.0
    return fill.enrolled / fill.capacity


def _groups_missing(session: Session) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Live groups of current cohorts with no live business problem / lead instructor."""
    g, c = m.StudentGroup, m.Cohort
    problem, lead = aliased(m.BusinessProblem), aliased(m.Instructor)
    rows = session.execute(
        select(g.id, problem.id.is_(None), lead.id.is_(None))
        .join(c, c.id == g.cohort_id)
        .outerjoin(problem, (problem.id == g.business_problem_id) & problem.deleted_at.is_(None))
        .outerjoin(lead, (lead.id == g.lead_instructor_id) & lead.deleted_at.is_(None))
        .where(
            g.deleted_at.is_(None),
            c.deleted_at.is_(None),
            c.status.in_(CURRENT_COHORTS),
            problem.id.is_(None) | lead.id.is_(None),
        )
    )
    without_problem: list[str] = []
    without_lead: list[str] = []
    for group_id, no_problem, no_lead in rows:
        if no_problem:
            without_problem.append(str(group_id))
        if no_lead:
            without_lead.append(str(group_id))
    return tuple(sorted(without_problem)), tuple(sorted(without_lead))


def _safeguarding(
    session: Session, today: date
) -> tuple[tuple[SafeguardingCheck, ...], tuple[SafeguardingCheck, ...]]:
    """Active instructors whose check runs out within the horizon, or already has."""
    i = m.Instructor
    horizon = today + timedelta(days=EXPIRY_HORIZON_DAYS)
    cleared = SafeguardingStatus.CLEARED
    rows = session.execute(
        select(
            i.id,
            i.first_name,
            i.last_name,
            i.preferred_name,
            i.email,
            i.safeguarding_status,
            i.safeguarding_expires_on,
        ).where(
            i.deleted_at.is_(None),
            i.status == InstructorStatus.ACTIVE,
            (i.safeguarding_status != cleared)
            | i.safeguarding_expires_on.is_(None)
            | (i.safeguarding_expires_on <= horizon),
        )
    )
    expiring: list[SafeguardingCheck] = []
    lapsed: list[SafeguardingCheck] = []
    for id_, first, last, preferred, email, stored_status, expires in rows:
        status = str(getattr(stored_status, "value", stored_status))
        situation = _situation(status, expires, today)
        name = " ".join(
            part.strip() for part in (preferred or first, last) if part and part.strip()
        )
        check = SafeguardingCheck(str(id_), name, email, status, expires, situation)
        (expiring if situation == EXPIRING else lapsed).append(check)
    expiring.sort(key=lambda check: (check.expires_on or today, fold(check.name)))
    lapsed.sort(
        key=lambda check: (
            _LAPSED_ORDER[check.situation],
            check.expires_on or date.max,
            fold(check.name),
        )
    )
    return tuple(expiring), tuple(lapsed)


def _situation(status: str, expires: date | None, today: date) -> str:
    if status == SafeguardingStatus.EXPIRED:
        return EXPIRED
    if status != SafeguardingStatus.CLEARED:
        return NOT_CLEARED
    if expires is None:
        return NO_EXPIRY_DATE
    return EXPIRED if expires < today else EXPIRING
