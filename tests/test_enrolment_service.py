"""Enrolment moves: capacity, the waitlist's order, group memberships, and exact undo."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest
from sqlalchemy import insert, select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.base import new_id, utcnow
from ixdesk.errors import ChangedElsewhereError, RecordNotFoundError, ValidationError
from ixdesk.services import groups
from ixdesk.services.enrolment import (
    EnrolmentChange,
    OverCapacityError,
    cohort_details,
    enrol_students,
    enrolment_board,
    move_in_waitlist,
    revert_enrolment_change,
    set_enrolment_status,
)
from ixdesk.services.operations import ChangeHub, Changes, delete_record
from tests.enrolment_fixtures import ES, SmallCohort, grouped, small_cohort, states, waitlist
from tests.memberships import membership_pairs


@pytest.fixture
def cohort(database: Database) -> SmallCohort:
    return small_cohort(database)


def everything(database: Database, cohort_id: str) -> tuple[Any, ...]:
    """Statuses, positions, when each changed, and the group memberships (who is in
    which group, by id)."""
    e = m.Enrolment
    with database.read() as session:
        changed = dict(
            session.execute(
                select(e.id, e.status_changed_at).where(
                    e.cohort_id == cohort_id, e.deleted_at.is_(None)
                )
            ).all()
        )
    memberships = membership_pairs(database, cohort_id)
    return states(database, cohort_id), changed, grouped(database, cohort_id), memberships


def test_board_rows_and_details_match_the_database(database: Database, cohort: SmallCohort) -> None:
    rows = enrolment_board(database, cohort.cohort_id)
    assert len(rows) == 11
    by_name = {row.first_name: row for row in rows}
    assert by_name["Zoë"].name == "Zoë Åkesson"
    assert by_name["Zoë"].school == "Lycée Hoche" and by_name["Zoë"].grade == 11
    assert by_name["Zoë"].applied_on == date.today()
    assert {name for name, row in by_name.items() if row.in_group} == {"Eva", "Finn"}
    assert [row.first_name for row in rows if row.status == ES.WAITLISTED] == ["Ben", "Cleo", "Dev"]
    assert [row.waitlist_position for row in rows if row.status == ES.WAITLISTED] == [1, 2, 3]

    details = cohort_details(database, cohort.cohort_id)
    assert (details.name, details.track) == ("Data analytics Spring 2027", "Data analytics")
    assert (details.capacity, details.group_size, details.enrolled) == (4, 4, 3)
    assert details.enrolled_text == "3 / 4 enrolled"
    assert details.places_left == 1
    assert details.location == "Riverside Hub + online"


def test_moves_set_the_status_and_when_it_changed(database: Database, cohort: SmallCohort) -> None:
    ids = [cohort.enrolments["Zoë"], cohort.enrolments["Tom"]]
    change = set_enrolment_status(database, cohort.cohort_id, ids, ES.ACCEPTED)
    after = states(database, cohort.cohort_id)
    assert after["Zoë"] == ("accepted", None) and after["Tom"] == ("accepted", None)
    assert change.moved == tuple(ids)
    assert {state.value("status") for state in change.enrolments} == {ES.APPLIED}
    again = set_enrolment_status(database, cohort.cohort_id, ids, ES.ACCEPTED)
    assert again.is_empty  # already there: nothing to do, nothing to undo


def test_enrolling_past_capacity_is_refused_with_the_numbers_unless_allowed(
    database: Database, cohort: SmallCohort
) -> None:
    two = [cohort.enrolments["Zoë"], cohort.enrolments["Ana"]]
    with pytest.raises(OverCapacityError) as refused:
        set_enrolment_status(database, cohort.cohort_id, two, ES.ENROLLED)
    assert (refused.value.capacity, refused.value.taken, refused.value.adding) == (4, 3, 2)
    assert "4 places and 3 are taken" in str(refused.value)
    assert isinstance(refused.value, ValidationError)
    assert states(database, cohort.cohort_id)["Zoë"] == ("applied", None)  # nothing changed

    set_enrolment_status(database, cohort.cohort_id, two, ES.ENROLLED, allow_over_capacity=True)
    assert cohort_details(database, cohort.cohort_id).enrolled_text == "5 / 4 enrolled"


def test_filling_the_last_place_needs_no_permission(
    database: Database, cohort: SmallCohort
) -> None:
    set_enrolment_status(database, cohort.cohort_id, [cohort.enrolments["Ben"]], ES.ENROLLED)
    assert states(database, cohort.cohort_id)["Ben"] == ("enrolled", None)
    assert waitlist(database, cohort.cohort_id) == ["Cleo", "Dev"]  # renumbered 1, 2
    assert states(database, cohort.cohort_id)["Cleo"] == ("waitlisted", 1)


def test_a_cohort_without_capacity_takes_everyone(database: Database) -> None:
    cohort = small_cohort(database, capacity=None)
    everyone = list(cohort.enrolments.values())
    set_enrolment_status(database, cohort.cohort_id, everyone, ES.ENROLLED)
    assert cohort_details(database, cohort.cohort_id).enrolled_text == "11 enrolled"


def test_the_waitlist_takes_newcomers_at_its_end_in_the_order_chosen(
    database: Database, cohort: SmallCohort
) -> None:
    chosen = [cohort.enrolments["Tom"], cohort.enrolments["Zoë"], cohort.enrolments["Cleo"]]
    set_enrolment_status(database, cohort.cohort_id, chosen, ES.WAITLISTED)
    assert waitlist(database, cohort.cohort_id) == ["Ben", "Cleo", "Dev", "Tom", "Zoë"]
    positions = sorted(p for s, p in states(database, cohort.cohort_id).values() if p is not None)
    assert positions == [1, 2, 3, 4, 5]


def test_leaving_the_waitlist_closes_the_gap(database: Database, cohort: SmallCohort) -> None:
    set_enrolment_status(database, cohort.cohort_id, [cohort.enrolments["Cleo"]], ES.ACCEPTED)
    after = states(database, cohort.cohort_id)
    assert after["Cleo"] == ("accepted", None)
    assert (after["Ben"], after["Dev"]) == (("waitlisted", 1), ("waitlisted", 2))


def test_a_student_who_stops_being_enrolled_leaves_their_group(
    database: Database, cohort: SmallCohort
) -> None:
    set_enrolment_status(database, cohort.cohort_id, [cohort.enrolments["Eva"]], ES.WITHDRAWN)
    assert grouped(database, cohort.cohort_id) == {"Finn"}
    set_enrolment_status(database, cohort.cohort_id, [cohort.enrolments["Finn"]], ES.COMPLETED)
    assert grouped(database, cohort.cohort_id) == {"Finn"}  # completing keeps the group
    with database.read() as session:  # soft deleted: the row is still there
        rows = session.scalars(select(m.GroupMembership)).all()
    assert len(rows) == 2 and sum(row.deleted_at is not None for row in rows) == 1


def test_undo_and_redo_are_exact(database: Database, cohort: SmallCohort) -> None:
    eva, finn = cohort.students["Eva"], cohort.students["Finn"]
    other_group = groups.create_group(database, cohort.cohort_id, "Group 2")
    groups.move_students(database, cohort.cohort_id, [finn], other_group)
    placed = {(eva, cohort.group_id), (finn, other_group)}
    assert membership_pairs(database, cohort.cohort_id) == placed
    before = everything(database, cohort.cohort_id)
    chosen = [cohort.enrolments[name] for name in ("Eva", "Ben", "Zoë")]
    change = set_enrolment_status(database, cohort.cohort_id, chosen, ES.WITHDRAWN)
    after = everything(database, cohort.cohort_id)
    assert after != before and grouped(database, cohort.cohort_id) == {"Finn"}
    assert membership_pairs(database, cohort.cohort_id) == {(finn, other_group)}
    assert waitlist(database, cohort.cohort_id) == ["Cleo", "Dev"]

    redo = revert_enrolment_change(database, change)
    assert everything(database, cohort.cohort_id) == before
    assert membership_pairs(database, cohort.cohort_id) == placed  # Eva in her own group
    assert waitlist(database, cohort.cohort_id) == ["Ben", "Cleo", "Dev"]
    undo_again = revert_enrolment_change(database, redo)
    assert everything(database, cohort.cohort_id) == after
    revert_enrolment_change(database, undo_again)
    assert everything(database, cohort.cohort_id) == before


def test_moves_undone_in_turn_come_back_exactly(database: Database, cohort: SmallCohort) -> None:
    """Undoing the later move renumbers rows the earlier one touched; both still undo."""
    cohort_id, ids = cohort.cohort_id, cohort.enrolments
    before = everything(database, cohort_id)
    first = move_in_waitlist(database, cohort_id, ids["Dev"], 1)
    second = move_in_waitlist(database, cohort_id, ids["Cleo"], 1)
    third = set_enrolment_status(database, cohort_id, [ids["Dev"], ids["Eva"]], ES.WITHDRAWN)
    assert waitlist(database, cohort_id) == ["Cleo", "Ben"]
    for change in (third, second, first):
        revert_enrolment_change(database, change)
    assert everything(database, cohort_id) == before


def test_undo_of_a_waitlisting_puts_the_old_positions_back(
    database: Database, cohort: SmallCohort
) -> None:
    before = everything(database, cohort.cohort_id)
    chosen = [cohort.enrolments["Gus"], cohort.enrolments["Ben"], cohort.enrolments["Eva"]]
    change = set_enrolment_status(database, cohort.cohort_id, chosen, ES.WAITLISTED)
    assert waitlist(database, cohort.cohort_id) == ["Ben", "Cleo", "Dev", "Gus", "Eva"]
    assert grouped(database, cohort.cohort_id) == {"Finn"}
    revert_enrolment_change(database, change)
    assert everything(database, cohort.cohort_id) == before


def test_moving_within_the_waitlist(database: Database, cohort: SmallCohort) -> None:
    dev, ben = cohort.enrolments["Dev"], cohort.enrolments["Ben"]
    change = move_in_waitlist(database, cohort.cohort_id, dev, 1)
    assert waitlist(database, cohort.cohort_id) == ["Dev", "Ben", "Cleo"]
    revert_enrolment_change(database, change)
    assert waitlist(database, cohort.cohort_id) == ["Ben", "Cleo", "Dev"]

    move_in_waitlist(database, cohort.cohort_id, [dev, ben], 2)  # a block, in waitlist order
    assert waitlist(database, cohort.cohort_id) == ["Cleo", "Ben", "Dev"]
    move_in_waitlist(database, cohort.cohort_id, ben, 99)  # past the end: last
    assert waitlist(database, cohort.cohort_id) == ["Cleo", "Dev", "Ben"]
    with pytest.raises(ValidationError, match="waitlist"):
        move_in_waitlist(database, cohort.cohort_id, cohort.enrolments["Eva"], 1)


def test_adding_students_and_undoing_it(database: Database, cohort: SmallCohort) -> None:
    lea, sam = cohort.outsiders["Léa"], cohort.outsiders["Sam"]
    change = enrol_students(database, cohort.cohort_id, [sam, lea], ES.WAITLISTED)
    assert waitlist(database, cohort.cohort_id) == ["Ben", "Cleo", "Dev", "Sam", "Léa"]
    undo = revert_enrolment_change(database, change)
    assert "Léa" not in states(database, cohort.cohort_id)
    with database.read() as session:  # a tombstone, not a removed row
        assert session.scalar(select(m.Enrolment.deleted_at).where(m.Enrolment.student_id == lea))
    revert_enrolment_change(database, undo)
    assert waitlist(database, cohort.cohort_id) == ["Ben", "Cleo", "Dev", "Sam", "Léa"]
    with database.read() as session:  # the same enrolment rows came back
        live = session.scalars(
            select(m.Enrolment.id).where(
                m.Enrolment.student_id.in_([sam, lea]), m.Enrolment.deleted_at.is_(None)
            )
        ).all()
    assert sorted(live) == sorted(change.moved)


def test_adding_a_student_already_in_the_cohort_is_refused_with_a_sentence(
    database: Database, cohort: SmallCohort
) -> None:
    with pytest.raises(ValidationError) as refused:
        enrol_students(
            database, cohort.cohort_id, [cohort.outsiders["Léa"], cohort.students["Eva"]]
        )
    assert str(refused.value) == (
        "Eva Gray is already in this cohort (enrolled), so nobody was added."
    )
    assert "Léa" not in states(database, cohort.cohort_id)
    with pytest.raises(OverCapacityError):
        enrol_students(database, cohort.cohort_id, list(cohort.outsiders.values()), ES.ENROLLED)
    # The same student may be in another cohort.
    enrol_students(database, cohort.other_cohort_id, [cohort.students["Eva"]], ES.APPLIED)
    assert states(database, cohort.other_cohort_id) == {"Eva": ("applied", None)}


def test_undo_refuses_when_someone_else_moved_the_same_students(
    database: Database, cohort: SmallCohort
) -> None:
    zoe = cohort.enrolments["Zoë"]
    first = set_enrolment_status(database, cohort.cohort_id, [zoe], ES.ACCEPTED)
    set_enrolment_status(database, cohort.cohort_id, [zoe], ES.WITHDRAWN)  # someone else
    with pytest.raises(ChangedElsewhereError, match="someone else"):
        revert_enrolment_change(database, first)
    assert states(database, cohort.cohort_id)["Zoë"] == ("withdrawn", None)


def test_moves_announce_what_changed(database: Database, cohort: SmallCohort) -> None:
    hub, heard = ChangeHub(), []
    hub.subscribe(heard.append)
    eva = cohort.enrolments["Eva"]
    change = set_enrolment_status(database, cohort.cohort_id, [eva], ES.ACCEPTED, hub)
    assert isinstance(change, EnrolmentChange)
    assert heard[-1].touches("enrolments") and heard[-1].touches("group_memberships")
    assert eva in heard[-1].ids
    revert_enrolment_change(database, change, hub=hub)
    assert len(heard) == 2 and isinstance(heard[1], Changes) and eva in heard[1].ids


def test_moves_in_a_deleted_cohort_are_refused(database: Database, cohort: SmallCohort) -> None:
    delete_record(database, m.Cohort, cohort.cohort_id)
    with pytest.raises(RecordNotFoundError, match="no longer exists"):
        set_enrolment_status(database, cohort.cohort_id, [cohort.enrolments["Zoë"]], ES.ACCEPTED)
    with pytest.raises(RecordNotFoundError):
        cohort_details(database, cohort.cohort_id)
    with pytest.raises(ChangedElsewhereError):
        set_enrolment_status(
            database, cohort.other_cohort_id, [cohort.enrolments["Zoë"]], "enrolled"
        )


def test_a_board_of_2500_students_reads_quickly(database: Database, cohort: SmallCohort) -> None:
    now = utcnow()
    students = [
        {"id": new_id(), "first_name": f"Student{i}", "last_name": "Bulk", "created_at": now,
         "updated_at": now, "version": 1, "messaging_opt_in": False}
        for i in range(2500)
    ]  # fmt: skip
    enrolments = [
        {"id": new_id(), "student_id": row["id"], "cohort_id": cohort.cohort_id,
         "status": "enrolled", "created_at": now, "updated_at": now, "version": 1}
        for row in students
    ]  # fmt: skip
    with database.write() as session:
        session.execute(insert(m.Student.__table__), students)
        session.execute(insert(m.Enrolment.__table__), enrolments)
    started = time.perf_counter()
    rows = enrolment_board(database, cohort.cohort_id)
    elapsed = time.perf_counter() - started
    assert len(rows) == 2511
    assert elapsed < 1.0, f"reading the board took {elapsed:.2f} s"
