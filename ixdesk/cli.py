"""The ``ixdesk`` command: the GUI by default, and the tools a coordinator scripts.

Errors reach the person as one line on stderr and a non-zero exit status;
unexpected failures are logged to the log folder (where they happened, never
a row's values), never shown as a traceback; libraries' warnings go there too.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ixdesk import __version__, logfile
from ixdesk.commands import file_to_write, whole_number
from ixdesk.errors import IxdeskError

if TYPE_CHECKING:
    from ixdesk.db import Database
    from ixdesk.services.file_password import Answer
    from ixdesk.services.record_kinds import Kind

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
TABLE_CELL_WIDTH = 32
SESSIONS = "sessions"  # listed for one cohort: ``ixdesk list sessions --cohort NAME``
INSTRUCTOR_MODE_HELP = (
    "open ixdesk in instructor mode: only this instructor's groups, read-only, with the "
    "fields of an instructor roster and no other view"
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"ixdesk: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from ixdesk.services.record_kinds import LISTED

    parser = _Parser(
        prog="ixdesk",
        description="Run micro-internship cohorts. With no command, opens the ixdesk window.",
    )
    parser.add_argument("--version", action="version", version=f"ixdesk {__version__}")
    parser.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        help="an SQLite file or a postgresql:// URL (default: $IXDESK_DATABASE, "
        "else ixdesk.db in your data folder)",
    )
    parser.add_argument(
        "--instructor",
        dest="gui_instructor",
        metavar="EMAIL",
        help=INSTRUCTOR_MODE_HELP,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gui = commands.add_parser("gui", help="open the ixdesk window (the default)")
    gui.add_argument(
        "--instructor",
        dest="gui_instructor",
        metavar="EMAIL",
        default=argparse.SUPPRESS,  # keeps a value given before "gui"
        help=INSTRUCTOR_MODE_HELP,
    )

    demo = commands.add_parser("demo", help="fill an empty database with realistic demo data")
    demo.add_argument("--students", type=whole_number(1), default=500, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    listing = commands.add_parser("list", help="list records as a table or as JSON")
    listing.add_argument("kind", choices=[*(kind.value for kind in LISTED), SESSIONS])
    listing.add_argument("--json", action="store_true", help="JSON with canonical field names")
    listing.add_argument("--limit", type=whole_number(1), metavar="N")
    listing.add_argument(
        "--cohort",
        metavar="NAME",
        help="only this cohort's groups (with members in --json); the cohort of sessions",
    )

    commands.add_parser("check", help="check the database's integrity (exit 0 when sound)")

    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("path", type=file_to_write, metavar="PATH")

    for module in _command_modules():
        before = set(commands.choices)
        module.add_parsers(commands)
        for name in set(commands.choices) - before:
            _EXTERNAL_COMMANDS[name] = module
    return parser


_EXTERNAL_COMMANDS: dict[str, ModuleType] = {}


def _command_modules() -> list[ModuleType]:
    from ixdesk.commands import COMMAND_MODULES

    return [importlib.import_module(name) for name in COMMAND_MODULES]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.gui_instructor is not None and args.command not in (None, "gui"):
        parser.error(f"--instructor opens the window; it does not go with '{args.command}'")
    logfile.install()
    try:
        return _dispatch(args)
    except IxdeskError as error:
        print(f"ixdesk: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("ixdesk: stopped.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``ixdesk list students | head``): not an error.
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:  # the last line of defence
        # Its message may quote a row's values (a database error does): only its kind here.
        log_file = logfile.log_unexpected(error)
        print(
            f"ixdesk: unexpected problem ({type(error).__name__}); details are in {log_file}",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _dispatch(args: argparse.Namespace) -> int:
    if args.command in (None, "gui"):
        from ixdesk.gui.app import run_gui

        return run_gui(args.database, instructor=args.gui_instructor)

    # Commands that convert the database file itself (encrypt, decrypt) do not open it.
    module = _EXTERNAL_COMMANDS.get(args.command)
    on_file = getattr(module, "run_on_file", None)
    if on_file is not None and args.command in getattr(module, "FILE_COMMANDS", ()):
        return int(on_file(args))

    from ixdesk.services.record_kinds import Kind

    module = _EXTERNAL_COMMANDS.get(args.command)
    needs_database = getattr(module, "needs_database", None)
    if module is not None and needs_database is not None and not needs_database(args):
        return int(module.run(args, None))
    backup_target = _backup_target(args.database, args.path) if args.command == "backup" else None
    target = getattr(module, "database_target", lambda args: args.database)(args)
    database = open_command_database(
        target,
        create=_may_create_database(args),
        # The full check runs before any automatic backup could replace an older one.
        rolling_backup=args.command != "check"
        and getattr(module, "takes_backup", lambda _args: True)(args),
    )
    try:
        _use_organisation_settings(database)
        if args.command == "demo":
            return _demo(database, args.students, args.seed)
        if args.command == "list" and args.kind == SESSIONS:
            return _list_sessions(database, args.cohort, args.json, args.limit, sys.stdout)
        if args.command == "list":
            return _list(database, Kind(args.kind), args.json, args.limit, sys.stdout, args.cohort)
        if args.command == "check":
            return _check(database)
        if backup_target is not None:
            return _backup(database, backup_target)
        if args.command in _EXTERNAL_COMMANDS:
            return int(_EXTERNAL_COMMANDS[args.command].run(args, database))
    finally:
        database.close()
    raise AssertionError(args.command)


def open_command_database(target: str | None, *, create: bool, rolling_backup: bool) -> Database:
    """The database a command works on. An encrypted file's password comes from
    ``IXDESK_PASSWORD``, else this computer's keyring, else it is asked for when a person
    is at the terminal (services/file_password.py); without one, opening says so."""
    from ixdesk.db import open_database
    from ixdesk.services.file_password import with_password

    def opener(password: str | None) -> Database:
        return open_database(
            target, create=create, rolling_backup=rolling_backup, password=password
        )

    database = with_password(target, opener, ask_on_terminal, say)
    return database if database is not None else opener(None)


def ask_on_terminal(path: Path, why: str | None) -> Answer | None:
    """The password typed at the terminal (None when no one is there to type it)."""
    import getpass

    from ixdesk.services.file_password import Answer

    if why is not None:
        say(why)
    if not sys.stdin.isatty():
        return None
    return Answer(getpass.getpass(f"Password for {path}: "))


def say(sentence: str) -> None:
    """A sentence for the person at the terminal, beside the command's output."""
    print(f"ixdesk: {sentence}", file=sys.stderr)


