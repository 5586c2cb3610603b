"""What the group builder shows, read as plain rows: a handful of queries, no N+1.

``builder_data`` reads one cohort whole (its enrolled students not yet in a
group, and its groups with their members); ``builder_update`` reads only the
students and groups a change named, so a view can bring itself up to date
after a move without reading 2,000 students again. A membership in a deleted
group counts as no group at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, aliased

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import ConsentPurpose, EnrolmentStatus
from ixdesk.db.statements import AnySelect
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.folding import fold
from ixdesk.services.privacy.consent import cohort_gaps
from ixdesk.services.read.common import person, sort_key
from ixdesk.services.reads import reads
from ixdesk.services.tables import canonical_id

ENROLLED = EnrolmentStatus.ENROLLED.value


@dataclass(frozen=True, slots=True)
class StudentRow:
    """A student as the builder lists them; ``status`` is their enrolment in the cohort."""

    id: str
    first_name: str
    last_name: str
    preferred_name: str | None
    email: str | None
    school: str | None
    grade: int | None
    track_interest_id: str | None
    track_interest: str | None
    status: str | None = ENROLLED
    locked: bool = False  # locked in their group: a match leaves them there
    consent: str | None = None  # a minor's consent to take part: "missing", "withdrawn"

    @property
    def name(self) -> str:
        return person(self.first_name, self.last_name, self.preferred_name)

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (fold(self.last_name), fold(self.first_name), self.id)


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A group with what its header shows; ``members`` sorted by name."""

    id: str
    name: str
    status: str
    meeting_slot: str | None
    business_problem_id: str | None
    business_problem: str | None
    partner_company: str | None
    lead_instructor_id: str | None
    lead_instructor: str | None
    members: tuple[StudentRow, ...] = ()
    locked: bool = False  # a match keeps its members and business problem


@dataclass(frozen=True)
class CohortInfo:
    id: str
    name: str
    track_id: str | None
    track: str | None
    group_size: int | None
    status: str
    audience: str = "high_school"


