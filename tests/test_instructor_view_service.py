"""An instructor sees only their own groups, and nothing of guardians or dates of birth."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.enums import CohortStatus, EnrolmentStatus
from ixdesk.errors import IxdeskError
from ixdesk.services.instructor_view import (
    ASSISTANT,
    LEAD,
    MEMBER_FIELDS,
    InstructorGroup,
    InstructorMember,
    find_instructor_by_email,
    instructor_choices,
    instructor_groups,
    summary,
)
from ixdesk.services.read.students import INSTRUCTOR_FIELDS

PRIVATE = {
    "guardian_name": "Grace Guardian",
    "guardian_email": "grace.guardian@example.org",
    "guardian_phone": "+44 7700 900123",
    "date_of_birth": date(2010, 3, 14),
    "phone": "+44 7700 900456",
    "notes": "Needs a step-free venue",
}


def _add(session: Any, model: type[Any], **values: Any) -> Any:
    record = model(**values)
    session.add(record)
    session.flush()
    return record


def _world(database: Database) -> dict[str, str]:
    ids: dict[str, str] = {}
    with database.write() as s:
        company = _add(s, m.PartnerCompany, name="Acme Analytics")
        problem = _add(
            s,
            m.BusinessProblem,
            company_id=company.id,
            title="Why customers leave",
            problem_statement="Find out why customers cancel.\n\nSecond paragraph, not shown.",
            deliverables="A slide deck",
        )
        ravi = _add(s, m.Instructor, first_name="Ravi", last_name="Patel", email="Ravi@X.org")
        other = _add(s, m.Instructor, first_name="Olga", last_name="Other", email="olga@x.org")
        ids.update(ravi=ravi.id, other=other.id)
        running = _add(s, m.Cohort, name="Data Spring", status=CohortStatus.RUNNING)
        archived = _add(s, m.Cohort, name="Data Old", status=CohortStatus.ARCHIVED)

        def group(name: str, cohort: Any, lead: Any, **values: Any) -> Any:
            made = _add(s, m.StudentGroup, name=name, cohort_id=cohort.id, **values)
            made.lead_instructor_id = lead.id
            ids[name] = made.id
            return made

        led = group("Group 1", running, ravi, business_problem_id=problem.id, meeting_slot="Tue")
        assisted = group("Group 2", running, other)
        _add(s, m.GroupAssistant, group_id=assisted.id, instructor_id=ravi.id)
        gone = group("Group 3", running, other)  # Ravi assisted, but that was undone
        _add(s, m.GroupAssistant, group_id=gone.id, instructor_id=ravi.id, deleted_at=utcnow())
        group("Group 4", running, other)
        group("Old group", archived, ravi)
        for number, (target, status) in enumerate(
            (
                (led, EnrolmentStatus.ENROLLED),
                (led, EnrolmentStatus.WITHDRAWN),
                (assisted, EnrolmentStatus.ENROLLED),
            )
        ):
            student = _add(
                s,
                m.Student,
                first_name=f"Zoë{number}",
                last_name="Martin",
                preferred_name="Zo" if number == 0 else None,
                school="Hillside School",
                grade=11,
                email=f"zoe{number}@school.example",
                **PRIVATE,
            )
            _add(s, m.Enrolment, student_id=student.id, cohort_id=running.id, status=status)
            _add(
                s,
                m.GroupMembership,
                group_id=target.id,
                cohort_id=running.id,
                student_id=student.id,
            )
    return ids


def test_only_their_groups_with_role_problem_and_members(database: Database) -> None:
    ids = _world(database)
    groups = instructor_groups(database, ids["ravi"])
    assert [(g.group_id, g.role) for g in groups] == [
        (ids["Group 1"], LEAD),
        (ids["Group 2"], ASSISTANT),
    ]
    first = groups[0]
    assert (first.cohort, first.meeting_slot, first.partner_company) == (
        "Data Spring",
        "Tue",
        "Acme Analytics",
    )
    assert first.business_problem == "Why customers leave"
    assert first.problem_summary == "Find out why customers cancel."
    assert first.deliverables == "A slide deck"
    # The withdrawn student is left out.
    assert [member.name for member in first.members] == ["Zoë0 (Zo) Martin"]
    assert first.members[0].email == "zoe0@school.example"
    assert groups[1].lead_instructor == "Olga Other"
    with_archived = instructor_groups(database, ids["ravi"], include_archived=True)
    assert {g.name for g in with_archived} == {"Group 1", "Group 2", "Old group"}
    assert [g.name for g in instructor_groups(database, ids["other"])] == [
        "Group 2",
        "Group 3",
        "Group 4",
    ]


def test_no_guardian_phone_or_birth_date_reaches_the_rows(database: Database) -> None:
    ids = _world(database)
    groups = instructor_groups(database, ids["ravi"], include_archived=True)
    member_fields = {field.name for field in dataclasses.fields(InstructorMember)}
    assert member_fields == {
        "first_name",
        "last_name",
        "preferred_name",
        "school",
        "grade",
        "email",
    }
    assert tuple(field.name for field in dataclasses.fields(InstructorMember)) == MEMBER_FIELDS
    assert MEMBER_FIELDS == INSTRUCTOR_FIELDS  # the same reader as the instructor roster
    group_fields = {field.name for field in dataclasses.fields(InstructorGroup)}
    assert not {name for name in group_fields if "guardian" in name or "birth" in name}
    everything = repr(groups)
    assert "Zoë0" in everything  # the scan looks at real rows
    for value in PRIVATE.values():
        assert str(value) not in everything
        assert repr(value) not in everything


def test_finding_an_instructor_by_email(database: Database) -> None:
    ids = _world(database)
    assert find_instructor_by_email(database, " ravi@x.ORG ") == ids["ravi"]
    with pytest.raises(IxdeskError, match=r"No instructor has the email address 'nobody@x\.org'"):
        find_instructor_by_email(database, "nobody@x.org")
    choices = instructor_choices(database)
    assert [choice.label for choice in choices] == [
        "Olga Other · olga@x.org",
        "Ravi Patel · Ravi@X.org",
    ]


def test_summary_keeps_the_first_paragraph_and_cuts_at_a_word() -> None:
    assert summary(None) is None
    assert summary("  \n ") is None
    assert summary("One.\n\nTwo.") == "One."
    cut = summary("word " * 200, limit=23)
    assert cut == "word word word word…"
