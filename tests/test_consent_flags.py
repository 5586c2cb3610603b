"""Minors without a valid consent for a purpose are flagged where the purpose is used:
the gaps per purpose, and "Needs attention" for messages, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import event, update
from sqlalchemy.engine import Engine

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import ConsentPurpose as P
from ixdesk.services import attention as a
from ixdesk.services import groups as g
from ixdesk.services.enrolment import enrolment_board
from ixdesk.services.export.rosters import export_cohort_roster
from ixdesk.services.operations import OperationContext, run_operation
from ixdesk.services.privacy import consent as cs
from ixdesk.services.privacy import profiles as pf
from tests.assignment_world import TODAY, build_assignment_world
from tests.group_cohort import make_cohort


def _set(database: Database, *student_ids: str, **values: Any) -> None:
    def work(context: OperationContext) -> None:
        context.session.execute(
            update(m.Student).where(m.Student.id.in_(student_ids)).values(**values)
        )

    run_operation(database, work)


def _opt_in(database: Database, *student_ids: str) -> None:
    _set(database, *student_ids, messaging_opt_in=True)


def test_gaps_say_missing_or_withdrawn_per_purpose_for_minors_only(database: Database) -> None:
    world = build_assignment_world(database)
    minor, consented, adult = world["minor"], world["consented"], world["just_adult"]
    photos = cs.give_consent(database, minor, [P.PHOTOS], given_by="A parent")
    cs.withdraw_consent(database, photos[0], withdrawn_by="A parent")
    cs.give_consent(database, minor, [P.MESSAGES], given_by="A parent")
    with database.read() as session:
        gaps = cs.consent_gaps(session, [minor, consented, adult], on=date(2027, 2, 15))
        assert gaps[minor] == {
            P.PARTICIPATION: cs.MISSING,
            P.PHOTOS: cs.WITHDRAWN,
            P.PARTNER_SHARING: cs.MISSING,
        }
        assert gaps[consented] == {
            P.PHOTOS: cs.MISSING,
            P.PARTNER_SHARING: cs.MISSING,
            P.MESSAGES: cs.MISSING,
        }
        assert adult not in gaps  # 18 that day: needs none
        assert cs.lacking_consent(session, [minor, consented], P.MESSAGES) == {
            consented
        }  # minors today
    # A withdrawn consent given again is valid again.
    cs.give_consent(database, minor, [P.PHOTOS], given_by="A parent")
    with database.read() as session:
        assert P.PHOTOS not in cs.consent_gaps(session, [minor], on=TODAY)[minor]
    assert cs.gaps_sentence(gaps[minor]) == (
        "Under 18: no guardian's consent on record for taking part in the programme, "
        "sharing work with the partner company; consent withdrawn for photos."
    )
    assert cs.gaps_sentence({}).startswith("Under 18: a guardian's consent is on record")


def test_a_minor_opted_in_to_messages_without_consent_needs_attention(
    database: Database,
) -> None:
    world = build_assignment_world(database)
    _opt_in(database, world["minor"], world["consented"], world["just_adult"], world["s4"])
    cs.give_consent(database, world["s4"], [P.MESSAGES], given_by="A parent")

    def flagged() -> dict[str, str]:
        concerns = a.cohort_concerns(database, world["hs"], today=TODAY)
        return {c.record_id: c.text for c in concerns if c.code == a.MESSAGES_WITHOUT_CONSENT}

    texts = flagged()
    # s4 (an adult anyway) has the consent; just_adult is 18; both minors are flagged.
    assert set(texts) == {world["minor"], world["consented"]}
    assert texts[world["minor"]] == (
        "Mina No0 is under 18 and opted in to messages, with no guardian's consent for them."
    )
    given = cs.give_consent(database, world["consented"], [P.MESSAGES], given_by="A parent")
    assert set(flagged()) == {world["minor"]}
    cs.withdraw_consent(database, given[0], withdrawn_by="A parent")
    assert set(flagged()) == {world["minor"], world["consented"]}
    concern = next(
        c
        for c in a.cohort_concerns(database, world["hs"], today=TODAY)
        if c.code == a.MESSAGES_WITHOUT_CONSENT
    )
    assert concern.record_kind == "students"
    assert "A parent" not in concern.text  # never a guardian's data


def test_opted_out_minors_are_not_flagged_for_messages(database: Database) -> None:
    build_assignment_world(database)
    concerns = a.all_concerns(database, today=TODAY)
    assert a.MESSAGES_WITHOUT_CONSENT not in {c.code for c in concerns}


def test_the_coordinator_roster_marks_minors_without_consent_to_take_part(
    database: Database, tmp_path: Path
) -> None:
    world = build_assignment_world(database)
    (given,) = cs.give_consent(database, world["free"], [P.PARTICIPATION], given_by="A parent")
    cs.withdraw_consent(database, given, withdrawn_by="A parent")
    _set(database, world["free"], date_of_birth=date(2011, 1, 1))  # Frida, 16
    written = export_cohort_roster(database, world["hs"], tmp_path / "roster.xlsx")
    book = openpyxl.load_workbook(written)

    def column(sheet_name: str) -> dict[str, Any]:
        rows = [[cell.value for cell in row] for row in book[sheet_name].iter_rows()]
        at = next(i for i, row in enumerate(rows) if "Guardian consent" in row)
        header = rows[at]
        last, mark = header.index("Last name"), header.index("Guardian consent")
        return {row[last]: row[mark] for row in rows[at + 1 :] if row[last]}

    group_1 = column("Group 1")
    assert group_1 == {"No0": "missing", "No1": None, "No2": None, "No3": "missing"}
    assert column("Not in a group") == {
        "No17": "withdrawn",
        "No18": None,
    }  # Frida; Otto is an adult
    assert "guardian consent" in pf.describe(pf.COORDINATOR)
    others = [p for p in pf.PROFILES.values() if p is not pf.COORDINATOR]
    assert all("guardian_consent" not in p.shown and p.marks is None for p in others)


@contextmanager
def _counting() -> Iterator[list[str]]:
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", before)


def test_the_marks_cost_the_same_queries_for_30_students_as_for_300(
    database: Database, tmp_path: Path
) -> None:
    small = make_cohort(database, 30, name="Small")
    large = make_cohort(database, 300, name="Large")

    def statements(cohort_id: str) -> list[int]:
        counts = []
        for load in (
            lambda: enrolment_board(database, cohort_id),
            lambda: g.builder_data(database, cohort_id),
            lambda: export_cohort_roster(database, cohort_id, tmp_path / f"{cohort_id}.xlsx"),
        ):
            with _counting() as seen:
                load()
            counts.append(len(seen))
        return counts

    assert statements(small.cohort_id) == statements(large.cohort_id)
    rows = enrolment_board(database, large.cohort_id)
    assert sum(row.consent == cs.MISSING for row in rows) == 300  # no birthdays, no consents
