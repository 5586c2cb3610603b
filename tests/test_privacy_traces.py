"""Erasure and the purge reach a student's rows in every table that can hold them: the
ranking of business problems, pairs, the instructor's rubric, attendance, application
answers, and what merges of event copies keep."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.errors import IxdeskError
from ixdesk.services.events.undo import undo_merge
from ixdesk.services.operations import OperationContext, run_operation
from ixdesk.services.privacy import erasure
from ixdesk.services.settings import save_settings
from tests import privacy_world
from tests.test_privacy_erasure import NAME, _archive, _file_bytes

TRACED = (
    m.ProblemPreference,
    m.StudentPair,
    m.StudentFeedback,
    m.Attendance,
    m.ApplicationAnswer,
    m.MergedRecord,
    m.MergeField,
    m.MergeReview,
)


def _traces(database: Database) -> dict[str, Any]:
    """Zoë's rows in the tables beside her own; Kofi kept apart from her; a merge of an
    event copy that brought her in, with its bookkeeping and undo journal."""
    world = privacy_world.build(database)
    zoe, kofi = world["zoe"], world["kofi"]

    def work(context: OperationContext) -> None:
        session = context.session
        with session.no_autoflush:
            problem = session.scalars(select(m.BusinessProblem.id)).one()
        meeting = m.CohortSession(cohort_id=world["cohort"], title="Kick-off")
        session.add(meeting)
        session.flush()
        named = {"first_name": "Zoë", "last_name": "Okonkwo-Privat", "id": zoe}
        merge = m.EventMerge(
            copies=[], report={"counts": {}}, undo={"inserted": {"students": [named]}}
        )
        session.add(merge)
        session.flush()
        session.add_all(
            [
                m.ProblemPreference(student_id=zoe, cohort_id=world["cohort"],
                                    business_problem_id=problem, rank=1),
                m.StudentPair(cohort_id=world["cohort"], student_id=kofi, other_student_id=zoe,
                              kind="apart"),
                m.StudentFeedback(group_id=world["group"], student_id=zoe, ratings={"SQL": 3},
                                  comment="Okonkwo-Privat led the interviews"),
                m.Attendance(session_id=meeting.id, student_id=zoe, status="present"),
                m.ApplicationAnswer(student_id=zoe, cohort_id=world["cohort"], position=1,
                                    question="Why?", answer="Okonkwo-Privat loves data"),
                m.MergedRecord(copy_id=merge.id, record_id=zoe, table_name="students",
                               copy_version=1, main_version=1, merged=named, merge_id=merge.id),
                m.MergeField(record_id=zoe, field="last_name", table_name="students",
                             state={"base": "Okonkwo-Privat"}),
                m.MergeReview(merge_id=merge.id, kind="duplicate", table_name="students",
                              record_id=kofi, other_id=zoe, details={"other": named}),
            ]
        )  # fmt: skip
        world["merge"] = merge.id

    run_operation(database, work)
    return world


def _counts(database: Database) -> dict[str, int]:
    with database.read() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in TRACED
        }


def test_erasure_removes_the_student_from_every_table_and_the_files_bytes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ixdesk.db"
    database = open_database(path, rolling_backup=False)
    try:
        world = _traces(database)
        erasure.forget_freed_space(database)
        assert NAME in _file_bytes(path)
        assert set(_counts(database).values()) == {1}
        report = erasure.erase_student(database, "zoe@example.com")
        assert NAME not in _file_bytes(path)
        assert set(_counts(database).values()) == {0}
        assert report.removed["problem_preferences"] == 1
        assert report.removed["student_pairs"] == 1
        assert report.removed["student_feedback"] == 1
        assert report.removed["event_merged"] == 4  # merged, field, review and a journal
        assert "4 records of event copy merges" in report.lines()[0]
        with database.read() as session:
            merge = session.get(m.EventMerge, world["merge"])
            kofi = session.get(m.Student, world["kofi"])
        assert merge is not None and merge.undo is None
        assert kofi is not None  # the other side of the pair stays
        with pytest.raises(IxdeskError, match="can no longer be undone"):
            undo_merge(database, world["merge"])
    finally:
        database.close()


def test_the_purge_clears_rubric_comments_and_what_merges_kept(database: Database) -> None:
    world = _traces(database)
    _archive(database, world["cohort"], date(2020, 1, 31))
    save_settings(database, {"retention_months": 12})
    report = erasure.purge_expired(database, today=datetime.now(UTC).date())
    assert report.students == 3
    counts = _counts(database)
    assert counts["event_merged"] == counts["event_merge_fields"] == 0
    assert counts["event_reviews"] == 0
    assert counts["problem_preferences"] == 1  # a ranking names no one: kept for counts
    with database.read() as session:
        feedback = session.scalars(select(m.StudentFeedback)).one()
        merge = session.get(m.EventMerge, world["merge"])
    assert feedback.comment is None and feedback.ratings == {"SQL": 3}
    assert merge is not None and merge.undo is None
