"""Rosters on paper: readable type on A4 and Letter, labels that fit, no grid over empty
cells, rows as tall as their wrapped text, numbers spaced for reading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services import export as ex
from ixdesk.services.export.printing import (
    FONT_POINTS,
    bold_width,
    line_count,
    pixels,
    plan_page,
    printable_pixels,
)
from ixdesk.services.export.workbook import Column, Workbook
from ixdesk.services.operations import run_operation
from tests.test_export_rosters import fill, table

PAPERS = ["a4", "letter"]


def widths(sheet: Any) -> list[float]:
    """The sheet's column widths as written (Excel adds 0.71 to what is asked for)."""
    found = []
    for index in range(1, sheet.max_column + 1):
        letter = openpyxl.utils.get_column_letter(index)
        found.append(round(sheet.column_dimensions[letter].width - 0.71, 2))
    return found


def printed_points(sheet: Any, paper: str) -> float:
    """The size of the type on paper: scaled down to fit the width, or the print scale."""
    if sheet.sheet_properties.pageSetUpPr.fitToPage:
        landscape = sheet.page_setup.orientation == "landscape"
        room = printable_pixels(paper, landscape)
        return FONT_POINTS * min(1.0, room / pixels(widths(sheet)))
    return FONT_POINTS * int(sheet.page_setup.scale) / 100


def _long_names(database: Database, filled: dict[str, Any]) -> None:
    """Cohorts, places and problems named as coordinators name them: at length."""

    def work(context: Any) -> None:
        session = context.session
        for cohort in session.query(m.Cohort):
            cohort.name += " · Leeds Central Library (high school, after school)"
            cohort.location = "Leeds Central Library, second floor, room 2"
        for group in session.query(m.StudentGroup):
            group.meeting_slot = "Tuesdays and Thursdays 16:00–18:00, online on Fridays"
        for problem in session.query(m.BusinessProblem):
            problem.title += ": why do customers leave after their first month?"

    run_operation(database, work)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_instructor_roster_prints_readable_type_on_either_paper(
    database: Database, tmp_path: Path, paper: str
) -> None:
    filled = fill(database)
    _long_names(database, filled)
    path = ex.export_instructor_roster(
        database, filled["lead"], tmp_path / "ravi.xlsx", include_archived=True, paper=paper
    )
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        assert printed_points(sheet, paper) >= 8, (sheet.title, printed_points(sheet, paper))
    overview = book["My groups"]
    header, rows = table(overview)
    assert len(header) == 12
    cohort, problem = header.index("Cohort") + 1, header.index("Business problem") + 1
    first = overview.cell(row=overview.max_row, column=cohort)
    assert first.alignment.wrap_text  # long text wraps rather than running off
    assert overview.row_dimensions[overview.max_row].height >= 30  # and its row is tall enough
    assert widths(overview)[problem - 1] >= 16  # never narrower than a readable column
    assert all(row[header.index("Business problem")] for row in rows)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_cohort_roster_labels_fit_and_no_grid_is_printed_over_empty_cells(
    database: Database, tmp_path: Path, paper: str
) -> None:
    filled = fill(database)
    _long_names(database, filled)
    path = ex.export_cohort_roster(database, filled["spring"], tmp_path / "r.xlsx", paper=paper)
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        assert not sheet.print_options.gridLines, sheet.title
        assert printed_points(sheet, paper) >= 8, sheet.title
        header_row = int(sheet.freeze_panes[1:]) - 1
        labels = [row[0].value for row in sheet.iter_rows(max_row=header_row - 2)]
        first_width = widths(sheet)[0]
        for label in filter(None, labels):
            assert first_width >= bold_width(label) - 0.05, (sheet.title, label)
        for row in sheet.iter_rows(max_row=header_row - 1):  # the heading: no lines at all
            assert all(not cell.border.bottom.style for cell in row)
        for row in sheet.iter_rows(min_row=header_row + 1):  # the table: a rule under each row
            assert all(cell.border.bottom.style == "thin" for cell in row)
        assert sheet.max_column == len(table(sheet)[0])  # nothing styled beside the table


@pytest.fixture
def filled(database: Database) -> dict[str, Any]:
    return fill(database)


def test_the_cohort_roster_spaces_phone_numbers_for_reading(
    database: Database, filled: dict[str, Any], tmp_path: Path
) -> None:
    def work(context: Any) -> None:  # as stored (E.164), and as typed long ago
        for student, phone in zip(
            context.session.query(m.Student).order_by(m.Student.last_name),
            ["+447911123456", "07911 123457"],
            strict=False,
        ):
            student.phone = phone

    run_operation(database, work)
    path = ex.export_cohort_roster(database, filled["spring"], tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    phones = {
        row[0]: row[header.index("Phone")]
        for sheet in book.worksheets[1:]
        for header, rows in [table(sheet)]
        for row in rows
        if row[0] in ("Last00", "Last01", "Last02")
    }
    assert phones == {"Last00": "+44 7911 123456", "Last01": "+44 7911 123457"}
    from ixdesk.services.read.common import readable_phone

    assert readable_phone("call the school", "GB") == "call the school"  # kept as typed


def test_a_table_too_wide_for_readable_type_is_split_across_pages(tmp_path: Path) -> None:
    address = "someone.with.a.long.address@a-partner-company.example.org"
    columns = [Column(f"Email {n}") for n in range(6)]
    with Workbook(tmp_path / "w.xlsx", title="Wide", for_print=True, paper="a4") as book:
        sheet = book.add_sheet("wide", columns, heading=[("Cohort", "Spring")])
        sheet.write_rows([[address] * 6])
        book.save()
    wide = openpyxl.load_workbook(tmp_path / "w.xlsx")["wide"]
    assert not wide.sheet_properties.pageSetUpPr.fitToPage
    assert printed_points(wide, "a4") >= 9
    assert wide.print_title_cols == "$A:$B"  # every page names its rows
    assert wide.page_setup.pageOrder == "overThenDown"


@pytest.mark.parametrize(
    ("natural", "fits", "narrowed"),
    [
        ([20.0] * 5, True, False),  # fits as it is
        ([40.0] * 8, True, True),  # fits once long text wraps
        ([60.0] * 16, False, True),  # too wide even wrapped: split across pages
    ],
)
def test_the_page_plan(natural: list[float], fits: bool, narrowed: bool) -> None:
    plan = plan_page(natural, [10.0] * len(natural), "a4", landscape=True)
    assert plan.fit_width is fits
    assert (plan.widths != natural) is narrowed
    assert min(plan.widths) >= 16
    if fits:
        scale = min(1.0, printable_pixels("a4", True) / pixels(plan.widths))
        assert FONT_POINTS * scale >= 8


def test_wrapped_lines_are_counted_with_room_to_spare() -> None:
    assert line_count("Checkout redesign", 40) == 1
    assert line_count("Finance Summer 2026 · Berlin (HS)", 16) == 2
    assert line_count("one\ntwo", 40) == 2
    assert line_count("x" * 60, 16) >= 3  # a word longer than the line is broken
