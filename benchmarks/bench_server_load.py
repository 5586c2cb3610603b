"""Several coordinators editing the same students on one shared server at once.

    .venv/bin/python benchmarks/bench_server_load.py [--url postgresql://…] \\
        [--processes 8] [--edits 500] [--students 20]

Each process opens the database with its own coordinator login and makes
``--edits`` edits, each to a student chosen at random among ``--students``
shared by all, the way the window saves: it reads the student and the version
it saw, then saves a change to that version. A save refused because someone
else saved the student since (ixdesk's optimistic lock) is reported and
counted, never lost silently. At the end every save that went through must
be in the database: the students' versions add up to the number of saves,
and each student's tally (in its notes) equals the saves made to it. Printed:
edits/s, saves and refused saves.

Without ``--url`` a throwaway PostgreSQL server is started as the tests do
(tests/pg_server.py). The database is set up with ``ixdesk server init`` and
each process logs in as its own coordinator.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import random
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select
from sqlalchemy.engine import make_url

from ixdesk.db import models as m
from ixdesk.db import open_database
from ixdesk.db.server_roles import COORDINATOR
from ixdesk.errors import ChangedElsewhereError
from ixdesk.services.operations import create_record, update_record
from ixdesk.services.server import add_user, init_server, remove_user


@dataclass
class Result:
    saved: dict[str, int]  # student id -> saves that went through
    refused: int
    seconds: float


def tally(notes: str | None) -> int:
    return int(notes or 0)


def _edit(url: str, student_ids: list[str], edits: int, seed: int) -> Result:
    chooser = random.Random(seed)
    database = open_database(url, create=False)
    saved = dict.fromkeys(student_ids, 0)
    refused = 0
    started = time.perf_counter()
    try:
        for _ in range(edits):
            student_id = chooser.choice(student_ids)
            with database.read() as session:
                version, notes = session.execute(
                    select(m.Student.version, m.Student.notes).where(m.Student.id == student_id)
                ).one()
            try:
                update_record(
                    database, m.Student, student_id, version, {"notes": str(tally(notes) + 1)}
                )
                saved[student_id] += 1
            except ChangedElsewhereError:
                refused += 1  # the window says so and offers to reload: reported, not lost
    finally:
        database.close()
    return Result(saved, refused, time.perf_counter() - started)


def _work(arguments: tuple[str, list[str], int, int]) -> Result:
    return _edit(*arguments)


@contextlib.contextmanager
def _server(url: str | None) -> Iterator[str]:
    """The administrator's URL of the database to load (a throwaway one without --url)."""
    if url is not None:
        yield url
        return
    from tests.pg_server import running_server

    with running_server() as server, server.fresh_database() as fresh:
        yield fresh  # the throwaway server goes whole afterwards, roles included


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", help="an empty PostgreSQL database, as its administrator")
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--students", type=int, default=20)
    args = parser.parse_args()
    with _server(args.url) as admin_url:
        admin = open_database(admin_url)
        init_server(admin)
        student_ids = [
            create_record(admin, m.Student, {"first_name": f"S{n}", "last_name": "Load"}).id
            for n in range(args.students)
        ]
        prefix = f"load{uuid.uuid4().hex[:6]}_"
        work, logins = [], [f"{prefix}{number}" for number in range(args.processes)]
        for number, login in enumerate(logins):
            password = add_user(admin, login, COORDINATOR)
            url = make_url(admin_url).set(username=login, password=password)
            work.append(
                (url.render_as_string(hide_password=False), student_ids, args.edits, number)
            )
        started = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(args.processes) as pool:
            results = pool.map(_work, work)
        wall = time.perf_counter() - started
        with admin.read() as session:
            rows = session.execute(
                select(m.Student.id, m.Student.version, m.Student.notes).where(
                    m.Student.id.in_(student_ids)
                )
            ).all()
        for login in logins:
            remove_user(admin, login)
        admin.close()
    total_edits = args.processes * args.edits
    saves = sum(sum(result.saved.values()) for result in results)
    refused = sum(result.refused for result in results)
    per_student = {id_: sum(r.saved[id_] for r in results) for id_ in student_ids}
    versions_add_up = sum(version - 1 for _, version, _ in rows) == saves
    tallies_add_up = all(tally(notes) == per_student[str(id_)] for id_, _, notes in rows)
    editing = max(result.seconds for result in results)  # without starting the processes
    print(
        f"{args.processes} processes × {args.edits} edits on {args.students} shared students: "
        f"{total_edits / editing:,.0f} edits/s ({editing:.1f} s editing, {wall:.1f} s in all)"
    )
    print(f"saved {saves:,}, refused {refused:,} (reported as changed elsewhere)")
    print(f"every edit accounted for: {saves + refused == total_edits}")
    print(f"versions add up: {versions_add_up}; each student's tally adds up: {tallies_add_up}")
    lost = not (versions_add_up and tallies_add_up and saves + refused == total_edits)
    print("LOST UPDATES" if lost else "no lost update")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
