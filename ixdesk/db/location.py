"""Turn ``--database PATH_OR_URL`` (or ``IXDESK_DATABASE``) into a URL."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ixdesk.errors import DatabaseOpenError
from ixdesk.paths import DATABASE_ENV, default_database_path

SUPPORTED_BACKENDS = {"sqlite", "postgresql"}


def resolve_database(target: str | os.PathLike[str] | None = None) -> URL:
    """The URL for a path, a URL, ``IXDESK_DATABASE``, or the default file."""
    if target is None:
        target = os.environ.get(DATABASE_ENV) or default_database_path()
    if isinstance(target, os.PathLike):
        return URL.create("sqlite+pysqlite", database=str(Path(target).expanduser()))
    text = str(target).strip()
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser()))
    try:
        url = make_url(text)
    except ArgumentError as error:
        raise DatabaseOpenError(f"'{text}' is not a database file path or URL.") from error
    backend = url.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseOpenError(
            f"ixdesk works with an SQLite file or a PostgreSQL server, not '{backend}'."
        )
    if backend == "postgresql" and url.get_driver_name() != "psycopg":
        url = url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseOpenError("ixdesk needs a database file, not an in-memory database.")
        url = url.set(drivername="sqlite+pysqlite")
    return url


def describe(url: URL) -> str:
    """A location as a person would say it, without any password."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def chosen_explicitly(target: str | os.PathLike[str] | None) -> bool:
    """Whether the person named the database (``--database`` or ``IXDESK_DATABASE``)."""
    return target is not None or bool(os.environ.get(DATABASE_ENV))


def missing_file(target: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file ``target`` names when there is no database there yet (else None)."""
    url = resolve_database(target)
    if url.get_backend_name() != "sqlite":
        return None
    path = Path(str(url.database)).resolve()
    try:
        return path if not path.exists() or path.stat().st_size == 0 else None
    except OSError:
        return None  # opening it will say what is wrong
