"""The load script runs: copies editing shared students lose no update."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from ixdesk.db.server_roles import group_roles
from tests.pg_server import PostgresServer

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_server_load.py"


@pytest.mark.postgres_only
def test_the_load_script_finds_no_lost_update(postgres_server: PostgresServer) -> None:
    roles: list[str] = []
    try:
        with postgres_server.fresh_database() as url:
            made = group_roles(str(make_url(url).database))
            roles += [made.coordinators, made.instructors]
            done = subprocess.run(
                [sys.executable, str(SCRIPT), "--url", url, "--processes", "2", "--edits", "30",
                 "--students", "3"],
                capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
    finally:
        postgres_server.drop_roles(roles)  # the script removed its logins itself
    assert done.returncode == 0, done.stderr
    assert "versions add up: True; each student's tally adds up: True" in done.stdout
    assert "edits/s" in done.stdout and "no lost update" in done.stdout
