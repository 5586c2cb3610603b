"""Deciding what a merge left for review, and undoing a merge or a decision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import IxdeskError, RecordNotFoundError
from ixdesk.services.events.decide import decide, undo_decisions
from ixdesk.services.events.merge import merge_event_copies
from ixdesk.services.events.pack import pack_event_copy
from ixdesk.services.events.review import APART, DELETE, MERGE, RESTORE, load_review
from ixdesk.services.events.state import CONFLICT, DELETED_HERE, DELETED_THERE, DUPLICATE, HERE
from ixdesk.services.events.undo import undo_merge
from ixdesk.services.operations import delete_record
from tests.event_world import (
    COHORT,
    PIN,
    at_the_event,
    build_main,
    change_here,
    one_copy,
    pack,
    sign_up,
)


def _live_students(database: Database) -> dict[str, m.Student]:
    with database.read() as session:
        rows = session.scalars(select(m.Student).where(m.Student.deleted_at.is_(None)))
        return {row.id: row for row in rows}


def _live_enrolments(database: Database, student_id: str) -> int:
    with database.read() as session:
        return int(
            session.scalar(
                select(func.count()).where(
                    m.Enrolment.student_id == student_id, m.Enrolment.deleted_at.is_(None)
                )
            )
            or 0
        )


def test_restoring_a_student_deleted_here_brings_back_every_change_and_sign_up_from_the_event(
    database: Database, tmp_path: Path
) -> None:
    main, path = one_copy(database, tmp_path / "a.ixdesk", packed=3, event="Open day")
    with at_the_event(path) as copy:
        sign_up(
            copy, main.cohort, "Packed0", "Student", student_id=main.students[0], school="Newer"
        )
    delete_record(database, m.Student, main.students[0])
    merge_event_copies(database, [path])
    [item] = [item for item in load_review(database) if item.kind == DELETED_HERE]
    assert "Newer" in item.sides[0].text and "signed up for" in item.sides[0].text
    decide(database, {item.id: RESTORE})
    restored = _live_students(database)[main.students[0]]
    assert restored.school == "Newer"
    assert _live_enrolments(database, main.students[0]) == 1


def _pair(database: Database, tmp_path: Path) -> tuple[str, str, str]:
    """One person signed up on two laptops; returns (item id, kept id, held id)."""
    main = build_main(database, packed=1)
    paths = [tmp_path / "a.ixdesk", tmp_path / "b.ixdesk"]
    for path, name in zip(paths, ("Table A", "Table B"), strict=True):
        pack(database, path, name)
        with at_the_event(path) as copy:
            sign_up(copy, main.cohort, "Mia", "Okafor", email="mia@mail.example", phone=None)
    report = merge_event_copies(database, paths)
    assert report.reviews[DUPLICATE] == 1
    [item] = load_review(database)
    with database.read() as session:
        review = session.get(m.MergeReview, item.id)
        assert review is not None
        return item.id, str(review.record_id), str(review.other_id)


def test_a_pair_merged_into_one_keeps_one_student_with_one_enrolment(
    database: Database, tmp_path: Path
) -> None:
    item, kept, held = _pair(database, tmp_path)
    live = _live_students(database)
    assert kept in live and held not in live
    decided = decide(database, {item: MERGE})
    live = _live_students(database)
    assert kept in live and held not in live
    assert _live_enrolments(database, kept) == 1 and load_review(database) == []
    undo_decisions(database, decided)
    assert [each.id for each in load_review(database)] == [item]


def test_a_pair_kept_apart_brings_the_second_back_without_the_email_another_has(
    database: Database, tmp_path: Path
) -> None:
    item, kept, held = _pair(database, tmp_path)
    decide(database, {item: APART})
    live = _live_students(database)
    assert kept in live and held in live
    assert live[kept].email == "mia@mail.example" and live[held].email is None
    assert _live_enrolments(database, held) == 1
    with pytest.raises(IxdeskError):
        decide(database, {item: APART})  # decided already


def test_a_conflict_decided_for_the_event_takes_its_value_and_a_second_merge_leaves_it(
    database: Database, tmp_path: Path
) -> None:
    main, path = one_copy(database, tmp_path / "a.ixdesk", packed=1, event="Open day")
    with at_the_event(path) as copy:
        sign_up(copy, main.cohort, "Packed0", "Student", student_id=main.students[0], school="L")
    change_here(database, main.students[0], school="M")
    merge_event_copies(database, [path])
    [item] = load_review(database)
    assert item.kind == CONFLICT and [s.text for s in item.sides] == ["M", "L", "Leeds College"]
    copy_side = item.sides[1].source
    assert copy_side != HERE
    decide(database, {item.id: copy_side})
    assert _live_students(database)[main.students[0]].school == "L"
    assert merge_event_copies(database, [path]).merge_id is None
    assert load_review(database) == []


def test_undoing_a_merge_takes_out_what_it_brought_and_merging_again_brings_it_back(
    database: Database, tmp_path: Path
) -> None:
    main, path = one_copy(database, tmp_path / "a.ixdesk", packed=2, event="Open day")
    with at_the_event(path) as copy:
        for n in range(5):
            sign_up(copy, main.cohort, f"New{n}", "Person", born=date(2006, 2, 1 + n))
        sign_up(copy, main.cohort, "Packed1", "Student", student_id=main.students[1], school="X")
    before = {i: s.school for i, s in _live_students(database).items()}
    report = merge_event_copies(database, [path])
    assert report.merge_id is not None and len(_live_students(database)) == 7
    message = undo_merge(database, report.merge_id)
    assert "5 new students" in message
    assert {i: s.school for i, s in _live_students(database).items()} == before
    again = merge_event_copies(database, [path])
    assert again.counts["new_students"] == 5 and len(_live_students(database)) == 7
    assert again.merge_id is not None
    with pytest.raises(IxdeskError, match="undone already"):
        undo_merge(database, report.merge_id)


def test_a_deletion_at_the_event_travels_unless_the_student_was_changed_here_meanwhile(
    database: Database, tmp_path: Path
) -> None:
    main, path = one_copy(database, tmp_path / "a.ixdesk", packed=2, event="Open day")
    with at_the_event(path) as copy:
        for student in main.students:
            delete_record(copy, m.Student, student)
    change_here(database, main.students[1], school="Changed here")
    report = merge_event_copies(database, [path])
    assert report.counts["deleted"] == 1 and report.reviews[DELETED_THERE] == 1
    live = _live_students(database)
    assert main.students[0] not in live and main.students[1] in live
    [item] = load_review(database)
    assert item.kind == DELETED_THERE and "Changed here" in item.sides[0].text
    decide(database, {item.id: DELETE})
    assert main.students[1] not in _live_students(database)
    assert merge_event_copies(database, [path]).merge_id is None


def test_sign_ups_come_in_with_the_enrolment_status_the_copy_was_made_with(
    database: Database, tmp_path: Path
) -> None:
    main = build_main(database, packed=1)
    path = pack_event_copy(
        database, tmp_path / "a.ixdesk", [COHORT], pin=PIN, enrolment_status="accepted"
    ).path
    with at_the_event(path) as copy:
        sign_up(copy, main.cohort, "Rui", "Costa", email="rui@mail.example")
    merge_event_copies(database, [path])
    with database.read() as session:
        assert session.scalars(select(m.Enrolment.status)).all() == [EnrolmentStatus.ACCEPTED]


def test_a_merge_is_undone_by_its_id_written_without_dashes(
    database: Database, tmp_path: Path
) -> None:
    main, path = one_copy(database, tmp_path / "a.ixdesk", packed=1, event="Open day")
    with at_the_event(path) as copy:
        sign_up(copy, main.cohort, "New", "Person", email="new@mail.example")
    report = merge_event_copies(database, [path])
    assert report.merge_id is not None
    with pytest.raises(RecordNotFoundError, match="No merge has the id"):
        undo_merge(database, "not-a-merge")
    said = undo_merge(database, report.merge_id.replace("-", "").upper())
    assert said.startswith("The merge of 1 event copy was undone: 1 new students")
    assert "new@mail.example" not in {s.email for s in _live_students(database).values()}
