"""Rules the database itself enforces, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ixdesk.db import Database
from ixdesk.db.models import (
    Cohort,
    GroupMembership,
    Instructor,
    Student,
    StudentGroup,
)
from ixdesk.errors import ValidationError
from ixdesk.services.operations import create_record, delete_record, run_operation


def _student(database: Database, email: str | None, first: str = "Zoë") -> Student:
    return create_record(
        database, Student, {"first_name": first, "last_name": "Martin", "email": email}
    )


def test_student_email_is_unique_whatever_its_case(database: Database) -> None:
    _student(database, "Zoe.Martin@Example.org")
    with pytest.raises(ValidationError, match="Another student already uses this email"):
        _student(database, "zoe.martin@example.ORG", first="Other")


def test_the_same_email_may_be_used_by_a_student_and_an_instructor(database: Database) -> None:
    _student(database, "sam@example.org")
    instructor = create_record(
        database, Instructor, {"first_name": "Sam", "last_name": "Lee", "email": "SAM@example.org"}
    )
    assert instructor.id


def test_a_deleted_students_email_can_be_used_again(database: Database) -> None:
    first = _student(database, "reuse@example.org")
    delete_record(database, Student, first.id, first.version)
    second = _student(database, "Reuse@example.org", first="Again")
    assert second.id != first.id


def test_students_without_email_do_not_collide(database: Database) -> None:
    _student(database, None)
    _student(database, None, first="Noa")
    with database.read() as session:
        assert session.query(Student).count() == 2


def _cohort_with_groups(database: Database, name: str) -> tuple[Cohort, StudentGroup, StudentGroup]:
    def work(context):  # type: ignore[no-untyped-def]
        cohort = Cohort(name=name)
        context.session.add(cohort)
        context.session.flush()
        first = StudentGroup(cohort_id=cohort.id, name="Group 1")
        second = StudentGroup(cohort_id=cohort.id, name="Group 2")
        context.session.add_all([first, second])
        return cohort, first, second

    return run_operation(database, work)


def test_a_student_is_in_at_most_one_group_per_cohort(database: Database) -> None:
    student = _student(database, "one@example.org")
    cohort, first, second = _cohort_with_groups(database, "Spring data analytics")
    create_record(
        database,
        GroupMembership,
        {"group_id": first.id, "cohort_id": cohort.id, "student_id": student.id},
    )
    with pytest.raises(ValidationError, match="at most one group per cohort"):
        create_record(
            database,
            GroupMembership,
            {"group_id": second.id, "cohort_id": cohort.id, "student_id": student.id},
        )
    # A group in another cohort is fine.
    other_cohort, other_group, _ = _cohort_with_groups(database, "Summer UX design")
    membership = create_record(
        database,
        GroupMembership,
        {"group_id": other_group.id, "cohort_id": other_cohort.id, "student_id": student.id},
    )
    assert membership.cohort_id == other_cohort.id


def test_a_membership_cannot_claim_another_cohort_than_its_groups(database: Database) -> None:
    student = _student(database, "two@example.org")
    _, group, _ = _cohort_with_groups(database, "Autumn marketing")
    other, _, _ = _cohort_with_groups(database, "Winter finance")
    with pytest.raises(ValidationError):
        create_record(
            database,
            GroupMembership,
            {"group_id": group.id, "cohort_id": other.id, "student_id": student.id},
        )


def test_group_names_are_unique_within_a_cohort(database: Database) -> None:
    cohort, _, _ = _cohort_with_groups(database, "Holiday software")
    with pytest.raises(ValidationError, match="already has a group with this name"):
        create_record(database, StudentGroup, {"cohort_id": cohort.id, "name": "group 1"})


def test_statuses_are_checked_by_the_database(database: Database) -> None:
    with database.engine.connect() as connection, pytest.raises(IntegrityError):
        connection.execute(
            text(
                "INSERT INTO cohorts (id, name, format, schedule, audience, status, "
                "created_at, updated_at, version) VALUES (:id, 'x', 'online', 'holiday', "
                "'university', 'on_fire', :now, :now, 1)"
            ),
            {"id": "00000000-0000-4000-8000-000000000001", "now": "2026-01-01 00:00:00"},
        )
