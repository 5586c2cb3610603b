"""The embedded SQLite file: checked before anything in it, or beside it, is changed.

Opening a file runs these steps in order; each only reads until the file is
accepted as an ixdesk database (see docs/decisions.md, "Opening"):

1. :func:`check_file` — it exists (or may be created) and starts with SQLite's header;
2. :func:`read_only_reason` — whether ixdesk may write the file, the files SQLite
   keeps beside it, and its folder;
3. :func:`quick_check` — SQLite's quick integrity check, and the schema check
   (in ``migrate``), through :func:`checking_engine`: a connection that cannot
   write when changes wait in a ``-wal`` file beside it;
4. (the upgrade, in ``migrate``)
5. :func:`use_wal` — only now is the journal mode switched to write-ahead logging.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from ixdesk.db import backup, cipher
from ixdesk.db.problems import DatabaseMissingError, open_failure
from ixdesk.errors import DamagedDatabaseError, DatabaseOpenError, NotAnIxdeskDatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000
BEGIN_OPTION = "ixdesk_begin"


def check_file(path: Path, *, create: bool, encrypted: bool = False) -> bool:
    """Raise for a file that is not SQLite at all; return whether it already existed.

    With ``create=False`` a missing or empty file is refused and nothing is made. An
    ``encrypted`` file has no header to check: its password is checked instead.
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
    if header != SQLITE_MAGIC and not encrypted:
        raise NotAnIxdeskDatabaseError(
            f"{path} is not an ixdesk database: it is not a database file at all, or it is "
            f"encrypted and no password was given (set {cipher.PASSWORD_ENV}, or type it "
            "when asked)." + newest_backup_hint(path)
        )
    return True


def file_engine(url: URL, key: str | None) -> Engine:
    """The engine of an SQLite file; every connection keyed first when it is encrypted."""
    engine = create_engine(url, hide_parameters=True, **cipher.engine_options(key))
    if key is not None:
        cipher.use_key(engine, key)
    return engine


def read_only_reason(path: Path) -> str | None:
    """Why ixdesk may only read the existing file at ``path`` (None when it may write).

    Writing needs the folder (SQLite makes its ``-wal`` and ``-shm`` files
    there), the file, and those files when they are already there.
    """
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} cannot be written"
    if not os.access(path, os.W_OK):
        return "the file itself is read-only"
    for companion in _companions(path):
        if os.path.lexists(companion) and not os.access(companion, os.W_OK):
            return f"the file {companion}, which SQLite keeps beside it, cannot be written"
    return None


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal")]


def read_only_uri(path: Path) -> str:
    """An SQLite URI that reads ``path`` without writing anything beside it.

    A file in write-ahead-log mode needs ``-wal`` and ``-shm`` files beside
    it even to be read, and SQLite would make them, with the file's own
    permissions, which later stop ixdesk writing a file made writable
    again. So unless a log or journal holds changes waiting to be read, the
    file is read as immutable: SQLite makes nothing beside it.
    """
    uri = f"{path.as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    journal = path.with_name(path.name + "-journal")
    if not _has_content(wal) and not _has_content(journal):
        uri += "&immutable=1"
    return uri


@contextlib.contextmanager
def checking_engine(
    path: Path, engine: Engine, *, read_only: bool, key: str | None = None
) -> Iterator[Engine]:
    """What to check ``path`` through before accepting it: ``engine``, or one that cannot write.

    When a ``-wal`` file lies beside the file, the last writing connection to
    close would fold the log into the file (a checkpoint) and delete it,
    changing a file that may yet be refused (another program's, or a newer
    ixdesk's). It is checked through a read-only connection instead, which
    leaves the file and its log as they are.
    """
    if read_only or not os.path.lexists(path.with_name(path.name + "-wal")):
        yield engine
        return
    checker = file_engine(engine.url, key)
    install_settings(checker, read_only_uri=f"{path.as_uri()}?mode=ro")
    try:
        yield checker
    finally:
        checker.dispose()


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def install_settings(engine: Engine, *, read_only_uri: str | None = None) -> None:
    """Per-connection settings; none of them changes the file."""
    if read_only_uri is not None:

        @event.listens_for(engine, "do_connect")
        def _read_only(
            _dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]
        ) -> None:
            cargs[0] = read_only_uri
            cparams["uri"] = True

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (see _on_begin); the driver must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only_uri is not None:
            cursor.execute("PRAGMA query_only = ON")
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
        with engine.connect() as connection, cipher.pages_held_while_checking(connection, path):
            rows = connection.exec_driver_sql("PRAGMA quick_check").scalars().all()
    except DBAPIError as error:
        raise open_failure(error.orig, path, newest_backup_hint(path)) from error
    if rows != ["ok"]:
        raise DamagedDatabaseError(
            f"The database {path} is damaged ({first_problem(rows[0])})." + newest_backup_hint(path)
        )


def first_problem(report: str) -> str:
    """The first problem in a row of SQLite's check, which may hold a heading ("*** in
    database main ***") and then one problem a line."""
    lines = [line for line in report.splitlines() if line.strip() and not line.startswith("***")]
    return lines[0] if lines else report


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
