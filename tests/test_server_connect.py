"""Connecting to a shared server: one clear sentence for each way it can fail, passwords
only in the keyring, and the connections made before remembered without them."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from keyring.testing.backend import BackendBasicTests
from sqlalchemy import text
from sqlalchemy.engine import make_url

from ixdesk.db import open_database
from ixdesk.db.server_problems import check_server_version, explain_connection
from ixdesk.db.server_roles import COORDINATOR
from ixdesk.errors import DatabaseOpenError, DatabaseTooNewError
from ixdesk.services import connections as c
from ixdesk.services import keyring_store
from tests.memory_keyring import MemoryKeyring
from tests.shared_server import SharedServer

SERVER = make_url("postgresql+psycopg://cora@db.example.org:5433/ixdesk?sslmode=disable")


class TestMemoryKeyring(BackendBasicTests):
    """The fake keyring passes keyring's own checks of a backend."""

    def init_keyring(self) -> MemoryKeyring:
        return MemoryKeyring()


def _refusal(url: str) -> str:
    with pytest.raises(DatabaseOpenError) as raised:
        open_database(url, create=False).close()
    return str(raised.value)


@pytest.mark.postgres_only
def test_a_wrong_password_is_said_as_such(shared_server: SharedServer) -> None:
    name, _url = shared_server.add_login(COORDINATOR, "cora")
    said = _refusal(shared_server.url_for(name, "not the password"))
    assert said.startswith("The server 127.0.0.1:") and "refused the user name or password" in said
    assert "not the password" not in said and name in said


@pytest.mark.postgres_only
def test_a_missing_database_is_said_as_such(shared_server: SharedServer) -> None:
    _name, url = shared_server.add_login(COORDINATOR, "cora")
    elsewhere = make_url(url).set(database="no_such_ixdesk")
    said = _refusal(elsewhere.render_as_string(hide_password=False))
    assert "has no database called no_such_ixdesk" in said


@pytest.mark.postgres_only
def test_tls_required_by_the_connection_but_not_offered(shared_server: SharedServer) -> None:
    _name, url = shared_server.add_login(COORDINATOR, "cora")
    said = _refusal(f"{url}?sslmode=require")
    assert "does not offer encrypted (TLS) connections" in said and "sslmode=require" in said


@pytest.mark.postgres_only
def test_a_schema_newer_than_this_ixdesk(shared_server: SharedServer) -> None:
    _name, url = shared_server.add_login(COORDINATOR, "cora")
    with shared_server.admin.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseTooNewError, match="written by a newer version of ixdesk"):
        open_database(url, create=False)


def test_tls_required_by_the_server() -> None:
    said = explain_connection(
        SERVER,
        "28000",
        'no pg_hba.conf entry for host "10.0.0.5", user "cora", database "ixdesk", no encryption',
    )
    assert said.startswith("The server db.example.org:5433 accepts only encrypted (TLS)")
    older = explain_connection(SERVER, "28000", "no pg_hba.conf entry for host, SSL off")
    assert older == said


def test_unreachable_and_not_let_in() -> None:
    gone = explain_connection(SERVER, None, 'connection to server at "db.example.org" failed: '
                              "Connection refused")  # fmt: skip
    assert gone.startswith("The server db.example.org:5433 cannot be reached")
    shut = explain_connection(SERVER, "28000", 'no pg_hba.conf entry for host "10.0.0.5"')
    assert "does not let cora in from this computer" in shut


def test_a_server_older_than_13_is_refused() -> None:
    check_server_version(SERVER, 130000)
    with pytest.raises(DatabaseOpenError, match=r"runs PostgreSQL 12; ixdesk needs PostgreSQL 13"):
        check_server_version(SERVER, 120007)
    with pytest.raises(DatabaseOpenError, match=r"runs PostgreSQL 9\.6;"):
        check_server_version(SERVER, 90624)


def test_the_password_goes_to_the_keyring_and_nowhere_else(
    memory_keyring: MemoryKeyring, _isolated_user_folders: Path
) -> None:
    server = c.ServerConnection("db.example.org", "ixdesk", "cora", 5433, "require")
    assert c.save_password(server, "s3cret pass") is None
    c.remember(server)
    assert memory_keyring.passwords == {
        ("ixdesk", "cora@db.example.org:5433/ixdesk"): "s3cret pass"
    }
    kept = (_isolated_user_folders / "connections.json").read_text()
    assert "s3cret" not in kept
    assert json.loads(kept) == [
        {"host": "db.example.org", "database": "ixdesk", "user": "cora", "port": 5433,
         "sslmode": "require"}
    ]  # fmt: skip
    assert c.remembered() == [server] and c.saved_password(server) == "s3cret pass"
    other = c.ServerConnection("db.example.org", "ixdesk", "olga")
    c.remember(other)
    assert c.remembered() == [other, server]  # the last one used first
    c.forget(server)
    assert c.remembered() == [other] and c.saved_password(server) is None


def test_without_a_keyring_the_password_is_not_kept_and_that_is_said(
    _isolated_user_folders: Path,
) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        server = c.ServerConnection("db.example.org", "ixdesk", "cora")
        assert c.save_password(server, "pw") == keyring_store.NO_KEYRING
        assert c.saved_password(server) is None
    finally:
        keyring.set_keyring(before)


def test_the_real_keyring_is_used_by_default() -> None:
    """ixdesk never picks a backend itself: keyring's own choice for this computer."""
    import inspect

    source = inspect.getsource(keyring_store)
    assert "set_keyring" not in source and "keyring.get_password(" in source
    assert "keyring.get_password(" not in inspect.getsource(c)  # it goes through the store
    assert not isinstance(keyring.get_keyring(), MemoryKeyring)


@pytest.mark.postgres_only
def test_an_upgrade_a_coordinator_cannot_make_is_said(shared_server: SharedServer) -> None:
    _, url = shared_server.add_login(COORDINATOR, "cora")
    with shared_server.admin.engine.begin() as connection:  # as if made by an older ixdesk
        connection.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    with pytest.raises(DatabaseOpenError, match="only the server's administrator can make"):
        open_database(url, create=False)
    with shared_server.admin.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0004"
        )
