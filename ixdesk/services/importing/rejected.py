"""Save the rows that could not be imported, with what is wrong, to fix and import again.

The workbook repeats the file's own headers and each rejected row's values
as they were read (dates as dates, text always as text, never a formula),
then a column saying what is wrong and the row's number in the original
file. Both extra columns are ignored when the fixed workbook is imported,
so it goes back in through the same mapping.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from ixdesk.errors import IxdeskError
from ixdesk.services.importing.plan import ImportPlan

PROBLEMS_HEADER = "ixdesk problems"
ORIGINAL_ROW_HEADER = "Original row"


def write_rejected(plan: ImportPlan, path: str | Path) -> int:
    """Write the invalid rows to an .xlsx at ``path``; return how many were written."""
    target = Path(path)
    rejected = plan.invalid_rows
    headers = [*plan.table.headers, PROBLEMS_HEADER, ORIGINAL_ROW_HEADER]
    workbook = xlsxwriter.Workbook(
        str(target),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet = workbook.add_worksheet("Rejected rows")
    widths = [min(max(len(header), 10), 40) for header in headers]
    for column, header in enumerate(headers):
        sheet.write_string(0, column, header, bold)
    problems_column = len(headers) - 2
    for number, planned in enumerate(rejected, start=1):
        for column, value in enumerate(plan.table.rows[planned.index]):
            _write(sheet, number, column, value, day, moment)
            widths[column] = min(max(widths[column], len(str(value)) + 2), 40)
        messages = "; ".join(
            f"{problem.column}: {problem.message}" if problem.column else problem.message
            for problem in planned.errors
        )
        sheet.write_string(number, problems_column, messages)
        sheet.write_number(number, problems_column + 1, planned.row_number)
    widths[problems_column] = 80
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rejected), 1), len(headers) - 1)
    try:
        workbook.close()
    except (OSError, XlsxWriterException) as error:
        raise IxdeskError(f"Could not save the rejected rows to {target}: {error}.") from error
    return len(rejected)


def _write(sheet: Any, row: int, column: int, value: Any, day: Any, moment: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, column, value.replace(tzinfo=None), moment)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, datetime.combine(value, time()), day)
    else:
        sheet.write_string(row, column, str(value))
