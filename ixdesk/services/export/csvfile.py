"""Writing a CSV file under the same rules as a workbook.

UTF-8 with a byte order mark (so Excel on Windows reads "Zoë" as "Zoë"),
comma-separated, dates in ISO form; text a spreadsheet would run as a formula
gets a leading apostrophe (:func:`~ixdesk.services.export.cells.csv_text`).
The file is written under a temporary name and renamed over the target only
when complete, like every workbook.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ixdesk.services.export.cells import csv_text
from ixdesk.services.export.target import (
    check_place,
    commit_pending,
    explain_failure,
    open_pending,
)


def write_csv(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    keep: Sequence[Path] = (),
) -> Path:
    """Write the header and the rows to ``path``, whole or not at all; return the path.

    ``keep`` are files being read, which ``path`` must not be.
    """
    target = check_place(path, keep=keep)
    with open_pending(target, keep=keep) as pending:
        try:
            with pending.text("utf-8-sig", newline="") as stream:
                writer = csv.writer(stream)
                writer.writerow([csv_text(header) for header in headers])
                writer.writerows([csv_text(value) for value in row] for row in rows)
        except OSError as error:
            raise explain_failure(error, target, "written") from error
        return commit_pending(pending)
