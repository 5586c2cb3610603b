"""Merging the rankings of business problems made at an event (see :mod:`.merge`).

A student's ranking for a cohort is merged as one value, like a field of the
student: its state (:mod:`.state`) is kept under the field ``choices:`` and
the cohort's id. A ranking made at the event for a student with none here is
taken; one equal to this database's changes nothing; one different from a
ranking this database holds is a conflict (the copy does not carry the
rankings of the students it packed, so a ranking here counts as this
database's own): it keeps this database's ranking and waits for review like
any field changed on both sides. Business problems deleted here since the
copy was packed drop out of the event's ranking.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from ixdesk.db import models as m
from ixdesk.services.events.copyfile import CopyContents
from ixdesk.services.events.journal import CHUNK, PREFERENCES, STUDENTS, TABLES, Journal
from ixdesk.services.events.merge_enrolments import EnrolmentMerge
from ixdesk.services.events.report import CopyReport
from ixdesk.services.events.values import ranking_field
from ixdesk.services.matching.choices import replace_choices
from ixdesk.services.operations import OperationContext
from ixdesk.services.tables import canonical_id


def rankings_here(
    connection: Connection, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], list[str]]:
    """The live rankings here of these (student, cohort) pairs, first choice first."""
    pp = TABLES[PREFERENCES]
    students = sorted({student for student, _cohort in keys})
    wanted = set(keys)
    found: dict[tuple[str, str], list[str]] = {key: [] for key in keys}
    for start in range(0, len(students), CHUNK):
        statement = (
            select(pp.c.student_id, pp.c.cohort_id, pp.c.business_problem_id)
            .where(pp.c.student_id.in_(students[start : start + CHUNK]), pp.c.deleted_at.is_(None))
            .order_by(pp.c.student_id, pp.c.cohort_id, pp.c.rank)
        )
        for student_id, cohort_id, problem_id in connection.execute(statement):
            key = (canonical_id(student_id), canonical_id(cohort_id))
            if key in wanted:
                found[key].append(canonical_id(problem_id))
    return found


def put_ranking(
    context: OperationContext,
    journal: Journal,
    student_id: str,
    cohort_id: str,
    problem_ids: Sequence[str],
) -> None:
    """Replace a student's ranking for a cohort, keeping what undoing it takes."""
    pp = TABLES[PREFERENCES]
    connection = context.session.connection()

    def live() -> list[str]:
        statement = select(pp.c.id).where(
            pp.c.student_id == student_id, pp.c.cohort_id == cohort_id, pp.c.deleted_at.is_(None)
        )
        return [canonical_id(each) for each in connection.execute(statement).scalars()]

    for record_id in live():
        journal.keep(connection, pp, record_id)
    replace_choices(context, cohort_id, student_id, problem_ids)
    journal.insert(PREFERENCES, live())


class RankingMerge(EnrolmentMerge):
    """Rankings made at the event: merged per student and cohort, applied at the end."""

    def _rankings(self, copy: CopyContents, counts: CopyReport) -> None:
        if not copy.rankings:
            return
        keys = sorted(copy.rankings)
        students = self._students_here({student for student, _cohort in keys})
        keys = [key for key in keys if key[0] in students]  # its student came in
        here = rankings_here(self.connection, keys)
        here.update(self.ranked)  # as this merge left them so far
        self.fields.load(student for student, _cohort in keys)
        live = self._live_problems({p for key in keys for p in copy.rankings[key]})
        for key in keys:
            student_id, cohort_id = key
            value = [problem for problem in copy.rankings[key] if problem in live]
            name = ranking_field(cohort_id)
            found = self.fields.merge(
                STUDENTS, student_id, name, [], here[key], copy.copy_id, copy.name, value
            )
            if found.conflict:
                self.reviews.conflict(STUDENTS, student_id, name, found.state)
                counts.counts["review"] += 1
            else:
                self.reviews.settle(student_id, name, self.now)
            if found.value != here[key]:
                self.ranked[key] = list(found.value)
                counts.counts["rankings"] += 1

    def _live_problems(self, ids: set[str]) -> set[str]:
        p = m.BusinessProblem.__table__
        wanted = sorted(ids)
        found: set[str] = set()
        for start in range(0, len(wanted), CHUNK):
            statement = select(p.c.id).where(
                p.c.id.in_(wanted[start : start + CHUNK]), p.c.deleted_at.is_(None)
            )
            found.update(
                canonical_id(each) for each in self.connection.execute(statement).scalars()
            )
        return found

    def _write_rankings(self) -> None:
        """The rankings merged, once their students are in."""
        for (student_id, cohort_id), problem_ids in sorted(self.ranked.items()):
            put_ranking(self.context, self.journal, student_id, cohort_id, problem_ids)
