"""Changing what a match reads: a student's ranked choices, pairs, locks and "groups at most".

Each change is one transaction through ``run_operation`` and returns what
its undo needs. :func:`set_choices` is what the event kiosk and the window's
student card call to record a student's ranking for a cohort.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, insert, select, update

from ixdesk.db import models as m
from ixdesk.db.base import new_id, utcnow
from ixdesk.db.engine import Database
from ixdesk.db.enums import PairKind
from ixdesk.errors import ValidationError
from ixdesk.services.operations import ChangeHub, OperationContext, live_record, run_operation
from ixdesk.services.reads import reads
from ixdesk.services.tables import canonical_id

PREFERENCES = "problem_preferences"


@dataclass(frozen=True)
class CohortChoices:
    """A student's ranking for one cohort, first choice first: (problem id, title, company)."""

    cohort_id: str
    cohort: str
    problems: tuple[tuple[str, str, str | None], ...]


def replace_choices(
    context: OperationContext, cohort_id: str, student_id: str, problem_ids: Sequence[str]
) -> list[str]:
    """The work of :func:`set_choices` inside an open transaction; returns the old ranking."""
    wanted = [canonical_id(each) for each in problem_ids]
    if len(set(wanted)) != len(wanted):
        raise ValidationError("A business problem can be ranked only once; remove the repeat.")
    pp, p = m.ProblemPreference, m.BusinessProblem
    session = context.session
    live = [
        canonical_id(each)
        for each in session.scalars(
            select(p.id).where(p.id.in_(wanted), p.deleted_at.is_(None))
        )
    ] if wanted else []  # fmt: skip
    if len(live) != len(wanted):
        raise ValidationError(
            "One of the chosen business problems was deleted meanwhile; choose again."
        )
    rows = session.execute(
        select(pp.id, pp.business_problem_id)
        .where(pp.student_id == student_id, pp.cohort_id == cohort_id, pp.deleted_at.is_(None))
        .order_by(pp.rank)
    ).all()
    before = [canonical_id(row[1]) for row in rows]
    if before == wanted:
        return before
    now = utcnow()
    if rows:
        ids = [row[0] for row in rows]
        session.execute(
            update(pp)
            .where(pp.id.in_(ids))
            .values(deleted_at=now, updated_at=now, version=pp.version + 1)
        )
        context.changed([PREFERENCES], [canonical_id(each) for each in ids])
    new: list[dict[str, Any]] = [
        {"id": new_id(), "student_id": student_id, "cohort_id": cohort_id,
         "business_problem_id": problem_id, "rank": rank,
         "created_at": now, "updated_at": now, "version": 1}
        for rank, problem_id in enumerate(wanted, start=1)
    ]  # fmt: skip
    if new:
        session.execute(insert(pp.__table__), new)
        context.changed([PREFERENCES], [row["id"] for row in new])
    context.changed([PREFERENCES], [student_id])
    return before


def set_choices(
    database: Database,
    cohort_id: str,
    student_id: str,
    problem_ids: Sequence[str],
    *,
    hub: ChangeHub | None = None,
) -> list[str]:
    """Record a student's ranking of business problems for a cohort, first choice first.

    Replaces the ranking they had for that cohort (an empty list clears it) and
    returns it, so calling again with it undoes the change.
    """

    def work(context: OperationContext) -> list[str]:
        live_record(context.session, m.Student, student_id, None)
        live_record(context.session, m.Cohort, cohort_id, None)
        return replace_choices(context, cohort_id, student_id, problem_ids)

    return run_operation(database, work, hub=hub)


@reads(PREFERENCES, "cohorts", "enrolments", "business_problems", "partner_companies")
def student_choices(database: Database, student_id: str) -> list[CohortChoices]:
    """The student's ranking in each cohort they are enrolled in (empty rankings too)."""
    e, c, pp, p = m.Enrolment, m.Cohort, m.ProblemPreference, m.BusinessProblem
    company = m.PartnerCompany
    with database.read() as session:
        cohorts = session.execute(
            select(c.id, c.name)
            .join(e, and_(e.cohort_id == c.id, e.deleted_at.is_(None)))
            .where(e.student_id == student_id, c.deleted_at.is_(None))
            .order_by(c.starts_on.desc(), c.name)
        ).all()
        ranked = session.execute(
            select(pp.cohort_id, p.id, p.title, company.name)
            .join(p, and_(p.id == pp.business_problem_id, p.deleted_at.is_(None)))
            .outerjoin(company, company.id == p.company_id)
            .where(pp.student_id == student_id, pp.deleted_at.is_(None))
            .order_by(pp.rank)
        ).all()
    found: dict[str, list[tuple[str, str, str | None]]] = {}
    for cohort_id, problem_id, title, company_name in ranked:
        found.setdefault(canonical_id(cohort_id), []).append(
            (canonical_id(problem_id), title, company_name)
        )
    return [
        CohortChoices(canonical_id(cid), name, tuple(found.get(canonical_id(cid), [])))
        for cid, name in cohorts
    ]