@dataclass
class BuilderData:
    cohort: CohortInfo
    unassigned: list[StudentRow] = field(default_factory=list)
    groups: list[GroupRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one student is now: a group id, or None for "not in a group"."""

    student: StudentRow
    group_id: str | None


@dataclass
class BuilderUpdate:
    """The present state of the students and groups a change named.

    ``students``: the named students still enrolled or in a live group of the
    cohort; ``groups``: headers (without members) of the named groups still
    live in it; ``gone``: every other id named (students who left the builder,
    deleted groups, and ids of other records, which a view simply ignores).
    """

    students: list[Placement]
    groups: list[GroupRow]
    gone: set[str]


def fits_size(count: int, group_size: int | None) -> bool:
    """Within one of the cohort's group size (any size fits when none is set)."""
    return group_size is None or abs(count - group_size) <= 1


def group_warnings(group: GroupRow, count: int, group_size: int | None) -> list[str]:
    """Sentences for what the group still needs; empty when all is well."""
    warnings = []
    if not fits_size(count, group_size):
        noun = "member" if count == 1 else "members"
        warnings.append(
            f"{count} {noun}: groups of this cohort have {group_size} "
            f"({max(group_size or 0, 1) - 1}–{(group_size or 0) + 1} fits)."
        )
    if group.business_problem_id is None:
        warnings.append("No business problem yet.")
    if group.lead_instructor_id is None:
        warnings.append("No lead instructor yet.")
    return warnings


# --- queries -----------------------------------------------------------------------------
def _student_columns() -> tuple[Any, ...]:
    s, track = m.Student, m.Track
    return (
        s.id,
        s.first_name,
        s.last_name,
        s.preferred_name,
        s.email,
        s.school,
        s.grade,
        s.track_interest_id,
        track.name,
    )


def _student(row: Any, status: Any, locked: bool = False, consent: str | None = None) -> StudentRow:
    return StudentRow(
        canonical_id(row[0]),
        row[1] or "",
        row[2] or "",
        row[3],
        row[4],
        row[5],
        row[6],
        canonical_id(row[7]) if row[7] is not None else None,
        row[8],
        None if status is None else str(getattr(status, "value", status)),
        bool(locked),
        consent,
    )


def _in_live_group(cohort_id: str) -> Any:
    """EXISTS: the outer student has a live membership in a live group of the cohort."""
    ms, g = m.GroupMembership, m.StudentGroup
    return exists().where(
        ms.student_id == m.Student.id,
        ms.cohort_id == cohort_id,
        ms.deleted_at.is_(None),
        g.id == ms.group_id,
        g.deleted_at.is_(None),
    )


def _members_query(cohort_id: str) -> AnySelect:
    """(group id, student columns..., enrolment status, locked) of every member of a live
    group."""
    ms, g, s, e = m.GroupMembership, m.StudentGroup, m.Student, m.Enrolment
    return (
        select(ms.group_id, *_student_columns(), e.status, ms.locked)
        .join(g, and_(g.id == ms.group_id, g.deleted_at.is_(None)))
        .join(s, and_(s.id == ms.student_id, s.deleted_at.is_(None)))
        .outerjoin(m.Track, m.Track.id == s.track_interest_id)
        .outerjoin(
            e,
            and_(e.student_id == s.id, e.cohort_id == cohort_id, e.deleted_at.is_(None)),
        )
        .where(ms.cohort_id == cohort_id, ms.deleted_at.is_(None))
    )


def _unassigned_query(cohort_id: str) -> AnySelect:
    """Students enrolled in the cohort and in none of its live groups."""
    e, s = m.Enrolment, m.Student
    return (
        select(*_student_columns())
        .select_from(e)
        .join(s, and_(s.id == e.student_id, s.deleted_at.is_(None)))
        .outerjoin(m.Track, m.Track.id == s.track_interest_id)
        .where(
            e.cohort_id == cohort_id,
            e.status == ENROLLED,
            e.deleted_at.is_(None),
            ~_in_live_group(cohort_id),
        )
    )


def _groups_query(cohort_id: str) -> AnySelect:
    g, problem, company = m.StudentGroup, m.BusinessProblem, m.PartnerCompany
    lead = aliased(m.Instructor)
    return (
        select(
            g.id,
            g.name,
            g.status,
            g.meeting_slot,
            g.business_problem_id,
            problem.title,
            company.name,
            g.lead_instructor_id,
            lead.first_name,
            lead.last_name,
            lead.preferred_name,
            g.locked,
        )
        .outerjoin(problem, problem.id == g.business_problem_id)
        .outerjoin(company, company.id == problem.company_id)
        .outerjoin(lead, lead.id == g.lead_instructor_id)
        .where(g.cohort_id == cohort_id, g.deleted_at.is_(None))
    )


def _group(row: Any, members: tuple[StudentRow, ...] = ()) -> GroupRow:
    lead = person(row[8], row[9], row[10]) if row[7] is not None else None
    return GroupRow(
        canonical_id(row[0]),
        row[1],
        str(getattr(row[2], "value", row[2])),
        row[3],
        canonical_id(row[4]) if row[4] is not None else None,
        row[5],
        row[6],
        canonical_id(row[7]) if row[7] is not None else None,
        lead or None,
        members,
        bool(row[11]),
    )


def cohort_info(session: Session, cohort_id: str) -> CohortInfo:
    c, track = m.Cohort, m.Track
    row = session.execute(
        select(c.id, c.name, c.track_id, track.name, c.group_size, c.status, c.audience)
        .outerjoin(track, track.id == c.track_id)
        .where(c.id == cohort_id, c.deleted_at.is_(None))
    ).first()
    if row is None:
        raise RecordNotFoundError("This cohort no longer exists; it may have been deleted.")
    return CohortInfo(
        canonical_id(row[0]),
        row[1],
        canonical_id(row[2]) if row[2] is not None else None,
        row[3],
        row[4],
        str(getattr(row[5], "value", row[5])),
        str(getattr(row[6], "value", row[6])),
    )


# What the builder's rows are read from: students, their groups, and the names shown.
BUILDER_TABLES = (
    "cohorts", "tracks", "enrolments", "students", "student_groups", "group_memberships",
    "business_problems", "partner_companies", "instructors", "consents",
)  # fmt: skip


@reads(*BUILDER_TABLES)
def builder_data(database: Database, cohort_id: str) -> BuilderData:
    """The cohort, its enrolled students not in a group, and its groups with members."""
    with database.read() as session:
        cohort = cohort_info(session, cohort_id)
        member_rows = session.execute(_members_query(cohort_id)).all()
        loose = session.execute(_unassigned_query(cohort_id)).all()
        gaps = _gaps(session, cohort_id, [row[1] for row in member_rows], [row[0] for row in loose])
        members: dict[str, list[StudentRow]] = {}
        for row in member_rows:
            student = _student(row[1:], row[-2], row[-1], gaps.get(row[1]))
            members.setdefault(canonical_id(row[0]), []).append(student)
        unassigned = [_student(row, ENROLLED, consent=gaps.get(row[0])) for row in loose]
        groups = [
            _group(row, tuple(sorted(members.get(canonical_id(row[0]), ()), key=_by_name)))
            for row in session.execute(_groups_query(cohort_id))
        ]
    unassigned.sort(key=_by_name)
    groups.sort(key=lambda group: sort_key(group.name))
    return BuilderData(cohort, unassigned, groups)


@reads(*BUILDER_TABLES)
def builder_update(database: Database, cohort_id: str, ids: Collection[str]) -> BuilderUpdate:
    """Where the named students are now, and the named groups' headers (any id may be named)."""
    wanted = list(ids)
    with database.read() as session:
        placed: dict[str, Placement] = {}
        member_rows = session.execute(
            _members_query(cohort_id).where(m.GroupMembership.student_id.in_(wanted))
        ).all()
        loose = session.execute(_unassigned_query(cohort_id).where(m.Student.id.in_(wanted))).all()
        gaps = _gaps(session, cohort_id, [row[1] for row in member_rows], [row[0] for row in loose])
        for row in member_rows:
            student = _student(row[1:], row[-2], row[-1], gaps.get(row[1]))
            placed[student.id] = Placement(student, canonical_id(row[0]))
        for row in loose:
            student = _student(row, ENROLLED, consent=gaps.get(row[0]))
            placed.setdefault(student.id, Placement(student, None))
        groups = [
            _group(row)
            for row in session.execute(
                _groups_query(cohort_id).where(m.StudentGroup.id.in_(wanted))
            )
        ]
    live_groups = {group.id for group in groups}
    gone = {canonical_id(each) for each in wanted} - set(placed) - live_groups
    return BuilderUpdate(list(placed.values()), groups, gone)


def _gaps(session: Session, cohort_id: str, *ids: list[Any]) -> dict[Any, str]:
    """The students' consents to take part, for those under 18 without a valid one."""
    return cohort_gaps(session, cohort_id, itertools.chain(*ids), ConsentPurpose.PARTICIPATION)


def _by_name(student: StudentRow) -> tuple[str, str, str]:
    return student.sort_key
