"""Queries say what they read beside themselves: ``@reads`` on loaders, ``tables_read``
of statements; views ask them instead of keeping lists of their own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services import (
    assignments,
    attention,
    dashboard,
    editing,
    enrolment,
    instructor_view,
    links,
    overview,
    settings,
    tracks,
)
from ixdesk.services import groups as g
from ixdesk.services.certificates import completion
from ixdesk.services.demo import generate_demo
from ixdesk.services.events import identity, review, signup
from ixdesk.services.kinds import KINDS
from ixdesk.services.matching import choices, loading
from ixdesk.services.privacy import audit, consent
from ixdesk.services.reads import Reader, reads, reads_of, tables_read
from ixdesk.services.running import attendance, sessions


def _demo_ids(database: Database) -> dict[str, str]:
    generate_demo(database, students=120, seed=5)
    with database.read() as session:
        cohort = session.query(m.Cohort).filter(m.Cohort.status == "running").first()
        assert cohort is not None
        found = {"cohorts": cohort.id}
        for kind, model in (
            ("groups", m.StudentGroup),
            ("students", m.Student),
            ("instructors", m.Instructor),
            ("companies", m.PartnerCompany),
            ("problems", m.BusinessProblem),
        ):
            row = session.query(model).first()
            assert row is not None
            found[kind] = row.id
    return found


def test_every_declared_read_covers_the_tables_its_statements_touch(
    database: Database,
) -> None:
    """``@reads`` is written by hand beside a loader: check it against what runs."""
    ids = _demo_ids(database)
    touched: set[str] = set()

    def note(_connection: Any, statement: Any, *_args: Any) -> None:
        touched.update(tables_read(statement) if hasattr(statement, "get_children") else ())

    event.listen(database.engine, "before_execute", note)
    db, cohort = database, ids["cohorts"]
    loaders: list[tuple[Reader[..., Any], Callable[[], object]]] = [
        (dashboard.dashboard_figures, lambda: dashboard.dashboard_figures(db)),
        (overview.record_counts, lambda: overview.record_counts(db)),
        (attention.cohort_concerns, lambda: attention.cohort_concerns(db, cohort)),
        (attention.all_concerns, lambda: attention.all_concerns(db)),
        (attention.cohort_name, lambda: attention.cohort_name(db, cohort)),
        (attention.group_marks, lambda: attention.group_marks(db, cohort)),
        (assignments.instructor_load, lambda: assignments.instructor_load(db)),
        (instructor_view.instructor_choices, lambda: instructor_view.instructor_choices(db)),
        (
            instructor_view.instructor_groups,
            lambda: instructor_view.instructor_groups(
                db, ids["instructors"], include_archived=True
            ),
        ),
        (enrolment.enrolment_board, lambda: enrolment.enrolment_board(db, cohort)),
        (enrolment.cohort_details, lambda: enrolment.cohort_details(db, cohort)),
        (g.builder_data, lambda: g.builder_data(db, cohort)),
        (g.builder_update, lambda: g.builder_update(db, cohort, list(ids.values()))),
        (
            links.linked_records,
            lambda: [links.linked_records(db, kind, record) for kind, record in ids.items()],
        ),
        (tracks.track_rows, lambda: tracks.track_rows(db)),
        (consent.student_consents, lambda: consent.student_consents(db, ids["students"])),
        (audit.audit_entries, lambda: audit.audit_entries(db)),
        (settings.load_settings, lambda: settings.load_settings(db)),
        (completion.cohort_completions, lambda: completion.cohort_completions(db, cohort)),
        (loading.cohort_choices, lambda: loading.cohort_choices(db, cohort)),
        (loading.cohort_pairs, lambda: loading.cohort_pairs(db, cohort)),
        (loading.load_setup, lambda: loading.load_setup(db, cohort, 4)),
        (choices.student_choices, lambda: choices.student_choices(db, ids["students"])),
        (choices.problem_titles, lambda: choices.problem_titles(db)),
        (identity.load_identity, lambda: identity.load_identity(db)),
        (signup.load_setup, lambda: signup.load_setup(db)),
        (signup.recent_signups, lambda: signup.recent_signups(db)),
        (signup.signup_count, lambda: signup.signup_count(db)),
        (signup.load_people, lambda: signup.load_people(db)),
        (review.load_review, lambda: review.load_review(db)),
        (sessions.list_sessions, lambda: sessions.list_sessions(db, cohort)),
        (attendance.attendance_grid, lambda: attendance.attendance_grid(db, cohort)),
        (attendance.attendance_counts, lambda: attendance.attendance_counts(db, cohort)),
        (attendance.student_progress, lambda: attendance.student_progress(db, cohort)),
        (attendance.cohort_instructors, lambda: attendance.cohort_instructors(db, cohort)),
        (attendance.marks_at, lambda: attendance.marks_at(db, cohort)),
    ]
    try:
        for loader, call in loaders:
            touched.clear()
            call()
            assert touched, loader
            assert touched <= loader.reads, (loader, touched - loader.reads)
    finally:
        event.remove(database.engine, "before_execute", note)


def test_table_queries_and_lists_of_choices_say_what_they_read() -> None:
    for kind, spec in KINDS.items():
        assert spec.model.__tablename__ in tables_read(spec.query()), kind
    assert tables_read(KINDS["students"].query()) == {"students", "tracks"}
    # Found in joins, aliases (the lead instructor) and counting subqueries too.
    assert tables_read(KINDS["cohorts"].query()) == {"cohorts", "tracks", "enrolments"}
    assert {"instructors", "group_memberships", "cohorts"} <= tables_read(KINDS["groups"].query())
    assert tables_read(editing.choice_query("problems")) == {
        "business_problems",
        "partner_companies",
    }


def test_reads_marks_a_loader_and_reads_of_joins_them() -> None:
    @reads("cohorts", "tracks")
    def loader(value: int) -> int:
        return value + 1

    assert loader(1) == 2 and loader.reads == {"cohorts", "tracks"}
    assert reads_of(loader, attention.cohort_name) == {"cohorts", "tracks"}
