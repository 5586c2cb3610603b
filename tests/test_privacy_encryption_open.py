"""Opening an encrypted file: the password is turned into a key once, every page is
decrypted once by the checks, and nothing is left beside a file that is refused."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from ixdesk.db import cipher, open_database
from ixdesk.db.engine import integrity_problems
from ixdesk.errors import DamagedDatabaseError, DatabaseOpenError, DatabaseTooNewError
from ixdesk.services.privacy import erasure
from tests import privacy_world

PASSWORD = "correct horse"


def _encrypted(path: Path) -> Path:
    database = open_database(path, password=PASSWORD, rolling_backup=False)
    try:
        privacy_world.build(database)
        erasure.forget_freed_space(database)
    finally:
        database.close()
    return path


def _pragma(dbapi_connection: Any, name: str) -> int:
    cursor = dbapi_connection.cursor()
    try:
        return int(cursor.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        cursor.close()


@pytest.fixture
def checks_seen() -> Iterator[list[tuple[str, int, int]]]:
    """Each SQLite check run by any engine: (statement, cache size, pages in the file)."""
    seen: list[tuple[str, int, int]] = []

    def before(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if statement in ("PRAGMA quick_check", "PRAGMA integrity_check"):
            connection = cursor.connection
            seen.append(
                (statement, _pragma(connection, "cache_size"), _pragma(connection, "page_count"))
            )

    event.listen(Engine, "before_cursor_execute", before)
    yield seen
    event.remove(Engine, "before_cursor_execute", before)


def test_the_checks_decrypt_each_page_of_an_encrypted_file_once(
    tmp_path: Path, checks_seen: list[tuple[str, int, int]]
) -> None:
    path = _encrypted(tmp_path / "secret.db")
    checks_seen.clear()
    database = open_database(path, password=PASSWORD, rolling_backup=False)
    try:
        assert integrity_problems(database) == []
        # Every page stays decrypted while a check reads it (it reads a table's pages
        # twice: its tree, then its rows) ...
        assert [check for check, _cache, _pages in checks_seen] == [
            "PRAGMA quick_check",
            "PRAGMA integrity_check",
        ]
        assert all(cache >= pages > 0 for _check, cache, pages in checks_seen), checks_seen
        # ... and the connection keeps its usual cache afterwards.
        with database.engine.connect() as connection:
            size = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
        assert size == -cipher.CACHE_KIB
    finally:
        database.close()


def test_the_checks_of_an_unencrypted_file_keep_sqlites_cache(
    tmp_path: Path, checks_seen: list[tuple[str, int, int]]
) -> None:
    path = tmp_path / "plain.db"
    open_database(path, rolling_backup=False).close()
    checks_seen.clear()
    database = open_database(path, rolling_backup=False)
    try:
        assert integrity_problems(database) == []
    finally:
        database.close()
    default = sqlite3.connect(":memory:").execute("PRAGMA cache_size").fetchone()[0]
    assert [cache for _check, cache, _pages in checks_seen] == [default, default]


def test_the_held_pages_of_a_large_file_are_capped(
    tmp_path: Path, checks_seen: list[tuple[str, int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _encrypted(tmp_path / "secret.db")
    monkeypatch.setattr(cipher, "CHECK_CACHE_BYTES", 8 * 4096)
    checks_seen.clear()
    open_database(path, password=PASSWORD, rolling_backup=False).close()
    assert [(cache, pages > 8) for _check, cache, pages in checks_seen] == [(8, True)]


def test_the_password_is_derived_once_per_open_and_each_connection_gets_the_raw_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _encrypted(tmp_path / "secret.db")
    derived: list[int] = []
    keys: list[str] = []
    real_pbkdf2 = hashlib.pbkdf2_hmac

    def pbkdf2_hmac(name: str, password: bytes, salt: bytes, rounds: int, size: int) -> bytes:
        derived.append(rounds)
        return real_pbkdf2(name, password, salt, rounds, size)

    real_apply = cipher.apply_key

    def apply_key(connection: Any, key: str) -> None:
        keys.append(key)
        real_apply(connection, key)

    monkeypatch.setattr(cipher.hashlib, "pbkdf2_hmac", pbkdf2_hmac)
    monkeypatch.setattr(cipher, "apply_key", apply_key)
    database = open_database(path, password=PASSWORD, rolling_backup=False)
    try:
        with database.read() as first, database.read() as second, database.write() as third:
            for session in (first, second, third):  # three pooled connections at once
                session.connection().exec_driver_sql("SELECT count(*) FROM students").scalar()
    finally:
        database.close()
    assert derived == [256_000]  # SQLCipher 4's default, once
    assert len(keys) >= 4  # the password check and three pooled connections
    assert len(set(keys)) == 1 and keys[0].startswith("\"x'")  # the raw key: no KDF again


def test_a_wrong_password_is_still_one_sentence(tmp_path: Path) -> None:
    path = _encrypted(tmp_path / "secret.db")
    with pytest.raises(DatabaseOpenError) as refused:
        open_database(path, password="wrong", rolling_backup=False)
    message = str(refused.value)
    assert message == cipher.WRONG_PASSWORD.format(path=path.resolve())
    assert message.count(". ") == 0 and "\n" not in message


def test_an_encrypted_file_refused_after_its_password_is_checked_has_nothing_beside_it(
    tmp_path: Path,
) -> None:
    path = _encrypted(tmp_path / "newer.db")  # in write-ahead-log mode, as once opened
    key = cipher.key_to_use(path, PASSWORD)
    assert key is not None
    connection = cipher.connect(path, key)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="was not changed"):
        open_database(path, password=PASSWORD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]  # no -wal, no -shm
    assert path.read_bytes() == before


def test_a_damaged_encrypted_file_is_refused_in_one_line(tmp_path: Path) -> None:
    from ixdesk.services.demo import generate_demo

    path = tmp_path / "secret.db"
    database = open_database(path, password=PASSWORD, rolling_backup=False)
    try:
        generate_demo(database, students=300, seed=1)
    finally:
        database.close()
    size = path.stat().st_size
    with open(path, "r+b") as stream:  # bytes changed inside a page: its HMAC fails
        stream.seek(size // 2 + 100)
        stream.write(b"\xff" * 64)
    with pytest.raises(DamagedDatabaseError) as refused:
        open_database(path, password=PASSWORD, rolling_backup=False)
    message = str(refused.value)
    assert message.startswith(f"The database {path.resolve()} is damaged (Tree ")
    assert "\n" not in message and "***" not in message
