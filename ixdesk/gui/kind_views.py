"""How the window shows each record kind: its icon, its editor form, its columns' widths.

What a kind *is* (its name, columns and their labels, its query) is the
services' (``ixdesk.services.kinds``), shared with the command line; how it
looks on screen is decided here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache

from ixdesk.services.kinds import KINDS, Column
from ixdesk.services.record_kinds import Kind

DEFAULT_WIDTH = 140


@dataclass(frozen=True)
class ViewColumn(Column):
    """A column as a table in the window shows it: its starting width, in pixels."""

    width: int = DEFAULT_WIDTH


@dataclass(frozen=True)
class KindView:
    icon: str  # in resources/icons, without ".svg"
    editor_form: str  # the Designer form of its editor, in ui/
    widths: Mapping[str, int]  # column key → width; DEFAULT_WIDTH for the others


KIND_VIEWS: dict[Kind, KindView] = {
    Kind.COHORTS: KindView(
        "cohort",
        "cohort_editor",
        {
            "name": 240,
            "status": 100,
            "starts_on": 100,
            "ends_on": 100,
            "format": 90,
            "enrolled": 80,
            "capacity": 80,
        },
    ),
    Kind.GROUPS: KindView(
        "group",
        "group_editor",
        {
            "name": 160,
            "cohort": 220,
            "status": 100,
            "business_problem": 220,
            "lead_instructor": 160,
            "member_count": 80,
        },
    ),
    Kind.STUDENTS: KindView(
        "student",
        "student_editor",
        {
            "preferred_name": 110,
            "email": 230,
            "phone": 130,
            "school": 200,
            "grade": 60,
            "date_of_birth": 110,
        },
    ),
    Kind.INSTRUCTORS: KindView(
        "instructor",
        "instructor_editor",
        {
            "email": 230,
            "employer": 180,
            "job_title": 180,
            "safeguarding_status": 110,
            "safeguarding_expires_on": 110,
            "status": 90,
        },
    ),
    Kind.COMPANIES: KindView(
        "company",
        "company_editor",
        {"name": 220, "sector": 160, "status": 100, "problem_count": 130},
    ),
    Kind.PROBLEMS: KindView(
        "problem",
        "problem_editor",
        {
            "title": 280,
            "partner_company": 200,
            "status": 100,
            "effort_hours": 80,
            "confidential": 60,
        },
    ),
}


@cache
def view_columns(kind: Kind) -> tuple[ViewColumn, ...]:
    """The kind's table columns with the widths the window starts them at."""
    widths = KIND_VIEWS[kind].widths
    return tuple(
        ViewColumn(**asdict(column), width=widths.get(column.key, DEFAULT_WIDTH))
        for column in KINDS[kind].columns
    )
