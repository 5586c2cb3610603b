"""The demo data: every state shows up, the rules hold, and it is repeatable."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.db.base import Base
from ixdesk.db.enums import CohortStatus, CompanyStatus, EnrolmentStatus, ProblemStatus
from ixdesk.errors import IxdeskError
from ixdesk.services.demo import DemoSummary, generate_demo

TODAY = date(2026, 3, 10)
STUDENTS = 300
TABLES: dict[str, type[Base]] = {
    model.__tablename__: model
    for model in (
        m.Track, m.PartnerCompany, m.Contact, m.BusinessProblem, m.Cohort, m.Student,
        m.Enrolment, m.StudentGroup, m.GroupMembership, m.Instructor, m.InstructorExpertise,
        m.GroupAssistant,
    )
}  # fmt: skip


def _counts(database: Database) -> dict[str, int]:
    with database.read() as session:
        return {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in TABLES.items()
        }


def _rows(database: Database, model: type[Base]) -> list[dict[str, Any]]:
    with database.read() as session:
        table = model.__table__
        return [dict(row) for row in session.execute(select(table).order_by(table.c.id)).mappings()]


def _values(database: Database, column: Any) -> Counter[Any]:
    with database.read() as session:
        return Counter(session.scalars(select(column)))


def test_demo_shows_every_state_and_keeps_every_rule(database: Database) -> None:
    stages: list[str] = []
    summary = generate_demo(
        database, students=STUDENTS, today=TODAY, progress=lambda stage, *_: stages.append(stage)
    )

    assert asdict(summary) == _counts(database)
    assert summary.students == STUDENTS and summary.enrolments > STUDENTS
    assert summary.cohorts >= 6 and summary.instructors >= 8 and summary.tracks >= 6
    assert {"students", "group memberships"} <= set(stages)
    assert set(_values(database, m.Cohort.status)) == set(CohortStatus)
    assert set(_values(database, m.PartnerCompany.status)) == set(CompanyStatus)
    assert set(_values(database, m.BusinessProblem.status)) == set(ProblemStatus)
    problems = {row["id"]: row for row in _rows(database, m.BusinessProblem)}
    approved_tracks = {p["track_id"] for p in problems.values() if p["status"] == "approved"}
    assert approved_tracks == {row["id"] for row in _rows(database, m.Track)}
    assert {EnrolmentStatus.WAITLISTED, EnrolmentStatus.WITHDRAWN} <= set(
        _values(database, m.Enrolment.status)
    )
    groups = _rows(database, m.StudentGroup)
    with_problem = sum(group["business_problem_id"] is not None for group in groups)
    with_lead = sum(group["lead_instructor_id"] is not None for group in groups)
    assert 0.8 * len(groups) <= with_problem and 0.8 * len(groups) <= with_lead
    cohorts = {row["id"]: row for row in _rows(database, m.Cohort)}
    for group in groups:
        if group["business_problem_id"] is not None:
            problem = problems[group["business_problem_id"]]
            assert problem["status"] == ProblemStatus.APPROVED
            assert problem["track_id"] == cohorts[group["cohort_id"]]["track_id"]

    memberships = _rows(database, m.GroupMembership)
    group_cohort = {group["id"]: group["cohort_id"] for group in groups}
    assert all(row["cohort_id"] == group_cohort[row["group_id"]] for row in memberships)
    per_student_cohort = Counter((row["student_id"], row["cohort_id"]) for row in memberships)
    assert max(per_student_cohort.values()) == 1
    members = Counter(row["group_id"] for row in memberships)
    assert all(n <= cohorts[group_cohort[group]]["group_size"] for group, n in members.items())

    students = _rows(database, m.Student)
    emails = [student["email"].lower() for student in students]
    assert len(set(emails)) == len(emails)
    adults_born_by = date(2008, 3, 10)
    minors = [student for student in students if student["date_of_birth"] > adults_born_by]
    assert minors and all(student["guardian_phone"].startswith("+") for student in minors)
    assert all(student["guardian_email"] for student in minors)
    assert sum(student["guardian_consent_at"] is None for student in minors) < len(minors) / 5
    adults = [student for student in students if student["date_of_birth"] <= adults_born_by]
    assert all(student["guardian_name"] is None for student in adults)
    university = [student for student in students if student["grade"] <= 5]
    assert university and all(s["email"].endswith(".example.edu") for s in university)


def test_a_second_run_is_refused_and_changes_nothing(database: Database) -> None:
    generate_demo(database, students=STUDENTS, today=TODAY)
    before = _counts(database)
    students_before = _rows(database, m.Student)

    with pytest.raises(IxdeskError, match="already holds records; demo data goes into an empty"):
        generate_demo(database, students=STUDENTS, seed=2, today=TODAY)

    assert _counts(database) == before
    assert _rows(database, m.Student) == students_before


def test_existing_tracks_are_reused_not_doubled(database: Database) -> None:
    with database.write() as session:
        session.add(m.Track(name="ux DESIGN"))

    summary = generate_demo(database, students=50, today=TODAY)

    names = [name.lower() for name in _values(database, m.Track.name)]
    assert names.count("ux design") == 1
    assert summary.tracks == len(names) - 1


def test_a_database_with_students_is_refused(database: Database) -> None:
    with database.write() as session:
        session.execute(insert(m.Student), [{"first_name": "Zoë", "last_name": "Martin"}])

    with pytest.raises(IxdeskError, match=r"use --database to pick a new file"):
        generate_demo(database, students=50, today=TODAY)
    assert _counts(database)["cohorts"] == 0


def test_same_seed_and_day_give_the_same_rows(tmp_path: Path) -> None:
    made: list[tuple[DemoSummary, dict[str, list[dict[str, Any]]]]] = []
    for name in ("a.db", "b.db"):
        database = open_database(tmp_path / name)
        try:
            summary = generate_demo(database, students=STUDENTS, seed=7, today=TODAY)
            made.append(
                (summary, {table: _rows(database, model) for table, model in TABLES.items()})
            )
        finally:
            database.close()

    (first_summary, first), (second_summary, second) = made
    assert first_summary == second_summary
    assert first["students"] and first == second
    other = open_database(tmp_path / "c.db")
    try:
        generate_demo(other, students=STUDENTS, seed=8, today=TODAY)
        assert _rows(other, m.Student) != first["students"]
    finally:
        other.close()
