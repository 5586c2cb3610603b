"""Choosing a group's business problem and instructors, and instructor load."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.errors import ChangedElsewhereError, ValidationError
from ixdesk.services import assignments as svc
from ixdesk.services.operations import ChangeHub, Changes
from tests.assignment_world import TODAY, AssignmentWorld, build_assignment_world


def _names(world: AssignmentWorld, ids: list[str]) -> list[str]:
    keys = {value: key for key, value in world.ids.items()}
    return [keys[each] for each in ids]


def _assistant_rows(database: Database, group_id: str) -> int:
    with database.read() as session:
        return (
            session.scalar(select(func.count()).where(m.GroupAssistant.group_id == group_id)) or 0
        )


def test_problems_of_the_cohorts_track_that_are_approved_come_first(database: Database) -> None:
    world = build_assignment_world(database)
    choices = svc.problem_choices(database, world["g3"])
    assert _names(world, [c.id for c in choices]) == [
        "p_ok", "p_assigned",  # recommended: approved (or later), Marketing
        "p_draft", "p_notrack", "p_data",  # the others, by company then title
    ]  # fmt: skip
    by_key = dict(zip(_names(world, [c.id for c in choices]), choices, strict=True))
    assert [c.recommended for c in choices] == [True, True, False, False, False]
    assert by_key["p_ok"].warning is None and by_key["p_ok"].company == "Acme Retail"
    assert by_key["p_ok"].label == "Acme Retail — Launch campaign"
    assert by_key["p_draft"].warning == "Not approved yet (draft)."
    assert by_key["p_data"].warning == (
        "For the Data analytics track, not this cohort's Marketing track."
    )
    assert by_key["p_notrack"].warning == (
        "Not approved yet (scoped). Has no track; this cohort's track is Marketing."
    )


def test_instructors_active_and_teaching_the_track_first_with_load_and_warnings(
    database: Database,
) -> None:
    world = build_assignment_world(database)
    choices = svc.instructor_choices(database, world["g3"], today=TODAY)
    assert _names(world, [c.id for c in choices]) == ["ana", "dee", "ben", "cai"]
    ana, dee, ben, cai = choices
    assert ana.label == "Ana Silva — leads 1, assists 0"
    assert ana.warning is None  # cleared through the cohort's last day
    assert dee.warning == (
        "Has a safeguarding check with no expiry date recorded, needed for high-school students."
    )
    assert ben.warning == (
        "Has no safeguarding check, needed for high-school students. "
        "Does not teach the Marketing track."
    )
    assert cai.label == "Cai Jones — leads 0, assists 1"
    assert cai.warning is not None and cai.warning.startswith(
        "Has a safeguarding check that expires on 20 Mar 2027, before the cohort ends on 30 Apr"
    )
    assert "Invited, not active." in cai.warning
    # University students need no safeguarding check.
    (uni_ben,) = [c for c in svc.instructor_choices(database, world["u1"]) if c.id == ben.id]
    assert uni_ben.warning is None and uni_ben.teaches_track


def test_load_counts_groups_in_cohorts_not_over_yet(database: Database) -> None:
    world = build_assignment_world(database)
    loads = {load.id: load for load in svc.instructor_load(database)}
    assert set(loads) == {world[key] for key in ("ana", "ben", "cai", "dee")}  # not deleted eli
    assert (loads[world["ana"]].leads, loads[world["ana"]].assists) == (1, 0)
    # Ben also leads Team A (recruiting), which counts, and Old group (completed), which
    # does not.
    assert (loads[world["ben"]].leads, loads[world["ben"]].assists) == (2, 0)
    assert (loads[world["cai"]].leads, loads[world["cai"]].assists) == (0, 1)
    assert loads[world["dee"]].load_text == "leads 0, assists 1"
    assert loads[world["dee"]].total == 1


def test_assign_and_undo_restore_exactly(database: Database) -> None:
    world = build_assignment_world(database)
    hub, heard = ChangeHub(), []
    hub.subscribe(heard.append)
    before = svc.load_assignment(database, world["g1"])
    assert (before.business_problem_id, before.lead_instructor_id) == (world["p_ok"], world["ana"])
    assert before.assistant_ids == (world["cai"],)

    change = svc.assign_group(
        database, world["g1"], world["p_assigned"], world["dee"], [world["ana"], world["ana"]],
        hub=hub, expected_version=before.version,
    )  # fmt: skip
    assert change.previous == before and change.changed
    now = svc.load_assignment(database, world["g1"])
    assert now == change.current
    assert (now.business_problem_id, now.lead_instructor_id) == (world["p_assigned"], world["dee"])
    assert now.assistant_ids == (world["ana"],)
    assert now.version == before.version + 1
    changes: Changes = heard[-1]
    assert changes.touches("student_groups", "group_assistants") and world["g1"] in changes.ids

    undone = svc.assign_group(
        database, world["g1"], before.business_problem_id, before.lead_instructor_id,
        list(before.assistant_ids), hub=hub, expected_version=now.version,
    )  # fmt: skip
    restored = svc.load_assignment(database, world["g1"])
    assert undone.previous == now
    assert restored.assistant_ids == before.assistant_ids
    assert (restored.business_problem_id, restored.lead_instructor_id) == (
        before.business_problem_id,
        before.lead_instructor_id,
    )
    assert _assistant_rows(database, world["g1"]) == 2  # Cai's row revived, not doubled


def test_changing_only_assistants_moves_the_version_on(database: Database) -> None:
    world = build_assignment_world(database)
    before = svc.load_assignment(database, world["g2"])
    change = svc.assign_group(
        database, world["g2"], before.business_problem_id, before.lead_instructor_id,
        [world["dee"]], expected_version=before.version,
    )  # fmt: skip
    assert change.current.version == before.version + 1
    assert change.current.assistant_ids == (world["dee"],)
    same = svc.assign_group(
        database, world["g2"], before.business_problem_id, before.lead_instructor_id,
        [world["dee"]], expected_version=change.current.version,
    )  # fmt: skip
    assert not same.changed


def test_a_stale_version_is_refused_and_nothing_changes(database: Database) -> None:
    world = build_assignment_world(database)
    before = svc.load_assignment(database, world["g3"])
    svc.assign_group(database, world["g3"], world["p_ok"], None, [])  # someone else
    with pytest.raises(ChangedElsewhereError, match="changed by someone else"):
        svc.assign_group(
            database, world["g3"], None, world["ana"], [], expected_version=before.version
        )
    after = svc.load_assignment(database, world["g3"])
    assert after.lead_instructor_id is None and after.business_problem_id == world["p_ok"]


def test_the_lead_cannot_also_assist(database: Database) -> None:
    world = build_assignment_world(database)
    before = svc.load_assignment(database, world["g3"])
    with pytest.raises(ValidationError) as refused:
        svc.assign_group(
            database, world["g3"], world["p_ok"], world["ana"], [world["dee"], world["ana"]],
            expected_version=before.version,
        )  # fmt: skip
    assert str(refused.value) == (
        "Ana Silva cannot be both the lead instructor and an assistant of Group 3; "
        "untick them as an assistant."
    )
    assert svc.load_assignment(database, world["g3"]) == before


def test_deleted_choices_are_refused(database: Database) -> None:
    world = build_assignment_world(database)
    with pytest.raises(ValidationError, match="business problem no longer exists"):
        svc.assign_group(database, world["g3"], world["p_gone"], None, [])
    with pytest.raises(ValidationError, match="instructor no longer exists"):
        svc.assign_group(database, world["g3"], None, None, [world["eli"]])
    assert svc.load_assignment(database, world["g3"]).assistant_ids == ()
