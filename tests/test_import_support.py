"""Helpers shared by the import tests (no tests here): sample paths, files, counts."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import func, select

from ixdesk.db import Database
from ixdesk.db.base import Base

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
GOOGLE_FORMS = SAMPLES / "google-forms-signups.csv"
EXCEL_CP1252 = SAMPLES / "excel-semicolon-cp1252.csv"
CAREERS_FAIR = SAMPLES / "careers-fair-table3.xlsx"


def write_csv(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    with open(path, "w", encoding=encoding, newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Iterable[Sequence[Any]], *, title: str = "Sheet1") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def live(database: Database, model: type[Base]) -> int:
    """How many live (not deleted) rows of this model the database holds."""
    table = model.__table__
    with database.read() as session:
        query = select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
        return int(session.scalar(query) or 0)


def rows_of(database: Database, model: type[Base], *columns: str) -> list[tuple[Any, ...]]:
    table = model.__table__
    with database.read() as session:
        query = (
            select(*(table.c[name] for name in columns))
            .where(table.c.deleted_at.is_(None))
            .order_by(*(table.c[name] for name in columns))
        )
        return [tuple(row) for row in session.execute(query)]


STUDENT_HEADER = ["First name", "Last name", "Email", "Phone", "School", "Grade", "Date of birth"]
