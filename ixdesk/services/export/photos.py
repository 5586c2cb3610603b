"""The photo list: who of a cohort (or one of its groups) may be photographed.

For a photographer at a session or event: each student's name, group and cohort
(the ``photographer`` profile), nothing to reach them by. Students under 18
without a valid guardian's consent for photos (none on record, or withdrawn) are
left out, as the partner brief leaves out those without consent to share work;
``told`` hears how many and why. docs/privacy.md.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import ConsentPurpose
from ixdesk.errors import RecordNotFoundError
from ixdesk.services.export.rosters import NOT_IN_A_GROUP, PathLike, Told, workbook_options
from ixdesk.services.export.workbook import Cancelled, Column, Progress, Workbook
from ixdesk.services.privacy import audit
from ixdesk.services.privacy.consent import PURPOSE_LABELS, tell_left_out, without_lacking
from ixdesk.services.privacy.profiles import PHOTOGRAPHER
from ixdesk.services.read import students as st
from ixdesk.services.read.cohorts import cohort_details
from ixdesk.services.read.common import name_order, person
from ixdesk.services.read.groups import group_rows
from ixdesk.services.settings import load_settings

COLUMNS = ("#", "Last name", "First name", "Group", "Cohort")
LEFT_OUT_NOTE = (
    "Only students who may be photographed: those under 18 without a guardian's consent "
    f"for {PURPOSE_LABELS[ConsentPurpose.PHOTOS]} are not on this list."
)


def export_photo_list(
    database: Database,
    cohort_id: str,
    path: PathLike,
    *,
    group_id: str | None = None,
    paper: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    told: Told | None = None,
) -> Path:
    """The students of the cohort (of one of its groups, with ``group_id``) who may be
    photographed, by last name."""
    profile = PHOTOGRAPHER
    assert profile.needs is not None
    fields = profile.student_fields
    with database.read() as session:
        cohort = cohort_details(session, cohort_id)
        groups = [
            group
            for group in group_rows(session, cohort_id=cohort_id)
            if group_id in (None, group["id"])
        ]
        listed = st.members(session, [group["id"] for group in groups], fields)
        if group_id is None:
            listed[NOT_IN_A_GROUP] = st.ungrouped(session, cohort_id, fields)
        by_group, left_out = without_lacking(session, listed, profile.needs)
    names = {group["id"]: group["name"] for group in groups}
    order = name_order(fields[1:])
    people = sorted(
        ((*row, names.get(key, NOT_IN_A_GROUP)) for key, rows in by_group.items() for row in rows),
        key=lambda row: (*order(row), row[-1]),
    )
    rows = [
        [number, last, person(first, None, preferred), group, cohort["name"]]
        for number, (last, first, preferred, group) in enumerate(people, start=1)
    ]
    one_group = names.get(group_id) if group_id is not None else None
    heading = [
        ("Cohort", cohort["name"]),
        ("Group", one_group),
        ("Exported on", date.today()),
        ("", LEFT_OUT_NOTE),
    ]
    title = f"{cohort['name']}{f' – {one_group}' if one_group else ''}: photo list"
    options = workbook_options(load_settings(database), paper, progress, cancelled)
    with Workbook(path, title=title, subject="Photo list", **options) as book:
        book.expect(len(rows))
        columns = [Column(COLUMNS[0], width=5), *(Column(header) for header in COLUMNS[1:])]
        sheet = book.add_sheet(
            "Photo list", columns, heading=[h for h in heading if h[1]], landscape=False
        )
        sheet.write_rows(rows)
        written = book.save()
    tell_left_out(told, left_out, profile.needs)
    return audit.exported(database, title, written, profile=profile.key, records=len(rows))


def export_group_photo_list(
    database: Database, group_id: str, path: PathLike, **options: Any
) -> Path:
    """The photo list of one group (of its cohort); ``options`` as for
    :func:`export_photo_list` (paper, progress, cancelled, told)."""
    g = m.StudentGroup
    with database.read() as session:
        cohort_id = session.scalar(select(g.cohort_id).where(g.id == group_id))
    if cohort_id is None:
        raise RecordNotFoundError("This group no longer exists; nothing was exported.")
    return export_photo_list(database, cohort_id, path, group_id=group_id, **options)
