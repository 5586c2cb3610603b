"""Passwords this computer remembers, in the operating system's keyring.

The keyring library picks the backend (macOS Keychain, Windows Credential
Locker, the Secret Service on Linux); ixdesk never chooses one. Where there is
none, nothing is kept: :func:`save` says so in one sentence, and :func:`saved`
finds nothing. Two kinds of entry share the service name ``ixdesk``: a server
login's (``user@host:port/database``, :mod:`ixdesk.services.connections`) and an
encrypted database file's (``file:`` and the file's full path, :func:`file_entry`).
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "ixdesk"
NO_KEYRING = (
    "This computer has no keyring ixdesk can use, so the password was not remembered; "
    "you will be asked for it next time."
)


def saved(name: str) -> str | None:
    """The password kept under ``name``, if any (None without a keyring)."""
    try:
        return keyring.get_password(KEYRING_SERVICE, name)
    except KeyringError as error:
        log.info("no keyring to read from (%s)", type(error).__name__)
        return None


def save(name: str, password: str) -> str | None:
    """Keep ``password`` under ``name``; a sentence when it could not be kept."""
    try:
        keyring.set_password(KEYRING_SERVICE, name, password)
    except KeyringError as error:
        log.info("no keyring to write to (%s)", type(error).__name__)
        return NO_KEYRING
    return None


def drop(name: str) -> None:
    """Remove the password kept under ``name``, if it is there."""
    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(KEYRING_SERVICE, name)


def file_entry(path: Path) -> str:
    """The entry's name for an encrypted database file: its full path, so two files
    of the same name in different folders keep their own passwords."""
    return f"file:{path.resolve()}"
