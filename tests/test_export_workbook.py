"""The workbook writer: safe cells, dates, sheet names, atomic saves, cancel and clear errors."""

from __future__ import annotations

import enum
import errno
import os
import stat
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from ixdesk import __version__
from ixdesk.services import atomic
from ixdesk.services.export import cells as cell_kinds
from ixdesk.services.export import sheet as sheet_writer
from ixdesk.services.export import target as tg
from ixdesk.services.export import workbook as wb
from ixdesk.services.export.workbook import (
    Column,
    ExportCancelled,
    ExportError,
    Workbook,
    clean_text,
    sheet_name,
)

TRICKY = [
    '=HYPERLINK("http://x","y")',
    "@SUM(1)",
    "-1+2",
    "+1",
    "#N/A",
    "#REF!",
    "00123",
    "1e5",
    "\t=1+1",
    "<r><t>x</t></r>",
    "</t></is><f>1+1</f><is><t>",
    "a & b < c > d",
    "  spaced  ",
    "two\nlines",
    "Zoë Ørsted 🎓",
]


class Colour(enum.StrEnum):
    RED = "red"


def write(path: Path, rows: list[list[Any]], **options: Any) -> Path:
    columns = [Column(f"c{index}") for index in range(len(rows[0]))]
    with Workbook(path, title="Test book", print_title="Cohort & Co", **options) as book:
        book.expect(len(rows))
        sheet = book.add_sheet("data", columns, heading=[("Cohort", "Cohort & Co")])
        sheet.write_rows(rows)
        return book.save()


def cells(path: Path, sheet: str = "data") -> list[Any]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(min_row=4))


def test_the_fast_row_writer_is_available() -> None:
    # If this fails, an XlsxWriter upgrade removed the internals the fast path uses:
    # exports still work through the public API, but slower. Adapt sheet.py.
    assert sheet_writer.FAST_ROWS


@pytest.mark.parametrize("fast", [True, False], ids=["fast rows", "public api"])
def test_typed_text_comes_back_as_the_same_text_never_a_formula(
    tmp_path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet_writer, "FAST_ROWS", fast)
    path = write(tmp_path / "t.xlsx", [[text] for text in TRICKY])
    read = [row[0] for row in cells(path)]
    assert [cell.value for cell in read] == TRICKY
    assert all(cell.data_type == "s" for cell in read)
    for cell in read:
        assert cell.quotePrefix == (cell.value[0] in "=+-@\t#0123456789"), cell.value
    raw = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("data").to_python()
    assert [row[0] for row in raw[3:]] == TRICKY
    # Excel reads "_x0041_" in a cell as "A" unless escaped; calamine reads it as Excel does.
    path = write(tmp_path / "x.xlsx", [["_x0041_ and _x000D_"]])
    raw = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("data").to_python()
    assert raw[3][0] == "_x0041_ and _x000D_"


@pytest.mark.parametrize("fast", [True, False], ids=["fast rows", "public api"])
def test_values_keep_their_types_and_dates_are_real_dates(
    tmp_path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet_writer, "FAST_ROWS", fast)
    moment = datetime(2025, 1, 2, 5, 4, tzinfo=timezone(timedelta(hours=2)))
    row = [42, 2.5, date(2025, 3, 3), moment, True, Colour.RED, None, "", float("nan")]
    row += [date(1899, 12, 31)]
    path = write(tmp_path / "v.xlsx", [row])
    (read,) = cells(path)
    values = [cell.value for cell in read]
    assert values[:6] == [42, 2.5, datetime(2025, 3, 3), datetime(2025, 1, 2, 3, 4), True, "red"]
    assert values[6:9] == [None, None, None]
    assert values[9] == "1899-12-31"  # before Excel's calendar: kept as text
    assert read[2].is_date and read[2].number_format == "d mmm yyyy"
    assert read[3].is_date and "UTC" in read[3].number_format
    assert read[0].data_type == "n" and read[4].data_type == "b"


def test_control_characters_are_removed_and_long_text_is_cut_visibly(tmp_path: Path) -> None:
    assert clean_text("a\x00b\x07c\r\nd\re\x1f\ufffe") == "abc\nd\ne"
    long = "x" * 40_000
    cut = clean_text(long)
    assert len(cut) <= wb.MAX_CELL
    kept = cut.index("…")
    assert cut.endswith(f"… [cut: {40_000 - kept:,} characters]")
    emoji = clean_text("🎓" * 20_000)  # two UTF-16 units each
    assert len(emoji.encode("utf-16-le")) // 2 <= wb.MAX_CELL and "[cut: " in emoji
    path = write(tmp_path / "c.xlsx", [["bell\x07 null\x00", long]])
    (read,) = cells(path)
    assert read[0].value == "bell null"
    assert read[1].value == cut


def test_sheet_names_are_valid_unique_and_short() -> None:
    assert sheet_name("Group 10: [A/B]?", []) == "Group 10 A B"
    assert sheet_name("a*b\\c", []) == "a b c"
    assert sheet_name("'quoted'", []) == "quoted"
    assert sheet_name("", []) == "Sheet sheet"
    assert sheet_name("History", []) == "History sheet"
    long = "A very long group name that never ends"
    assert sheet_name(long, []) == long[:31]
    assert sheet_name(long, [long[:31]]) == long[:27] + " (2)"
    assert sheet_name("group", ["Group", "GROUP (2)"]) == "group (3)"
    assert len(sheet_name("🎓" * 40, []).encode("utf-16-le")) // 2 <= 31


