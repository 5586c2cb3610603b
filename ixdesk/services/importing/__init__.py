"""Import students, instructors and partner companies (with contacts) from .xlsx and CSV.

The wizard and ``ixdesk import`` share these steps; nothing is written before
the last one::

    table = read_table(path, sheet=None, encoding=None, delimiter=None, header_row=None)
    mapping = propose_mapping(Kind.STUDENTS, table.headers)  # or load_mapping(file, headers)
    mapping.set("Cell phone", "phone")                     # any column, any field (None: ignore)
    save_mapping(mapping, "signups.json")                  # reuse for the next file like it
    order = detect_day_first(Kind.STUDENTS, table, mapping)  # True/False when dates tell
    plan = plan_import(database, Kind.STUDENTS, table, mapping, cohort="Spring 2026",
                       day_first=True, region="GB", on_duplicate="skip")
    plan.counts        # {"new": 8, "updated": 0, "unchanged": 1, "skipped": 0, "invalid": 1}
    plan.rows          # PlannedRow: row_number, status, values, problems, duplicates
    plan.problems      # Problem(row, column, message, severity, field), errors and warnings
    plan.duplicates    # Duplicate(row, record, matched, other_row, existing, incoming, ...)
    plan.choose(10, "fill")         # per row: skip, fill or update; plan.choose_all("update")
    write_rejected(plan, "rejected.xlsx")                  # invalid rows + what is wrong
    result = commit_import(database, plan, hub=hub, progress=on_progress,
                           cancelled=should_stop, skip_invalid=True)

``read_table`` raises :class:`ImportFileError` (an ``IxdeskError``) with a
sentence for a file that is not a spreadsheet, is damaged, unsafe (zip bomb,
XML entities), password-protected, an old .xls, empty or without a
recognisable header. ``commit_import`` writes in one transaction through
``run_operation``: all or nothing; cancelling raises :class:`ImportCancelled`
after rolling back. The import wizard keeps its choices between pages in
:mod:`.session` and words its preview with :mod:`.preview`. See
docs/import.md for what a coordinator sees.
"""

from __future__ import annotations

from ixdesk.services.importing.commit import commit_import
from ixdesk.services.importing.duplicates import Duplicate
from ixdesk.services.importing.fields import FIELDS, KINDS, FieldSpec
from ixdesk.services.importing.headers import guess_field, match_header
from ixdesk.services.importing.mapping import (
    Mapping,
    fit_mapping,
    load_mapping,
    propose_mapping,
    save_mapping,
)
from ixdesk.services.importing.plan import CHOICES, STATUSES, ImportPlan, plan_import
from ixdesk.services.importing.reading import LeftOutRow, SheetInfo, SourceTable, read_table
from ixdesk.services.importing.rejected import write_rejected
from ixdesk.services.importing.result import ImportResult
from ixdesk.services.importing.rows import PlannedRow, Problem, date_columns, detect_day_first
from ixdesk.services.importing.safety import ImportCancelled, ImportFileError

__all__ = [
    "CHOICES",
    "FIELDS",
    "KINDS",
    "STATUSES",
    "Duplicate",
    "FieldSpec",
    "ImportCancelled",
    "ImportFileError",
    "ImportPlan",
    "ImportResult",
    "LeftOutRow",
    "Mapping",
    "PlannedRow",
    "Problem",
    "SheetInfo",
    "SourceTable",
    "commit_import",
    "date_columns",
    "detect_day_first",
    "fit_mapping",
    "guess_field",
    "load_mapping",
    "match_header",
    "plan_import",
    "propose_mapping",
    "read_table",
    "save_mapping",
    "write_rejected",
]
