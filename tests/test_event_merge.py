"""Three event copies of 200 sign-ups each merge back without loss or doubling.

The overlaps: five people signed up on laptops A and B (the same email),
three on A and C (the same name and date of birth, no email on C), a packed
student corrected on laptop A and in the main database (a conflict), one whose
guardian was typed on laptop B while the main database holds another (a
guardian item, never decided alone), one deleted in the main database and
corrected on laptop C, and one corrected on laptop B only (taken).
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.services.events.merge import merge_event_copies
from ixdesk.services.events.state import CONFLICT, DELETED_HERE, DUPLICATE, GUARDIAN
from ixdesk.services.operations import delete_record
from tests.event_world import Main, at_the_event, build_main, change_here, pack, sign_up

PER_COPY = 200
SAME_EMAIL = range(0, 5)  # A0..A4 signed up again on B
SAME_NAME = range(5, 8)  # A5..A7 signed up again on C, without an email


def _born(n: int) -> date:
    return date(2006, 1 + n % 12, 1 + n % 28)


def _new_people(copy: Database, cohort: str, letter: str, count: int) -> None:
    for n in range(count):
        person = f"{letter}{n}"
        email: str | None = f"{person.lower()}@mail.example"
        if letter == "B" and n in SAME_EMAIL:
            person, email = f"A{n}", f"a{n}@mail.example"
        if letter == "C" and n in SAME_NAME:
            person, email = f"A{n}", None
        sign_up(copy, cohort, person, "Signup", email=email, born=_born(n))


def build_scenario(database: Database, folder: Path) -> tuple[Main, list[Path]]:
    main = build_main(database)
    paths = [folder / f"{letter}.ixdesk" for letter in "ABC"]
    for path, letter in zip(paths, "ABC", strict=True):
        pack(database, path, f"Careers Fair, Table {letter}")
    packed = main.students
    # Laptop A: a correction of packed student 1, and 199 new people.
    with at_the_event(paths[0]) as copy:
        sign_up(copy, main.cohort, "Packed1", "Student", student_id=packed[1], school="Laptop")
        _new_people(copy, main.cohort, "A", PER_COPY - 1)
        # A laptop whose clock runs decades ahead wins nothing by it.
        with copy.write() as session:
            session.execute(
                update(m.Student)
                .where(m.Student.id == packed[1])
                .values(updated_at=datetime(2099, 1, 1, tzinfo=UTC))
            )
    # Laptop B: packed 3 gets a new school, packed 4 a guardian; 198 new people.
    with at_the_event(paths[1]) as copy:
        sign_up(copy, main.cohort, "Packed3", "Student", student_id=packed[3], school="Moved")
        sign_up(copy, main.cohort, "Packed4", "Student", student_id=packed[4], guardian_name="Kim")
        _new_people(copy, main.cohort, "B", PER_COPY - 2)
    # Laptop C: packed 2 corrected (deleted meanwhile in the main database); 199 new.
    with at_the_event(paths[2]) as copy:
        sign_up(copy, main.cohort, "Packed2", "Student", student_id=packed[2], school="Again")
        _new_people(copy, main.cohort, "C", PER_COPY - 1)
    change_here(database, packed[1], school="Main School")
    delete_record(database, m.Student, packed[2])
    return main, paths


def state(database: Database) -> dict[str, Any]:
    """Everything a merge decides, comparable across runs."""
    with database.read() as session:
        students = {
            str(row.id): (
                row.first_name,
                row.email,
                row.school,
                row.guardian_name,
                row.deleted_at is None,
            )
            for row in session.scalars(select(m.Student))
        }
        enrolments = {
            str(row.id): (str(row.student_id), str(row.cohort_id), row.deleted_at is None)
            for row in session.scalars(select(m.Enrolment))
        }
        reviews = sorted(
            (row.kind, str(row.record_id), str(row.other_id), row.field, repr(row.details))
            for row in session.scalars(
                select(m.MergeReview).where(m.MergeReview.decided_at.is_(None))
            )
        )
    return {"students": students, "enrolments": enrolments, "reviews": reviews}


def test_three_copies_of_200_sign_ups_merge_to_exactly_the_expected_students(
    database: Database, tmp_path: Path
) -> None:
    main, paths = build_scenario(database, tmp_path)
    packed = main.students
    report = merge_event_copies(database, [paths[2], paths[0], paths[1]])
    assert report.merge_id is not None
    counts = report.counts
    assert counts["new_students"] == 199 + 198 + 199
    assert counts["duplicates"] == len(SAME_EMAIL) + len(SAME_NAME)
    assert report.reviews == {
        DUPLICATE: 8,
        CONFLICT: 1,
        GUARDIAN: 1,
        DELETED_HERE: 1,
        "deleted_there": 0,
    }
    found = state(database)
    live = {i: s for i, s in found["students"].items() if s[-1]}
    # 40 packed, one deleted here; 596 sign-ups, of whom 8 wait as the second of a pair.
    assert len(live) == 40 - 1 + 596 - 8
    names = [s[0] for s in live.values()]
    assert len(names) == len(set(names))  # nobody doubled
    assert {f"A{n}" for n in range(199)} | {f"B{n}" for n in range(5, 198)} <= set(names)
    assert {f"C{n}" for n in range(199) if n not in SAME_NAME} <= set(names)
    # The change made on laptop B only is taken; the one made on both sides keeps
    # this database's value (whatever the laptop's clock said) and waits.
    assert live[packed[3]][2] == "Moved"
    assert live[packed[1]][2] == "Main School"
    assert live[packed[4]][3] == "SECRET-GUARDIAN-4"
    assert packed[2] not in live
    live_enrolments = [e for e in found["enrolments"].values() if e[2]]
    assert len(live_enrolments) == len(live) - 40 + 1 + 3  # new ones, and packed 1, 3, 4
    assert all(e[0] in live for e in live_enrolments)
    kinds = {(kind, record, field) for kind, record, _other, field, _ in found["reviews"]}
    assert (CONFLICT, packed[1], "school") in kinds
    assert (GUARDIAN, packed[4], "guardian_name") in kinds
    assert (DELETED_HERE, packed[2], None) in kinds
    pairs = [(r, o) for kind, r, o, _f, _d in found["reviews"] if kind == DUPLICATE]
    assert all((r in live) != (o in live) for r, o in pairs)  # one of each pair waits

    again = merge_event_copies(database, paths)
    assert again.merge_id is None and not again.changed
    assert state(database) == found


@pytest.mark.sqlite_only
def test_copies_merged_one_by_one_in_any_order_give_the_same_result(
    sqlite_database: Database, tmp_path: Path
) -> None:
    _main, paths = build_scenario(sqlite_database, tmp_path)
    sqlite_database.close()
    other = tmp_path / "other.db"
    shutil.copyfile(tmp_path / "ixdesk.db", other)
    first = open_database(tmp_path / "ixdesk.db")
    second = open_database(other)
    try:
        merge_event_copies(first, paths)
        for path in reversed(paths):
            merge_event_copies(second, [path])
        assert state(first) == state(second)
        assert merge_event_copies(second, paths).merge_id is None
    finally:
        first.close()
        second.close()
