"""What every reader shows of a fixed demo database, compared with a stored snapshot.

``ixdesk list`` (JSON and table), the window's record tables and the rosters
read the same record types; the snapshot (tests/data/read_snapshots.json)
holds their output for demo data made with a fixed seed and day, whose ids
are fixed too (a seed whose records never tie in a listing's order, which
the two databases could break differently). Any change to what a field
means, which rows are live or in which order they come shows up here.
"""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from ixdesk.cli import main
from ixdesk.db import Database, open_database
from ixdesk.services import export as ex
from ixdesk.services.demo import generate_demo
from ixdesk.services.kinds import KINDS
from ixdesk.services.tables import load_table

SNAPSHOT = Path(__file__).parent / "data" / "read_snapshots.json"
LISTED = ("companies", "problems", "cohorts", "groups", "students", "instructors")
DEMO_DAY = date(2026, 5, 4)
# Rows of a roster's heading that say when and from where it was made.
MADE_WHEN = {"Exported on", "Exported from"}


def _plain(value: Any) -> Any:
    """One spelling per value on both databases: SQLite's driver returns dates as text
    and booleans as 0/1, PostgreSQL's as dates and booleans."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _cli(url: str, *args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--database", url, *args]) == 0
    return out.getvalue()


def _cells(path: Path) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(path)
    return {
        sheet.title: [
            [_plain(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
            if row[0] not in MADE_WHEN
        ]
        for sheet in book.worksheets
    }


def _rosters(database: Database, folder: Path) -> dict[str, Any]:
    cohort = ex.find_cohort(database, "Data analytics Spring 2026 · Glasgow (Uni)")
    company = ex.find_company(database, "Lantern Energy")
    instructor = ex.find_instructor(database, "ana.wisniewska@indigo-insurance.example.com")
    made = {
        "cohort_roster": ex.export_cohort_roster(database, cohort, folder / "c.xlsx"),
        "signin_sheet": ex.export_signin_sheet(database, cohort, folder / "s.xlsx"),
        "partner_brief": ex.export_partner_brief(database, company, folder / "p.xlsx"),
        "instructor_roster": ex.export_instructor_roster(
            database, instructor, folder / "i.xlsx", include_archived=True
        ),
    }
    return {name: _cells(path) for name, path in made.items()}


def read_everything(url: str, folder: Path) -> dict[str, Any]:
    """Every reader's output for the database at ``url``, as plain JSON data."""
    found: dict[str, Any] = {}
    for kind in LISTED:
        found[f"list {kind} --json"] = _cli(url, "list", kind, "--json")
        found[f"list {kind}"] = _cli(url, "list", kind)
    database = open_database(url)
    try:
        for name, spec in KINDS.items():
            table = load_table(database, spec)
            rows = sorted(zip(table.ids, table.rows, strict=True))
            found[f"table {name}"] = [[id_, *map(_plain, row)] for id_, row in rows]
        found["rosters"] = _rosters(database, folder)
    finally:
        database.close()
    return found


def make_demo(url: str) -> None:
    database = open_database(url)
    try:
        generate_demo(database, students=100, seed=21, today=DEMO_DAY)
    finally:
        database.close()


def test_every_reader_shows_what_the_snapshot_holds(database_url: str, tmp_path: Path) -> None:
    make_demo(database_url)
    found = json.loads(json.dumps(read_everything(database_url, tmp_path)))
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert sorted(found) == sorted(expected)
    for name in expected:
        assert found[name] == expected[name], name


def test_the_snapshot_covers_every_kind_with_rows() -> None:
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    for kind in LISTED:
        assert len(json.loads(snapshot[f"list {kind} --json"])) > 3, kind
        assert len(snapshot[f"table {kind}"]) > 3, kind
    for name, sheets in snapshot["rosters"].items():
        assert sum(len(rows) for rows in sheets.values()) > 5, name
