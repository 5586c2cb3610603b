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
    # The columns shown until the person chooses (header right-click), in this order;
    # the others are hidden. What a coordinator scans for first comes first.
    shown: tuple[str, ...] = ()


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
        ("name", "status", "enrolled", "capacity", "starts_on", "ends_on", "track"),
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
        ("name", "cohort", "status", "member_count", "business_problem", "lead_instructor"),
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
        ("last_name", "first_name", "school", "grade", "email", "track_interest"),
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
        (
            "last_name",
            "first_name",
            "status",
            "safeguarding_status",
            "safeguarding_expires_on",
            "email",
            "employer",
        ),
    ),
    Kind.COMPANIES: KindView(
        "company",
        "company_editor",
        {"name": 220, "sector": 160, "status": 100, "problem_count": 130},
        ("name", "status", "problem_count", "sector", "city"),
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
        ("title", "status", "partner_company", "track", "effort_hours", "confidential"),
    ),
}


def shown_columns(kind: Kind) -> list[int]:
    """The columns a kind's table shows by default, as indexes of its columns."""
    keys = [column.key for column in KINDS[kind].columns]
    return [keys.index(key) for key in KIND_VIEWS[kind].shown]


@cache
def view_columns(kind: Kind) -> tuple[ViewColumn, ...]:
    """The kind's table columns with the widths the window starts them at."""
    widths = KIND_VIEWS[kind].widths
    return tuple(
        ViewColumn(**asdict(column), width=widths.get(column.key, DEFAULT_WIDTH))
        for column in KINDS[kind].columns
    )
