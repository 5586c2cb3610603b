"""Group services: moves, create, rename, merge, dissolve and their exact inverses."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.errors import ChangedElsewhereError, RecordNotFoundError, ValidationError
from ixdesk.services import groups as g
from ixdesk.services.operations import ChangeHub, Changes, OperationContext, run_operation
from tests.group_cohort import CohortIds, make_cohort
from tests.memberships import membership_pairs


def where(database: Database, cohort_id: str) -> dict[str, str | None]:
    """Every student's group name ("" when not in a group), as the builder reads it."""
    data = g.builder_data(database, cohort_id)
    placed: dict[str, str | None] = {s.id: None for s in data.unassigned}
    for group in data.groups:
        placed.update({s.id: group.name for s in group.members})
    return placed


def live_memberships(database: Database) -> int:
    ms = m.GroupMembership
    with database.read() as session:
        return len(session.scalars(select(ms.id).where(ms.deleted_at.is_(None))).all())


def tombstone_group_only(database: Database, group_id: str) -> None:
    """A group deleted with its memberships left behind (as an older copy of ixdesk did)."""

    def work(context: OperationContext) -> None:
        row = context.session.get(m.StudentGroup, group_id)
        assert row is not None
        row.deleted_at = utcnow()

    run_operation(database, work)


@pytest.fixture
def cohort(database: Database) -> CohortIds:
    return make_cohort(database, 12, statuses={10: "waitlisted", 11: "withdrawn"})


def test_builder_data_lists_enrolled_students_and_groups(
    database: Database, cohort: CohortIds
) -> None:
    data = g.builder_data(database, cohort.cohort_id)
    assert data.cohort.group_size == 4
    assert data.cohort.track_id == cohort.track_id
    assert {s.id for s in data.unassigned} == set(cohort.students[:10])
    assert data.groups == []
    first = next(s for s in data.unassigned if s.id == cohort.students[0])
    assert (first.school, first.grade, first.track_interest_id) == (
        "Hollins Park Academy",
        9,
        cohort.track_id,
    )
    assert first.track_interest is not None and first.track_interest.startswith("Data")
    assert [s.last_name for s in data.unassigned] == sorted(s.last_name for s in data.unassigned)


def test_moves_return_where_students_were_and_undo_exactly(
    database: Database, cohort: CohortIds
) -> None:
    hub, seen = ChangeHub(), []
    hub.subscribe(seen.append)
    one = g.create_group(database, cohort.cohort_id, hub=hub)
    two = g.create_group(database, cohort.cohort_id, "Falcons", hub=hub)
    a, b, c = cohort.students[:3]
    assert g.move_students(database, cohort.cohort_id, [a, b], one, hub=hub) == {a: None, b: None}
    before = where(database, cohort.cohort_id)
    assert membership_pairs(database, cohort.cohort_id) == {(a, one), (b, one)}
    previous = g.move_students(database, cohort.cohort_id, [b, c], two, hub=hub)
    assert previous == {b: one, c: None}
    assert where(database, cohort.cohort_id)[b] == "Falcons"
    change: Changes = seen[-1]
    assert change.touches("group_memberships") and {b, c, one, two} <= change.ids
    g.place_students(
        database, cohort.cohort_id, previous, expected={b: two, c: two}, require_enrolled=False
    )
    assert where(database, cohort.cohort_id) == before
    assert membership_pairs(database, cohort.cohort_id) == {(a, one), (b, one)}  # c in none
    assert g.move_students(database, cohort.cohort_id, [a], None) == {a: one}
    assert where(database, cohort.cohort_id)[a] is None
    assert live_memberships(database) == 1  # b back in Group 1; a's membership ended
    assert membership_pairs(database, cohort.cohort_id) == {(b, one)}


def test_only_enrolled_students_join_and_a_refusal_changes_nothing(
    database: Database, cohort: CohortIds
) -> None:
    group = g.create_group(database, cohort.cohort_id)
    waitlisted = cohort.students[10]
    with pytest.raises(ValidationError, match=r"Only students enrolled.*\(waitlisted\)"):
        g.move_students(database, cohort.cohort_id, [cohort.students[0], waitlisted], group)
    assert live_memberships(database) == 0  # the enrolled student was not moved either
    outsider = make_cohort(database, 1, name="Another cohort").students[0]
    with pytest.raises(ValidationError, match="not enrolled"):
        g.move_students(database, cohort.cohort_id, [outsider], group)


def test_a_student_moved_elsewhere_meanwhile_is_not_moved_back(
    database: Database, cohort: CohortIds
) -> None:
    one = g.create_group(database, cohort.cohort_id)
    two = g.create_group(database, cohort.cohort_id)
    student = cohort.students[0]
    previous = g.move_students(database, cohort.cohort_id, [student], one)
    g.move_students(database, cohort.cohort_id, [student], two)  # someone else
    with pytest.raises(ChangedElsewhereError, match="Someone else moved"):
        g.place_students(database, cohort.cohort_id, previous, expected={student: one})
    assert where(database, cohort.cohort_id)[student] is not None


