"""How fast, and in how much memory, ixdesk writes 100,000 students to Excel.

    .venv/bin/python benchmarks/bench_export.py [--students 100000] [--repeat 3]
        [--database FILE]   # reuse a database made by ``ixdesk demo --students N``

The same student rows (12 columns, streamed from the database with one Core
select) are written twice per round, alternately:

* baseline: plain openpyxl in ``write_only`` mode (``ws.append(row)``, no styles);
* ixdesk: ``export_records(..., "students", fields=...)``, the full export's
  writer: bold frozen header, autofilter, fitted widths, date cells, print
  set-up, every text cell checked for formulas, control characters and length.

Targets (issue: Excel rosters): ixdesk's throughput >= 1.8x the baseline's,
and the extra memory of an export <= 50 MB whatever the row count: the peak
RSS growth is measured in fresh subprocesses at 20% and 100% of the rows.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl
from sqlalchemy import func, insert, select

from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.services.export import export_records
from ixdesk.services.export.workbook import Column, Workbook
from ixdesk.services.read import full as q

FIELDS = (
    "id",
    "last_name",
    "first_name",
    "preferred_name",
    "email",
    "phone",
    "school",
    "grade",
    "date_of_birth",
    "guardian_name",
    "guardian_email",
    "notes",
)
TARGET_RATIO = 1.8
TARGET_MB = 50


def _count(database: Database) -> int:
    with database.read() as session:
        return int(session.scalar(select(func.count()).select_from(m.Student)) or 0)


def _fill(database: Database, students: int) -> None:
    """generate_demo when the demo module exists; otherwise plain students, quickly."""
    try:
        from ixdesk.services.demo import generate_demo
    except ImportError:
        generate_demo = None
    started = time.perf_counter()
    if generate_demo is not None:
        generate_demo(database, students=students, seed=1)
        how = "generate_demo"
    else:
        _plain_students(database, students)
        how = "plain students (ixdesk.services.demo is not there yet)"
    print(f"built {students:,} students with {how} in {time.perf_counter() - started:.1f} s")


def _plain_students(database: Database, students: int) -> None:
    rng = random.Random(1)
    firsts = ["Zoë", "Sam", "Ana", "Noah", "Maya", "Leo", "Ines", "Omar", "Lena", "Kai"]
    lasts = ["Ørsted", "Smith", "García", "Nguyen", "Müller", "Okafor", "Rossi", "Kowalski"]
    schools = ["Leeds High", "Lycée Victor Hugo", "Riverside Academy", "St Mary's College"]
    with database.write() as session:
        for start in range(0, students, 5_000):
            rows = []
            for n in range(start, min(start + 5_000, students)):
                first, last = rng.choice(firsts), rng.choice(lasts)
                rows.append(
                    {
                        "first_name": first,
                        "last_name": last,
                        "preferred_name": first[:3] if n % 7 == 0 else None,
                        "email": f"{first.lower()}.{n}@school.example",
                        "phone": f"+44 7700 {n % 1_000_000:06d}",
                        "school": rng.choice(schools),
                        "grade": rng.randint(9, 13),
                        "date_of_birth": date(2006, 1, 1) + timedelta(days=rng.randint(0, 1500)),
                        "guardian_name": f"{rng.choice(firsts)} {last}",
                        "guardian_email": f"guardian.{n}@home.example",
                        "notes": "Needs a laptop" if n % 5 == 0 else None,
                    }
                )
            session.execute(insert(m.Student), rows)


def _openpyxl(database: Database, path: Path) -> int:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("students")
    sheet.append(FIELDS)
    rows = 0
    with database.read() as session:
        for row in q.stream(session, q.table_select(m.Student, FIELDS)):
            sheet.append(list(row))
            rows += 1
    book.save(path)
    return rows


def _ixdesk(database: Database, path: Path) -> None:
    export_records(database, "students", path, fields=FIELDS)


def measure_memory(database_path: Path, rows: int) -> dict[str, float]:
    """Run in a fresh process: peak RSS growth while writing ``rows`` students.

    On Linux the peak (VmHWM) is reset after a warm-up export, so the growth is
    the export's own high-water mark over the resident size it started from.
    Elsewhere it falls back to ``ru_maxrss`` (peak over the process's life).
    """
    database = open_database(database_path, rolling_backup=False)
    with tempfile.TemporaryDirectory() as folder:
        _write_limited(database, Path(folder) / "warm.xlsx", 50)  # load every module first
        gc.collect()
        before = _resident_mb("VmRSS")
        reset = _reset_peak()
        if not reset:
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _RU_SCALE / 2**20
        _write_limited(database, Path(folder) / "students.xlsx", rows)
        peak = _resident_mb("VmHWM") if reset else None
        if peak is None:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _RU_SCALE / 2**20
    return {"rows": rows, "before_mb": before or 0.0, "growth_mb": max(peak - (before or 0), 0)}


_RU_SCALE = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux


def _resident_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return _resident_mb("VmHWM") is not None


def _write_limited(database: Database, path: Path, rows: int) -> None:
    with database.read() as session, Workbook(path, title="students") as book:
        sheet = book.add_sheet("students", [Column(field) for field in FIELDS])
        sheet.write_rows(q.stream(session, q.table_select(m.Student, FIELDS).limit(rows)))
        book.save()


def _memory_in_subprocess(database_path: Path, rows: int) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--measure-memory", str(rows), "--database", str(database_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", type=Path, help="an existing database to reuse")
    parser.add_argument("--measure-memory", type=int, metavar="ROWS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_memory is not None:
        print(json.dumps(measure_memory(args.database, args.measure_memory)))
        return 0

    with tempfile.TemporaryDirectory() as folder:
        path = args.database or Path(folder) / "bench.db"
        database = open_database(path, rolling_backup=False)
        if args.database is None:
            _fill(database, args.students)
        rows = _count(database)
        print(f"{rows:,} students in {path}; {len(FIELDS)} columns; {args.repeat} rounds")
        times: dict[str, list[float]] = {"openpyxl write_only": [], "ixdesk": []}
        sizes: dict[str, int] = {}
        for _ in range(args.repeat):
            for name, write in (("openpyxl write_only", _openpyxl), ("ixdesk", _ixdesk)):
                target = Path(folder) / f"{name.split()[0]}.xlsx"
                started = time.perf_counter()
                write(database, target)
                times[name].append(time.perf_counter() - started)
                sizes[name] = target.stat().st_size
        database.close()
        speeds = {name: rows / statistics.median(values) for name, values in times.items()}
        for name, speed in speeds.items():
            print(
                f"{name:>20}: {speed:>10,.0f} rows/s  (median "
                f"{statistics.median(times[name]):.2f} s, file {sizes[name] / 2**20:.1f} MB)"
            )
        ratio = speeds["ixdesk"] / speeds["openpyxl write_only"]
        verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
        print(f"ratio ixdesk / openpyxl: {ratio:.2f}x ({verdict} the {TARGET_RATIO}x target)")

        memory = [_memory_in_subprocess(path, max(rows // 5, 1)), _memory_in_subprocess(path, rows)]
        for each in memory:
            print(
                f"extra memory writing {each['rows']:>9,.0f} rows: {each['growth_mb']:6.1f} MB"
                f" (process at {each['before_mb']:.0f} MB before)"
            )
        worst = max(each["growth_mb"] for each in memory)
        verdict = "meets" if worst <= TARGET_MB else "MISSES"
        print(f"worst extra memory: {worst:.1f} MB ({verdict} the {TARGET_MB} MB target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
