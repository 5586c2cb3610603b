"""The embedded SQLite file: checked before anything in it, or beside it, is changed.

Opening a file runs these steps in order; each only reads until the file is
accepted as an ixdesk database (see docs/decisions.md, "Opening"):

1. :func:`check_file` — it exists (or may be created) and starts with SQLite's header;
2. :func:`read_only_reason` — whether ixdesk may write the file and its folder;
3. :func:`quick_check` — SQLite's quick integrity check;
4. (the schema check and upgrade, in ``migrate``)
5. :func:`use_wal` — only now is the journal mode switched to write-ahead logging.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError

from ixdesk.db import backup
from ixdesk.db.problems import DatabaseMissingError, open_failure
from ixdesk.errors import DamagedDatabaseError, DatabaseOpenError, NotAnIxdeskDatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000
BEGIN_OPTION = "ixdesk_begin"


def check_file(path: Path, *, create: bool) -> bool:
    """Raise for a file that is not SQLite at all; return whether it already existed.

    With ``create=False`` a missing or empty file is refused and nothing is made.
    """
    try:
        if path.is_dir():
            raise NotAnIxdeskDatabaseError(f"{path} is a folder, not an ixdesk database file.")
        size = path.stat().st_size if path.exists() else None
    except OSError as error:
        raise DatabaseOpenError(f"Could not look at {path}: {error.strerror or error}.") from error
    if not size:
        if not create:
            what = "There is no database at" if size is None else "There is only an empty file at"
            raise DatabaseMissingError(f"{what} {path}; nothing was created or changed.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseOpenError(
                f"Could not create the folder {path.parent}: {error.strerror or error}."
            ) from error
        return False
    try:
        with open(path, "rb") as stream:
            header = stream.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseOpenError(f"Could not read {path}: {error.strerror or error}.") from error
    if header != SQLITE_MAGIC:
        raise NotAnIxdeskDatabaseError(
            f"{path} is not an ixdesk database: it is not a database file at all."
            + newest_backup_hint(path)
        )
    return True


def read_only_reason(path: Path) -> str | None:
    """Why ixdesk may only read the existing file at ``path`` (None when it may write)."""
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} cannot be written"
    if not os.access(path, os.W_OK):
        return "the file itself is read-only"
    return None


def read_only_uri(path: Path) -> str:
    """An SQLite URI that reads ``path`` without writing anything beside it.

    A file in write-ahead-log mode needs a ``-shm`` file beside it even to be
    read; where the folder cannot be written and no log is waiting to be read,
    the file is opened as immutable (nothing else can be changing it there).
    """
    uri = f"{path.as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    journal = path.with_name(path.name + "-journal")
    folder_writable = os.access(path.parent, os.W_OK)
    if not folder_writable and not _has_content(wal) and not _has_content(journal):
        uri += "&immutable=1"
    return uri


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def install_settings(engine: Engine, *, read_only_uri: str | None = None) -> None:
    """Per-connection settings; none of them changes the file."""
    if read_only_uri is not None:

        @event.listens_for(engine, "do_connect")
        def _read_only(_dialect: Any, _record: Any, cargs: list[Any], cparams: dict) -> None:
            cargs[0] = read_only_uri
            cparams["uri"] = True

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (see _on_begin); the driver must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # FULL: a committed entry survives a flat battery, not just a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def quick_check(engine: Engine, path: Path) -> None:
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA quick_check").scalars().all()
    except DBAPIError as error:
        raise open_failure(error.orig, path, newest_backup_hint(path)) from error
    if rows != ["ok"]:
        raise DamagedDatabaseError(
            f"The database {path} is damaged ({rows[0]})." + newest_backup_hint(path)
        )


def use_wal(engine: Engine) -> None:
    """Switch an accepted file to write-ahead logging (kept in the file; a no-op after)."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    finally:
        connection.close()


def newest_backup_hint(path: Path) -> str:
    newest = backup.newest_backup(path)
    if newest is None:
        return " No backup of it was found."
    return f" The newest backup is {newest}."
