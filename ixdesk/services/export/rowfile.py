"""Rows into a worksheet: as escaped XML straight into XlsxWriter's row file, or through
its public API (the slower path, used when XlsxWriter lacks the internals; see workbook.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ixdesk.services.export.cells import BOOL, DATE, DATETIME, NUMBER, QTEXT, TEXT, xml_text

Cell = tuple[int, Any, Any]  # (kind, payload, format)


class RowWriter:
    """The two ways a :class:`~ixdesk.services.export.sheet.Sheet` writes a batch of rows
    starting at worksheet row ``first``, each row ``heights[n]`` points tall (None: as tall
    as Excel makes it)."""

    worksheet: Any
    _letters: list[str]
    _xfs: dict[Any, str]  # format → ' s="its index"', asked of XlsxWriter once

    def _write_xml(
        self, batch: list[list[Cell]], first: int, heights: Sequence[float | None]
    ) -> None:
        sheet, letters = self.worksheet, self._letters
        sheet._write_single_row(first)  # flush anything XlsxWriter itself still holds
        sheet._check_dimensions(first, 0)
        sheet._check_dimensions(first + len(batch) - 1, len(letters) - 1)
        parts: list[str] = []
        xfs = self._xfs
        for number, (cells, tall) in enumerate(zip(batch, heights, strict=True), start=first + 1):
            height = "" if tall is None else f' ht="{tall}" customHeight="1"'
            parts.append(f'<row r="{number}"{height}>')
            for index, (kind, payload, style) in enumerate(cells):
                at = f'r="{letters[index]}{number}"' + (
                    xfs[style] if style in xfs else self._xf(style)
                )
                if kind in (TEXT, QTEXT):
                    keep = payload[0] in " \t\n" or payload[-1] in " \t\n"
                    space = ' xml:space="preserve"' if keep else ""
                    text = xml_text(payload)
                    parts.append(f'<c {at} t="inlineStr"><is><t{space}>{text}</t></is></c>')
                elif kind in (NUMBER, DATE, DATETIME):
                    parts.append(f"<c {at}><v>{payload:.16G}</v></c>")
                elif kind == BOOL:
                    parts.append(f'<c {at} t="b"><v>{int(payload)}</v></c>')
                elif style is not None:
                    parts.append(f"<c {at}/>")
            parts.append("</row>")
        sheet.previous_row = first + len(batch) - 1
        sheet.row_data_fh.write("".join(parts))

    def _xf(self, style: Any) -> str:
        """A cell's style attribute, its format's index asked once (when first used)."""
        self._xfs[style] = f' s="{style._get_xf_index()}"'
        return self._xfs[style]

    def _write_cells(
        self, batch: list[list[Cell]], first: int, heights: Sequence[float | None]
    ) -> None:
        """The slower path through XlsxWriter's public API: same cells, same styles."""
        sheet = self.worksheet
        for row, (cells, tall) in enumerate(zip(batch, heights, strict=True), start=first):
            if tall is not None:
                sheet.set_row(row, tall)
            for column, (kind, payload, style) in enumerate(cells):
                if kind in (TEXT, QTEXT) and payload.startswith("<r>") and payload.endswith("</r>"):
                    # XlsxWriter would copy this into the file as raw XML: two runs instead.
                    sheet.write_rich_string(row, column, "<r>", style, payload[3:], style)
                elif kind in (TEXT, QTEXT):
                    sheet.write_string(row, column, payload, style)
                elif kind in (NUMBER, DATE, DATETIME):
                    sheet.write_number(row, column, payload, style)
                elif kind == BOOL:
                    sheet.write_boolean(row, column, payload, style)
                elif style is not None:
                    sheet.write_blank(row, column, None, style)
