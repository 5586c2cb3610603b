"""Encryption at rest: an SQLite file encrypted with SQLCipher (``sqlcipher3``).

Unencrypted stays the default. A file is opened encrypted when a password is
given (``open_database(..., password=...)``; on the command line from
``IXDESK_PASSWORD`` or asked for; in the window asked for). Every connection to
it then starts with ``PRAGMA key``, and backups of it are written with the same
key (:func:`connect`, used by ``backup``). :func:`encrypt_file` and
:func:`decrypt_file` convert a file in place, safely: a new file beside it, then
a rename. See docs/privacy.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError

from ixdesk.errors import IxdeskError, WrongPasswordError

PASSWORD_ENV = "IXDESK_PASSWORD"
SQLITE_MAGIC = b"SQLite format 3\x00"
WRONG_PASSWORD = (
    "The password for {path} is wrong, or the file is not an ixdesk database; "
    "nothing was opened or changed."
)
NEEDS_PASSWORD = (
    "{path} is encrypted (or not a database file at all); open it with its password "
    f"(set {PASSWORD_ENV}, or type it when asked)."
)

# SQLCipher 4's key derivation, done once per open (:func:`key_to_use`) rather than by
# SQLCipher on every connection, each of which would pay it again.
KDF_ITERATIONS = 256_000
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PAGE = 512
# Every page read from the disk of an encrypted file is decrypted and checked again, so
# its connections keep more of them decrypted in memory (64 MiB rather than SQLite's 2):
# a listing in name order visits the table's pages in no order, over and over.
BUSY_MS = 2_000  # how long a conversion waits for a file another program is using
CACHE_KIB = 65_536
# SQLite's checks read each table's pages twice (its tree, then its rows), and so would
# decrypt and check them twice; a check's connection holds every page of the file, up
# to this much, until the check ends (:func:`pages_held_while_checking`).
CHECK_CACHE_BYTES = 256 * 1024 * 1024

# The key of each encrypted file open in this program, by resolved path, so its backups
# are written with it (as SQLCipher's raw-key literal, never the password itself).
_KEYS: dict[Path, str] = {}


def driver() -> Any:
    """The SQLCipher DB-API module (loaded only when an encrypted file is used)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as error:  # a broken installation: say so in words
        raise IxdeskError(
            "This ixdesk cannot open encrypted databases: its SQLCipher library "
            "(sqlcipher3) is missing. Reinstall ixdesk."
        ) from error
    return dbapi2


def driver_errors() -> tuple[type[Exception], ...]:
    """The errors either SQLite driver raises."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, dbapi2.Error)


def looks_plain(path: Path) -> bool:
    """Whether the file starts with SQLite's header (an unencrypted database)."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return True  # opening it will say what is wrong


def is_encrypted(path: Path) -> bool:
    """A file that can be an SQLCipher database: whole pages (SQLCipher's are 512 bytes
    or a larger power of two), without SQLite's header. Any other file without the
    header is no database at all, and no password is asked for it."""
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size >= MIN_PAGE and size % MIN_PAGE == 0 and not looks_plain(path)


def key_to_use(path: Path, password: str | None) -> str | None:
    """The key for an encrypted file, or for one yet to be made (a new salt); None for an
    unencrypted file (which opens as it is)."""
    if password is None:
        return None
    try:
        empty = path.stat().st_size == 0
    except OSError:
        empty = True
    if empty:
        return raw_key(password, os.urandom(SALT_BYTES))
    if looks_plain(path):
        return None
    with open(path, "rb") as stream:
        return raw_key(password, stream.read(SALT_BYTES))


def raw_key(password: str, salt: bytes) -> str:
    """SQLCipher's raw-key literal: the key derived from ``password`` as SQLCipher 4 does
    (PBKDF2-HMAC-SHA512), and the file's salt."""
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, KDF_ITERATIONS, KEY_BYTES)
    return f"\"x'{key.hex()}{salt.hex()}'\""


def _quoted(password: str) -> str:
    return "'" + password.replace("'", "''") + "'"


