"""The index of students a sign-up may duplicate: loaded straight from the driver on
SQLite and PostgreSQL, it finds, forgets and learns students as the merge and event
mode need."""

from __future__ import annotations

from datetime import date

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services.events.people import SAME_EMAIL, SAME_NAME_AND_BIRTH, PeopleIndex
from ixdesk.services.operations import OperationContext, run_operation

BORN = date(2009, 3, 14)


def _loaded(database: Database) -> tuple[PeopleIndex, str, str]:
    """Zoë and Ana live, a third student deleted; the index as a merge loads it."""
    made = [
        m.Student(first_name="Zoë", last_name="Åkesson", email="Zoe@Mail.example",
                  date_of_birth=BORN, messaging_opt_in=False),
        m.Student(first_name="Ana", last_name="Ruiz", email=None, date_of_birth=BORN,
                  messaging_opt_in=False),
        m.Student(first_name="Gone", last_name="Away", email="gone@mail.example",
                  date_of_birth=BORN, messaging_opt_in=False),
    ]  # fmt: skip

    def work(context: OperationContext) -> None:
        session = context.session
        session.add_all(made)
        session.flush()
        made[2].deleted_at = made[2].created_at

    run_operation(database, work)
    with database.read() as session:
        people = PeopleIndex.load(session)
    return people, str(made[0].id), str(made[1].id)


def test_live_students_are_found_by_email_or_by_folded_name_and_birth(
    database: Database,
) -> None:
    people, zoe, ana = _loaded(database)
    assert [(each.id, each.reason) for each in people.find("zoe@mail.EXAMPLE", "x", "y", None)] == [
        (zoe, SAME_EMAIL)
    ]
    found = people.find(None, "ZOE", "akesson", BORN)
    assert [(each.id, each.reason) for each in found] == [(zoe, SAME_NAME_AND_BIRTH)]
    assert people.find("zoe@mail.example", "Zoe", "Akesson", BORN, exclude=zoe) == []
    assert [each.id for each in people.find(None, "ana", "RUIZ", BORN)] == [ana]
    assert people.find("gone@mail.example", "Gone", "Away", BORN) == []  # deleted
    assert people.owner("ZOE@mail.example") == zoe


def test_a_student_removed_is_forgotten_and_one_added_again_keeps_only_new_keys(
    database: Database,
) -> None:
    people, zoe, ana = _loaded(database)
    people.remove(zoe)
    assert people.find("zoe@mail.example", "Zoë", "Åkesson", BORN) == []
    assert [each.id for each in people.find(None, "Ana", "Ruiz", BORN)] == [ana]
    people.remove(ana)
    people.add(ana, "ana@mail.example", "Ana", "Ruiz-Diaz", date(2010, 1, 2))
    assert people.find(None, "Ana", "Ruiz", BORN) == []
    assert [each.id for each in people.find("ANA@mail.example", None, None, None)] == [ana]
    assert [each.id for each in people.find(None, "ana", "ruiz-diaz", date(2010, 1, 2))] == [ana]
    newcomer = "00000000-0000-4000-8000-000000000001"
    people.add(newcomer, None, "Zoe", "Akesson", BORN)
    assert [each.id for each in people.find(None, "zoë", "åkesson", BORN)] == [newcomer]
    people.remove(newcomer)
    assert people.find(None, "zoe", "akesson", BORN) == []
