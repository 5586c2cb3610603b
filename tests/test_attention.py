"""Each "needs attention" concern appears exactly when it should, on both databases."""

from __future__ import annotations

from datetime import date

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services import attention as a
from ixdesk.services.attention import Concern, Severity
from ixdesk.services.operations import update_record
from tests.assignment_world import TODAY, AssignmentWorld, build_assignment_world

Key = tuple[str, str, str, str | None]


def _keys(concerns: list[Concern], world: AssignmentWorld) -> set[Key]:
    names = {value: key for key, value in world.ids.items()}
    return {
        (c.code, c.record_kind, names[c.record_id], names.get(c.group_id or "")) for c in concerns
    }


RUNNING_HS: set[Key] = {
    (a.SAFEGUARDING_EXPIRES, "instructors", "cai", "g1"),
    (a.INSTRUCTOR_NOT_ACTIVE, "instructors", "cai", "g1"),  # invited, assisting
    (a.GROUP_TOO_BIG, "groups", "g2", "g2"),
    (a.PROBLEM_NOT_APPROVED, "problems", "p_draft", "g2"),
    (a.SAFEGUARDING_MISSING, "instructors", "ben", "g2"),
    (a.INSTRUCTOR_OUTSIDE_TRACK, "instructors", "ben", "g2"),  # leads outside his track
    (a.GROUP_TOO_SMALL, "groups", "g3", "g3"),
    (a.GROUP_WITHOUT_PROBLEM, "groups", "g3", "g3"),
    (a.GROUP_WITHOUT_LEAD, "groups", "g3", "g3"),
    (a.GROUP_WITHOUT_PROBLEM, "groups", "g5", "g5"),  # its problem was deleted
    (a.GROUP_WITHOUT_LEAD, "groups", "g5", "g5"),  # its lead was deleted
    (a.SAFEGUARDING_MISSING, "instructors", "dee", "g5"),  # cleared, but no expiry date
    (a.STUDENT_WITHOUT_GROUP, "students", "free", None),
    (a.STUDENT_WITHOUT_GROUP, "students", "orphan", None),  # only in a deleted group
    (a.MINOR_WITHOUT_CONSENT, "students", "minor", None),
    (a.MINOR_WITHOUT_CONSENT, "students", "no_birthday", None),
}


def test_a_cohort_has_exactly_its_concerns(database: Database) -> None:
    world = build_assignment_world(database)
    concerns = a.cohort_concerns(database, world["hs"], today=TODAY)
    assert _keys(concerns, world) == RUNNING_HS
    assert len(concerns) == 16  # nothing reported twice
    assert {c.cohort_id for c in concerns} == {world["hs"]}
    assert {c.cohort_name for c in concerns} == {"Marketing Spring 2027"}


def test_all_concerns_cover_planned_recruiting_and_running_cohorts_only(
    database: Database,
) -> None:
    world = build_assignment_world(database)
    concerns = a.all_concerns(database, today=TODAY)
    others = {
        (a.MINOR_WITHOUT_CONSENT, "students", "uni_minor", None),  # a minor at university
        (a.COHORT_WITHOUT_GROUPS, "cohorts", "plan", None),
    }
    assert _keys(concerns, world) == RUNNING_HS | others
    assert len(concerns) == 18
    assert world["done"] not in {c.cohort_id for c in concerns}
    # ...but a completed cohort asked for by itself is looked at too.
    done = a.cohort_concerns(database, world["done"], today=TODAY)
    assert _keys(done, world) == {
        (a.GROUP_TOO_SMALL, "groups", "d1", "d1"),
        (a.GROUP_WITHOUT_PROBLEM, "groups", "d1", "d1"),
        (a.SAFEGUARDING_MISSING, "instructors", "ben", "d1"),
        (a.INSTRUCTOR_OUTSIDE_TRACK, "instructors", "ben", "d1"),
    }


