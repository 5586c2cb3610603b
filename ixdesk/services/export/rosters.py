"""The rosters a coordinator sends out: cohort, instructor, sign-in sheet and partner brief.

Each builder decides *who reads the workbook* and therefore which student
fields it may select (see ``queries``): the coordinator's cohort roster has
contact details; an instructor's roster has no phone numbers, guardians,
dates of birth or notes; a sign-in sheet only names; a partner company sees
first names and last initials. docs/rosters.md explains the choices.

Tables are described once as layouts, ``(header, key)`` pairs, and filled
from the plain dicts ``queries`` returns, so a header and its value cannot
drift apart.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import CohortStatus
from ixdesk.errors import IxdeskError
from ixdesk.services.export import queries as q
from ixdesk.services.export.workbook import Cancelled, Column, Progress, Workbook
from ixdesk.services.folding import fold
from ixdesk.services.kinds import status_label

PathLike = str | os.PathLike[str]
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
)
_CHOICES = {"status", "cohort_status", "format", "schedule", "audience"}
_WRAPPED = {"skills", "deliverables", "problem_statement", "students"}


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


# --- finding what the person named ----------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(fold(text).split())


def _find(database: Database, kind: str, wanted: str, missing: str, plural: str) -> str:
    known = q.live_names(database, kind)
    key = _normal(wanted)
    same = [(record_id, name) for record_id, name, _ in known if _normal(name) == key]
    exact = [record_id for record_id, name in same if " ".join(name.split()) == wanted.strip()]
    if len(same) == 1 or len(exact) == 1:  # SQLite lets "ZOË" and "zoë" both exist
        return exact[0] if len(exact) == 1 else same[0][0]
    if same:
        names = " and ".join(f"'{name}'" for _, name in same[:2])
        raise IxdeskError(f"Both {names} match '{wanted}'; type the name exactly as listed.")
    missing = missing.format(wanted=wanted)
    if not known:
        raise IxdeskError(f"{missing}: there are no {plural} yet.")
    shown = {_normal(name): shown_as for _id, name, shown_as in known}
    score = {name: difflib.SequenceMatcher(None, key, name).ratio() for name in shown}
    best = max(score.values())
    close = sorted((n for n in shown if score[n] >= max(0.6, best - 0.1)), key=lambda n: score[n])[
        ::-1
    ]
    # Part of a name, or (instructors) a person's name typed instead of the email.
    close += [name for name, text in shown.items() if key and key in _normal(text)]
    suggestions = [f"'{shown[name]}'" for name in dict.fromkeys(close)][:3]
    if suggestions:
        hint = " or ".join([", ".join(suggestions[:-1]), suggestions[-1]]).removeprefix(" or ")
        raise IxdeskError(f"{missing}. Did you mean {hint}?")
    command = "companies" if kind == "company" else plural
    raise IxdeskError(f"{missing}; 'ixdesk list {command}' shows them all.")


def find_cohort(database: Database, name: str) -> str:
    """The id of the live cohort called ``name`` (any case), else a helpful error."""
    return _find(database, "cohort", name, "No cohort is called '{wanted}'", "cohorts")


def find_company(database: Database, name: str) -> str:
    """The id of the live partner company called ``name`` (any case)."""
    missing = "No partner company is called '{wanted}'"
    return _find(database, "company", name, missing, "partner companies")


def find_instructor(database: Database, email: str) -> str:
    """The id of the live instructor with this email address (any case)."""
    missing = "No instructor has the email address '{wanted}'"
    return _find(database, "instructor", email, missing, "instructors")


def find_session(database: Database, cohort_id: str, title: str) -> str:
    """The id of the cohort's live session with this title (any case)."""
    s = m.CohortSession
    with database.read() as session:
        live = select(s.id, s.title).where(s.cohort_id == cohort_id, s.deleted_at.is_(None))
        rows = session.execute(live).all()
    for record_id, found in rows:
        if _normal(found) == _normal(title):
            return str(record_id)
    titles = ", ".join(f"'{found}'" for found in sorted(row[1] for row in rows)[:5])
    listed = f" Its sessions include {titles}." if titles else " It has no sessions yet."
    raise IxdeskError(f"This cohort has no session called '{title}'.{listed}")


# --- workbooks --------------------------------------------------------------------------


