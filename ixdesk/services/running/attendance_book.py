"""The attendance workbook an instructor who does not run ixdesk fills in offline.

One sheet of marks per group the instructor leads or assists (students down, the
group's sessions across, a drop-down of Present, Late, Absent, Excused in each cell)
and one rubric sheet per group (each skill of its business problem rated 1 to 4, and
a comment). Each sheet is protected but for the cells to fill in; each row carries
the student's id in a hidden column.

A very hidden sheet, ``ixdesk``, keeps what the import needs to read the file back:
which cohorts it covers, which cell is which student's mark at which session (or which
rubric cell), and the value each cell held when the workbook was written. From those,
``attendance_import`` tells what the instructor changed, what changed in ixdesk since,
and where both did.

Students appear with what an instructor roster shows of them: their names only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from ixdesk.db.engine import Database
from ixdesk.db.enums import AttendanceStatus
from ixdesk.services.export.workbook import Column, Progress, Sheet, Workbook
from ixdesk.services.kinds import status_label
from ixdesk.services.privacy import audit
from ixdesk.services.privacy import profiles as pf
from ixdesk.services.read import students as st
from ixdesk.services.read.groups import instructor_group_rows
from ixdesk.services.read.instructors import instructor_name
from ixdesk.services.running import feedback as fb
from ixdesk.services.running.attendance import read_marks
from ixdesk.services.running.sessions import SessionRow, session_rows

MARKER = "ixdesk attendance workbook"
FORMAT = "1"
META_SHEET = "ixdesk"
META_COLUMNS = ("sheet", "cell", "kind", "a", "b", "c", "base")
MARK, RATING, COMMENT, ROW = "mark", "rating", "comment", "row"
MARK_CHOICES = tuple(status_label(mark) for mark in AttendanceStatus)
RATING_CHOICES = tuple(str(rating) for rating in fb.SCALE)
ID_HEADER = "ixdesk id (do not change)"
NAME_FIELDS = ("last_name", "first_name", "preferred_name", "id")
NAME_COLUMNS = [Column("Last name"), Column("First name"), Column("Preferred name")]
PathLike = str | os.PathLike[str]


@dataclass
class _Meta:
    """The rows of the hidden sheet, gathered while the visible sheets are written."""

    rows: list[tuple[str, ...]]

    def row(self, sheet: Sheet, number: int, student_id: str) -> None:
        self.rows.append((sheet.name, f"A{number}", ROW, student_id, "", "", ""))

    def cell(self, sheet: Sheet, column: int, number: int, kind: str, *keys: str) -> None:
        *ids, base = keys
        ids += [""] * (3 - len(ids))
        self.rows.append((sheet.name, f"{xl_col_to_name(column)}{number}", kind, *ids, base))


def _session_label(session: SessionRow) -> str:
    if session.starts_at is None:
        return session.title
    start = session.starts_at.astimezone()
    return f"{start:%a} {start.day} {start:%b} {start:%H:%M} · {session.title}"


def export_attendance_workbook(
    database: Database,
    instructor_id: str,
    path: PathLike,
    *,
    cohort_id: str | None = None,
    progress: Progress | None = None,
    cancelled: Any = None,
) -> Path:
    """Write the instructor's attendance workbook (groups of current cohorts, or of one)."""
    with database.read() as session:
        name, email = instructor_name(session, instructor_id)
        groups = instructor_group_rows(session, instructor_id, name, cohort_id=cohort_id)
        ids = [str(group["id"]) for group in groups]
        members = st.members(session, ids, NAME_FIELDS)
        meetings = {
            cohort: session_rows(session, cohort) for cohort in {g["cohort_id"] for g in groups}
        }
        all_sessions = [row.id for rows in meetings.values() for row in rows]
        marks = read_marks(session, all_sessions)
        skills = fb.group_skills(session, ids)
        rubrics = fb.rubrics(session, ids)
    meta = _Meta([])
    with Workbook(
        path, title=f"{name}: attendance", subject="Attendance workbook", progress=progress,
        cancelled=cancelled,
    ) as book:  # fmt: skip
        book.expect(sum(len(people) for people in members.values()) * 2)
        for group in groups:
            group_id = str(group["id"])
            people = members[group_id]
            group_sessions = [
                row for row in meetings[group["cohort_id"]] if row.group_id in (None, group_id)
            ]
            heading = [
                ("Cohort", group["cohort"]), ("Group", group["name"]), ("Instructor", name),
                ("Email", email), ("How to fill in", "Choose Present, Late, Absent or Excused "
                 "in each cell; leave a cell empty when you do not know."),
            ]  # fmt: skip
            columns = [Column(ID_HEADER, hidden=True), *NAME_COLUMNS] + [
                Column(_session_label(row), width=16, editable=True, choices=MARK_CHOICES)
                for row in group_sessions
            ]
            sheet = book.add_sheet(group["name"], columns, heading=heading)
            rows = []
            for offset, (last, first, preferred, student_id) in enumerate(people):
                number = sheet.header_row + 2 + offset
                meta.row(sheet, number, str(student_id))
                cells = []
                for index, meeting in enumerate(group_sessions, start=4):
                    mark = marks.get((str(student_id), meeting.id))
                    meta.cell(sheet, index, number, MARK, meeting.id, str(student_id), mark or "")
                    cells.append(status_label(mark) if mark else None)
                rows.append([str(student_id), last, first, preferred, *cells])
            sheet.write_rows(rows)
            _rubric_sheet(book, meta, group, name, people, skills.get(group_id, []), rubrics)
        _meta_sheet(book, meta, instructor_id, sorted({str(g["cohort_id"]) for g in groups}))
        written = book.save()
    students = sum(len(people) for people in members.values())
    return audit.exported(
        database, f"{name}: attendance", written, profile=pf.INSTRUCTOR.key, records=students
    )


