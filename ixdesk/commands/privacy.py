"""``ixdesk audit`` and ``ixdesk privacy ...``: who saw what, retention and erasure.

    ixdesk audit [--json] [--limit N]          # every export and bulk action, oldest first
    ixdesk privacy purge [--dry-run]           # anonymise students of expired cohorts
    ixdesk privacy erase --student EMAIL       # erase one student on request
    ixdesk --database FILE encrypt             # encrypt the file in place (SQLCipher)
    ixdesk --database FILE decrypt             # write it back unencrypted
    ixdesk --database FILE change-password     # a new password for an encrypted file

See docs/privacy.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ixdesk.commands import whole_number

T = TypeVar("T")
EXIT_OK = 0
AUDIT_LIMIT = 1_000_000
# Commands that convert the file itself rather than open it as a database.
FILE_COMMANDS = ("encrypt", "decrypt", "change-password")


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
        "IXDESK_PASSWORD, this computer's keyring, or asked for); the keyring forgets it",
    )
    commands.add_parser(
        "change-password",
        help="give an encrypted database file a new password (the current one as for "
        "decrypt, the new one asked twice or read from standard input); a password this "
        "computer remembered for it is replaced",
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
    """``encrypt`` / ``decrypt`` / ``change-password``: the file is converted whole,
    beside it, then renamed."""
    from ixdesk.db import backup, cipher
    from ixdesk.db.location import resolve_database
    from ixdesk.errors import IxdeskError
    from ixdesk.services import file_password

    url = resolve_database(args.database)
    if url.get_backend_name() != "sqlite":
        raise IxdeskError("Only an SQLite database file can be encrypted; a PostgreSQL server "
                          "encrypts its own storage.")  # fmt: skip
    path = Path(str(url.database)).resolve()
    if not path.is_file() or path.stat().st_size == 0:
        raise IxdeskError(f"There is no database at {path}; nothing was changed.")
    if args.command == "encrypt":
        cipher.encrypt_file(path, _new_password())
        file_password.forget(path)  # a password remembered for an older file of this name
        print(f"{path} is now encrypted. Keep the password safe: without it the data is lost.")
        plain = [p for p in backup.list_backups(path) if cipher.looks_plain(p)]
        if plain:
            print(f"{len(plain)} older backup(s) in {backup.backup_dir_for(path)} are not "
                  "encrypted; delete them once you no longer need them.")  # fmt: skip
    elif args.command == "decrypt":
        _with_current_password(path, lambda password: cipher.decrypt_file(path, password))
        file_password.forget(path)
        print(f"{path} is no longer encrypted.")
    else:
        if cipher.looks_plain(path):
            raise IxdeskError(f"{path} is not encrypted; encrypt it first.")
        old = _with_current_password(path, lambda password: _checked(path, password))
        new = _new_password()
        cipher.change_password(path, old, new)
        notice = file_password.replace(path, new)
        print(f"{path} has a new password. Keep it safe: without it the data is lost.")
        if notice is not None:
            print(notice)
    return EXIT_OK


def _with_current_password(path: Path, use: Callable[[str | None], T]) -> T:
    """``use`` the file's current password: ``IXDESK_PASSWORD``, this computer's keyring,
    or typed (at the terminal, else the first line of standard input)."""
    from ixdesk.cli import say
    from ixdesk.errors import IxdeskError
    from ixdesk.services import file_password

    def typed(_path: Path, why: str | None) -> file_password.Answer:
        if why is not None:
            say(why)
        return file_password.Answer(_password("Password: "))

    done = file_password.with_password(path, use, typed, say)
    if done is None:
        raise IxdeskError("No password was given; nothing was changed.")
    return done


def _checked(path: Path, password: str | None) -> str:
    """``password`` once the file accepts it."""
    from ixdesk.db import cipher
    from ixdesk.errors import IxdeskError

    key = cipher.key_to_use(path, password)
    if password is None or key is None:  # neither a plain nor an encrypted database
        raise IxdeskError(f"{path} is not an encrypted ixdesk database; nothing was changed.")
    cipher.check_key(path, key)
    return password


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
