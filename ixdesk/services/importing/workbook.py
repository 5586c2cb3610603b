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
from pathlib import Path

import python_calamine
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ixdesk.services.importing.safety import ImportFileError, check_zip, stream_member
from ixdesk.services.importing.table import SheetInfo, SourceTable, blank, build_table

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def read_xlsx(path: Path, wanted: str | None, header_row: int | None) -> SourceTable:
    report = check_zip(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise ImportFileError(
            f"{path.name} cannot be imported: the workbook is protected with a password."
        ) from None
    except Exception as error:  # a foreign parser: any failure means a damaged file
        raise ImportFileError(
            f"{path.name} cannot be imported: the workbook is damaged ({error})."
        ) from None
    try:
        sheets = [
            SheetInfo(meta.name, meta.visible != python_calamine.SheetVisibleEnum.Visible)
            for meta in workbook.sheets_metadata
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        chosen = _choose_sheet(path, sheets, wanted)
        part = _sheet_parts(path).get(chosen.name)
        formulas_found = False
        for member in (part, "xl/sharedStrings.xml"):
            if member and member in report.sizes:
                has_formulas = stream_member(path, member)
                formulas_found = formulas_found or (member == part and has_formulas)
        sheet = workbook.get_sheet_by_name(chosen.name)
        start = sheet.start or (0, 0)
        raw = sheet.to_python(skip_empty_area=True)
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
    if part and formulas_found:
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


def _sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → its XML part, from workbook.xml and its relationships."""
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    except (DefusedXmlException, ElementTree.ParseError) as error:
        raise ImportFileError(
            f"{path.name} cannot be imported: its workbook description is not safe XML ({error})."
        ) from None
    targets = {}
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id")] = target
    return {
        sheet.get("name", ""): targets.get(sheet.get(f"{_REL}id"), "")
        for sheet in workbook.iter(f"{_MAIN}sheet")
    }


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
