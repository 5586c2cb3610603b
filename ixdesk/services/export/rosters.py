"""The rosters a coordinator sends out: cohort, instructor, sign-in sheet and partner brief.

Each builder decides *who reads the workbook* and therefore which student
fields it may select (see ``services/read/students.py``): the coordinator's cohort roster has
contact details; an instructor's roster has no phone numbers, guardians,
dates of birth or notes; a sign-in sheet only names; a partner company sees
first names and last initials. docs/rosters.md explains the choices.

Tables are described once as layouts, ``(header, key)`` pairs, and filled
from the plain dicts the reads (``services/read``) return, so a header and
its value cannot drift apart.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.export.workbook import Cancelled, Column, Progress, Workbook
from ixdesk.services.kinds import status_label
from ixdesk.services.privacy import audit
from ixdesk.services.privacy import profiles as pf
from ixdesk.services.privacy.consent import tell_left_out, with_gaps, without_lacking
from ixdesk.services.read import students as st
from ixdesk.services.read.cohorts import cohort_details
from ixdesk.services.read.common import person, readable_phone, sort_key
from ixdesk.services.read.companies import company_details
from ixdesk.services.read.groups import group_rows, instructor_group_rows
from ixdesk.services.read.instructors import instructor_name
from ixdesk.services.read.problems import company_problems
from ixdesk.services.running.feedback import company_feedback
from ixdesk.services.settings import OrganisationSettings, load_settings

PathLike = str | os.PathLike[str]
Told = Callable[[str], None]  # hears a sentence the person should read (students left out)
Layout = Sequence[tuple[str, str]]  # (header shown, key in the record dict)
NOT_IN_A_GROUP = "Not in a group"
DEFAULT_BLANK_ROWS = 10

MEMBER_HEADERS = {
    "last_name": "Last name",
    "first_name": "First name",
    "preferred_name": "Preferred name",
    "school": "School",
    "grade": "Grade",
    "email": "Email",
    "phone": "Phone",
    "guardian_consent": "Guardian consent",
}
COHORT_HEADING: Layout = (
    ("Cohort", "name"),
    ("Track", "track"),
    ("Status", "status"),
    ("Starts", "starts_on"),
    ("Ends", "ends_on"),
    ("Format", "format"),
    ("Schedule", "schedule"),
    ("Location", "location"),
    ("Audience", "audience"),
    ("Capacity", "capacity"),
    ("Students", "students"),
)
GROUP_HEADING: Layout = (
    ("Cohort", "cohort"),
    ("Group", "name"),
    ("Your role", "role"),  # instructor rosters only
    ("Business problem", "business_problem"),
    ("Partner company", "partner_company"),
    ("Lead instructor", "lead_instructor"),
    ("Assistants", "assistants"),
    ("Meeting slot", "meeting_slot"),
    ("Location", "location"),
)
COHORT_GROUPS: Layout = (
    ("Group", "name"),
    ("Status", "status"),
    ("Business problem", "business_problem"),
    ("Partner company", "partner_company"),
    ("Lead instructor", "lead_instructor"),
    ("Assistants", "assistants"),
    ("Meeting slot", "meeting_slot"),
    ("Members", "members"),
    ("Sheet", "sheet"),
)
INSTRUCTOR_GROUPS: Layout = (
    ("Cohort", "cohort"),
    ("Group", "name"),
    ("Role", "role"),
    ("Business problem", "business_problem"),
    ("Partner company", "partner_company"),
    ("Meeting slot", "meeting_slot"),
    ("Starts", "starts_on"),
    ("Ends", "ends_on"),
    ("Location", "location"),
    ("Lead instructor", "lead_instructor"),
    ("Members", "members"),
    ("Sheet", "sheet"),
)
PARTNER_PROBLEMS: Layout = (
    ("Title", "title"),
    ("Status", "status"),
    ("Track", "track"),
    ("Effort (hours)", "effort_hours"),
    ("Skills practised", "skills"),
    ("Deliverables", "deliverables"),
    ("Problem statement", "problem_statement"),
    ("Confidential (NDA)", "confidential"),
    ("Sponsor contact", "sponsor_contact"),
)
PARTNER_GROUPS: Layout = (
    ("Business problem", "business_problem"),
    ("Cohort", "cohort"),
    ("Cohort status", "cohort_status"),
    ("Starts", "starts_on"),
    ("Ends", "ends_on"),
    ("Group", "name"),
    ("Lead instructor", "lead_instructor"),
    ("Members", "members"),
    ("Students (first name, last initial)", "students"),
    ("Your feedback on the deliverable", "company_feedback"),
)
_CHOICES = {"status", "cohort_status", "format", "schedule", "audience"}
_WRAPPED = {"skills", "deliverables", "problem_statement", "students", "company_feedback"}


def _shown(key: str, value: Any) -> Any:
    if key in _CHOICES:
        return status_label(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value


def _columns(layout: Layout) -> list[Column]:
    return [Column(header, wrap=key in _WRAPPED) for header, key in layout]


def _values(record: dict[str, Any], layout: Layout) -> list[Any]:
    return [_shown(key, record.get(key)) for _, key in layout]


def _heading(record: dict[str, Any], layout: Layout) -> list[tuple[str, Any]]:
    return [(header, _shown(key, record[key])) for header, key in layout if key in record]


def _members(fields: Sequence[str]) -> list[Column]:
    return [Column(MEMBER_HEADERS[name]) for name in fields]


def _readable(
    fields: Sequence[str], people: list[tuple[Any, ...]], region: str
) -> list[tuple[Any, ...]]:
    """Members as a roster shows them: phone numbers spaced for reading, +27 74 123 4567."""
    if "phone" not in fields:
        return people
    at = list(fields).index("phone")
    return [(*row[:at], readable_phone(row[at], region), *row[at + 1 :]) for row in people]


def workbook_options(
    settings: OrganisationSettings,
    paper: str | None,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> dict[str, Any]:
    """A roster's workbook options: laid out for paper, on the organisation's paper (unless
    ``paper`` says otherwise), its name in the print header, its logo on the first sheet."""
    return {
        "paper": paper or settings.paper,
        "organisation": settings.organisation_name,
        "logo": settings.logo,
        "for_print": True,
        "progress": progress,
        "cancelled": cancelled,
    }


def export_cohort_roster(
    database: Database,
    cohort_id: str,
    path: PathLike,
    *,
    paper: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """The coordinator's roster: an overview sheet, one sheet per group, the ungrouped;
    a column marks minors without a valid consent to take part."""
    profile = pf.COORDINATOR
    assert profile.marks is not None
    with database.read() as session:
        cohort = cohort_details(session, cohort_id)
        groups = group_rows(session, cohort_id=cohort_id)
        listed = st.members(session, [group["id"] for group in groups], profile.student_fields)
        listed[NOT_IN_A_GROUP] = st.ungrouped(session, cohort_id, profile.student_fields)
        by_group = with_gaps(session, cohort_id, listed, profile.marks)
        loose = by_group.pop(NOT_IN_A_GROUP)
    fields = (*profile.student_fields[1:], "guardian_consent")  # the id makes way for it
    cohort["students"] = sum(map(len, by_group.values())) + len(loose)
    organisation = load_settings(database)
    region = organisation.region
    options = workbook_options(organisation, paper, progress, cancelled)
    name = cohort["name"]
    title = f"{name}: roster"
    with Workbook(path, title=title, subject="Cohort roster", print_title=name, **options) as book:
        book.expect(len(groups) + cohort["students"])
        overview = book.add_sheet(
            "Overview", _columns(COHORT_GROUPS), heading=_heading(cohort, COHORT_HEADING)
        )
        for group in groups:
            heading = _heading(group, GROUP_HEADING)
            sheet = book.add_sheet(group["name"], _members(fields), heading=heading)
            sheet.write_rows(_readable(fields, by_group[group["id"]], region))
            group.update(members=sheet.rows, sheet=sheet.name)
        if loose:
            note = [("Cohort", name), ("", "Enrolled students who are not in a group yet.")]
            sheet = book.add_sheet(NOT_IN_A_GROUP, _members(fields), heading=note)
            sheet.write_rows(_readable(fields, loose, region))
            groups.append({"name": NOT_IN_A_GROUP, "members": sheet.rows, "sheet": sheet.name})
        overview.write_rows(_values(group, COHORT_GROUPS) for group in groups)
        written = book.save()
    return audit.exported(database, title, written, profile=profile.key, records=cohort["students"])


def export_instructor_roster(
    database: Database,
    instructor_id: str,
    path: PathLike,
    *,
    cohort_id: str | None = None,
    include_archived: bool = False,
    paper: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """One instructor's groups (lead or assistant), with only what an instructor needs.

    Groups of archived cohorts are left out unless ``include_archived``.
    """
    fields = st.INSTRUCTOR_FIELDS
    with database.read() as session:
        name, email = instructor_name(session, instructor_id)
        groups = instructor_group_rows(
            session, instructor_id, name, cohort_id=cohort_id, include_archived=include_archived
        )
        by_group = st.members(session, [group["id"] for group in groups], fields)
    options = workbook_options(load_settings(database), paper, progress, cancelled)
    students = sum(map(len, by_group.values()))
    title = f"{name}: groups"
    with Workbook(path, title=title, subject="Instructor roster", **options) as book:
        book.expect(len(groups) + students)
        heading = [("Instructor", name), ("Email", email), ("Exported on", date.today())]
        overview = book.add_sheet("My groups", _columns(INSTRUCTOR_GROUPS), heading=heading)
        for group in groups:
            group["role"] = "Lead" if group["lead_instructor_id"] == instructor_id else "Assistant"
            heading = _heading(group, GROUP_HEADING)
            sheet = book.add_sheet(group["name"], _members(fields), heading=heading)
            sheet.write_rows(by_group[group["id"]])
            group.update(members=sheet.rows, sheet=sheet.name)
        overview.write_rows(_values(group, INSTRUCTOR_GROUPS) for group in groups)
        written = book.save()
    return audit.exported(database, title, written, profile=pf.INSTRUCTOR.key, records=students)


def export_signin_sheet(
    database: Database,
    cohort_id: str,
    path: PathLike,
    *,
    session_id: str | None = None,
    blank_rows: int = DEFAULT_BLANK_ROWS,
    paper: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """A printable sign-in sheet: names by group, a signature column, walk-in rows.

    For a session of one group (``session_id``), only that group's members.
    """
    if blank_rows < 0:
        raise IxdeskError("The number of blank rows cannot be negative.")
    fields, s = st.SIGNIN_FIELDS, m.CohortSession
    with database.read() as session:
        cohort = cohort_details(session, cohort_id)
        meeting = None
        if session_id is not None:
            meeting = session.execute(
                select(s.title, s.starts_at, s.location, s.group_id).where(s.id == session_id)
            ).one()
        one_group = meeting.group_id if meeting is not None else None
        groups = [
            g for g in group_rows(session, cohort_id=cohort_id) if one_group in (None, g["id"])
        ]
        by_group = st.members(session, [group["id"] for group in groups], fields)
        loose = st.ungrouped(session, cohort_id, fields) if one_group is None else []
    listed = [(group["name"], by_group[group["id"]]) for group in groups]
    rows = [
        [group, last, person(first, None, preferred), None]
        for group, people in [*listed, (NOT_IN_A_GROUP, loose)]
        for last, first, preferred in people
    ]
    when = meeting.starts_at.astimezone().date() if meeting and meeting.starts_at else None
    heading = [
        ("Cohort", cohort["name"]),
        ("Session", meeting.title if meeting else None),
        ("Date", when),
        ("Location", (meeting.location if meeting else None) or cohort["location"]),
    ]
    title = f"{cohort['name']}: sign-in" + (f" – {meeting.title}" if meeting else "")
    options = workbook_options(load_settings(database), paper, progress, cancelled)
    with Workbook(path, title=title, subject="Sign-in sheet", **options) as book:
        book.expect(len(rows) + blank_rows)
        columns = [Column("#", width=5), Column("Group"), Column("Last name")]
        columns += [Column("First name"), Column("Signature", width=34)]
        sheet = book.add_sheet(
            "Sign-in", columns, heading=heading, landscape=False, borders=True, row_height=24
        )
        sheet.write_rows([number, *row] for number, row in enumerate(rows, start=1))
        sheet.write_numbered_blank_rows(blank_rows, len(rows) + 1)
        written = book.save()
    return audit.exported(database, title, written, profile=pf.SCHOOL.key, records=len(rows))


def _initial(first: str | None, preferred: str | None, last: str | None) -> str:
    """ "Zoë Ø.": the name a student goes by and the initial of the last name only."""
    shown = (preferred or "").strip() or (first or "").strip()
    last = (last or "").strip()
    return f"{shown} {last[0]}." if last else shown


def export_partner_brief(
    database: Database,
    company_id: str,
    path: PathLike,
    *,
    paper: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    told: Told | None = None,
) -> Path:
    """For a partner company: its business problems and the groups working on them.

    Students under 18 without a guardian's consent to share their work with the
    partner company are left out; ``told`` hears how many and why.
    """
    profile = pf.PARTNER
    assert profile.needs is not None
    with database.read() as session:
        company = company_details(session, company_id)
        problems = company_problems(session, company_id)
        groups = group_rows(session, company_id=company_id)
        listed = st.members(session, [group["id"] for group in groups], profile.student_fields)
        by_group, left_out = without_lacking(session, listed, profile.needs)
        # Feedback on the group's work only: no student's rubric reaches a partner company.
        said = company_feedback(session, [str(group["id"]) for group in groups])
    for group in groups:
        people = by_group[group["id"]]
        group.update(members=len(people), students=", ".join(_initial(*p) for p in people))
        group["company_feedback"] = said.get(str(group["id"]), (None, None))[1]
    groups.sort(key=lambda g: [sort_key(g[key]) for key in ("business_problem", "cohort")])
    heading = [
        ("Partner company", company["name"]),
        ("Sector", company["sector"]),
        ("City", company["city"]),
        ("Country", company["country"]),
        ("Exported on", date.today()),
    ]
    title = f"{company['name']}: business problems and groups"
    options = workbook_options(load_settings(database), paper, progress, cancelled)
    name = company["name"]
    with Workbook(path, title=title, subject="Partner brief", print_title=name, **options) as book:
        book.expect(len(problems) + len(groups))
        sheet = book.add_sheet("Business problems", _columns(PARTNER_PROBLEMS), heading=heading)
        sheet.write_rows(_values(problem, PARTNER_PROBLEMS) for problem in problems)
        sheet = book.add_sheet("Groups", _columns(PARTNER_GROUPS), heading=heading)
        sheet.write_rows(_values(group, PARTNER_GROUPS) for group in groups)
        written = book.save()
    students = sum(group["members"] for group in groups)
    tell_left_out(told, left_out, profile.needs)
    return audit.exported(database, title, written, profile=profile.key, records=students)
