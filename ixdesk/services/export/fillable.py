"""A sheet a person fills in and ixdesk reads back: the rest of it kept as it was.

Columns marked ``hidden`` (the ids ixdesk reads back) are hidden; columns marked
``editable`` are the only cells that can be changed, the sheet being protected (no
password: it guards against slips, not against a determined person, which the
import checks for itself); a column with ``choices`` offers them in a drop-down and
refuses anything else typed into it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ixdesk.services.export.workbook import Column

PROTECTION = {
    "select_locked_cells": True,
    "select_unlocked_cells": True,
    "autofilter": True,
    "sort": False,
    "format_columns": False,
    "format_rows": True,
    "insert_rows": False,
    "delete_rows": False,
}


def finish(worksheet: Any, columns: Sequence[Column], header_row: int, last_row: int) -> None:
    """Hide, open up and offer choices in the columns that say so; protect the sheet."""
    for index, column in enumerate(columns):
        if column.hidden:
            worksheet.set_column(index, index, None, None, {"hidden": True})
        if column.choices and last_row > header_row:
            worksheet.data_validation(
                header_row + 1,
                index,
                last_row,
                index,
                {
                    "validate": "list",
                    "source": list(column.choices),
                    "error_title": column.label,
                    "error_message": "Choose one of: " + ", ".join(column.choices) + ".",
                },
            )
    if any(column.editable for column in columns):
        worksheet.protect("", PROTECTION)
