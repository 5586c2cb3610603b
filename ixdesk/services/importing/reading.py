"""Read an .xlsx or CSV file into a :class:`SourceTable`; the one entry point for both.

The file's kind comes from its content (:func:`safety.sniff`), not its name;
workbooks are read by :mod:`workbook`, CSV files by :mod:`textfile`, and
both become the same plain table (:mod:`table`).
"""

from __future__ import annotations

from pathlib import Path

from ixdesk.services.importing.bulk import without_collector
from ixdesk.services.importing.safety import ImportFileError, sniff
from ixdesk.services.importing.table import LeftOutRow, SheetInfo, SourceTable
from ixdesk.services.importing.textfile import read_csv
from ixdesk.services.importing.workbook import read_xlsx

__all__ = ["LeftOutRow", "SheetInfo", "SourceTable", "read_table"]


@without_collector
def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
) -> SourceTable:
    """Read a workbook sheet or a CSV file; raise ImportFileError with a sentence if it cannot be.

    ``sheet`` defaults to the first visible sheet; ``encoding`` and
    ``delimiter`` (CSV only) and ``header_row`` (1-based) override detection.
    """
    source = Path(path)
    kind = sniff(source)
    if kind == "xlsx":
        if encoding or delimiter:
            raise ImportFileError(
                f"{source.name} is a workbook: an encoding or delimiter applies to CSV files only."
            )
        return read_xlsx(source, sheet, header_row)
    if sheet:
        raise ImportFileError(f"{source.name} is a CSV file: it has no sheets to choose from.")
    return read_csv(source, encoding, delimiter, header_row)


# --- workbooks ---------------------------------------------------------------------
