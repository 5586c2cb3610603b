"""``ixdesk audit`` and ``ixdesk privacy ...``: who saw what, retention and erasure.

    ixdesk audit [--json] [--limit N]          # every export and bulk action, oldest first
    ixdesk privacy purge [--dry-run]           # anonymise students of expired cohorts
    ixdesk privacy erase --student EMAIL       # erase one student on request
    ixdesk --database FILE encrypt             # encrypt the file in place (SQLCipher)
    ixdesk --database FILE decrypt             # write it back unencrypted

See docs/privacy.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ixdesk.commands import whole_number

EXIT_OK = 0
AUDIT_LIMIT = 1_000_000
# Commands that convert the file itself rather than open it as a database.
FILE_COMMANDS = ("encrypt", "decrypt")


def add_parsers(commands: Any) -> None:
    audit = commands.add_parser(
        "audit",
        help="list every export and bulk action (who, when, what, profile, records, file)",
    )
    audit.add_argument("--json", action="store_true", help="JSON, one object per entry")
    audit.add_argument(
        "--limit", type=whole_number(1, AUDIT_LIMIT), metavar="N", help="only the last N entries"
    )

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

    commands.add_parser(
        "encrypt",
        help="encrypt the database file in place; the new password is asked for (or read "
        "from standard input when that is not a terminal)",
    )
    commands.add_parser(
        "decrypt",
        help="write an encrypted database file back unencrypted (password from "
        "IXDESK_PASSWORD or asked for)",
    )


def takes_backup(args: argparse.Namespace) -> bool:
    """No automatic backup on opening for an erasure or a purge: it would be a fresh copy
    of exactly what they make the file forget (a dry run changes nothing either)."""
    return bool(args.command != "privacy")


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


def run_on_file(args: argparse.Namespace) -> int:
    """``encrypt`` / ``decrypt``: the file is converted whole, beside it, then renamed."""
    import os
    from pathlib import Path

    from ixdesk.db import backup, cipher
    from ixdesk.db.location import resolve_database
    from ixdesk.errors import IxdeskError

    url = resolve_database(args.database)
    if url.get_backend_name() != "sqlite":
        raise IxdeskError("Only an SQLite database file can be encrypted; a PostgreSQL server "
                          "encrypts its own storage.")  # fmt: skip
    path = Path(str(url.database)).resolve()
    if not path.is_file() or path.stat().st_size == 0:
        raise IxdeskError(f"There is no database at {path}; nothing was changed.")
    if args.command == "encrypt":
        cipher.encrypt_file(path, _new_password())
        print(f"{path} is now encrypted. Keep the password safe: without it the data is lost.")
        plain = [p for p in backup.list_backups(path) if cipher.looks_plain(p)]
        if plain:
            print(f"{len(plain)} older backup(s) in {backup.backup_dir_for(path)} are not "
                  "encrypted; delete them once you no longer need them.")  # fmt: skip
    else:
        password = os.environ.get(cipher.PASSWORD_ENV) or _password("Password: ")
        cipher.decrypt_file(path, password)
        print(f"{path} is no longer encrypted.")
    return EXIT_OK


def _password(prompt: str) -> str:
    import getpass

    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def _new_password() -> str:
    """Read from standard input when it is not a terminal; else asked twice."""
    from ixdesk.errors import IxdeskError

    first = _password("New password: ")
    if sys.stdin.isatty() and _password("The same password again: ") != first:
        raise IxdeskError("The two passwords differ; nothing was changed.")
    if not first:
        raise IxdeskError("The password is empty; nothing was changed.")
    return first