def _use_organisation_settings(database: Any) -> None:
    """The organisation's country, date order and paper, for whatever asks for a default."""
    from ixdesk.services.settings import load_settings
    from ixdesk.services.validation.regional import use_regional

    use_regional(load_settings(database).regional())


def _may_create_database(args: argparse.Namespace) -> bool:
    """Only commands that write records may start a new database; the others say it is missing."""
    if args.command == "demo":
        return True
    module = _EXTERNAL_COMMANDS.get(args.command)
    creates = getattr(module, "creates_database", None)
    return bool(creates(args)) if creates is not None else False


def _demo(database: Any, students: int, seed: int) -> int:
    from ixdesk.services.demo import generate_demo

    summary = generate_demo(database, students=students, seed=seed)
    counts = ", ".join(
        f"{count:,} {name.replace('_', ' ')}" for name, count in vars(summary).items()
    )
    print(f"Demo data written to {database.location}: {counts}.")
    return EXIT_OK


def _list(
    database: Any,
    kind: Kind,
    as_json: bool,
    limit: int | None,
    out: TextIO,
    cohort: str | None = None,
) -> int:
    from ixdesk.services.listing import iter_records, record_kind

    cohort_id = None
    if cohort is not None:
        from ixdesk.services.read.finding import find_cohort

        cohort_id = find_cohort(database, cohort)
    records = iter_records(database, kind, limit, cohort_id)
    if as_json:
        _write_json_array(records, out)
    else:
        write_table(records, record_kind(kind).read.list_columns, out)
    return EXIT_OK


def _list_sessions(
    database: Any, cohort: str | None, as_json: bool, limit: int | None, out: TextIO
) -> int:
    from ixdesk.services.read.finding import find_cohort
    from ixdesk.services.running.sessions import list_sessions

    if cohort is None:
        raise IxdeskError("Sessions are listed per cohort; add --cohort NAME.")
    rows = list_sessions(database, find_cohort(database, cohort))[:limit]
    records = [row.as_json() for row in rows]
    if as_json:
        _write_json_array(records, out)
    else:
        shown = ("date", "title", "starts_at", "ends_at", "location", "instructor", "group")
        write_table(records, shown, out)
    return EXIT_OK


def _write_json_array(records: Iterable[dict[str, Any]], out: TextIO) -> None:
    out.write("[")
    separator = "\n"
    for record in records:
        out.write(separator)
        out.write(json.dumps(record, ensure_ascii=False))
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")


def write_table(records: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    rows = [[_cell(record.get(column)) for column in columns] for record in records]
    headers = [column.replace("_", " ") for column in columns]
    widths = [
        max([len(header), *(len(row[index]) for row in rows)])
        for index, header in enumerate(headers)
    ]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows):,} {'row' if len(rows) == 1 else 'rows'})\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).split())
    if len(text) > TABLE_CELL_WIDTH:
        return text[: TABLE_CELL_WIDTH - 1] + "…"
    return text


def _check(database: Any) -> int:
    from ixdesk.db.engine import integrity_problems

    problems = integrity_problems(database)
    if database.path is not None and database.read_only is None:
        from ixdesk.db.backup import note_check_result

        note_check_result(database.path, len(problems))
    if problems:
        for problem in problems[:20]:
            print(f"ixdesk: problem: {problem}", file=sys.stderr)
        print(f"The database {database.location} has {len(problems)} problem(s).", file=sys.stderr)
        return EXIT_ERROR
    print(f"The database {database.location} is sound.")
    return EXIT_OK


def _backup_target(database: str | None, path: Path) -> Path:
    """Where ``ixdesk backup`` writes, refused (like a PostgreSQL database) before anything
    is opened, so a refused backup takes no automatic backup and prunes none."""
    from ixdesk.db.backup import refuse_target
    from ixdesk.db.location import resolve_database

    url = resolve_database(database)
    if url.get_backend_name() != "sqlite":
        raise IxdeskError(
            "ixdesk backup copies the embedded SQLite file; back up a PostgreSQL "
            "server with pg_dump."
        )
    source = Path(str(url.database)).resolve()
    target = path.expanduser()
    if target.is_dir():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = target / f"{source.stem}-{stamp}.db"
    refuse_target(source, target)
    return target


def _backup(database: Any, target: Path) -> int:
    from ixdesk.db.backup import copy_database

    copy_database(database.path, target)
    print(f"Backup written to {target}.")
    return EXIT_OK
