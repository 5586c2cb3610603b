"""Rankings of business problems at an event: packed problems, sign-ups that rank them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services.events.signup import load_setup, load_signup, remove_signup, save_signup
from ixdesk.services.matching.choices import student_choices
from tests.event_world import NOT_OFFERED, OFFERED, at_the_event, one_copy, sign_up


def _ranked(database: Database, student_id: str) -> list[str]:
    return [
        title for each in student_choices(database, student_id) for _i, title, _c in each.problems
    ]


def test_an_event_copy_packs_the_problems_its_cohorts_offer_and_nothing_about_them_else(
    database: Database, tmp_path: Path
) -> None:
    main, path = one_copy(database, tmp_path / "fair.ixdesk", packed=3)
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


def test_a_sign_up_saves_its_ranking_with_it_and_a_correction_changes_it(
    database: Database, tmp_path: Path
) -> None:
    main, path = one_copy(database, tmp_path / "fair.ixdesk", packed=3)
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
    database: Database, tmp_path: Path
) -> None:
    main, path = one_copy(database, tmp_path / "fair.ixdesk", packed=3)
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