def test_a_deleted_group_takes_nobody_and_its_members_count_as_unplaced(
    database: Database, cohort: CohortIds
) -> None:
    group = g.create_group(database, cohort.cohort_id)
    g.move_students(database, cohort.cohort_id, cohort.students[:2], group)
    tombstone_group_only(database, group)
    assert where(database, cohort.cohort_id)[cohort.students[0]] is None
    with pytest.raises(RecordNotFoundError, match="deleted or dissolved"):
        g.move_students(database, cohort.cohort_id, cohort.students[2:3], group)
    other = g.create_group(database, cohort.cohort_id)
    assert g.move_students(database, cohort.cohort_id, cohort.students[:1], other) == {
        cohort.students[0]: None
    }
    # The deleted group's name is free again; its leftover membership row was reused.
    assert where(database, cohort.cohort_id)[cohort.students[0]] == "Group 1"
    assert live_memberships(database) == 2


def test_create_rename_and_their_inverses(database: Database, cohort: CohortIds) -> None:
    first = g.create_group(database, cohort.cohort_id)
    second = g.create_group(database, cohort.cohort_id)
    names = [group.name for group in g.builder_data(database, cohort.cohort_id).groups]
    assert names == ["Group 1", "Group 2"]
    assert g.rename_group(database, second, "  Data   wizards ") == "Group 2"
    with pytest.raises(ValidationError, match="already has a group with this name"):
        g.rename_group(database, first, "data wizards")
    with pytest.raises(ValidationError, match="needs a name"):
        g.rename_group(database, first, "   ")
    g.rename_group(database, second, "Group 2")
    g.move_students(database, cohort.cohort_id, cohort.students[:1], first)
    with pytest.raises(ValidationError, match="has members now"):
        g.delete_empty_group(database, first)
    g.delete_empty_group(database, second)
    assert [x.name for x in g.builder_data(database, cohort.cohort_id).groups] == ["Group 1"]
    g.restore_group(database, second)
    assert len(g.builder_data(database, cohort.cohort_id).groups) == 2
    assert g.next_group_names(["Group 2", "Falcons", "group 7"], 2) == ["Group 8", "Group 9"]


def test_merge_and_unmerge(database: Database, cohort: CohortIds) -> None:
    ids = [g.create_group(database, cohort.cohort_id) for _ in range(3)]
    students = cohort.students
    for index, group in enumerate(ids):
        g.move_students(database, cohort.cohort_id, students[index * 3 : index * 3 + 3], group)
    before = where(database, cohort.cohort_id)
    placed = {(student, ids[index // 3]) for index, student in enumerate(students[:9])}
    assert membership_pairs(database, cohort.cohort_id) == placed
    result = g.merge_groups(database, ids[0], ids[1:])
    after = where(database, cohort.cohort_id)
    assert set(after.values()) == {"Group 1", None}
    assert sum(1 for name in after.values() if name == "Group 1") == 9
    assert membership_pairs(database, cohort.cohort_id) == {(s, ids[0]) for s in students[:9]}
    assert set(result.moved) == set(students[3:9])
    assert result.moved == {s: ids[index // 3 + 1] for index, s in enumerate(students[3:9])}
    g.unmerge_groups(database, result)
    assert where(database, cohort.cohort_id) == before
    assert membership_pairs(database, cohort.cohort_id) == placed
    with pytest.raises(ValidationError, match="at least two groups"):
        g.merge_groups(database, ids[0], [ids[0]])


def test_dissolve_and_restore(database: Database, cohort: CohortIds) -> None:
    one = g.create_group(database, cohort.cohort_id, "Falcons")
    two = g.create_group(database, cohort.cohort_id)
    g.move_students(database, cohort.cohort_id, cohort.students[:3], one)
    g.move_students(database, cohort.cohort_id, cohort.students[3:5], two)
    before = where(database, cohort.cohort_id)
    placed = {(s, one) for s in cohort.students[:3]} | {(s, two) for s in cohort.students[3:5]}
    assert membership_pairs(database, cohort.cohort_id) == placed
    dissolved = g.dissolve_groups(database, [one, two])
    data = g.builder_data(database, cohort.cohort_id)
    assert data.groups == [] and len(data.unassigned) == 10
    assert membership_pairs(database, cohort.cohort_id) == set()
    assert dissolved.members[one] and len(dissolved.members[two]) == 2
    assert {group: set(ids) for group, ids in dissolved.members.items()} == {
        one: set(cohort.students[:3]),
        two: set(cohort.students[3:5]),
    }
    g.restore_dissolved(database, dissolved)
    assert where(database, cohort.cohort_id) == before
    assert membership_pairs(database, cohort.cohort_id) == placed


def test_builder_update_reads_only_what_a_change_named(
    database: Database, cohort: CohortIds
) -> None:
    group = g.create_group(database, cohort.cohort_id)
    a, b = cohort.students[:2]
    g.move_students(database, cohort.cohort_id, [a], group)
    update = g.builder_update(database, cohort.cohort_id, [a, b, group, cohort.students[11]])
    assert {p.student.id: p.group_id for p in update.students} == {a: group, b: None}
    assert [x.id for x in update.groups] == [group]
    assert update.gone == {cohort.students[11]}  # withdrawn: not in the builder


def test_warnings_name_size_problem_and_instructor(database: Database, cohort: CohortIds) -> None:
    group = g.create_group(database, cohort.cohort_id)
    row = g.builder_data(database, cohort.cohort_id).groups[0]
    assert row.id == group
    warnings = g.group_warnings(row, 1, 4)
    assert warnings[0].startswith("1 member: groups of this cohort have 4 (3–5 fits)")
    assert "No business problem yet." in warnings and "No lead instructor yet." in warnings
    assert g.fits_size(5, 4) and not g.fits_size(6, 4) and g.fits_size(40, None)
