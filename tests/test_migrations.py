"""Schema upgrades from older files, refusal of newer ones, and models matching migrations."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import warnings
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text

from ixdesk.db import backup, migrate, open_database
from ixdesk.db.base import Base
from ixdesk.db.location import resolve_database
from ixdesk.db.models import GroupMembership, Student
from ixdesk.errors import DatabaseTooNewError
from ixdesk.services import settings, tracks

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
@pytest.mark.parametrize("journal", ["wal", "delete"])  # ixdesk's own, and the rollback journal
def test_a_database_from_a_newer_ixdesk_is_refused_and_left_untouched(
    database_url: str, backend: str, journal: str
) -> None:
    open_database(database_url).close()
    path = Path(database_url)
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA journal_mode = {journal}")
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseTooNewError, match="newer version of ixdesk") as raised:
        open_database(database_url)
    assert "0099" in str(raised.value) and "the file was not changed" in str(raised.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [
        path.name  # no -wal or -shm left beside it
    ]
    assert backup.list_backups(path, backup.BEFORE_UPGRADE) == []


@pytest.mark.postgres_only
def test_a_newer_postgresql_database_is_refused_and_left_unchanged(
    database_url: str, backend: str
) -> None:
    open_database(database_url).close()
    engine = create_engine(resolve_database(database_url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        connection.execute(text("DROP TABLE attendance"))  # as if 0099 had reshaped it
    engine.dispose()
    before = _schema_and_version(database_url)
    with pytest.raises(DatabaseTooNewError, match="Install the newer ixdesk"):
        open_database(database_url)
    assert _schema_and_version(database_url) == before
    assert before[1] == ["0099"]


RELEASED_0001 = Path(__file__).parent / "data" / "ixdesk-0001.db"
RELEASED_0002 = Path(__file__).parent / "data" / "ixdesk-0002.db"


def _all_rows(path: Path, released: Path = RELEASED_0001) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table the released schema had, in that schema's columns."""
    with sqlite3.connect(released) as first:
        tables = {
            name: [row[1] for row in first.execute(f"PRAGMA table_info({name})")]
            for (name,) in first.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            )
        }
    first.close()
    with sqlite3.connect(path) as connection:
        rows = {
            name: connection.execute(
                f"SELECT {', '.join(columns)} FROM {name} "
                f"ORDER BY {'id' if 'id' in columns else columns[0]}"
            ).fetchall()
            for name, columns in tables.items()
        }
    connection.close()
    return rows


@pytest.mark.sqlite_only
def test_a_file_from_the_first_release_is_upgraded_with_every_row_intact(
    tmp_path: Path, backend: str
) -> None:
    path = tmp_path / "ixdesk.db"
    shutil.copyfile(RELEASED_0001, path)
    released = _all_rows(RELEASED_0001)
    assert len(released) == 12 and all(released.values())  # every table has rows
    database = open_database(path)
    try:
        with database.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
        with database.read() as session:
            lukasz = session.scalars(select(Student).where(Student.first_name == "Łukasz")).one()
            members = session.scalars(select(GroupMembership)).all()
        taken = database.backup_taken
    finally:
        database.close()
    assert _all_rows(path) == released
    assert (lukasz.guardian_name, lukasz.guardian_consent_by) == ("Ewa Nowak", "Ewa Nowak")
    assert lukasz.guardian_consent_at == datetime(2026, 1, 6, 18, 0, tzinfo=UTC)
    assert lukasz.date_of_birth == date(2009, 4, 3) and lukasz.messaging_opt_in is True
    assert len(members) == 3
    assert taken is not None and taken.name.endswith(
        f"-before-upgrade-to-{migrate.head_revision()}.db"
    )
    assert _all_rows(taken) == released
    with sqlite3.connect(taken) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(FIRST,)]
    copy.close()


def _schema_and_version(url: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
    engine = create_engine(resolve_database(url))
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            tables = [
                (name, [column["name"] for column in inspector.get_columns(name)])
                for name in sorted(inspector.get_table_names())
            ]
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            return tables, list(version.scalars())
    finally:
        engine.dispose()


def _released_copy(
    released: Path, folder: Path, tables: int
) -> tuple[Path, dict[str, list[tuple[object, ...]]]]:
    """A copy of a released file to upgrade, and its rows (every one of its tables has some)."""
    path = folder / "ixdesk.db"
    shutil.copyfile(released, path)
    rows = _all_rows(released, released)
    assert len(rows) == tables and all(rows.values())
    return path, rows


@pytest.mark.sqlite_only
def test_a_file_of_schema_0002_is_upgraded_with_every_row_intact_and_settings_to_make(
    tmp_path: Path, backend: str
) -> None:
    path, released = _released_copy(RELEASED_0002, tmp_path, tables=14)
    database = open_database(path)
    try:
        with database.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            retired = connection.execute(text("SELECT retired_at FROM tracks")).scalars().all()
        assert retired == [None, None, None]  # no track is retired by the upgrade
        assert _all_rows(path, RELEASED_0002) == released
        assert settings.load_settings(database) == settings.OrganisationSettings()
        settings.save_settings(database, {"country": "ZA", "paper_size": "letter"})
        assert settings.load_settings(database).region == "ZA"
        names = {row.name: row for row in tracks.track_rows(database)}
        imported, kept = names["data analytics "], names["Data & analytics"]
        merge = tracks.merge_tracks(database, imported.id, kept.id)
        assert merge.moved["students"] and merge.dropped  # Amara had both spellings
        tracks.unmerge(database, merge)
        assert [row.name for row in tracks.track_rows(database)] == list(names)
    finally:
        database.close()


RELEASED_0004 = Path(__file__).parent / "data" / "ixdesk-0004.db"


@pytest.mark.sqlite_only
def test_a_file_of_schema_0004_is_upgraded_with_every_row_intact_and_an_identity_made_once(
    tmp_path: Path, backend: str
) -> None:
    from ixdesk.services.events.identity import load_identity

    path, released = _released_copy(RELEASED_0004, tmp_path, tables=16)
    database = open_database(path)
    try:
        with database.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            empty = {
                table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("event_packed", "event_merged", "event_merges", "event_reviews")
            }
        assert empty == dict.fromkeys(empty, 0)
        assert _all_rows(path, RELEASED_0004) == released
        identity = load_identity(database)
        assert not identity.is_event_copy and identity.origin_id is None
        assert settings.load_settings(database).organisation_name == "Leeds Micro-Internships"
    finally:
        database.close()
    again = open_database(path)
    try:
        assert load_identity(again).id == identity.id  # made once, never again
    finally:
        again.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM database_identity").fetchone() == (1,)
    connection.close()


def test_every_new_database_has_an_identity_of_its_own(database_url: str, tmp_path: Path) -> None:
    from ixdesk.services.events.identity import load_identity

    first = open_database(database_url)
    other = open_database(tmp_path / "other.db")
    try:
        mine, theirs = load_identity(first), load_identity(other)
    finally:
        first.close()
        other.close()
    assert mine.id != theirs.id and len(mine.id) == 36