@reads("business_problems", "partner_companies")
def problem_titles(database: Database) -> list[tuple[str, str, str | None]]:
    """Every live business problem: (id, title, company), by title."""
    p, company = m.BusinessProblem, m.PartnerCompany
    with database.read() as session:
        rows = session.execute(
            select(p.id, p.title, company.name)
            .outerjoin(company, company.id == p.company_id)
            .where(p.deleted_at.is_(None))
        ).all()
    return sorted(
        ((canonical_id(a), b, c) for a, b, c in rows), key=lambda row: (row[1].casefold(), row[0])
    )


# --- pairs ------------------------------------------------------------------------------
def _ordered(first: str, second: str) -> tuple[str, str]:
    a, b = canonical_id(first), canonical_id(second)
    if a == b:
        raise ValidationError("Choose two different students for a pair.")
    return (a, b) if a < b else (b, a)


def set_pair(
    database: Database,
    cohort_id: str,
    first: str,
    second: str,
    kind: str | None,
    *,
    hub: ChangeHub | None = None,
) -> str | None:
    """Keep two students together or apart ("together", "apart"; None: neither).

    Returns what the pair was before, for undo.
    """
    a, b = _ordered(first, second)
    if kind is not None:
        kind = PairKind(kind).value

    def work(context: OperationContext) -> str | None:
        sp = m.StudentPair
        session = context.session
        row = session.execute(
            select(sp.id, sp.kind).where(
                sp.cohort_id == cohort_id,
                sp.student_id == a,
                sp.other_student_id == b,
                sp.deleted_at.is_(None),
            )
        ).first()
        before = None if row is None else str(getattr(row[1], "value", row[1]))
        if before == kind:
            return before
        now = utcnow()
        if row is not None:
            session.execute(
                update(sp)
                .where(sp.id == row[0])
                .values(deleted_at=now, updated_at=now, version=sp.version + 1)
            )
            context.changed(["student_pairs"], [canonical_id(row[0])])
        if kind is not None:
            for student_id in (a, b):
                live_record(session, m.Student, student_id, None)
            values: dict[str, Any] = {
                "id": new_id(), "cohort_id": cohort_id, "student_id": a, "other_student_id": b,
                "kind": kind, "created_at": now, "updated_at": now, "version": 1,
            }  # fmt: skip
            session.execute(insert(sp.__table__), [values])
            context.changed(["student_pairs"], [values["id"]])
        context.changed(["student_pairs"], [a, b])
        return before

    return run_operation(database, work, hub=hub)


# --- locks and groups at most -------------------------------------------------------------
def set_locks(
    database: Database,
    cohort_id: str,
    *,
    groups: Sequence[str] = (),
    students: Sequence[str] = (),
    locked: bool,
    hub: ChangeHub | None = None,
) -> tuple[list[str], list[str]]:
    """Lock (or unlock) groups and students in their groups; returns those that changed."""

    def work(context: OperationContext) -> tuple[list[str], list[str]]:
        g, ms = m.StudentGroup, m.GroupMembership
        session, now = context.session, utcnow()
        changed_groups = [
            canonical_id(each)
            for each in session.scalars(
                select(g.id).where(
                    g.id.in_(list(groups)), g.cohort_id == cohort_id, g.deleted_at.is_(None),
                    g.locked.is_(not locked),
                )
            )
        ] if groups else []  # fmt: skip
        if changed_groups:
            session.execute(
                update(g)
                .where(g.id.in_(changed_groups))
                .values(locked=locked, updated_at=now, version=g.version + 1)
            )
            context.changed(["student_groups"], changed_groups)
        rows = session.execute(
            select(ms.id, ms.student_id).where(
                ms.student_id.in_(list(students)), ms.cohort_id == cohort_id,
                ms.deleted_at.is_(None), ms.locked.is_(not locked),
            )
        ).all() if students else []  # fmt: skip
        if students and len(rows) + _count_locked(context, cohort_id, students, locked) < len(
            set(students)
        ):
            raise ValidationError("Only students in a group can be locked in it.")
        if rows:
            session.execute(
                update(ms)
                .where(ms.id.in_([row[0] for row in rows]))
                .values(locked=locked, updated_at=now, version=ms.version + 1)
            )
            context.changed(["group_memberships"], [canonical_id(row[0]) for row in rows])
            context.changed(["group_memberships"], [canonical_id(row[1]) for row in rows])
        return changed_groups, [canonical_id(row[1]) for row in rows]

    return run_operation(database, work, hub=hub)


def _count_locked(
    context: OperationContext, cohort_id: str, students: Sequence[str], locked: bool
) -> int:
    """How many of these students' memberships are already as asked."""
    ms = m.GroupMembership
    return len(
        context.session.scalars(
            select(ms.id).where(
                ms.student_id.in_(list(students)), ms.cohort_id == cohort_id,
                ms.deleted_at.is_(None), ms.locked.is_(locked),
            )
        ).all()
    )  # fmt: skip


def set_max_groups(
    database: Database, problem_id: str, most: int | None, *, hub: ChangeHub | None = None
) -> int | None:
    """How many groups of one cohort may work on the problem (None: any); returns the old."""
    if most is not None and most < 0:
        raise ValidationError("“Groups at most” is a number of groups: 0 or more, or empty.")

    def work(context: OperationContext) -> int | None:
        problem = live_record(context.session, m.BusinessProblem, problem_id, None)
        before = problem.max_groups
        problem.max_groups = most
        context.session.flush()
        return before

    return run_operation(database, work, hub=hub)
