"""Deleting a record takes what it owns; undo restores exactly that deletion."""

from __future__ import annotations

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services.deletion import (
    delete_records,
    deletion_effects,
    restore_records,
)
from ixdesk.services.editing import load_values
from ixdesk.services.kinds import KINDS
from ixdesk.services.listing import iter_records
from ixdesk.services.operations import (
    ChangeHub,
    Changes,
    OperationContext,
    delete_record,
    run_operation,
)
from ixdesk.services.tables import canonical_id, load_table
from tests.gui.world import build_world, live_ids
from tests.memberships import enrolment_pairs, membership_pairs


def test_a_company_goes_with_its_contacts_and_problems_and_comes_back_with_them(
    database: Database,
) -> None:
    world = build_world(database)
    effects = deletion_effects(database, "companies", [world.company])
    assert effects.deleted == ["2 business problems", "1 contact"] and effects.unlinked == []
    assert "2 business problems and 1 contact will be deleted with it." in effects.question(
        "the partner company Brücke Logistik", many=False
    )
    # A problem deleted earlier, for its own reasons, stays deleted after the undo.
    delete_record(database, m.BusinessProblem, world.other_problem)
    heard: list[Changes] = []
    hub = ChangeHub()
    hub.subscribe(heard.append)
    assert delete_records(database, "companies", [world.company], hub=hub) == [world.company]
    assert live_ids(database, m.BusinessProblem) == set()
    assert live_ids(database, m.Contact) == set()
    assert {"partner_companies", "business_problems", "contacts"} <= heard[-1].tables
    restore_records(database, "companies", [world.company], hub=hub)
    assert live_ids(database, m.BusinessProblem) == {world.problem}
    assert live_ids(database, m.Contact) == {world.contact}
    assert world.company in live_ids(database, m.PartnerCompany)


def test_a_cohort_takes_its_groups_memberships_and_enrolments_but_not_its_students(
    database: Database,
) -> None:
    world = build_world(database)
    assert deletion_effects(database, "cohorts", [world.cohort]).deleted == [
        "2 groups",
        "2 enrolments",
    ]
    placed = {(student, world.group) for student in world.students}
    assert membership_pairs(database) == placed
    enrolled = enrolment_pairs(database)
    assert enrolled == {(student, world.cohort) for student in world.students}
    delete_records(database, "cohorts", [world.cohort])
    assert live_ids(database, m.StudentGroup) == set()
    assert live_ids(database, m.GroupMembership) == set()
    assert live_ids(database, m.Enrolment) == set()
    assert live_ids(database, m.Student) == set(world.students)
    restore_records(database, "cohorts", [world.cohort])
    assert live_ids(database, m.StudentGroup) == {world.group, world.other_group}
    assert len(live_ids(database, m.GroupMembership)) == 2
    assert len(live_ids(database, m.Enrolment)) == 2
    assert membership_pairs(database) == placed  # each student back in their own group
    assert enrolment_pairs(database) == enrolled


def test_groups_only_lose_sight_of_a_deleted_problem_or_lead_instructor(
    database: Database,
) -> None:
    world = build_world(database)
    effects = deletion_effects(database, "instructors", [world.instructor])
    assert (effects.deleted, effects.unlinked) == ([], ["1 group led"])
    assert "1 group led will no longer show them." in effects.question("2 instructors", True)
    delete_records(database, "problems", [world.problem])
    delete_records(database, "instructors", [world.instructor])
    assert world.group in live_ids(database, m.StudentGroup)
    group = load_values(database, "groups", world.group).values
    assert group["business_problem_id"] == world.problem  # the link is kept for an undo
    spec = KINDS["groups"]
    table = load_table(database, spec, {world.group, world.other_group})
    rows = {canonical_id(i): row for i, row in zip(table.ids, table.rows, strict=True)}
    problem, lead = spec.column_index("business_problem"), spec.column_index("lead_instructor")
    assert rows[world.group][problem] is None and rows[world.group][lead] is None
    assert rows[world.other_group][lead] is None  # no lead: an empty cell, not " "


def test_listed_groups_and_problems_lose_sight_of_deleted_linked_records(
    database: Database,
) -> None:
    world = build_world(database)

    def sponsor(context: OperationContext) -> None:
        problem = context.session.get(m.BusinessProblem, world.other_problem)
        problem.sponsor_contact_id = world.contact

    run_operation(database, sponsor)
    listed = {group["id"]: group for group in iter_records(database, "groups")}
    assert listed[world.group]["business_problem"] == "Café footfall forecast"
    assert listed[world.group]["lead_instructor"] == "Zoë Ørsted"
    (problem,) = [p for p in iter_records(database, "problems") if p["id"] == world.other_problem]
    assert problem["sponsor_contact"] == "Selam Cohen"

    delete_records(database, "problems", [world.problem])
    delete_records(database, "instructors", [world.instructor])
    delete_record(database, m.Contact, world.contact)
    group = next(g for g in iter_records(database, "groups") if g["id"] == world.group)
    assert (group["business_problem"], group["partner_company"]) == (None, None)
    assert group["lead_instructor"] is None
    (problem,) = [p for p in iter_records(database, "problems") if p["id"] == world.other_problem]
    assert problem["sponsor_contact"] is None
