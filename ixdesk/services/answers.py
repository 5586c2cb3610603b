"""Application answers: what a student answered on a sign-up form, per cohort, in order.

Kept by the import (columns a coordinator chose to keep) and read on the
student (the linked records), on the enrolment board's cards (tooltip and
search) and in the full export.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ixdesk.db import models as m

Answers = tuple[tuple[str, str], ...]  # (question, answer), in the form's order


@dataclass(frozen=True)
class CohortAnswers:
    """One student's answers for one cohort (cohort None: imported without one)."""

    cohort_id: str | None
    cohort_name: str | None
    answers: Answers


def student_answers(session: Session, student_id: str) -> list[CohortAnswers]:
    """A student's application answers, grouped by cohort, newest cohort first."""
    a, c = m.ApplicationAnswer, m.Cohort
    rows = session.execute(
        select(a.cohort_id, c.name, a.question, a.answer)
        .outerjoin(c, (c.id == a.cohort_id) & c.deleted_at.is_(None))
        .where(a.student_id == student_id, a.deleted_at.is_(None))
        .order_by(c.starts_on.desc(), a.cohort_id, a.position)
    )
    grouped: dict[str | None, tuple[str | None, list[tuple[str, str]]]] = {}
    for cohort_id, name, question, answer in rows:
        grouped.setdefault(cohort_id, (name, []))[1].append((question, answer))
    return [
        CohortAnswers(cohort_id, name, tuple(pairs)) for cohort_id, (name, pairs) in grouped.items()
    ]


def cohort_answers(session: Session, cohort_id: str) -> dict[str, Answers]:
    """Every student's application answers for one cohort, by student id."""
    a = m.ApplicationAnswer
    rows = session.execute(
        select(a.student_id, a.question, a.answer)
        .where(a.cohort_id == cohort_id, a.deleted_at.is_(None))
        .order_by(a.student_id, a.position)
    )
    found: dict[str, list[tuple[str, str]]] = {}
    for student_id, question, answer in rows:
        found.setdefault(student_id, []).append((question, answer))
    return {student_id: tuple(pairs) for student_id, pairs in found.items()}
