"""Two copies of ixdesk writing one SQLite file at once queue; no write is lost."""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import select

from ixdesk.db import backup, migrate, open_database
from ixdesk.db.models import Cohort, Student
from tests.pg_server import PostgresServer

WRITER = textwrap.dedent(
    """
    import sys
    from sqlalchemy import select
    from ixdesk.db import open_database
    from ixdesk.db.models import Cohort, Student

    import os, time
    path, tag, rounds, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    database = open_database(path, rolling_backup=False)
    print("ready", flush=True)
    while not os.path.exists(go):  # start together, so the writes interleave
        time.sleep(0.005)
    for index in range(rounds):
        with database.write() as session:
            # Read-modify-write: a lost update would show as a short count.
            cohort = session.scalars(select(Cohort)).one()
            cohort.capacity = (cohort.capacity or 0) + 1
            session.add(Student(first_name=tag, last_name=str(index), email=f"{tag}{index}@x.org"))
        time.sleep(0.001)  # a person, or an import, pausing between saves
    database.close()
    print("done")
    """
)


def test_two_processes_writing_one_file_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    database = open_database(path)
    with database.write() as session:
        session.add(Cohort(name="Fair sign-ups", capacity=0))
    database.close()
    rounds = 300
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), tag, str(rounds), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("table1-", "table2-")
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    go.touch()
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    database = open_database(path)
    try:
        with database.read() as session:
            capacity = session.scalars(select(Cohort.capacity)).one()
            students = session.scalars(
                select(Student.first_name).order_by(Student.created_at)
            ).all()
    finally:
        database.close()
    assert capacity == 2 * rounds
    assert len(students) == 2 * rounds
    assert students.count("table1-") == rounds
    switches = sum(1 for a, b in itertools.pairwise(students) if a != b)
    assert switches > 5, "the two writers did not really run at the same time"


OPENER = textwrap.dedent(
    """
    import datetime, os, sys, time
    from ixdesk.db import backup, open_database
    from ixdesk.db.models import Student
    from ixdesk.services.operations import create_record

    # Backup time runs 100 times faster, so every backup gets its own name and every
    # prune deletes the one before, as over weeks of real use.
    class Clock(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            hundredths = time.time_ns() // 10_000_000 % 80_000
            return cls(2026, 3, 2, 1) + datetime.timedelta(seconds=hundredths)

    backup.datetime = Clock
    path, tag, rounds, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    while not os.path.exists(go):  # start together
        time.sleep(0.005)
    for index in range(rounds):
        # Each open backs up the file changed since the last backup, then prunes.
        database = open_database(path)
        create_record(database, Student, {"first_name": tag, "last_name": str(index)})
        database.close()
    print("done")
    """
)


def _start_together(script: str, args: list[list[str]], go: Path) -> list[str]:
    """Run one child per argument list, released at once; returns what each printed."""
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, *child_args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for child_args in args
    ]
    go.touch()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err[-2000:]
        outputs.append(out.strip())
    return outputs


def test_copies_opening_one_changed_file_at_once_share_its_backups(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    open_database(path).close()
    rounds, copies, repeats = 50, 4, 3  # the race hit about 1 run in 2 of this size
    for repeat in range(repeats):
        go = tmp_path / f"go{repeat}"
        outputs = _start_together(
            OPENER, [[str(path), f"copy{n}", str(rounds), str(go)] for n in range(copies)], go
        )
        assert outputs == ["done"] * copies
    database = open_database(path, rolling_backup=False)
    try:
        with database.read() as session:
            assert len(session.scalars(select(Student.id)).all()) == rounds * copies * repeats
    finally:
        database.close()
    autos = backup.list_backups(path, backup.AUTO)
    assert len(autos) == 1  # all from one (fast) day: its newest
    with sqlite3.connect(autos[0]) as connection:
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
    connection.close()
    left = [p.name for p in backup.backup_dir_for(path).iterdir() if p.suffix != ".lock"]
    assert left == [autos[0].name]  # no temporary copy left behind


PG_OPENER = textwrap.dedent(
    """
    import os, sys, time
    from ixdesk.db import open_database

    url, go = sys.argv[1], sys.argv[2]
    while not os.path.exists(go):
        time.sleep(0.002)
    open_database(url).close()  # creates the schema, or waits for the copy doing it
    print("done")
    """
)


def test_copies_opening_a_new_postgresql_database_at_once_create_it_once(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    for attempt in range(3):
        with postgres_server.fresh_database() as url:
            go = tmp_path / f"go{attempt}"
            assert _start_together(PG_OPENER, [[url, str(go)]] * 4, go) == ["done"] * 4
            database = open_database(url, create=False)
            try:
                with database.engine.connect() as connection:
                    assert migrate.current_revision(connection) == migrate.head_revision()
            finally:
                database.close()