def test_layout_print_setup_and_document_properties(tmp_path: Path) -> None:
    path = write(tmp_path / "p.xlsx", [["short", "x" * 200]], paper="letter")
    book = openpyxl.load_workbook(path)
    sheet = book["data"]
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:B4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 1  # Letter; A4 is 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_options.gridLines
    assert "Cohort && Co" in sheet.oddHeader.left.text  # '&' starts a code in headers
    assert sheet.oddFooter.right.text == "Page &P of &N"
    assert sheet["A3"].font.b and not sheet["A4"].font.b
    assert sheet.column_dimensions["A"].width == pytest.approx(8, abs=1)
    assert sheet.column_dimensions["B"].width == pytest.approx(50, abs=1)
    assert book.properties.title == "Test book"
    assert book.properties.creator == "ixdesk"
    assert __version__ in book.properties.description
    assert book.custom_doc_props["ixdesk version"].value == __version__
    a4 = openpyxl.load_workbook(write(tmp_path / "a4.xlsx", [["x"]], paper="a4"))
    assert a4["data"].page_setup.paperSize == 9


def test_rows_past_excels_limit_continue_on_another_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet_writer, "MAX_ROWS", 30)
    path = write(tmp_path / "m.xlsx", [[n] for n in range(70)])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["data", "data (2)", "data (3)"]
    values = [row[0].value for name in book.sheetnames for row in book[name].iter_rows(min_row=4)]
    assert values == list(range(70))
    assert all(book[name].max_row <= 30 for name in book.sheetnames)


def test_progress_is_reported_and_ends_complete(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write(tmp_path / "p.xlsx", [[n] for n in range(1000)], progress=lambda *a: seen.append(a))
    assert len(seen) >= 4
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (1000, 1000)


def existing(path: Path) -> bytes:
    path.write_bytes(b"the coordinator's old roster")
    return path.read_bytes()


def test_a_cancelled_export_leaves_no_file_and_the_old_one_untouched(tmp_path: Path) -> None:
    target = tmp_path / "roster.xlsx"
    before = existing(target)
    polls: list[int] = []

    def cancelled() -> bool:
        polls.append(1)
        return len(polls) > 3  # half way through

    with pytest.raises(ExportCancelled, match="existing file was left as it was"):
        write(target, [[f"row {n}"] for n in range(2000)], cancelled=cancelled)
    assert target.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["roster.xlsx"]
    fresh = tmp_path / "new.xlsx"
    with pytest.raises(ExportCancelled):
        write(fresh, [["x"]], cancelled=lambda: True)
    assert not fresh.exists()


def test_an_error_half_way_leaves_no_file_and_cleans_its_scratch(tmp_path: Path) -> None:
    target = tmp_path / "roster.xlsx"
    before = existing(target)

    def rows() -> Any:
        yield from ([n] for n in range(600))
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError), Workbook(target, title="t") as book:
        scratch = Path(book._scratch)
        book.add_sheet("data", [Column("n")]).write_rows(rows())
    assert target.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["roster.xlsx"]
    assert not scratch.exists()


def test_bad_targets_get_a_sentence_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(
        ExportError,
        match=r"folder\.xlsx is a folder, not a file, so nothing was written there; choose a file",
    ):
        write(tmp_path / "folder.xlsx", [["x"]])
    with pytest.raises(ExportError, match=r"The folder .*missing does not exist"):
        write(tmp_path / "missing" / "r.xlsx", [["x"]])
    with pytest.raises(ExportError, match=r"does not end in \.xlsx"):
        write(tmp_path / "r.csv", [["x"]])
    locked = tmp_path / "locked.xlsx"
    before = existing(locked)
    locked.chmod(stat.S_IRUSR)
    try:
        with pytest.raises(ExportError, match="is read-only, so it was not replaced"):
            write(locked, [["x"]])
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert locked.read_bytes() == before


def test_a_file_open_in_excel_gives_a_clear_error_and_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "roster.xlsx"
    before = existing(target)

    def refuse(*_: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match=r"open in another program \(close it in Excel\)"):
        write(target, [["x"]])
    assert target.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["roster.xlsx"]


def test_an_unwritable_folder_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: Any, **__: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic, "create_beside", refuse)
    with pytest.raises(ExportError, match="could not be written in"):
        write(tmp_path / "r.xlsx", [["x"]])


@pytest.mark.parametrize("where", ["closing", "rows"])
def test_a_full_disk_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "roster.xlsx"
    before = existing(target)

    def full(*_: Any, **__: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "closing":  # XlsxWriter wraps it in FileCreateError
        monkeypatch.setattr(xlsxwriter.Workbook, "_store_workbook", full)
    else:
        monkeypatch.setattr(wb.Sheet, "_write_xml", full)
    with pytest.raises(ExportError, match="The disk is full"):
        write(target, [["x"]])
    assert target.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["roster.xlsx"]


def test_default_paper_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tg.locale, "getlocale", lambda: ("en_US", "UTF-8"))
    assert tg.default_paper() == "letter"
    monkeypatch.setattr(tg.locale, "getlocale", lambda: ("de_DE", "UTF-8"))
    assert tg.default_paper() == "a4"
    monkeypatch.setattr(tg.locale, "getlocale", lambda: ("English_United States", "1252"))
    assert tg.default_paper() == "letter"


def test_aware_datetimes_are_written_in_utc() -> None:
    kind, serial, _ = wb.prepare(datetime(2025, 1, 1, 12, tzinfo=UTC))
    assert kind == cell_kinds.DATETIME and serial == pytest.approx(45658.5)