def _rubric_sheet(
    book: Workbook,
    meta: _Meta,
    group: dict[str, Any],
    instructor: str,
    people: Sequence[tuple[Any, ...]],
    skills: list[str],
    rubrics: dict[tuple[str, str], fb.RubricRow],
) -> None:
    group_id = str(group["id"])
    scale = " · ".join(f"{n} {label}" for n, label in fb.SCALE.items())
    heading = [
        ("Cohort", group["cohort"]), ("Group", group["name"]), ("Instructor", instructor),
        ("Business problem", group["business_problem"]), ("Scale", scale),
    ]  # fmt: skip
    columns = [Column(ID_HEADER, hidden=True), *NAME_COLUMNS]
    columns += [Column(skill, width=14, editable=True, choices=RATING_CHOICES) for skill in skills]
    columns.append(Column("Comment", width=60, wrap=True, editable=True))
    sheet = book.add_sheet(f"Rubric {group['name']}", columns, heading=heading)
    rows = []
    for offset, (last, first, preferred, student_id) in enumerate(people):
        number = sheet.header_row + 2 + offset
        meta.row(sheet, number, str(student_id))
        own = rubrics.get((group_id, str(student_id)))
        cells: list[Any] = []
        for index, skill in enumerate([*skills, fb.COMMENT], start=4):
            value = own.value(skill) if own is not None else None
            kind = COMMENT if skill == fb.COMMENT else RATING
            meta.cell(
                sheet, index, number, kind, group_id, str(student_id), skill, str(value or "")
            )
            cells.append(value)
        rows.append([str(student_id), last, first, preferred, *cells])
    sheet.write_rows(rows)


def _meta_sheet(book: Workbook, meta: _Meta, instructor_id: str, cohorts: list[str]) -> None:
    heading = [
        (MARKER, FORMAT),
        ("instructor", instructor_id),
        ("cohorts", " ".join(cohorts)),
        ("written", datetime.now(UTC).isoformat(timespec="seconds")),
    ]
    sheet = book.add_sheet(META_SHEET, [Column(name) for name in META_COLUMNS], heading=heading)
    sheet.write_rows(meta.rows)
    sheet.hide_from_view()
