"""``ixdesk settings``: the organisation's settings, stored in the database.

    ixdesk settings                  # every setting and its value
    ixdesk settings KEY              # one setting
    ixdesk settings KEY VALUE        # set it (the logo: a PNG or JPEG file's path)
    ixdesk settings KEY --clear      # clear it: this computer decides again

The keys and what each takes are in ``services/settings.py``; a value that
does not fit is refused with one sentence and exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_OK = 0


def add_parsers(commands: Any) -> None:
    from ixdesk.services.setting_keys import HELP, KEYS

    keys = "; ".join(f"{key}: {HELP[key]}" for key in KEYS)
    parser = commands.add_parser(
        "settings",
        help="show or change the organisation's settings",
        description="Show or change the organisation's settings, stored in the database "
        f"(so they travel with the file). Keys — {keys}.",
    )
    parser.add_argument("key", nargs="?", metavar="KEY", help="the setting to show or change")
    parser.add_argument("value", nargs="?", metavar="VALUE", help="its new value")
    parser.add_argument(
        "--clear", action="store_true", help="clear the setting: this computer decides again"
    )


def creates_database(args: argparse.Namespace) -> bool:
    """Setting a value writes; showing never starts a new database."""
    return args.value is not None or bool(args.clear)


def run(args: argparse.Namespace, database: Any) -> int:
    from ixdesk.errors import IxdeskError
    from ixdesk.services import setting_keys as keys
    from ixdesk.services import settings as st

    if args.key is None:
        if args.value is not None or args.clear:
            raise IxdeskError("Name the setting to change: ixdesk settings KEY VALUE.")
        _show(st.load_settings(database), keys.KEYS)
        return EXIT_OK
    if args.key not in keys.KEYS:
        st.parse_setting(args.key, "")  # refused: names the settings there are
    if args.clear and args.value is not None:
        raise IxdeskError("Give either a value or --clear, not both.")
    if args.clear:
        st.save_settings(database, {args.key: None})
        print(f"{keys.LABELS[args.key]} cleared.")
    elif args.value is not None:
        value = st.parse_setting(args.key, args.value)
        st.save_settings(database, {args.key: value})
        shown = st.text_of(st.load_settings(database), args.key)
        print(f"{keys.LABELS[args.key]} set to {shown}.")
    else:
        _show(st.load_settings(database), (args.key,))
    return EXIT_OK


def _show(settings: Any, shown: tuple[str, ...]) -> None:
    from ixdesk.services import settings as st

    width = max(map(len, shown))
    for key in shown:
        text = st.text_of(settings, key) or f"({st.in_effect(settings, key)})"
        sys.stdout.write(f"{key.ljust(width)}  {text}\n")
