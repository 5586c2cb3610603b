"""Open a database: the engine, its sessions, and the checks done on open."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ixdesk.db import backup, cipher, migrate, server_problems, sqlite_file
from ixdesk.db.location import describe, resolve_database
from ixdesk.db.problems import (
    DatabaseBusyError,
    DatabaseMissingError,
    DatabaseReadOnlyError,
    busy_message,
    open_failure,
)
from ixdesk.db.sqlite_file import BEGIN_OPTION
from ixdesk.errors import DatabaseOpenError, IxdeskError

__all__ = [
    "Database",
    "DatabaseBusyError",
    "DatabaseMissingError",
    "DatabaseReadOnlyError",
    "integrity_problems",
    "open_database",
]

log = logging.getLogger(__name__)


@dataclass
class Database:
    """An open ixdesk database: the engine and the two kinds of session.

    ``read()`` gives a session for queries; ``write()`` a session whose
    transaction is committed on success and rolled back on any error. On
    SQLite, write transactions start with ``BEGIN IMMEDIATE`` so two copies of
    ixdesk on one file queue for the lock instead of failing half way. A file
    opened read-only (``read_only`` says why) refuses ``write()``.
    """

    url: URL
    engine: Engine
    path: Path | None = None
    backup_taken: Path | None = None
    #: Why the file was opened for reading only (None when edits are possible).
    read_only: str | None = None
    _read_factory: sessionmaker[Session] = field(init=False, repr=False)
    _write_factory: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._read_factory = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
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
        if self.read_only is not None:
            raise DatabaseReadOnlyError(
                f"The database {self.location} is open for reading only ({self.read_only}), "
                "so it cannot be changed; nothing was saved."
            )
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
            raise DatabaseBusyError(busy_message(location)) from error
        raise


def integrity_problems(database: Database) -> list[str]:
    """Everything SQLite's full integrity and foreign-key checks report (empty when sound)."""
    problems: list[str] = []
    with database.engine.connect() as connection:
        if database.is_sqlite:
            with cipher.pages_held_while_checking(connection, database.path):
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
    create: bool = True,
    upgrade: bool = True,
    rolling_backup: bool = True,
    password: str | None = None,
) -> Database:
    """Open and upgrade an ixdesk database (creating it only when ``create``).

    ``target`` is a file path, an ``sqlite:///`` or ``postgresql://`` URL, or
    None for ``IXDESK_DATABASE`` or the default file in the user's data folder.
    Nothing in a file, or beside it, is changed until the file has been
    accepted as a sound ixdesk database this version can use; a file whose
    folder cannot be written is opened for reading only. Raises
    :class:`DatabaseOpenError` subclasses with a readable message. With ``password``,
    an encrypted file (SQLCipher) is opened, or a new file is made encrypted; an
    unencrypted file opens as it is (``db/cipher.py``).
    """
    url = target if isinstance(target, URL) else resolve_database(target)
    path: Path | None = None
    existed = True
    read_only: str | None = None
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database)).resolve()
        url = url.set(database=str(path))
        key = cipher.key_to_use(path, password)
        existed = sqlite_file.check_file(path, create=create, encrypted=key is not None)
        if existed and key is not None:
            cipher.check_key(path, key, sqlite_file.read_only_uri(path))
        cipher.remember(path, key)
        read_only = sqlite_file.read_only_reason(path) if existed else None
        engine = sqlite_file.file_engine(url, key)
        uri = sqlite_file.read_only_uri(path) if read_only else None
        sqlite_file.install_settings(engine, read_only_uri=uri)
    else:
        url = server_problems.with_timeout(url)
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    database = Database(url=url, engine=engine, path=path, read_only=read_only)
    try:
        if path is None:
            server_problems.checked_server(engine)
        _accept(database, existed=existed, create=create, upgrade=upgrade)
        if path is not None and read_only is None:
            sqlite_file.use_wal(engine)
            if rolling_backup and existed and database.backup_taken is None:
                database.backup_taken = backup.rolling_backup(path)
    except IxdeskError:
        engine.dispose()
        raise
    except DBAPIError as error:
        engine.dispose()
        if path is not None:
            raise open_failure(error.orig, path, sqlite_file.newest_backup_hint(path)) from error
        raise DatabaseOpenError(server_problems.explain_postgresql(url, error)) from error
    return database


def _accept(database: Database, *, existed: bool, create: bool, upgrade: bool) -> None:
    """Check the file and its schema, then (only if writable) upgrade it."""
    if database.path is not None and existed:
        read_only = database.read_only is not None
        checking = sqlite_file.checking_engine(
            database.path, database.engine, read_only=read_only, key=cipher.key_for(database.path)
        )
        with checking as e:
            sqlite_file.quick_check(e, database.path)
            migrate.check_known(e, database.location, create=create)
    if database.read_only is not None:
        revision = migrate.ensure_known(database, create=False)
        if revision != migrate.head_revision():
            raise DatabaseOpenError(
                f"The database {database.location} needs an upgrade to this ixdesk's schema, "
                f"but {database.read_only}; open it where it can be written. Nothing was changed."
            )
    elif upgrade:
        database.backup_taken = migrate.upgrade(database, create=create)
    else:
        migrate.ensure_known(database, create=create)
