"""Open a database: the engine, its sessions, and the checks done on open."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ixdesk.db import backup, migrate
from ixdesk.db.location import describe, resolve_database
from ixdesk.errors import (
    DamagedDatabaseError,
    DatabaseOpenError,
    IxdeskError,
    NotAnIxdeskDatabaseError,
)

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000
_BEGIN_OPTION = "ixdesk_begin"


class DatabaseBusyError(IxdeskError):
    """Another program kept the database locked for longer than we wait."""


@dataclass
class Database:
    """An open ixdesk database: the engine and the two kinds of session.

    ``read()`` gives a session for queries; ``write()`` a session whose
    transaction is committed on success and rolled back on any error. On
    SQLite, write transactions start with ``BEGIN IMMEDIATE`` so two copies of
    ixdesk on one file queue for the lock instead of failing half way.
    """

    url: URL
    engine: Engine
    path: Path | None = None
    backup_taken: Path | None = None
    _read_factory: sessionmaker[Session] = field(init=False, repr=False)
    _write_factory: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._read_factory = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        self._write_factory = sessionmaker(writer, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def location(self) -> str:
        return describe(self.url)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        # Closing ends the transaction and detaches what was loaded, unexpired.
        with self._read_factory() as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: all of it is committed, or none of it."""
        with self._write_factory() as session:
            try:
                with _busy_as_error(self.location):
                    session.begin()
                yield session
                with _busy_as_error(self.location):
                    session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


@contextlib.contextmanager
def _busy_as_error(location: str) -> Iterator[None]:
    try:
        yield
    except OperationalError as error:
        if "locked" in str(error.orig) or "busy" in str(error.orig):
            raise DatabaseBusyError(
                f"The database {location} is busy: another copy of ixdesk or another "
                "program kept it locked. Nothing was changed; try again in a moment."
            ) from error
        raise


def _install_sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (see _on_begin); the driver must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed entry survives a flat battery, not just a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def _check_sqlite_file(path: Path) -> bool:
    """Raise for a file that is not SQLite at all; return whether it already existed."""
    if path.is_dir():
        raise NotAnIxdeskDatabaseError(f"{path} is a folder, not an ixdesk database file.")
    if not path.exists() or path.stat().st_size == 0:
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
            + _newest_backup_hint(path)
        )
    return True


def _newest_backup_hint(path: Path) -> str:
    newest = backup.newest_backup(path)
    if newest is None:
        return " No backup of it was found."
    return f" The newest backup is {newest}."


def _quick_check(engine: Engine, path: Path) -> None:
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA quick_check").scalars().all()
    except DBAPIError as error:
        raise DamagedDatabaseError(
            f"The database {path} is damaged and cannot be opened ({error.orig})."
            + _newest_backup_hint(path)
        ) from error
    if rows != ["ok"]:
        raise DamagedDatabaseError(
            f"The database {path} is damaged ({rows[0]})." + _newest_backup_hint(path)
        )


def integrity_problems(database: Database) -> list[str]:
    """Everything SQLite's full integrity and foreign-key checks report (empty when sound)."""
    problems: list[str] = []
    with database.engine.connect() as connection:
        if database.is_sqlite:
            rows = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            problems += [row for row in rows if row != "ok"]
            for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"row {rowid} of {table} points at a missing {parent} row")
        revision = migrate.current_revision(connection)
    if revision != migrate.head_revision():
        problems.append(f"schema is at {revision}, expected {migrate.head_revision()}")
    return problems


def open_database(
    target: str | os.PathLike[str] | URL | None = None,
    *,
    upgrade: bool = True,
    rolling_backup: bool = True,
) -> Database:
    """Open (creating if needed) and upgrade an ixdesk database.

    ``target`` is a file path, an ``sqlite:///`` or ``postgresql://`` URL, or
    None for ``IXDESK_DATABASE`` or the default file in the user's data folder.
    Raises :class:`DatabaseOpenError` subclasses with a readable message.
    """
    url = target if isinstance(target, URL) else resolve_database(target)
    path: Path | None = None
    existed = True
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database)).resolve()
        url = url.set(database=str(path))
        existed = _check_sqlite_file(path)
        engine = create_engine(url, hide_parameters=True)  # errors never quote row values
        _install_sqlite_settings(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    database = Database(url=url, engine=engine, path=path)
    try:
        if path is not None and existed:
            _quick_check(engine, path)
        if upgrade:
            database.backup_taken = migrate.upgrade(database)
        else:
            migrate.ensure_known(database)
        if path is not None and rolling_backup and existed and database.backup_taken is None:
            database.backup_taken = backup.rolling_backup(path)
    except IxdeskError:
        engine.dispose()
        raise
    except OperationalError as error:
        engine.dispose()
        raise DatabaseOpenError(_explain_operational(url, error)) from error
    except DBAPIError as error:
        engine.dispose()
        message = f"Could not open the database {describe(url)}: {error.orig}."
        if path is not None:
            message += _newest_backup_hint(path)
        raise DatabaseOpenError(message) from error
    return database


def _explain_operational(url: URL, error: OperationalError) -> str:
    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if url.get_backend_name() == "postgresql":
        return f"Could not connect to the PostgreSQL database {describe(url)}: {reason}."
    if "not a database" in reason or "malformed" in reason:
        return f"The database {describe(url)} is damaged or not an ixdesk database ({reason})."
    return f"Could not open the database {describe(url)}: {reason}."
