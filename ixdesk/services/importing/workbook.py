"""Workbooks (.xlsx): read with python-calamine once :mod:`safety` has checked the file.

calamine is about ten times faster than openpyxl. The sheet read is the
first visible one unless another is named, so a hidden sheet is never
imported by accident. Cells holding formulas are found by streaming the
sheet's XML (with defusedxml), so their cached values can be flagged rather
than taken for typed data.
"""

from __future__ import annotations

import re
import zipfile
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import python_calamine
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ixdesk.services.importing.safety import (
    ImportFileError,
    check_member,
    check_zip,
    stream_member,
)
from ixdesk.services.importing.table import SheetInfo, SourceTable, blank, build_table

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_SHARED_STRINGS = "xl/sharedStrings.xml"


def read_xlsx(path: Path, wanted: str | None, header_row: int | None) -> SourceTable:
    report = check_zip(path)
    # calamine works without holding Python's lock, so a helper thread streams and
    # checks the parts meanwhile: the sheet most likely read while the workbook opens
    # (sheet list, shared strings), the shared strings while that sheet, once
    # checked, is parsed.
    with ThreadPoolExecutor(max_workers=1) as pool:
        workbook, parts, checked = _open_checked(path, report.sizes, wanted, pool)
        try:
            sheets = [
                SheetInfo(meta.name, meta.visible != python_calamine.SheetVisibleEnum.Visible)
                for meta in workbook.sheets_metadata
                if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
            ]
            chosen = _choose_sheet(path, sheets, wanted)
            part = parts.get(chosen.name)
            if part and part in report.sizes and part not in checked:
                checked[part] = stream_member(path, part)
            sheet = _parse_checked(path, report.sizes, workbook, chosen.name, pool)
            start = sheet.start or (0, 0)
            raw = sheet.to_python(skip_empty_area=True)
            del sheet  # calamine's own copy of the cells, freed before the table is built
        except ImportFileError:
            raise
        except Exception as error:
            raise ImportFileError(
                f"{path.name} cannot be imported: the sheet “{wanted or ''}” could not be read "
                f"({error})."
            ) from None
        finally:
            workbook.close()
    formula_cells: set[tuple[int, int]] = set()
    if part and checked.get(part):
        formula_cells = _formula_cells(path, part, start[1])
    if not raw or all(blank(row) for row in raw):
        raise ImportFileError(f"The sheet “{chosen.name}” of {path.name} is empty.")
    table = build_table(path, "xlsx", raw, start[0] + 1, header_row, formula_cells)
    table.sheet = chosen.name
    table.sheets = sheets
    hidden = [info.name for info in sheets if info.hidden and info.name != chosen.name]
    if hidden:
        table.notes.append(
            f"Hidden sheet{'s' if len(hidden) > 1 else ''} not imported: {', '.join(hidden)}."
        )
    return table


def _open_checked(
    path: Path, sizes: dict[str, int], wanted: str | None, pool: ThreadPoolExecutor
) -> tuple[python_calamine.CalamineWorkbook, dict[str, str], dict[str, bool]]:
    """The open workbook, its sheets' parts, and the parts checked so far (part → has
    formulas): the likely sheet is streamed while calamine opens the workbook."""
    checking = pool.submit(_check_likely_sheet, path, sizes, wanted)
    try:
        workbook = open_workbook(path)
    except ImportFileError:
        wait([checking])
        raise
    try:
        parts, checked = checking.result()
    except BaseException:
        workbook.close()
        raise
    return workbook, parts, checked


def _check_likely_sheet(
    path: Path, sizes: dict[str, int], wanted: str | None
) -> tuple[dict[str, str], dict[str, bool]]:
    parts, hidden = _sheet_parts(path)
    guess = _likely_part(parts, hidden, wanted)
    return parts, ({guess: stream_member(path, guess)} if guess in sizes else {})


