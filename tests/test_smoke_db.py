from __future__ import annotations

from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db.models import Student


def test_student_round_trip(database: Database) -> None:
    with database.write() as session:
        session.add(Student(first_name="Zoë", last_name="Martin", email="zoe@example.org"))
    with database.read() as session:
        student = session.scalars(select(Student)).one()
    assert student.first_name == "Zoë"
    assert student.version == 1
    assert student.created_at.tzinfo is not None