def export_cohort_roster(
    database: Database,
    cohort_id: str,
    path: PathLike,
    *,
    paper: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """The coordinator's roster: an overview sheet, one sheet per group, the ungrouped."""
    fields = q.COORDINATOR_FIELDS
    with database.read() as session:
        cohort = q.cohort_details(session, cohort_id)
        groups = q.groups(session, cohort_id=cohort_id)
        by_group = q.members(session, [group["id"] for group in groups], fields)
        loose = q.ungrouped(session, cohort_id, fields)
    cohort["students"] = sum(map(len, by_group.values())) + len(loose)
    options: dict[str, Any] = {"paper": paper, "progress": progress, "cancelled": cancelled}
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
            sheet.write_rows(by_group[group["id"]])
            group.update(members=sheet.rows, sheet=sheet.name)
        if loose:
            note = [("Cohort", name), ("", "Enrolled students who are not in a group yet.")]
            sheet = book.add_sheet(NOT_IN_A_GROUP, _members(fields), heading=note)
            sheet.write_rows(loose)
            groups.append({"name": NOT_IN_A_GROUP, "members": sheet.rows, "sheet": sheet.name})
        overview.write_rows(_values(group, COHORT_GROUPS) for group in groups)
        return book.save()


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
    fields = q.INSTRUCTOR_FIELDS
    i = m.Instructor
    with database.read() as session:
        first, last, preferred, email = session.execute(
            select(i.first_name, i.last_name, i.preferred_name, i.email).where(
                i.id == instructor_id
            )
        ).one()
        groups = [
            group
            for group in q.groups(session, instructor_id=instructor_id)
            if cohort_id in (None, group["cohort_id"])
            and (include_archived or group["cohort_status"] != CohortStatus.ARCHIVED)
        ]
        by_group = q.members(session, [group["id"] for group in groups], fields)
    name = q.person(first, last, preferred)
    if not groups:
        where = " in this cohort" if cohort_id else " in a current cohort"
        raise IxdeskError(f"{name} leads or assists no groups{where}; there is no roster to write.")
    options: dict[str, Any] = {"paper": paper, "progress": progress, "cancelled": cancelled}
    with Workbook(path, title=f"{name}: groups", subject="Instructor roster", **options) as book:
        book.expect(len(groups) + sum(map(len, by_group.values())))
        heading = [("Instructor", name), ("Email", email), ("Exported on", date.today())]
        overview = book.add_sheet("My groups", _columns(INSTRUCTOR_GROUPS), heading=heading)
        for group in groups:
            group["role"] = "Lead" if group["lead_instructor_id"] == instructor_id else "Assistant"
            heading = _heading(group, GROUP_HEADING)
            sheet = book.add_sheet(group["name"], _members(fields), heading=heading)
            sheet.write_rows(by_group[group["id"]])
            group.update(members=sheet.rows, sheet=sheet.name)
        overview.write_rows(_values(group, INSTRUCTOR_GROUPS) for group in groups)
        return book.save()


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
    fields, s = q.SIGNIN_FIELDS, m.CohortSession
    with database.read() as session:
        cohort = q.cohort_details(session, cohort_id)
        meeting = None
        if session_id is not None:
            meeting = session.execute(
                select(s.title, s.starts_at, s.location, s.group_id).where(s.id == session_id)
            ).one()
        one_group = meeting.group_id if meeting is not None else None
        groups = [g for g in q.groups(session, cohort_id=cohort_id) if one_group in (None, g["id"])]
        by_group = q.members(session, [group["id"] for group in groups], fields)
        loose = q.ungrouped(session, cohort_id, fields) if one_group is None else []
    listed = [(group["name"], by_group[group["id"]]) for group in groups]
    rows = [
        [group, last, q.person(first, None, preferred), None]
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
    options: dict[str, Any] = {"paper": paper, "progress": progress, "cancelled": cancelled}
    with Workbook(path, title=title, subject="Sign-in sheet", **options) as book:
        book.expect(len(rows) + blank_rows)
        columns = [Column("#", width=5), Column("Group"), Column("Last name")]
        columns += [Column("First name"), Column("Signature", width=34)]
        sheet = book.add_sheet(
            "Sign-in", columns, heading=heading, landscape=False, borders=True, row_height=24
        )
        sheet.write_rows([number, *row] for number, row in enumerate(rows, start=1))
        sheet.write_numbered_blank_rows(blank_rows, len(rows) + 1)
        return book.save()


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
) -> Path:
    """For a partner company: its business problems and the groups working on them."""
    with database.read() as session:
        company = q.company_details(session, company_id)
        problems = q.company_problems(session, company_id)
        groups = q.groups(session, company_id=company_id)
        by_group = q.members(session, [group["id"] for group in groups], q.PARTNER_FIELDS)
    for group in groups:
        people = by_group[group["id"]]
        group.update(members=len(people), students=", ".join(_initial(*p) for p in people))
    groups.sort(key=lambda g: [q.sort_key(g[key]) for key in ("business_problem", "cohort")])
    heading = [
        ("Partner company", company["name"]),
        ("Sector", company["sector"]),
        ("City", company["city"]),
        ("Country", company["country"]),
        ("Exported on", date.today()),
    ]
    title = f"{company['name']}: business problems and groups"
    options: dict[str, Any] = {"paper": paper, "progress": progress, "cancelled": cancelled}
    name = company["name"]
    with Workbook(path, title=title, subject="Partner brief", print_title=name, **options) as book:
        book.expect(len(problems) + len(groups))
        sheet = book.add_sheet("Business problems", _columns(PARTNER_PROBLEMS), heading=heading)
        sheet.write_rows(_values(problem, PARTNER_PROBLEMS) for problem in problems)
        sheet = book.add_sheet("Groups", _columns(PARTNER_GROUPS), heading=heading)
        sheet.write_rows(_values(group, PARTNER_GROUPS) for group in groups)
        return book.save()
