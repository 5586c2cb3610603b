"""Feedback on the work: the instructor's rubric per student, the company's per group.

The rubric rates each skill the group's business problem practises (its "skills
practised", one per comma, semicolon or line) on a short scale, 1 to 4, and adds a
comment. A cell of the rubric is one skill's rating, or the comment (skill
:data:`COMMENT`). The partner company's feedback is one text per group, with who gave it.

Changes are made cell by cell (:class:`RubricChange`, :class:`CompanyChange`), each
checked to still hold what the person saw, so an undo or an imported workbook never
overwrites what someone else changed meanwhile.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import ChangedElsewhereError, ValidationError
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.read import students as st
from ixdesk.services.read.common import person
from ixdesk.services.reads import reads

COMMENT = ""  # the "skill" of the comment cell
SCALE = {1: "Beginning", 2: "Developing", 3: "Proficient", 4: "Excellent"}
RubricValue = int | str | None
CHANGED = (
    "The feedback was changed elsewhere (another window, another copy of ixdesk or another "
    "coordinator) since you saw it; nothing was saved. Look again and try once more."
)


def skills_of(text: str | None) -> list[str]:
    """The skills a business problem practises, in its order, each once."""
    found: dict[str, str] = {}
    for part in re.split(r"[,;\n]+", text or ""):
        skill = " ".join(part.split())
        if skill and skill.casefold() not in found:
            found[skill.casefold()] = skill
    return list(found.values())


def rating_text(rating: int | None) -> str:
    return f"{rating} · {SCALE[rating]}" if rating in SCALE else ""


def check_rating(value: int | None) -> int | None:
    if value is not None and value not in SCALE:
        raise ValidationError(f"A rating is a whole number from 1 to {max(SCALE)}.")
    return value


@dataclass(frozen=True)
class RubricRow:
    student_id: str
    name: str
    ratings: dict[str, int]
    comment: str | None

    def value(self, skill: str) -> RubricValue:
        return self.comment if skill == COMMENT else self.ratings.get(skill)


@dataclass(frozen=True)
class GroupFeedback:
    """A group's business problem's skills, each member's rubric and the company's words."""

    group_id: str
    group: str
    cohort_id: str
    skills: list[str]
    students: list[RubricRow]
    company_comment: str | None
    company_given_by: str | None


def group_skills(session: Session, group_ids: Sequence[str]) -> dict[str, list[str]]:
    g, p = m.StudentGroup, m.BusinessProblem
    rows = session.execute(
        select(g.id, p.skills)
        .outerjoin(p, (p.id == g.business_problem_id) & p.deleted_at.is_(None))
        .where(g.id.in_(group_ids))
    )
    return {str(group_id): skills_of(text) for group_id, text in rows}


def rubrics(session: Session, group_ids: Sequence[str]) -> dict[tuple[str, str], RubricRow]:
    """The live rubrics of the groups, by (group id, student id)."""
    f = m.StudentFeedback
    rows = session.execute(
        select(f.group_id, f.student_id, f.ratings, f.comment).where(
            f.group_id.in_(group_ids), f.deleted_at.is_(None)
        )
    )
    return {
        (str(g), str(s)): RubricRow(str(s), "", dict(ratings or {}), comment)
        for g, s, ratings, comment in rows
    }


def company_feedback(
    session: Session, group_ids: Sequence[str]
) -> dict[str, tuple[str | None, str]]:
    """The partner company's feedback per group: (who gave it, what they said)."""
    c = m.GroupFeedback
    rows = session.execute(
        select(c.group_id, c.given_by, c.comment).where(
            c.group_id.in_(group_ids), c.deleted_at.is_(None)
        )
    )
    return {str(group_id): (given_by, comment) for group_id, given_by, comment in rows}


@reads("student_groups", "business_problems", "group_memberships", "students", "enrolments",
       "student_feedback", "group_feedback")  # fmt: skip