def _parse_checked(
    path: Path,
    sizes: dict[str, int],
    workbook: python_calamine.CalamineWorkbook,
    name: str,
    pool: ThreadPoolExecutor,
) -> python_calamine.CalamineSheet:
    """The sheet (its part already checked), parsed while the shared strings are checked.

    calamine runs on this thread: the memory it frees is then reused by what
    follows, rather than kept by the helper thread's allocator.
    """
    streaming = (
        pool.submit(check_member, path, _SHARED_STRINGS) if _SHARED_STRINGS in sizes else None
    )
    try:
        sheet = workbook.get_sheet_by_name(name)
    except BaseException:
        if streaming is not None:
            streaming.result()  # a damaged part is reported as such first
        raise
    if streaming is not None:
        streaming.result()
    return sheet


def open_workbook(path: Path) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise ImportFileError(
            f"{path.name} cannot be imported: the workbook is protected with a password."
        ) from None
    except Exception as error:  # a foreign parser: any failure means a damaged file
        raise ImportFileError(
            f"{path.name} cannot be imported: the workbook is damaged ({error})."
        ) from None


def _likely_part(parts: dict[str, str], hidden: set[str], wanted: str | None) -> str:
    """The part of the sheet that will be read, as far as the workbook's own list tells:
    the named sheet, or the first visible worksheet (calamine has the last word)."""
    if wanted is not None:
        return parts.get(wanted, "")
    return next(
        (p for name, p in parts.items() if p.startswith("xl/worksheets/") and name not in hidden),
        "",
    )


def _choose_sheet(path: Path, sheets: list[SheetInfo], wanted: str | None) -> SheetInfo:
    if wanted is not None:
        for info in sheets:
            if info.name == wanted:
                return info
        for info in sheets:
            if info.name.casefold() == wanted.strip().casefold():
                return info
        names = ", ".join(f"“{info.name}”" for info in sheets)
        raise ImportFileError(f"{path.name} has no sheet “{wanted}”; its sheets are {names}.")
    for info in sheets:
        if not info.hidden:
            return info
    raise ImportFileError(
        f"{path.name} has no visible sheet; name the hidden sheet to import if you mean it."
    )


def _sheet_parts(path: Path) -> tuple[dict[str, str], set[str]]:
    """Sheet name → its XML part, from workbook.xml and its relationships; hidden sheets."""
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}, set()
    except (DefusedXmlException, ElementTree.ParseError) as error:
        raise ImportFileError(
            f"{path.name} cannot be imported: its workbook description is not safe XML ({error})."
        ) from None
    targets = {}
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id")] = target
    sheets = list(workbook.iter(f"{_MAIN}sheet"))
    parts = {sheet.get("name", ""): targets.get(sheet.get(f"{_REL}id"), "") for sheet in sheets}
    hidden = {
        sheet.get("name", "") for sheet in sheets if sheet.get("state", "visible") != "visible"
    }
    return parts, hidden


def _column_index(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _formula_cells(path: Path, part: str, column_offset: int) -> set[tuple[int, int]]:
    """(row number, column index in the table) of every cell holding a formula."""
    found: set[tuple[int, int]] = set()
    row_number, column = 0, -1
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
            for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                tag = element.tag.rpartition("}")[2]
                if event == "start" and tag == "row":
                    row_number = int(element.get("r") or row_number + 1)
                    column = -1
                elif event == "start" and tag == "c":
                    match = _CELL_REF.fullmatch(element.get("r") or "")
                    column = _column_index(match.group(1)) if match else column + 1
                elif event == "start" and tag == "f":
                    found.add((row_number, column - column_offset))
                elif event == "end" and tag in ("row", "c"):
                    element.clear()
    except (DefusedXmlException, ElementTree.ParseError) as error:
        raise ImportFileError(
            f"{path.name} cannot be imported: the sheet is not safe, well-formed XML ({error})."
        ) from None
    return found


# --- CSV ---------------------------------------------------------------------------
