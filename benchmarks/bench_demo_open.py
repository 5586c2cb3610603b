"""How long demo data takes to write, and a large database to open, against plain sqlite3.

    .venv/bin/python benchmarks/bench_demo_open.py [--students 100000] [--repeat 3]

1. ``generate_demo`` into a fresh file, median of ``--repeat`` runs; the
   baseline inserts the same number of student rows (taken from the demo
   file) with ``sqlite3`` ``executemany`` into a table of the same shape, same
   indexes and same durability settings, in one transaction.
2. Open to ready: ``open_database(path)`` and a first ``SELECT count(*) FROM
   students``. The first open of a file takes a rolling backup, so it is
   reported apart from the repeat opens. The baseline is ``sqlite3.connect`` +
   ``PRAGMA quick_check`` + the same count.

Everything happens in a temporary folder with explicit paths; nothing is read
from or written to the user's data folder.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from ixdesk.db import open_database
from ixdesk.services.demo import DemoSummary, generate_demo


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _seconds(values: list[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values) + " s"


def make_demo(path: Path, students: int) -> tuple[float, DemoSummary]:
    """Seconds for ``generate_demo`` alone (creating the empty schema is not counted)."""
    database = open_database(path)
    try:
        return _timed(lambda: generate_demo(database, students=students, seed=1))
    finally:
        database.close()


def baseline_insert(source: Path, target: Path) -> float:
    """Plain ``sqlite3``: the demo's student rows into a same-shaped table, one transaction."""
    with sqlite3.connect(source) as reader:
        schema = [
            sql
            for (sql,) in reader.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'students' AND sql IS NOT NULL "
                "ORDER BY type DESC"  # the table before its indexes
            )
        ]
        cursor = reader.execute("SELECT * FROM students")
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    writer = sqlite3.connect(target, isolation_level=None)
    try:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA synchronous = FULL")  # as ixdesk writes
        for sql in schema:
            writer.execute(sql)
        marks = ", ".join("?" for _ in columns)
        insert = f"INSERT INTO students ({', '.join(columns)}) VALUES ({marks})"

        def write() -> None:
            writer.execute("BEGIN IMMEDIATE")
            writer.executemany(insert, rows)
            writer.execute("COMMIT")

        seconds, _ = _timed(write)
    finally:
        writer.close()
    return seconds


def open_to_ready(path: Path) -> tuple[float, bool]:
    """Seconds from ``open_database`` to the first count; whether a backup was taken."""

    def open_and_count() -> bool:
        database = open_database(path)
        try:
            with database.read() as session:
                session.execute(text("SELECT count(*) FROM students")).scalar_one()
            return database.backup_taken is not None
        finally:
            database.close()

    return _timed(open_and_count)


def baseline_open(path: Path) -> float:
    def open_and_count() -> None:
        connection = sqlite3.connect(path)
        try:
            assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
            connection.execute("SELECT count(*) FROM students").fetchone()
        finally:
            connection.close()

    return _timed(open_and_count)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n, repeat = args.students, max(1, args.repeat)

    with tempfile.TemporaryDirectory(prefix="ixdesk-bench-demo-") as folder_name:
        folder = Path(folder_name)
        kept = folder / "demo-0.db"
        demo_times: list[float] = []
        summary: DemoSummary | None = None
        for run in range(repeat):
            path = folder / f"demo-{run}.db"
            seconds, summary = make_demo(path, n)
            demo_times.append(seconds)
            if path != kept:  # one copy is enough for the rest; keep the folder small
                for leftover in folder.glob(f"demo-{run}.db*"):
                    leftover.unlink()
        assert summary is not None
        insert_times = [baseline_insert(kept, folder / f"plain-{run}.db") for run in range(repeat)]
        demo, plain = statistics.median(demo_times), statistics.median(insert_times)
        rows = sum(vars(summary).values())
        print(
            f"demo {n:,} students: median {demo:.2f} s "
            f"(baseline sqlite3 executemany {plain:.2f} s, ratio {demo / plain:.1f}x)"
        )
        print(f"  demo runs: {_seconds(demo_times)}; baseline runs: {_seconds(insert_times)}")
        print(
            f"  the demo builds and writes {rows:,} rows in 12 tables; the baseline writes "
            f"only the {n:,} ready-made student rows"
        )
        print(f"  database file: {kept.stat().st_size / 1e6:.0f} MB")

        first, backed_up = open_to_ready(kept)
        repeats = [open_to_ready(kept) for _ in range(repeat)]
        opens = [seconds for seconds, _ in repeats]
        plain_opens = [baseline_open(kept) for _ in range(repeat)]
        ready, plain_ready = statistics.median(opens), statistics.median(plain_opens)
        backups = sum(taken for _, taken in repeats)
        print(
            f"open to ready, {n:,} students: first open {first:.2f} s "
            f"({'with' if backed_up else 'without'} its automatic backup); repeat opens "
            f"median {ready:.2f} s (baseline sqlite3 connect + quick_check + count "
            f"{plain_ready:.2f} s, ratio {ready / plain_ready:.1f}x)"
        )
        print(
            f"  repeat opens: {_seconds(opens)} ({backups} of them took a backup); "
            f"baseline runs: {_seconds(plain_opens)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
