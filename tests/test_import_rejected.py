"""The rejected-rows file: written like every roster (safe cells, whole or not at all), or CSV."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ixdesk.cli import main
from ixdesk.db import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.export import ExportError
from ixdesk.services.importing import ImportPlan, plan_import, read_table, write_rejected
from tests.full_drive import full_drive, put, unraisable  # noqa: F401 (fixtures)
from tests.test_import_support import write_csv

HEADER = ["First name", "Last name", "Email", "Grade"]
# Names as typed in a sign-up form: each must come back as the same text, never run.
NASTY = [
    "<r><t>Injected</t></r>",
    '<r><t>a</t></r></is></c><c r="Z9"><f>HYPERLINK("http://x","y")</f></c>'
    '<c r="Z8" t="inlineStr"><is><r><t>b</t></r>',
    '=HYPERLINK("http://x","y")',
    "+44 7700 900123",
    "@SUM(1)",
    "-1+2",
    "Zoë",
]
FORMULA_LIKE = "=+-@"


def nasty_file(folder: Path) -> Path:
    rows = [[name, "Rossi", f"s{n}@example.com", 13] for n, name in enumerate(NASTY)]
    return write_csv(folder / "signups.csv", [HEADER, *rows])


def nasty_plan(database: Database, folder: Path) -> ImportPlan:
    plan = plan_import(database, "students", read_table(nasty_file(folder)))
    assert plan.counts["invalid"] == len(NASTY)  # grade 13 refuses every row
    return plan


def test_the_workbook_holds_typed_text_as_text_never_xml_or_a_formula(
    sqlite_database: Database, tmp_path: Path
) -> None:
    target = tmp_path / "rejected.xlsx"
    assert write_rejected(nasty_plan(sqlite_database, tmp_path), target) == len(NASTY)
    sheet = openpyxl.load_workbook(target)["Rejected rows"]
    assert [cell.value for cell in sheet[1]] == [*HEADER, "ixdesk problems", "Original row"]
    names = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in names] == NASTY
    assert sheet.max_column == len(HEADER) + 2  # no cell injected further right
    every = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in every if cell.data_type == "f"]
    for cell in names:
        assert cell.data_type == "s"
        assert cell.quotePrefix == (cell.value[0] in FORMULA_LIKE), cell.value
    assert [row[5].value for row in sheet.iter_rows(min_row=2)] == list(range(2, len(NASTY) + 2))
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    # Fixed and imported again, the names are read exactly as they were typed.
    assert [row[0] for row in read_table(target).rows] == NASTY


def test_a_full_disk_leaves_the_existing_file_as_it_was_and_no_late_traceback(
    sqlite_database: Database,
    tmp_path: Path,
    full_drive: Path,  # noqa: F811
    unraisable: Any,  # noqa: F811
) -> None:
    plan = nasty_plan(sqlite_database, tmp_path)
    for name in ("rejected.xlsx", "rejected.csv"):
        target = full_drive / name
        put(target, b"the rows saved yesterday")
        with pytest.raises(IxdeskError) as refused:
            write_rejected(plan, target)
        assert target.read_bytes() == b"the rows saved yesterday"
        assert isinstance(refused.value, ExportError)
        assert str(refused.value).startswith(f"The disk is full, so {name} could not be written")
    assert sorted(path.name for path in full_drive.iterdir()) == ["rejected.csv", "rejected.xlsx"]
    assert unraisable() == []


def test_a_csv_name_gets_a_real_utf8_csv_with_formulas_neutralised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "rej.csv"
    source = nasty_file(tmp_path)
    database = str(tmp_path / "ixdesk.db")
    code = main(
        ["--database", database, "import", "students", str(source), "--rejected", str(target)]
    )
    assert code == 1  # every row is invalid: nothing imported, but the rows are saved
    assert f"{len(NASTY)} invalid row(s) saved to {target}" in capsys.readouterr().out
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == [*HEADER, "ixdesk problems", "Original row"]
    for row, name in zip(rows[1:], NASTY, strict=True):
        assert row[0] == ("'" + name if name[0] in FORMULA_LIKE else name)
        assert row[3] == "13" and "Grade 13" in row[4] and row[5].isdigit()
    # Imported again (after fixing), the apostrophes are taken off: the names are as typed.
    assert [row[0] for row in read_table(target).rows] == NASTY


def test_another_suffix_is_refused_with_a_sentence(
    sqlite_database: Database, tmp_path: Path
) -> None:
    plan = nasty_plan(sqlite_database, tmp_path)
    with pytest.raises(IxdeskError, match=r"rej\.txt does not end in \.xlsx or \.csv"):
        write_rejected(plan, tmp_path / "rej.txt")
    assert not (tmp_path / "rej.txt").exists()
