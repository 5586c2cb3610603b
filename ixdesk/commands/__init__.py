"""Subcommands of ``ixdesk`` that live in their own modules.

Each module named here defines ``add_parsers(commands)`` (adding its
subparsers to the ``argparse`` sub-parser action) and ``run(args, database)``
returning the exit status for the commands it added (``args.command`` says
which). A module whose commands write records also defines
``creates_database(args)``, true when that command may start a new database
where there is none; without it, a missing database is refused and nothing is
created. ``ixdesk/cli.py`` wires them in.
"""

from __future__ import annotations

COMMAND_MODULES: list[str] = [
    "ixdesk.commands.exporting",
    "ixdesk.commands.groups",
    "ixdesk.commands.importing",
]
