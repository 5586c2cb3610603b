"""Reading what a match needs from the database: a cohort's students, choices, groups and pairs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.services.assignments.rules import cohort_end, is_minor, safeguarding_gap
from ixdesk.services.groups import builder_data
from ixdesk.services.groups.rows import BUILDER_TABLES, ENROLLED
from ixdesk.services.matching.setup import (
    Candidate,
    ExistingGroup,
    MatchSetup,
    Pair,
    ProblemInfo,
    Rule,
)
from ixdesk.services.reads import reads
from ixdesk.services.tables import canonical_id

MATCH_TABLES = (*BUILDER_TABLES, "problem_preferences", "student_pairs")


def _id(value: object) -> str:
    return canonical_id(value)


@reads("problem_preferences", "students", "business_problems")
def cohort_choices(database: Database, cohort_id: str) -> dict[str, dict[str, int]]:
    """Each student's ranked business problems for the cohort: {student: {problem: rank}}."""
    with database.read() as session:
        return _choices(session, cohort_id)


def _choices(session: Session, cohort_id: str) -> dict[str, dict[str, int]]:
    pp, s, p = m.ProblemPreference, m.Student, m.BusinessProblem
    found: dict[str, dict[str, int]] = {}
    rows = session.execute(
        select(pp.student_id, pp.business_problem_id, pp.rank)
        .join(s, and_(s.id == pp.student_id, s.deleted_at.is_(None)))
        .join(p, and_(p.id == pp.business_problem_id, p.deleted_at.is_(None)))
        .where(pp.cohort_id == cohort_id, pp.deleted_at.is_(None))
        .order_by(pp.student_id, pp.rank)
    )
    for student_id, problem_id, _rank in rows:
        ranks = found.setdefault(_id(student_id), {})
        ranks[_id(problem_id)] = len(ranks) + 1  # ranks close up over deleted problems
    return found


@reads(*MATCH_TABLES, "group_assistants")
def load_setup(
    database: Database,
    cohort_id: str,
    size: int,
    *,
    use_leads: bool = False,
    rules: Sequence[Rule] = (),
    today: date | None = None,
) -> MatchSetup:
    """Everything the match needs for one cohort, read in one go."""
    data = builder_data(database, cohort_id)
    today = today or date.today()
    with database.read() as session:
        c = session.get(m.Cohort, cohort_id)
        assert c is not None  # builder_data refused a missing cohort
        start, audience = c.starts_on or today, c.audience
        needed_until = cohort_end(c.ends_on, c.starts_on, today)
        choices = _choices(session, cohort_id)
        everyone = [s for s in data.unassigned] + [s for g in data.groups for s in g.members]
        born = _births(session, [s.id for s in everyone])
        g, i = m.StudentGroup, m.Instructor
        group_rows = session.execute(
            select(g.id, i.safeguarding_status, i.safeguarding_expires_on)
            .outerjoin(i, and_(i.id == g.lead_instructor_id, i.deleted_at.is_(None)))
            .where(g.cohort_id == cohort_id, g.deleted_at.is_(None))
        )
        cleared = {
            _id(row[0]): row[1] is not None
            and safeguarding_gap(row[1], row[2], needed_until) is None
            for row in group_rows
        }
        wanted = {p for ranks in choices.values() for p in ranks}
        wanted |= {gr.business_problem_id for gr in data.groups if gr.business_problem_id}
        problems = _problems(session, wanted)
        pairs = _pairs(session, cohort_id)
    students: list[Candidate] = []
    for row in data.unassigned:
        minor = is_minor(born.get(row.id), start, audience)
        students.append(Candidate(row, choices.get(row.id, {}), minor))
    groups: list[ExistingGroup] = []
    for group in data.groups:
        groups.append(
            ExistingGroup(
                group.id, group.name, group.business_problem_id, group.lead_instructor,
                cleared.get(group.id, False), group.locked,
            )
        )  # fmt: skip
        for row in group.members:
            students.append(
                Candidate(
                    row,
                    choices.get(row.id, {}),
                    is_minor(born.get(row.id), start, audience),
                    group.id,
                    row.locked,
                    row.status == ENROLLED,
                )
            )
    known = {s.id for s in students}
    return MatchSetup(
        data.cohort,
        size,
        tuple(students),
        problems,
        tuple(groups),
        tuple(p for p in pairs if p.first in known and p.second in known),
        tuple(rules),
        use_leads,
    )


def _births(session: Session, ids: list[str]) -> dict[str, date | None]:
    found: dict[str, date | None] = {}
    s = m.Student
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for student_id, born in session.execute(
            select(s.id, s.date_of_birth).where(s.id.in_(chunk))
        ):
            found[_id(student_id)] = born
    return found


def _problems(session: Session, ids: set[str]) -> tuple[ProblemInfo, ...]:
    if not ids:
        return ()
    p, company = m.BusinessProblem, m.PartnerCompany
    rows = session.execute(
        select(p.id, p.title, company.name, p.max_groups)
        .outerjoin(company, company.id == p.company_id)
        .where(p.id.in_(sorted(ids)), p.deleted_at.is_(None))
    )
    found = [ProblemInfo(_id(r[0]), r[1], r[2], r[3]) for r in rows]
    return tuple(sorted(found, key=lambda problem: (problem.title.casefold(), problem.id)))


def _pairs(session: Session, cohort_id: str) -> list[Pair]:
    sp = m.StudentPair
    rows = session.execute(
        select(sp.student_id, sp.other_student_id, sp.kind).where(
            sp.cohort_id == cohort_id, sp.deleted_at.is_(None)
        )
    )
    return [Pair(_id(a), _id(b), str(getattr(k, "value", k)) == "together") for a, b, k in rows]


@reads("student_pairs")
def cohort_pairs(database: Database, cohort_id: str) -> list[Pair]:
    """The cohort's students kept together or apart."""
    with database.read() as session:
        return _pairs(session, cohort_id)
