"""Save the rows that could not be imported, with what is wrong, to fix and import again.

The file repeats the file's own headers and each rejected row's values as
they were read, then a column saying what is wrong and the row's number in
the original file. Both extra columns are ignored when the fixed file is
imported, so it goes back in through the same mapping.

It is written by the same writers as every roster, under the same rules: an
``.xlsx`` workbook (dates as dates, text always text, never a formula) or,
for a name ending in ``.csv``, a UTF-8 CSV whose formula-like text carries a
leading apostrophe that the import takes off again. Either appears only
when complete.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ixdesk.errors import IxdeskError
from ixdesk.services.export.csvfile import write_csv
from ixdesk.services.export.target import check_place
from ixdesk.services.export.workbook import Column, Workbook
from ixdesk.services.importing.plan import ImportPlan
from ixdesk.services.importing.rows import PlannedRow

PROBLEMS_HEADER = "ixdesk problems"
ORIGINAL_ROW_HEADER = "Original row"
SHEET_NAME = "Rejected rows"
SUFFIXES = (".xlsx", ".csv")


def check_rejected_target(path: str | Path, source: Path) -> Path:
    """The file the invalid rows of ``source`` may be saved to, or an error saying why not."""
    target = check_place(path, keep=[source])
    if target.suffix.lower() not in SUFFIXES:
        raise IxdeskError(
            f"{target.name} does not end in .xlsx or .csv; choose a name ending in .xlsx "
            "(a workbook) or .csv to save the invalid rows."
        )
    return target


def write_rejected(plan: ImportPlan, path: str | Path) -> int:
    """Write the invalid rows to an .xlsx (or .csv) at ``path``; return how many were written.

    Never over the file being imported, however it is named.
    """
    source = plan.table.path
    target = check_rejected_target(path, source)
    headers = [*plan.table.headers, PROBLEMS_HEADER, ORIGINAL_ROW_HEADER]
    rejected = plan.invalid_rows
    if target.suffix.lower() == ".csv":
        write_csv(target, headers, _rows(plan, rejected), keep=[source])
        return len(rejected)
    columns = [Column(header) for header in plan.table.headers]
    columns += [Column(PROBLEMS_HEADER, width=80, wrap=True), Column(ORIGINAL_ROW_HEADER)]
    with Workbook(
        target, title=f"Rows of {source.name} that could not be imported", keep=[source]
    ) as book:
        book.expect(len(rejected))
        book.add_sheet(SHEET_NAME, columns).write_rows(_rows(plan, rejected))
        book.save()
    return len(rejected)


def _rows(plan: ImportPlan, rejected: list[PlannedRow]) -> Iterator[list[Any]]:
    for planned in rejected:
        messages = "; ".join(
            f"{problem.column}: {problem.message}" if problem.column else problem.message
            for problem in planned.errors
        )
        yield [*plan.table.rows[planned.index], messages, planned.row_number]
