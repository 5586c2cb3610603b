"""Schema upgrades from older files, refusal of newer ones, and models matching migrations."""

from __future__ import annotations

import hashlib
import sqlite3
import warnings
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from ixdesk.db import backup, migrate, open_database
from ixdesk.db.base import Base
from ixdesk.db.location import resolve_database
from ixdesk.errors import DatabaseTooNewError

FIRST = "0001"
STUDENT_ID = "0b6c1d7e-3f2a-4c1b-9d8e-5a4b3c2d1e0f"


def _make_first_version_database(url: str) -> None:
    """A database exactly as the first ixdesk release left it, with one student."""
    engine = create_engine(resolve_database(url))
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, FIRST)
        connection.execute(
            text(
                "INSERT INTO students (id, first_name, last_name, email, messaging_opt_in, "
                "created_at, updated_at, version) VALUES "
                "(:id, 'Łukasz', 'Nowak', 'lukasz@example.org', false, :now, :now, 1)"
            ),
            {
                "id": STUDENT_ID.replace("-", "")
                if "sqlite" in url or "://" not in url
                else STUDENT_ID,
                "now": "2026-01-05 10:00:00",
            },
        )
    engine.dispose()


def test_a_first_version_database_is_upgraded_and_keeps_its_data(database_url: str) -> None:
    _make_first_version_database(database_url)
    database = open_database(database_url)
    try:
        with database.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            names = connection.execute(text("SELECT first_name FROM students")).scalars().all()
        assert names == ["Łukasz"]
        if database.is_sqlite:
            assert database.backup_taken is not None
            assert "before-upgrade" in database.backup_taken.name
            with sqlite3.connect(database.backup_taken) as copy:
                revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()
                assert revision == (FIRST,)
                assert copy.execute("SELECT count(*) FROM students").fetchone() == (1,)
    finally:
        database.close()


def test_models_and_migrations_describe_the_same_schema(database_url: str) -> None:
    database = open_database(database_url)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            with warnings.catch_warnings():
                # SQLite cannot reflect expression indexes (lower(email)); PostgreSQL can.
                warnings.simplefilter("ignore")
                differences = compare_metadata(context, Base.metadata)
    finally:
        database.close()
    assert differences == []


@pytest.mark.sqlite_only
def test_a_database_from_a_newer_ixdesk_is_refused_and_left_untouched(
    database_url: str, backend: str
) -> None:
    open_database(database_url).close()
    path = Path(database_url)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseTooNewError, match="newer version of ixdesk") as raised:
        open_database(database_url)
    assert "0099" in str(raised.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert backup.list_backups(path, backup.BEFORE_UPGRADE) == []


@pytest.mark.postgres_only
def test_a_newer_postgresql_database_is_refused(database_url: str, backend: str) -> None:
    open_database(database_url).close()
    engine = create_engine(resolve_database(database_url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(DatabaseTooNewError, match="Install the newer ixdesk"):
        open_database(database_url)
