"""``ixdesk import attendance FILE``: an instructor's attendance workbook read back.

    ixdesk export attendance --instructor EMAIL [--cohort NAME] -o FILE
    ixdesk import attendance FILE [--cohort NAME] [--dry-run] [--json]

The import prints the diff, cell by cell, and applies exactly the changed cells in one
transaction (nothing with --dry-run). Cells changed in ixdesk too since the workbook
was written are conflicts: listed beside each other and left as ixdesk holds them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0


def add_import_parser(kinds: Any) -> None:
    sub = kinds.add_parser(
        "attendance",
        help="read back an instructor's attendance workbook (marks and rubric)",
        description="Compare an attendance workbook written by 'ixdesk export attendance' "
        "with ixdesk, cell by cell, and apply exactly the cells the instructor changed.",
    )
    sub.add_argument("file", type=Path, metavar="FILE", help="the .xlsx workbook")
    sub.add_argument("--cohort", metavar="NAME", help="refuse a workbook of another cohort")
    sub.add_argument("--dry-run", action="store_true", help="show the diff; write nothing")
    sub.add_argument("--json", action="store_true", help="print the diff as JSON")


def add_export_parser(kinds: Any, output: Any) -> None:
    sub = kinds.add_parser(
        "attendance",
        help="an instructor's workbook of marks and rubric to fill in offline",
    )
    sub.add_argument("--instructor", required=True, metavar="EMAIL")
    sub.add_argument("--cohort", metavar="NAME", help="only this cohort's groups")
    output(sub)


def run_import(args: argparse.Namespace, database: Any, out: TextIO = sys.stdout) -> int:
    from ixdesk.services.read.finding import find_cohort
    from ixdesk.services.running import attendance_import as ai

    cohort_id = find_cohort(database, args.cohort) if args.cohort else None
    found = ai.read_attendance_workbook(database, args.file, cohort_id=cohort_id)
    applied = False
    if not args.dry_run and (found.marks or found.rubric):
        ai.apply_import(database, found)
        applied = True
    if args.json:
        document = {
            "file": str(args.file),
            "changes": [diff.as_json() for diff in found.changes],
            "conflicts": [diff.as_json() for diff in found.conflicts],
            "unchanged": found.unchanged,
            "committed": applied,
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    out.write(f"{args.file.name}: {found.summary()}\n")
    for diff in found.changes:
        out.write(f"  {diff.sheet}!{diff.cell}  {diff.student} · {diff.what}: ")
        out.write(f"{diff.current} → {diff.workbook}\n")
    if found.conflicts:
        out.write("Conflicts (changed in the workbook and in ixdesk; ixdesk's kept):\n")
        for diff in found.conflicts:
            out.write(f"  {diff.sheet}!{diff.cell}  {diff.student} · {diff.what}: ")
            out.write(f"was {diff.base}; workbook {diff.workbook}; ixdesk {diff.current}\n")
    if not found.changes:
        out.write("Nothing to change.\n")
    elif applied:
        out.write("Done: the changed cells were saved in one step.\n")
    else:
        out.write("Nothing was changed (--dry-run).\n")
    return EXIT_OK
