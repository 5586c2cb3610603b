"""``ixdesk server``: set up a shared PostgreSQL database and manage its logins.

    ixdesk server init URL                      # schema, roles, row-level security
    ixdesk --database URL server add-user --role coordinator NAME
    ixdesk --database URL server add-user --role instructor --instructor EMAIL NAME
    ixdesk --database URL server remove-user NAME
    ixdesk --database URL server users

``add-user`` prints a new password once, or takes one from stdin with
``--password-stdin``. These commands run with the server administrator's
login; see docs/server.md.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_OK = 0


def add_parsers(commands: Any) -> None:
    parser = commands.add_parser(
        "server",
        help="set up a shared PostgreSQL database and its logins",
        description="Set up a shared PostgreSQL database (schema, roles and the rules the "
        "server enforces) and manage the logins of coordinators and instructors. Run with "
        "the server administrator's login.",
    )
    actions = parser.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="create the schema, roles and row-level security")
    init.add_argument(
        "url", nargs="?", metavar="URL", help="the postgresql:// URL (default: --database)"
    )
    add = actions.add_parser("add-user", help="create a login for a coordinator or instructor")
    add.add_argument("--role", required=True, choices=["coordinator", "instructor"])
    add.add_argument("--instructor", metavar="EMAIL", help="the instructor this login is")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from stdin instead of making one",
    )
    add.add_argument("name", metavar="NAME", help="the login name")
    remove = actions.add_parser("remove-user", help="remove a login ixdesk made")
    remove.add_argument("name", metavar="NAME")
    actions.add_parser("users", help="list the logins ixdesk made")


def database_target(args: argparse.Namespace) -> str | None:
    """``server init URL`` names its database itself; the others use --database."""
    url = getattr(args, "url", None)
    return str(url) if url else args.database


def creates_database(args: argparse.Namespace) -> bool:
    return bool(args.server_command == "init")


def run(args: argparse.Namespace, database: Any) -> int:
    from ixdesk.services import server

    server.require_server(database)
    if args.server_command == "init":
        roles = server.init_server(database)
        print(
            f"{database.location} is ready: coordinators' logins go in {roles.coordinators}, "
            f"instructors' in {roles.instructors}. Add logins with ixdesk server add-user."
        )
    elif args.server_command == "add-user":
        given = _password_from_stdin() if args.password_stdin else None
        password = server.add_user(
            database, args.name, args.role, instructor_email=args.instructor, password=given
        )
        print(f"Login {args.name} created ({args.role}).")
        if given is None:
            print(f"Password (shown only now; pass it on safely): {password}")
    elif args.server_command == "remove-user":
        server.remove_user(database, args.name)
        print(f"Login {args.name} removed.")
    else:
        users = server.server_users(database)
        for user in users:
            about = f"  {user.instructor}" if user.instructor else ""
            print(f"{user.name}  {user.role}{about}")
        print(f"({len(users)} login{'' if len(users) == 1 else 's'})")
    return EXIT_OK


def _password_from_stdin() -> str:
    return sys.stdin.readline().rstrip("\r\n")
