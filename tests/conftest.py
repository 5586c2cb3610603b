"""Shared fixtures: a temporary SQLite file or a fresh PostgreSQL database per test."""

from __future__ import annotations

import os

# Set by the test configuration itself, before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest

from ixdesk.db import Database, open_database
from ixdesk.services.validation import regional
from tests.pg_server import PostgresServer, PostgresUnavailable, running_server

BACKENDS = ["sqlite", "postgresql"]
# ``shared_server``: a database set up with ``ixdesk server init``, and logins for it;
# ``memory_keyring``: passwords kept in memory instead of the real keyring.
pytest_plugins = ["tests.shared_server", "tests.memory_keyring"]


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user's data folder or settings."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("IXDESK_DATA_DIR", str(folder))
    monkeypatch.delenv("IXDESK_DATABASE", raising=False)
    # Phone numbers typed without a country code are read as British in tests,
    # whatever the machine's locale.
    monkeypatch.setenv("IXDESK_PHONE_REGION", "GB")
    # Dates in numbers are read in the default day/month order unless a test says.
    monkeypatch.delenv("IXDESK_DATE_ORDER", raising=False)
    # No organisation settings carried over from another test's database.
    monkeypatch.setattr(regional, "_in_use", regional.Regional())
    return folder


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        with running_server() as server:
            yield server
    except PostgresUnavailable as error:
        pytest.fail(f"the PostgreSQL test server could not start: {error}", pytrace=False)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that touches a database runs on both backends, unless marked."""
    if "backend" not in metafunc.fixturenames:
        return
    backends = list(BACKENDS)
    if metafunc.definition.get_closest_marker("sqlite_only"):
        backends.remove("postgresql")
    if metafunc.definition.get_closest_marker("postgres_only"):
        backends.remove("sqlite")
    metafunc.parametrize("backend", backends)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Where a fresh, empty ixdesk database lives for this test."""
    if backend == "sqlite":
        yield str(tmp_path / "ixdesk.db")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.fresh_database() as url:
        yield url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    opened = open_database(database_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "ixdesk.db")
    try:
        yield opened
    finally:
        opened.close()
