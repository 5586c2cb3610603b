"""A database that cannot be written: one sentence, and no row value in any message or log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, make_url, text

import ixdesk.db
from ixdesk.cli import main
from ixdesk.db import open_database
from ixdesk.logfile import log_file
from tests.test_import_support import write_csv

HEADER = ["First name", "Last name", "Email", "Phone", "Guardian name", "Guardian email"]
LEA = ["Lea", "Rossi", "t0.lea@example.com", "+44 7911 123456", "Maria Bianchi", "m.b@example.net"]
# What may never be printed or logged: every value of the row, and the phone as stored.
SECRETS = [*LEA[2:], "Rossi", "+447911123456", "Bianchi"]


def make_read_only(database_url: str, backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The database opens and reads, and refuses the first write (an INSERT, with values)."""
    if backend == "postgresql":
        engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
        name = make_url(database_url).database
        with engine.connect() as connection:
            connection.execute(
                text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
            )
        engine.dispose()
        return
    # SQLite: connections open the file read-only (SQLite's own mode=ro, what it falls
    # back to for a file the user may not write; chmod would not stop root).
    opening = ixdesk.db.open_database

    def open_then_read_only(*args: Any, **kwargs: Any) -> Any:
        database = opening(*args, **kwargs)

        @event.listens_for(database.engine, "do_connect")
        def read_only(
            _dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]
        ) -> None:
            cargs[0] = f"file:{cargs[0]}?mode=ro"
            cparams["uri"] = True

        database.engine.dispose()  # the connections opened so far could write
        return database

    monkeypatch.setattr(ixdesk.db, "open_database", open_then_read_only)


def test_a_read_only_database_is_one_sentence_without_row_values(
    database_url: str,
    backend: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    open_database(database_url).close()  # created at the newest schema
    source = write_csv(tmp_path / "signups.csv", [HEADER, LEA])
    make_read_only(database_url, backend, monkeypatch)
    assert main(["--database", database_url, "import", "students", str(source)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("ixdesk: error: The database is read-only: nothing was saved."), err
    assert _no_secrets(err) == []
    logged = log_file().read_text(encoding="utf-8") if log_file().exists() else ""
    assert _no_secrets(logged) == []


def _no_secrets(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.sqlite_only
def test_a_full_database_disk_is_one_sentence_without_row_values(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    open_database(database_url).close()
    source = write_csv(tmp_path / "signups.csv", [[*HEADER, "Notes"], [*LEA, "n" * 100_000]])
    opening = ixdesk.db.open_database

    def open_on_a_full_disk(*args: Any, **kwargs: Any) -> Any:
        database = opening(*args, **kwargs)

        @event.listens_for(database.engine, "connect")
        def no_more_pages(dbapi_connection: Any, _record: Any) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL past it

        database.engine.dispose()
        return database

    monkeypatch.setattr(ixdesk.db, "open_database", open_on_a_full_disk)
    assert main(["--database", database_url, "import", "students", str(source)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"ixdesk: error: The disk holding the database {database_url} is full")
    assert _no_secrets(err) == []


@pytest.mark.sqlite_only
def test_an_unexpected_database_error_names_its_kind_and_logs_no_row_values(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database(database_url)
    with database.engine.begin() as connection:  # a trigger calling a function no one defined
        connection.exec_driver_sql(
            "CREATE TRIGGER odd BEFORE INSERT ON students BEGIN SELECT nowhere(NEW.email); END"
        )
    database.close()
    source = write_csv(tmp_path / "signups.csv", [HEADER, LEA])
    assert main(["--database", database_url, "import", "students", str(source)]) == 1
    err = capsys.readouterr().err
    assert err == f"ixdesk: unexpected problem (OperationalError); details are in {log_file()}\n"
    logged = log_file().read_text(encoding="utf-8")
    assert "sqlite3.OperationalError" in logged and "no such function: nowhere" in logged
    assert "SQL: INSERT INTO students" in logged and "commit.py" in logged  # where, and what
    assert _no_secrets(logged) == []