def test_sentences_name_the_record_and_critical_ones_come_first(database: Database) -> None:
    world = build_assignment_world(database)
    concerns = a.all_concerns(database, today=TODAY)
    texts = {c.code + ":" + c.record_id: c.text for c in concerns}
    assert texts[f"{a.GROUP_TOO_BIG}:{world['g2']}"] == (
        "Group 2 in Marketing Spring 2027 has 6 students; the group size is 4."
    )
    assert texts[f"{a.SAFEGUARDING_EXPIRES}:{world['cai']}"] == (
        "Cai Jones, assistant instructor of Group 1 in Marketing Spring 2027, has a "
        "safeguarding check that expires on 20 Mar 2027, before the cohort ends on 30 Apr 2027."
    )
    # In the words the assignment dialog warns with.
    assert texts[f"{a.INSTRUCTOR_NOT_ACTIVE}:{world['cai']}"] == (
        "Cai Jones, assistant instructor of Group 1 in Marketing Spring 2027: invited, not active."
    )
    assert texts[f"{a.INSTRUCTOR_OUTSIDE_TRACK}:{world['ben']}"] == (
        "Ben Okafor, lead instructor of Group 2 in Marketing Spring 2027: does not teach the "
        "Marketing track."
    )
    assert texts[f"{a.PROBLEM_NOT_APPROVED}:{world['p_draft']}"] == (
        "Group 2 in Marketing Spring 2027 works on “Loyalty ideas” (Acme Retail), "
        "not approved yet (draft)."
    )
    assert texts[f"{a.MINOR_WITHOUT_CONSENT}:{world['no_birthday']}"].startswith(
        "Nora No3 has no date of birth and no guardian consent"
    )
    assert texts[f"{a.COHORT_WITHOUT_GROUPS}:{world['plan']}"] == (
        "Marketing Summer 2027 has 2 enrolled students and no groups yet."
    )
    severities = [c.severity for c in concerns]
    assert severities == sorted(severities, key=lambda s: s != Severity.CRITICAL)
    assert severities.count(Severity.CRITICAL) == 6  # 3 safeguarding, 3 consent
    assert a.concern_codes_present(concerns)[:2] == [
        (a.SAFEGUARDING_MISSING, 2),
        (a.SAFEGUARDING_EXPIRES, 1),
    ]


def test_group_concerns_pick_one_groups_marks(database: Database) -> None:
    world = build_assignment_world(database)
    concerns = a.cohort_concerns(database, world["hs"], today=TODAY)
    assert {c.code for c in a.group_concerns(concerns, world["g3"])} == {
        a.GROUP_TOO_SMALL,
        a.GROUP_WITHOUT_PROBLEM,
        a.GROUP_WITHOUT_LEAD,
    }
    assert a.group_concerns(concerns, world["g1"])[0].record_id == world["cai"]
    assert a.group_concerns(concerns, "no such group") == []


def test_fixing_a_record_clears_its_concern(database: Database) -> None:
    world = build_assignment_world(database)
    with database.read() as session:
        cai = session.get(m.Instructor, world["cai"])
        assert cai is not None
        version = cai.version
    update_record(
        database, m.Instructor, world["cai"], version,
        {"safeguarding_expires_on": date(2027, 4, 30)},  # valid through the last day
    )  # fmt: skip
    with database.read() as session:
        student = session.get(m.Student, world["minor"])
        assert student is not None
        version = student.version
    update_record(database, m.Student, world["minor"], version, {"date_of_birth": date(2009, 1, 1)})
    keys = _keys(a.cohort_concerns(database, world["hs"], today=TODAY), world)
    assert keys == RUNNING_HS - {
        (a.SAFEGUARDING_EXPIRES, "instructors", "cai", "g1"),
        (a.MINOR_WITHOUT_CONSENT, "students", "minor", None),
    }


def test_a_cohort_without_group_size_or_records_has_no_size_concerns(database: Database) -> None:
    world = build_assignment_world(database)
    with database.read() as session:
        cohort = session.get(m.Cohort, world["hs"])
        assert cohort is not None
        version = cohort.version
    update_record(database, m.Cohort, world["hs"], version, {"group_size": None})
    codes = {c.code for c in a.cohort_concerns(database, world["hs"], today=TODAY)}
    assert not codes & {a.GROUP_TOO_BIG, a.GROUP_TOO_SMALL}
    assert a.GROUP_WITHOUT_LEAD in codes
    assert a.cohort_concerns(database, "00000000-0000-4000-8000-000000000000") == []
