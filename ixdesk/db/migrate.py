"""Schema versions: Alembic migrations shipped inside the package.

On open, a database is brought to the newest schema this ixdesk knows, after a
consistent backup of the file. A database written by a newer ixdesk, or a
database that is not ixdesk's, is refused with a sentence a person can act on.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from ixdesk import __version__
from ixdesk.db import backup
from ixdesk.db.problems import DatabaseMissingError
from ixdesk.errors import DatabaseOpenError, DatabaseTooNewError, NotAnIxdeskDatabaseError

if TYPE_CHECKING:
    from ixdesk.db.engine import Database

INSUFFICIENT_PRIVILEGE = "42501"
NEEDS_ADMINISTRATOR = (
    "The database {location} needs an upgrade to this version of ixdesk, which only the "
    "server's administrator can make: ask them to run ixdesk server init with this version. "
    "Nothing was changed."
)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The PostgreSQL advisory lock that queues copies of ixdesk creating or
#: upgrading one database's schema ("ixdesk" in ASCII).
SCHEMA_LOCK_KEY = 0x697864_65736B


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {revision.revision for revision in script_directory().walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _classify(connection: Connection, location: str, *, create: bool) -> str | None:
    """The schema revision, after refusing foreign, too-new or (unless ``create``) empty ones."""
    revision = current_revision(connection)
    tables = set(inspect(connection).get_table_names())
    if revision is None:
        if tables - {"alembic_version"}:
            raise NotAnIxdeskDatabaseError(
                f"{location} is a database, but not an ixdesk database "
                f"(it holds tables such as {', '.join(sorted(tables)[:3])}); "
                "it was not changed."
            )
        if not create:
            raise DatabaseMissingError(
                f"The database {location} holds no ixdesk data yet; nothing was created in it."
            )
        return None
    if revision not in known_revisions():
        raise DatabaseTooNewError(
            f"{location} was written by a newer version of ixdesk "
            f"(schema {revision}); this is ixdesk {__version__}, which knows schemas up to "
            f"{head_revision()}. Install the newer ixdesk to open it; the file was not changed."
        )
    return revision


def ensure_known(database: Database, *, create: bool = True) -> str | None:
    return check_known(database.engine, database.location, create=create)


def check_known(engine: Engine, location: str, *, create: bool = True) -> str | None:
    """The schema revision, after refusing a database that is foreign, too new or (unless
    ``create``) empty; reads only."""
    with engine.connect() as connection:
        return _classify(connection, location, create=create)


def upgrade(database: Database, target: str = "head", *, create: bool = True) -> Path | None:
    """Bring the schema to ``target``; returns the backup taken first, if any.

    The check and the upgrade share one write transaction that first queues
    for the database's schema lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL:
    an advisory lock held until the transaction ends), so two copies of
    ixdesk opening a new database at once do not both try to create it. A
    refused database is left exactly as it was.
    """
    wanted = head_revision() if target == "head" else target
    writer = database.engine.execution_options(ixdesk_begin="IMMEDIATE")
    with writer.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
        revision = _classify(connection, database.location, create=create)
        if revision == wanted:
            return None
        taken = None
        if revision is not None and database.path is not None:
            taken = backup.take_backup(database.path, f"{backup.BEFORE_UPGRADE}-to-{wanted}")
        config = alembic_config()
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, target)
        except CommandError as error:
            raise NotAnIxdeskDatabaseError(
                f"Could not upgrade {database.location}: {error}."
            ) from error
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            raise DatabaseOpenError(
                NEEDS_ADMINISTRATOR.format(location=database.location)
            ) from error
    return taken
