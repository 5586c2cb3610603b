"""The full export: every live record of every type, every field, canonical names."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.errors import IxdeskError
from ixdesk.services import export as ex
from ixdesk.services.read import full as q
from tests.test_export_rosters import fill


def test_every_record_type_on_its_own_sheet_with_every_field(
    database: Database, tmp_path: Path
) -> None:
    fill(database)
    path = ex.export_everything(database, tmp_path / "all.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["About", *ex.RECORD_TYPES]
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    with database.read() as session:
        for name, model in ex.RECORD_TYPES.items():
            sheet = book[name]
            header = [cell.value for cell in sheet[1]]
            assert header == q.field_names(model)
            assert header[0] == "id" and header[-3:] == ["created_at", "updated_at", "version"]
            assert "deleted_at" not in header
            live = session.scalar(
                select(func.count()).select_from(model).where(model.deleted_at.is_(None))
            )
            assert sheet.max_row - 1 == live == about[name], name
            assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
            for row in sheet.iter_rows(min_row=2):
                assert len(row[0].value) == 36 and row[0].value.count("-") == 4
                assert row[0].data_type == "s"
                assert row[header.index("created_at")].is_date

    students = book["students"]
    header = [cell.value for cell in students[1]]
    rows = [dict(zip(header, row, strict=True)) for row in students.iter_rows(min_row=2)]
    assert "Deleted" not in {row["first_name"].value for row in rows}
    zoe = next(row for row in rows if row["first_name"].value == "Zoë")
    assert zoe["guardian_name"].value == "Guardian Person0"
    assert zoe["date_of_birth"].value == datetime(2008, 1, 1)
    assert zoe["date_of_birth"].number_format == "d mmm yyyy"
    assert zoe["guardian_consent_at"].value == datetime(2025, 1, 2, 3, 4)
    assert zoe["messaging_opt_in"].value is False
    assert zoe["grade"].value == 10 and zoe["version"].value == 1
    nasty = {row["first_name"].value for row in rows}
    assert '=HYPERLINK("http://x","y")' in nasty and "#N/A" in nasty
    problems = book["business_problems"]
    header = [cell.value for cell in problems[1]]
    values = {cell.value for cell in next(problems.iter_rows(min_row=2))}
    assert "status" in header and values & {"assigned", "approved", "draft"}


def test_one_record_type_with_chosen_fields(sqlite_database: Database, tmp_path: Path) -> None:
    fill(sqlite_database)
    fields = ["last_name", "first_name", "grade", "date_of_birth"]
    path = ex.export_records(sqlite_database, "students", tmp_path / "s.xlsx", fields=fields)
    sheet = openpyxl.load_workbook(path)["students"]
    assert [cell.value for cell in sheet[1]] == fields
    assert sheet.max_row == 13
    with pytest.raises(IxdeskError, match="students have no field called shoe_size"):
        ex.export_records(sqlite_database, "students", tmp_path / "x.xlsx", fields=["shoe_size"])
    with pytest.raises(IxdeskError, match="'pets' is not a record type"):
        ex.export_records(sqlite_database, "pets", tmp_path / "x.xlsx")


def test_a_cancelled_full_export_writes_nothing(sqlite_database: Database, tmp_path: Path) -> None:
    fill(sqlite_database)
    target = tmp_path / "all.xlsx"
    target.write_bytes(b"yesterday's export")
    with pytest.raises(ex.ExportCancelled):
        ex.export_everything(sqlite_database, target, cancelled=lambda: True)
    assert target.read_bytes() == b"yesterday's export"
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".all.")]


def test_full_export_of_demo_data_counts_match(sqlite_database: Database, tmp_path: Path) -> None:
    from ixdesk.services.demo import generate_demo

    summary = generate_demo(sqlite_database, students=150, seed=2)
    seen: list[tuple[int, int]] = []
    path = ex.export_everything(
        sqlite_database, tmp_path / "demo.xlsx", progress=lambda *a: seen.append(a)
    )
    book = openpyxl.load_workbook(path, read_only=True)
    for name, count in vars(summary).items():
        assert book[name].max_row - 1 == count, name
    assert seen[-1][0] == seen[-1][1]
    with sqlite_database.read() as session:
        assert session.scalar(select(func.count()).select_from(m.Student)) == 150
