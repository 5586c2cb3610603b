"""The password of an encrypted database file: where it comes from, and remembering it.

In this order: ``IXDESK_PASSWORD``; else the password this computer remembers
for the file in its keyring (:mod:`ixdesk.services.keyring_store`); else the
person is asked (the window in a password box that offers to remember it, the
command line on its terminal). A remembered password the file refuses is
forgotten, and the person is asked again with a sentence saying so. Decrypting
a file forgets its entry; changing its password replaces it. See docs/privacy.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ixdesk.db import cipher
from ixdesk.db.location import resolve_database
from ixdesk.errors import WrongPasswordError
from ixdesk.services import keyring_store

T = TypeVar("T")

FORGOTTEN = (
    "The password this computer remembered for {name} is wrong (was it changed?), "
    "so it was forgotten; type the password again."
)


@dataclass(frozen=True)
class Answer:
    """What the person typed, and whether to remember it on this computer."""

    password: str
    remember: bool = False


# (the file, why it is asked again or None) -> the answer, or None (cancelled, or no one
# to ask).
Ask = Callable[[Path, str | None], Answer | None]


def encrypted_file(target: str | Path | None) -> Path | None:
    """The database file ``target`` names when it is an encrypted one, else None (an
    unencrypted or missing file, a server)."""
    url = resolve_database(target)
    if url.get_backend_name() != "sqlite":
        return None
    path = Path(str(url.database)).resolve()
    return path if cipher.is_encrypted(path) else None


def with_password(
    target: str | Path | None,
    opener: Callable[[str | None], T],
    ask: Ask,
    tell: Callable[[str], None],
) -> T | None:
    """What ``opener`` makes of the file with the password found as the module says
    (a database opened, a file decrypted); None when the person was asked and gave
    none. ``opener`` raises :class:`WrongPasswordError` for a wrong one. ``tell``: says
    once, in a sentence, that a password to remember could not be kept (no keyring on
    this computer)."""
    given = os.environ.get(cipher.PASSWORD_ENV)
    path = None if given else encrypted_file(target)
    if path is None:
        return opener(given or None)
    why = None
    stored = keyring_store.saved(keyring_store.file_entry(path))
    if stored is not None:
        try:
            return opener(stored)
        except WrongPasswordError:
            forget(path)
            why = FORGOTTEN.format(name=path.name)
    answer = ask(path, why)
    if answer is None or not answer.password:
        return None
    database = opener(answer.password)
    if answer.remember:
        notice = keyring_store.save(keyring_store.file_entry(path), answer.password)
        if notice is not None:
            tell(notice)
    return database


def remembered(path: Path) -> str | None:
    """The password this computer remembers for the file at ``path``, if any."""
    return keyring_store.saved(keyring_store.file_entry(path))


def forget(path: Path) -> None:
    """Forget the password remembered for the file (decrypted, or refused by it)."""
    keyring_store.drop(keyring_store.file_entry(path))


def replace(path: Path, password: str) -> str | None:
    """After the file's password changed: a remembered old one becomes the new one (none
    is remembered that was not before); a sentence when it could not be kept."""
    if remembered(path) is None:
        return None
    return keyring_store.save(keyring_store.file_entry(path), password)
