"""A throwaway PostgreSQL server for the test run.

Started in a temporary folder on a loopback port with the machine's
``initdb``/``pg_ctl``, checking passwords (SCRAM) as a real server does; as
root (CI) both run as the ``postgres`` user, which PostgreSQL requires.
``IXDESK_TEST_POSTGRES_URL`` points the tests at an existing server instead.
If the server cannot start, the run fails: nothing is skipped silently.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

URL_ENV = "IXDESK_TEST_POSTGRES_URL"


class PostgresUnavailable(RuntimeError):
    pass


def _find_binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    raise PostgresUnavailable(
        f"PostgreSQL's {name} was not found; install PostgreSQL 15 (apt-get install postgresql)."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """Where the server listens; ``fresh_database()`` hands out empty databases."""

    host: str
    port: int
    user: str
    password: str | None = None

    def url(self, database: str) -> str:
        auth = self.user if self.password is None else f"{self.user}:{self.password}"
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{database}"

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            dbname="postgres",
            autocommit=True,
        )

    @contextlib.contextmanager
    def fresh_database(self) -> Iterator[str]:
        name = f"ixdesk_test_{uuid.uuid4().hex[:12]}"
        with self._admin() as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield self.url(name)
        finally:
            with self._admin() as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )

    def drop_roles(self, names: list[str]) -> None:
        """Remove roles a test made (roles belong to the whole server, not one database)."""
        with self._admin() as admin:
            for name in names:
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))

    def login_url(self, database_url: str, login: str, password: str) -> str:
        """The same database, reached with another login."""
        from sqlalchemy.engine import make_url

        url = make_url(database_url).set(username=login, password=password)
        return url.render_as_string(hide_password=False)


@contextlib.contextmanager
def running_server() -> Iterator[PostgresServer]:
    existing = os.environ.get(URL_ENV)
    if existing:
        yield _server_from_url(existing)
        return
    initdb = _find_binary("initdb")
    pg_ctl = _find_binary("pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="ixdesk-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root.
        shutil.chown(root, user="postgres", group="postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data = root / "data"
    log = root / "server.log"
    port = _free_port()
    # Passwords are checked as on a real server, so the tests of logins and of a wrong
    # password mean something.
    password = uuid.uuid4().hex
    password_file = root / "password"
    password_file.write_text(password + "\n")
    if prefix:
        shutil.chown(password_file, user="postgres", group="postgres")
    try:
        _run(
            [
                *prefix,
                initdb,
                "-D",
                str(data),
                "-A",
                "scram-sha-256",
                f"--pwfile={password_file}",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            log,
        )
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        _run(
            [
                *prefix,
                pg_ctl,
                "-D",
                str(data),
                "-w",
                "-t",
                "60",
                "-l",
                str(log),
                "-o",
                options,
                "start",
            ],
            log,
        )
    except PostgresUnavailable:
        shutil.rmtree(root, ignore_errors=True)
        raise
    try:
        yield PostgresServer(host="127.0.0.1", port=port, user="postgres", password=password)
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def _run(command: list[str], log: Path) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        server_log = log.read_text(errors="replace") if log.exists() else ""
        raise PostgresUnavailable(
            f"{' '.join(command[:6])} failed ({result.returncode}):\n{result.stdout}\n"
            f"{result.stderr}\n{server_log}"
        )


def _server_from_url(url: str) -> PostgresServer:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return PostgresServer(
        host=parsed.host or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password,
    )