def group_feedback(database: Database, group_id: str) -> GroupFeedback:
    """One group's feedback: its members' rubrics (empty ones too) and the company's."""
    with database.read() as session:
        group = session.get(m.StudentGroup, group_id)
        if group is None:
            raise ValidationError("The group no longer exists.")
        skills = group_skills(session, [group_id]).get(group_id, [])
        members = st.members(
            session, [group_id], ("last_name", "first_name", "preferred_name", "id")
        )
        found = rubrics(session, [group_id])
        given_by, comment = company_feedback(session, [group_id]).get(group_id, (None, None))
        students = []
        for last, first, preferred, student_id in members[group_id]:
            own = found.get((group_id, str(student_id)))
            students.append(
                RubricRow(str(student_id), person(first, last, preferred),
                          own.ratings if own else {}, own.comment if own else None)
            )  # fmt: skip
        return GroupFeedback(
            group_id, group.name, group.cohort_id, skills, students, comment, given_by
        )


# --- changing feedback ---
@dataclass(frozen=True)
class RubricChange:
    """One cell of a student's rubric: a skill's rating or (skill COMMENT) the comment."""

    group_id: str
    student_id: str
    skill: str
    before: RubricValue
    after: RubricValue

    def reversed(self) -> RubricChange:
        return RubricChange(self.group_id, self.student_id, self.skill, self.after, self.before)


@dataclass(frozen=True)
class CompanyChange:
    """The partner company's feedback on a group: (given by, comment), None for none."""

    group_id: str
    before: tuple[str | None, str] | None
    after: tuple[str | None, str] | None

    def reversed(self) -> CompanyChange:
        return CompanyChange(self.group_id, self.after, self.before)


def apply_rubric(context: OperationContext, changes: Sequence[RubricChange]) -> None:
    """Set each rubric cell inside the caller's transaction; refuse any that moved on."""
    session, f = context.session, m.StudentFeedback
    records: dict[tuple[str, str], m.StudentFeedback] = {}
    for change in changes:
        key = (change.group_id, change.student_id)
        if key not in records:
            found = session.scalars(
                select(f).where(
                    f.group_id == key[0], f.student_id == key[1], f.deleted_at.is_(None)
                )
            ).first()
            records[key] = found or f(group_id=key[0], student_id=key[1], ratings={}, comment=None)
            session.add(records[key])
        record = records[key]
        current = (
            record.comment if change.skill == COMMENT else (record.ratings or {}).get(change.skill)
        )
        if current != change.before:
            raise ChangedElsewhereError(CHANGED)
        if change.skill == COMMENT:
            record.comment = str(change.after).strip() or None if change.after is not None else None
        else:
            ratings = dict(record.ratings or {})
            rating = check_rating(int(change.after) if change.after is not None else None)
            if rating is None:
                ratings.pop(change.skill, None)
            else:
                ratings[change.skill] = rating
            record.ratings = ratings  # a new dict, so the change is seen
    session.flush()


def apply_company(context: OperationContext, changes: Sequence[CompanyChange]) -> None:
    session, c = context.session, m.GroupFeedback
    for change in changes:
        record = session.scalars(
            select(c).where(c.group_id == change.group_id, c.deleted_at.is_(None))
        ).first()
        current = (record.given_by, record.comment) if record is not None else None
        if current != change.before:
            raise ChangedElsewhereError(CHANGED)
        if change.after is None or not change.after[1].strip():
            if record is not None:
                record.deleted_at = utcnow()
            continue
        given_by, comment = change.after
        if record is None:
            record = c(group_id=change.group_id, comment=comment)
            session.add(record)
        record.given_by, record.comment = (given_by or "").strip() or None, comment.strip()
        session.flush()


@dataclass(frozen=True)
class FeedbackChanges:
    """What one save changed, for its undo."""

    rubric: tuple[RubricChange, ...] = ()
    company: tuple[CompanyChange, ...] = ()

    def reversed(self) -> FeedbackChanges:
        return FeedbackChanges(
            tuple(c.reversed() for c in self.rubric), tuple(c.reversed() for c in self.company)
        )

    def __bool__(self) -> bool:
        return bool(self.rubric or self.company)


def save_feedback(
    database: Database, changes: FeedbackChanges, *, hub: ChangeHub | None = None
) -> FeedbackChanges:
    """Save rubric cells and company feedback in one transaction; returns what changed."""
    effective = FeedbackChanges(
        tuple(c for c in changes.rubric if c.before != c.after),
        tuple(c for c in changes.company if c.before != c.after),
    )

    def work(context: OperationContext) -> None:
        apply_rubric(context, effective.rubric)
        apply_company(context, effective.company)

    run_operation(database, work, hub=hub)
    return effective