def apply_key(connection: Any, key: str) -> None:
    """The first statement on a connection to an encrypted file (``key``: a raw-key
    literal from :func:`key_to_use`, or a quoted password)."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is told in words, once
    cursor.execute(f"PRAGMA key = {key}")
    cursor.close()


def remember(path: Path, key: str | None) -> None:
    if key is None:
        _KEYS.pop(path.resolve(), None)
    else:
        _KEYS[path.resolve()] = key


def key_for(path: Path) -> str | None:
    return _KEYS.get(path.resolve())


def use_key(engine: Engine, key: str) -> None:
    """Key every connection ``engine`` makes (before any other setting)."""

    @event.listens_for(engine, "connect", insert=True)
    def _key(dbapi_connection: Any, _record: Any) -> None:
        apply_key(dbapi_connection, key)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.close()


@contextlib.contextmanager
def pages_held_while_checking(connection: Connection, path: Path | None) -> Iterator[None]:
    """While SQLite checks an encrypted file through ``connection`` (``PRAGMA
    quick_check`` or ``integrity_check``), every page it decrypts stays decrypted (up to
    :data:`CHECK_CACHE_BYTES`), so each is decrypted and checked once rather than twice;
    afterwards the connection keeps its usual cache. Nothing for an unencrypted file."""
    if path is None or key_for(path) is None:
        yield
        return
    page_size = connection.exec_driver_sql("PRAGMA page_size").scalar_one()
    pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
    held = min(int(pages), CHECK_CACHE_BYTES // int(page_size))
    connection.exec_driver_sql(f"PRAGMA cache_size = {held}")
    try:
        yield
    finally:
        with contextlib.suppress(DBAPIError):  # a failed check's own error is the one told
            connection.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")


def engine_options(key: str | None) -> dict[str, Any]:
    """``create_engine`` options for a file with this key (none: plain SQLite)."""
    return {} if key is None else {"module": driver()}


def connect(target: str | Path, key: str | None, **options: Any) -> Any:
    """A DB-API connection to ``target`` (a path or ``file:`` URI), keyed when a key is
    given."""
    if key is None:
        return sqlite3.connect(target, **options)
    connection = driver().connect(str(target), **options)
    apply_key(connection, key)
    return connection


def check_key(path: Path, key: str, uri: str | None = None) -> None:
    """Refuse a wrong password with one sentence, before anything else reads the file.

    ``uri``: how to read it (default: read-only); opening passes one that makes nothing
    beside the file (``sqlite_file.read_only_uri``), as the file is not accepted yet.
    """
    try:
        connection = connect(uri or f"{path.as_uri()}?mode=ro", key, uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except driver_errors() as error:
        raise WrongPasswordError(WRONG_PASSWORD.format(path=path)) from error


def _hold_alone(source: Any, path: Path) -> None:
    """Keep ``path`` to ``source`` alone until it closes, or refuse: a program that has the
    file open (another ixdesk's window) would go on writing to the file the rename
    replaces, and its work would be lost."""
    source.execute("PRAGMA locking_mode = EXCLUSIVE")  # locks are kept until closed
    source.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    try:
        source.execute("BEGIN EXCLUSIVE")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        source.execute("COMMIT")
    except driver_errors() as error:
        raise IxdeskError(
            f"{path} is open in another ixdesk (or another program); close it there and "
            "try again. Nothing was changed."
        ) from error


def _convert(path: Path, old: str | None, new: str | None) -> Path:
    """Write ``path`` again with the key ``new`` (None: unencrypted), beside it, then
    rename it over the original; the original's log is folded in first."""
    if new == "":
        raise IxdeskError("The password is empty; choose one of at least 1 character.")
    old_key = key_to_use(path, old)
    if old_key is not None:
        check_key(path, old_key)
    beside = path.with_name(path.name + ".converting")
    with contextlib.suppress(FileNotFoundError):
        beside.unlink()
    source = connect(path, old_key) if old_key is not None else driver().connect(str(path))
    source.isolation_level = None
    try:
        _hold_alone(source, path)
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        target_key = _quoted(new) if new is not None else "''"
        source.execute(f"ATTACH DATABASE ? AS converted KEY {target_key}", (str(beside),))
        source.execute("SELECT sqlcipher_export('converted')")
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute(f"PRAGMA converted.user_version = {int(version)}")
        source.execute("DETACH DATABASE converted")
    except driver_errors() as error:
        with contextlib.suppress(FileNotFoundError):
            beside.unlink()
        raise IxdeskError(f"Could not convert {path}; it was left as it was ({error}).") from error
    finally:
        source.close()
    with open(beside, "rb+") as stream:
        os.fsync(stream.fileno())
    os.replace(beside, path)
    for end in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + end).unlink()
    remember(path, key_to_use(path, new))
    return path


def encrypt_file(path: Path, password: str) -> Path:
    """Encrypt an unencrypted database file in place (a new file, then a rename)."""
    if not looks_plain(path):
        raise IxdeskError(f"{path} is already encrypted (or not an ixdesk database).")
    return _convert(path, None, password)


def decrypt_file(path: Path, password: str | None) -> Path:
    """Write an encrypted database file back unencrypted, in place."""
    if looks_plain(path):
        raise IxdeskError(f"{path} is not encrypted.")
    return _convert(path, password, None)


def change_password(path: Path, old: str, new: str) -> Path:
    """Give an encrypted database file a new password, in place."""
    if looks_plain(path):
        raise IxdeskError(f"{path} is not encrypted.")
    return _convert(path, old, new)
