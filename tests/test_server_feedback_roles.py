"""On a shared server an instructor's login reads and writes the rubric of its own
groups' members only, reads its own groups' sessions and company feedback, and writes
no company feedback: the server refuses, whatever the client does."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from ixdesk.db import models as m
from ixdesk.db import open_database
from ixdesk.db.server_roles import INSTRUCTOR
from ixdesk.errors import IxdeskError
from ixdesk.services.running import feedback as fb
from tests.shared_server import SharedServer
from tests.test_instructor_view_service import _world
from tests.test_server_roles import _psql

pytestmark = pytest.mark.postgres_only

INSERT_RUBRIC = (
    "INSERT INTO student_feedback (id, group_id, student_id, ratings, comment, created_at, "
    "updated_at, version) VALUES (gen_random_uuid(), %s, %s, '{}', %s, now(), now(), 1)"
)


def _feedback_world(shared: SharedServer) -> dict[str, str]:
    """``_world`` plus each member's student id, a rubric and company feedback in Group 1
    (Ravi's) and in Group 2 (Olga's, which Ravi assists), and a session of each group."""
    ids = _world(shared.admin)
    with shared.admin.write() as session:
        for group in ("Group 1", "Group 2"):
            members = session.execute(
                text("SELECT student_id FROM group_memberships WHERE group_id = :g"),
                {"g": ids[group]},
            ).scalars()
            student = str(next(iter(members)))
            ids[f"{group} student"] = student
            rubric = {"ratings": {"SQL": 2}, "comment": f"{group} rubric"}
            session.add(m.StudentFeedback(group_id=ids[group], student_id=student, **rubric))
            session.add(m.GroupFeedback(group_id=ids[group], comment=f"{group} company"))
            cohort = session.get(m.StudentGroup, ids[group]).cohort_id  # type: ignore[union-attr]
            meeting = {"title": f"{group} kick-off", "instructor_id": ids["other"]}
            session.add(m.CohortSession(cohort_id=cohort, group_id=ids[group], **meeting))
    return ids


def test_an_instructor_writes_the_rubric_of_its_own_group_s_student(
    shared_server: SharedServer,
) -> None:
    ids = _feedback_world(shared_server)
    _, url = shared_server.add_login(INSTRUCTOR, "ravi", "ravi@x.org")
    ravi = open_database(url, create=False)
    try:
        before = fb.group_feedback(ravi, ids["Group 1"])
        zoe = ids["Group 1 student"]
        change = fb.RubricChange(ids["Group 1"], zoe, "SQL", 2, 4)
        comment = fb.RubricChange(ids["Group 1"], zoe, fb.COMMENT, "Group 1 rubric", "Great")
        fb.save_feedback(ravi, fb.FeedbackChanges((change, comment)))
        after = fb.group_feedback(ravi, ids["Group 1"])
    finally:
        ravi.close()
    assert [row.ratings for row in before.students if row.student_id == zoe] == [{"SQL": 2}]
    mine = next(row for row in after.students if row.student_id == zoe)
    assert (mine.ratings, mine.comment) == ({"SQL": 4}, "Great")
    with shared_server.admin.read() as session:
        saved = session.execute(
            text("SELECT comment FROM student_feedback WHERE student_id = :s"), {"s": zoe}
        ).scalar_one()
    assert saved == "Great"


def test_an_instructor_is_refused_the_rubric_of_another_group_s_student(
    shared_server: SharedServer,
) -> None:
    ids = _feedback_world(shared_server)
    _, url = shared_server.add_login(INSTRUCTOR, "olga", "olga@x.org")
    zoe_of_ravi = ids["Group 1 student"]
    with _psql(url) as olga:
        for group in ("Group 1", "Group 2"):  # Ravi's group; Olga's, but not Zoë's
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                olga.execute(INSERT_RUBRIC, (ids[group], zoe_of_ravi, "Sneaky"))
        assert olga.execute("UPDATE student_feedback SET comment = 'X' "
                            "WHERE group_id = %s", (ids["Group 1"],)).rowcount == 0  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            olga.execute("DELETE FROM student_feedback")
    # Through ixdesk's own services the refusal is one sentence, not a crash.
    olga_db = open_database(url, create=False)
    try:
        change = fb.RubricChange(ids["Group 1"], zoe_of_ravi, "SQL", None, 3)
        with pytest.raises(IxdeskError, match="refused"):
            fb.save_feedback(olga_db, fb.FeedbackChanges((change,)))
    finally:
        olga_db.close()
    with shared_server.admin.read() as session:
        comments = session.execute(text("SELECT comment FROM student_feedback")).scalars().all()
    assert sorted(comments) == ["Group 1 rubric", "Group 2 rubric"]


def test_an_instructor_reads_no_other_group_s_feedback_and_writes_no_company_s(
    shared_server: SharedServer,
) -> None:
    ids = _feedback_world(shared_server)
    _, url = shared_server.add_login(INSTRUCTOR, "olga", "olga@x.org")
    with _psql(url) as olga:
        rubrics = [row[0] for row in olga.execute("SELECT comment FROM student_feedback")]
        assert rubrics == ["Group 2 rubric"]
        company = [row[0] for row in olga.execute("SELECT comment FROM group_feedback")]
        assert company == ["Group 2 company"]
        sessions = olga.execute("SELECT title, instructor_id FROM sessions").fetchall()
        assert [(title, str(who)) for title, who in sessions] == [
            ("Group 2 kick-off", ids["other"])
        ]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            olga.execute("UPDATE group_feedback SET comment = 'X'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            olga.execute(
                "INSERT INTO group_feedback (id, group_id, comment, created_at, updated_at, "
                "version) VALUES (gen_random_uuid(), %s, 'X', now(), now(), 1)",
                (ids["Group 4"],),
            )
