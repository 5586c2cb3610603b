"""``ixdesk audit`` and ``ixdesk privacy ...``: who saw what, retention and erasure.

    ixdesk audit [--json] [--limit N]          # every export and bulk action, oldest first
    ixdesk privacy purge [--dry-run]           # anonymise students of expired cohorts
    ixdesk privacy erase --student EMAIL       # erase one student on request

See docs/privacy.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EXIT_OK = 0


def add_parsers(commands: Any) -> None:
    audit = commands.add_parser(
        "audit",
        help="list every export and bulk action (who, when, what, profile, records, file)",
    )
    audit.add_argument("--json", action="store_true", help="JSON, one object per entry")
    audit.add_argument("--limit", type=int, metavar="N", help="only the last N entries")

    privacy = commands.add_parser(
        "privacy",
        help="retention purge and erasure of a student's data",
        description="Remove students' data for good; the database file forgets it too.",
    )
    actions = privacy.add_subparsers(dest="privacy_action", metavar="ACTION", required=True)
    purge = actions.add_parser(
        "purge",
        help="anonymise the students of cohorts archived longer ago than the retention "
        "setting (ixdesk settings retention_months; 24 when not set)",
    )
    purge.add_argument("--dry-run", action="store_true", help="say who would be anonymised")
    erase = actions.add_parser("erase", help="erase one student on request, with a report")
    erase.add_argument("--student", required=True, metavar="EMAIL")


def run(args: argparse.Namespace, database: Any) -> int:
    if args.command == "audit":
        return _audit(database, args.json, args.limit)
    from ixdesk.services.privacy import erasure

    if args.privacy_action == "purge":
        report: Any = erasure.purge_expired(database, dry_run=args.dry_run)
    else:
        report = erasure.erase_student(database, args.student)
    for line in report.lines():
        print(line)
    return EXIT_OK


def _audit(database: Any, as_json: bool, limit: int | None) -> int:
    from ixdesk.services.privacy.audit import COLUMNS, audit_entries

    entries = audit_entries(database, limit)
    if as_json:
        json.dump([entry.as_json() for entry in entries], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    from ixdesk.cli import write_table

    rows = [
        {**entry.as_json(), "at": entry.at.astimezone().strftime("%Y-%m-%d %H:%M")}
        for entry in entries
    ]
    write_table(rows, COLUMNS, sys.stdout)
    return EXIT_OK
