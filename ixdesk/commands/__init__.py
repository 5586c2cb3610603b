"""Subcommands of ``ixdesk`` that live in their own modules.

Each module named here defines ``add_parsers(commands)`` (adding its
subparsers to the ``argparse`` sub-parser action) and ``run(args, database)``
returning the exit status for the commands it added (``args.command`` says
which). A module whose commands write records also defines
``creates_database(args)``, true when that command may start a new database
where there is none; without it, a missing database is refused and nothing is
created. A module with commands that use no database defines
``needs_database(args)``, false for those: ``run`` then gets ``None``. A module
whose command names its database itself defines ``database_target(args)``. A module
defines ``takes_backup(args)``, false for a command whose automatic backup on opening
the file would keep what the command removes.
``ixdesk/cli.py`` wires them in.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

COMMAND_MODULES: list[str] = [
    "ixdesk.commands.certificates",
    "ixdesk.commands.events",
    "ixdesk.commands.exporting",
    "ixdesk.commands.groups",
    "ixdesk.commands.importing",
    "ixdesk.commands.privacy",
    "ixdesk.commands.server",
    "ixdesk.commands.sessions",
    "ixdesk.commands.settings",
]


def file_to_write(text: str) -> Path:
    """The ``argparse`` type of a file a command writes: an empty name is a usage mistake.

    (``Path("")`` would quietly mean the current folder.)
    """
    if not text.strip():
        raise argparse.ArgumentTypeError("the file name is empty; give a file name")
    return Path(text)


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """The ``argparse`` type of a whole number from ``low`` to ``high`` (no upper bound
    when ``high`` is None)."""

    def read(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if high is None and value < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more")
        if high is not None and not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}")
        return value

    return read
