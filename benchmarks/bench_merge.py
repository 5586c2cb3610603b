"""Benchmark: merging a 10,000-entry event copy against a plain import of the same rows.

Builds a database of 100,000 students (by import), packs an event copy of it
for one cohort, fills the copy with 10,000 sign-ups (by import into the copy:
an event copy is an ordinary ixdesk database), then, in the same run, on
fresh file copies of the same main database, times

* ``ixdesk merge`` of the event copy (read, checks, duplicate look-up,
  insert, bookkeeping, one transaction),
* a plain ``ixdesk import`` of the same 10,000 rows (read, check, duplicate
  check, commit, the same cohort),

and prints the medians and their ratio (target: the merge no slower than
1.5x the import).

    .venv/bin/python benchmarks/bench_merge.py [--students 100000] [--entries 10000]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

COHORT = "Careers Fair Cohort 2027"
HEADERS = ["first_name", "last_name", "email", "school", "grade", "date_of_birth"]
TARGET = 1.5


def write_csv(path: Path, rows: int, prefix: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADERS)
        for n in range(rows):
            born = date(2006 + n % 6, 1 + n % 12, 1 + n % 28)
            writer.writerow(
                [
                    f"First{n}",
                    f"{prefix}{n}",
                    f"{prefix.lower()}{n}@mail.example",
                    f"School {n % 400}",
                    9 + n % 4,
                    born.isoformat(),
                ]
            )


def import_rows(database_path: Path, sheet: Path, cohort: str | None) -> float:
    from ixdesk.db import open_database
    from ixdesk.services.importing import commit_import, plan_import, read_table

    database = open_database(database_path, rolling_backup=False)
    try:
        started = time.perf_counter()
        plan = plan_import(
            database, "students", read_table(sheet), cohort=cohort, day_first=True, region="GB"
        )
        commit_import(database, plan)
        return time.perf_counter() - started
    finally:
        database.close()


def merge_copy(database_path: Path, copy: Path) -> tuple[float, dict[str, int]]:
    from ixdesk.db import open_database
    from ixdesk.services.events.merge import merge_event_copies

    database = open_database(database_path, rolling_backup=False)
    try:
        started = time.perf_counter()
        report = merge_event_copies(database, [copy])
        return time.perf_counter() - started, report.counts
    finally:
        database.close()


def build(folder: Path, students: int, entries: int) -> tuple[Path, Path, Path]:
    from ixdesk.db import models as m
    from ixdesk.db import open_database
    from ixdesk.services.events.pack import pack_event_copy
    from ixdesk.services.operations import run_operation

    main, copy = folder / "main.db", folder / "event.ixdesk"
    everyone, signups = folder / "everyone.csv", folder / "signups.csv"
    write_csv(everyone, students, "Known")
    write_csv(signups, entries, "Fair")
    database = open_database(main)
    try:
        run_operation(
            database, lambda context: context.session.add(m.Cohort(name=COHORT, capacity=None))
        )
    finally:
        database.close()
    started = time.perf_counter()
    import_rows(main, everyone, None)
    print(f"main database: {students:,} students imported in {time.perf_counter() - started:.1f} s")
    database = open_database(main, rolling_backup=False)
    try:
        started = time.perf_counter()
        pack_event_copy(database, copy, [COHORT], event_name="Benchmark fair", pin="2468")
        print(f"event copy packed in {time.perf_counter() - started:.1f} s")
    finally:
        database.close()
    import_rows(copy, signups, COHORT)
    return main, copy, signups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ixdesk-bench-") as name:
        folder = Path(name)
        main_db, copy, signups = build(folder, args.students, args.entries)
        merges, imports = [], []
        counts: dict[str, int] = {}
        for run in range(args.repeat):
            for timings, label in ((merges, "merge"), (imports, "import")):
                target = folder / f"{label}-{run}.db"
                shutil.copyfile(main_db, target)
                if label == "merge":
                    seconds, counts = merge_copy(target, copy)
                else:
                    seconds = import_rows(target, signups, COHORT)
                timings.append(seconds)
    merge_median, import_median = statistics.median(merges), statistics.median(imports)
    ratio = merge_median / import_median
    print(f"merge counts: {counts}")
    print(
        f"merge of {args.entries:,} sign-ups into {args.students:,} students: median "
        f"{merge_median:.2f} s ({args.entries / merge_median:,.0f} entries/s)"
    )
    print(
        f"plain import of the same {args.entries:,} rows: median {import_median:.2f} s "
        f"({args.entries / import_median:,.0f} rows/s)"
    )
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(f"ratio: merge takes {ratio:.2f}x the import (target <= {TARGET}x): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
