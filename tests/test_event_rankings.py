"""Rankings of business problems at an event: packed problems, sign-ups that rank them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services.events.decide import decide, undo_decisions
from ixdesk.services.events.merge import merge_event_copies
from ixdesk.services.events.review import MERGE, load_review
from ixdesk.services.events.signup import load_setup, load_signup, remove_signup, save_signup
from ixdesk.services.events.state import CONFLICT, DUPLICATE, HERE
from ixdesk.services.events.undo import undo_merge
from ixdesk.services.matching.choices import set_choices, student_choices
from tests.event_world import (
    NOT_OFFERED,
    OFFERED,
    Main,
    at_the_event,
    build_main,
    one_copy,
    pack,
    sign_up,
)


def _ranked(database: Database, student_id: str) -> list[str]:
    return [
        title for each in student_choices(database, student_id) for _i, title, _c in each.problems
    ]


@pytest.fixture
def fair(database: Database, tmp_path: Path) -> tuple[Main, Path]:
    """A main database of three packed students and an event copy of it."""
    return one_copy(database, tmp_path / "fair.ixdesk", packed=3)


def _rankings(database: Database) -> list[tuple[str, str, int]]:
    """Every live ranking row: (student, problem, rank)."""
    pp = m.ProblemPreference
    with database.read() as session:
        rows = session.execute(
            select(pp.student_id, pp.business_problem_id, pp.rank).where(pp.deleted_at.is_(None))
        ).all()
    return sorted((str(a), str(b), c) for a, b, c in rows)


def _two_copies(database: Database, tmp_path: Path) -> tuple[Main, Path, Path]:
    main = build_main(database, packed=3)
    first, second = tmp_path / "a.ixdesk", tmp_path / "b.ixdesk"
    pack(database, first, "Table 1")
    pack(database, second, "Table 2")
    return main, first, second


def test_an_event_copy_packs_the_problems_its_cohorts_offer_and_nothing_about_them_else(
    database: Database, fair: tuple[Main, Path]
) -> None:
    main, path = fair
    data = path.read_bytes()
    for title in OFFERED:
        assert title.encode() in data
    assert b"Northwind Retail" in data  # the company's name a ranking shows
    for title in NOT_OFFERED:
        assert title.encode() not in data, title  # under an NDA, a draft, another track
    assert b"SECRET" not in data and b"secret-contact" not in data
    with at_the_event(path) as copy:
        setup = load_setup(copy)
        offered = setup.problems[main.cohort]
        assert [problem.title for problem in offered] == list(OFFERED)
        assert [problem.id for problem in offered] == list(main.problems)
        assert offered[0].describe() == "Churn dashboard (Northwind Retail)"
    again = pack(database, path.with_name("b.ixdesk"), "B")
    assert again.problems == 3 and "3 business problems to rank" in again.describe()


def test_a_sign_up_saves_its_ranking_with_it_and_a_correction_changes_it(
    database: Database, fair: tuple[Main, Path]
) -> None:
    main, path = fair
    churn, footfall, price = main.problems
    with at_the_event(path) as copy:
        saved = sign_up(copy, main.cohort, "Ada", "Lovelace", choices=(footfall, churn))
        assert _ranked(copy, saved.student_id) == ["Footfall forecasting", "Churn dashboard"]
        signup = load_signup(copy, saved.enrolment_id)
        assert signup.choices == [footfall, churn]
        signup.choices = [price]
        save_signup(copy, signup)
        assert _ranked(copy, saved.student_id) == ["Price elasticity"]
        corrected = load_signup(copy, saved.enrolment_id)
        corrected.choices = []
        save_signup(copy, corrected)
        assert _ranked(copy, saved.student_id) == []


def test_adding_a_sign_up_to_a_packed_student_ranks_for_them_and_taking_it_back_clears_it(
    database: Database, fair: tuple[Main, Path]
) -> None:
    main, path = fair
    packed = main.students[0]
    with at_the_event(path) as copy:
        saved = sign_up(
            copy, main.cohort, "Packed0", "Student", student_id=packed, choices=main.problems[1:]
        )
        assert saved.student_id == packed
        assert _ranked(copy, packed) == ["Footfall forecasting", "Price elasticity"]
        remove_signup(copy, saved.enrolment_id)
        with copy.read() as session:
            live = session.scalars(
                select(m.ProblemPreference.id).where(m.ProblemPreference.deleted_at.is_(None))
            ).all()
        assert live == []


def test_rankings_come_home_with_new_and_packed_students_once_however_often_merged(
    database: Database, fair: tuple[Main, Path]
) -> None:
    main, path = fair
    churn, footfall, price = main.problems
    packed = main.students[1]
    with at_the_event(path) as copy:
        new = sign_up(copy, main.cohort, "Ada", "Lovelace", choices=(price, churn)).student_id
        sign_up(copy, main.cohort, "Packed1", "Student", student_id=packed, choices=(footfall,))
    report = merge_event_copies(database, [path])
    assert report.copies[0].counts["rankings"] == 2
    assert _ranked(database, new) == ["Price elasticity", "Churn dashboard"]
    assert _ranked(database, packed) == ["Footfall forecasting"]
    before = _rankings(database)
    again = merge_event_copies(database, [path])
    assert again.merge_id is None and _rankings(database) == before  # no doubling
    undo_merge(database, report.merge_id or "")
    assert _rankings(database) == []


def test_a_ranking_changed_at_the_event_after_a_merge_comes_home_at_the_next(
    database: Database, fair: tuple[Main, Path]
) -> None:
    main, path = fair
    churn, footfall, price = main.problems
    with at_the_event(path) as copy:
        saved = sign_up(copy, main.cohort, "Ada", "Lovelace", choices=(price,))
    merge_event_copies(database, [path])
    with at_the_event(path) as copy:
        signup = load_signup(copy, saved.enrolment_id)
        signup.choices = [churn, footfall]
        save_signup(copy, signup)
    report = merge_event_copies(database, [path])
    assert report.reviews[CONFLICT] == 0
    assert _ranked(database, saved.student_id) == ["Churn dashboard", "Footfall forecasting"]


def _rank_packed_on_two_tables(tmp_path: Path, main: Main, a: Path, b: Path) -> None:
    churn, footfall, _price = main.problems
    packed = main.students[0]
    with at_the_event(a) as copy:
        sign_up(copy, main.cohort, "Packed0", "Student", student_id=packed, choices=(churn,))
    with at_the_event(b) as copy:
        sign_up(copy, main.cohort, "Packed0", "Student", student_id=packed, choices=(footfall,))


def test_a_ranking_changed_on_both_sides_waits_for_review_in_any_order_and_is_decided(
    database: Database, tmp_path: Path
) -> None:
    main, a, b = _two_copies(database, tmp_path)
    packed = main.students[0]
    _rank_packed_on_two_tables(tmp_path, main, a, b)
    set_choices(database, main.cohort, packed, [main.problems[2]])  # ranked here meanwhile
    merge_event_copies(database, [b])
    merge_event_copies(database, [a])  # one by one, in the other order
    assert _ranked(database, packed) == ["Price elasticity"]  # ixdesk's kept meanwhile
    [item] = [each for each in load_review(database) if each.kind == CONFLICT]
    assert item.about == "Business problems ranked for Data Spring 2027"
    texts = {side.label: side.text for side in item.sides}
    assert texts == {
        "In ixdesk": "1. Price elasticity",
        "From Table 1": "1. Churn dashboard",
        "From Table 2": "1. Footfall forecasting",
        "Before the event": "(none ranked)",
    }
    table_1 = next(side.source for side in item.sides if side.label == "From Table 1")
    decided = decide(database, {item.id: table_1})
    assert _ranked(database, packed) == ["Churn dashboard"]
    undo_decisions(database, decided)
    assert _ranked(database, packed) == ["Price elasticity"]
    decide(database, {item.id: HERE})
    assert _ranked(database, packed) == ["Price elasticity"]


def test_copies_ranking_the_same_student_differently_merge_alike_together_or_apart(
    database: Database, tmp_path: Path
) -> None:
    main, a, b = _two_copies(database, tmp_path)
    _rank_packed_on_two_tables(tmp_path, main, a, b)
    together = merge_event_copies(database, [b, a], dry_run=True)
    assert together.reviews[CONFLICT] == 1
    merge_event_copies(database, [a])
    assert _ranked(database, main.students[0]) == ["Churn dashboard"]  # one side: taken
    second = merge_event_copies(database, [b])
    assert second.reviews[CONFLICT] == 1
    assert _ranked(database, main.students[0]) == []  # ixdesk's own until decided


def test_merging_a_duplicate_pair_gives_the_held_sign_ups_ranking_to_the_student_kept(
    database: Database, fair: tuple[Main, Path]
) -> None:
    main, path = fair
    packed = main.students[2]
    with at_the_event(path) as copy:  # "someone else" at the table: a second record
        sign_up(
            copy, main.cohort, "Packed2", "Student", born=date(2007, 1, 3),
            choices=(main.problems[1],),
        )  # fmt: skip
    merge_event_copies(database, [path])
    [pair] = [item for item in load_review(database) if item.kind == DUPLICATE]
    decide(database, {pair.id: MERGE})
    assert _ranked(database, packed) == ["Footfall forecasting"]
    assert len(_rankings(database)) == 1
