"""Excel workbooks that leave ixdesk: rosters, sign-in sheets, partner briefs, full exports.

Every builder takes the open :class:`~ixdesk.db.engine.Database`, the id of
what to export (find it by name with ``find_cohort`` / ``find_company`` /
``find_instructor``), the target path, and optionally

* ``progress(done, total)``: called every few hundred rows and at the end;
* ``cancelled() -> bool``: polled as often; when it returns true the export
  stops, removes its temporary file and raises :class:`ExportCancelled`;
* ``paper``: ``"a4"`` or ``"letter"`` (default: from the computer's locale).

They return the path written. The file appears only when complete (written
under a temporary name, then renamed), so a failure or a cancel never leaves
half a workbook nor damages an existing file. Problems the person can fix (a
locked or read-only file, a missing folder, a full disk) raise
:class:`ExportError` with a sentence saying what to do. The functions are
plain and blocking, so a GUI runs them on a worker thread. Which student
fields each reader sees is decided per builder: see docs/rosters.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ixdesk.services.export.full import RECORD_TYPES, export_everything, export_records
    from ixdesk.services.export.photos import export_group_photo_list, export_photo_list
    from ixdesk.services.export.rosters import (
        DEFAULT_BLANK_ROWS,
        export_cohort_roster,
        export_instructor_roster,
        export_partner_brief,
        export_signin_sheet,
    )
    from ixdesk.services.export.workbook import (
        Cancelled,
        ExportCancelled,
        ExportError,
        Progress,
        check_target,
    )
    from ixdesk.services.read.finding import (
        find_cohort,
        find_company,
        find_group,
        find_instructor,
        find_session,
    )

# Loaded on first use: the window must not pay for the spreadsheet writer
# until something is exported.
_HOMES = {
    **dict.fromkeys(("RECORD_TYPES", "export_everything", "export_records"), f"{__name__}.full"),
    **dict.fromkeys(
        (
            "DEFAULT_BLANK_ROWS",
            "export_cohort_roster",
            "export_instructor_roster",
            "export_partner_brief",
            "export_signin_sheet",
        ),
        f"{__name__}.rosters",
    ),
    **dict.fromkeys(("export_group_photo_list", "export_photo_list"), f"{__name__}.photos"),
    **dict.fromkeys(
        ("Cancelled", "ExportCancelled", "ExportError", "Progress", "check_target"),
        f"{__name__}.workbook",
    ),
    # Finding what to export by name is a read; offered here beside the builders.
    **dict.fromkeys(
        ("find_cohort", "find_company", "find_group", "find_instructor", "find_session"),
        "ixdesk.services.read.finding",
    ),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_BLANK_ROWS",
    "RECORD_TYPES",
    "Cancelled",
    "ExportCancelled",
    "ExportError",
    "Progress",
    "check_target",
    "export_cohort_roster",
    "export_everything",
    "export_group_photo_list",
    "export_instructor_roster",
    "export_partner_brief",
    "export_photo_list",
    "export_records",
    "export_signin_sheet",
    "find_cohort",
    "find_company",
    "find_group",
    "find_instructor",
    "find_session",
]
