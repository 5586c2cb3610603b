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


def run(args: argparse.Namespace, database: Any) -> int:
    if args.command == "audit":
        return _audit(database, args.json, args.limit)
    raise AssertionError(args.command)


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
