"""Two copies of ixdesk writing one SQLite file at once queue; no write is lost."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import select

from ixdesk.db import open_database
from ixdesk.db.models import Cohort, Student

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
