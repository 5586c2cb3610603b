"""Benchmark: importing students from .xlsx against merely reading the file with openpyxl.

Generates a 100,000-row student workbook (and a 10,000-row one) whose phone
numbers come from several countries (most of them not the default region,
GB: South Africa, Nigeria, Kenya, India, the US, Germany, France, Brazil,
Australia, each written with its ``+`` code; British ones written the
national way), then, in the same run, times

* openpyxl ``read_only`` iterating every row's values (no checks, no writes),
* the whole ixdesk import: read, check, duplicate check and commit into a
  fresh SQLite database,

and prints medians, rows per second, the time of each step of the import,
the ratio (target: ixdesk at least 3x faster than openpyxl merely reading),
the ixdesk import's peak memory (measured as ru_maxrss of a child process
doing only the import; target under 300 MB), and the 10,000-row import
time (target under 2 s).

    .venv/bin/python benchmarks/bench_import.py [--rows 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HEADERS = [
    "First name",
    "Last name",
    "Email",
    "Phone",
    "School",
    "Grade",
    "Date of birth",
    "Track",
    "Parent or guardian name",
    "Parent or guardian email",
    "Parent or guardian phone",
    "Can we send you updates by SMS?",
    "Notes",
]
FIRST = [
    *("Ava", "Bongani", "Chloe", "Dineo", "Ebène", "Farhaan", "Gugu", "Hannes", "Zoë", "José"),
    *("Kea", "Lindiwe", "Marco", "Nadia", "Olivia", "Priya", "Quentin", "Rosa", "Sipho", "Tariq"),
]
LAST = [
    *("Jansen", "Mhlongo", "O'Connor", "Sekgobela", "Dubois", "Essop", "Ndaba", "Venter"),
    *("Müller", "García", "Moloi", "Naidoo", "Pillay", "Smith", "Khumalo", "Botha", "Nkosi"),
]
TRACKS = ["UX Design", "Data Analytics", "Finance", "Digital Marketing", "Software Engineering"]
DEFAULT_REGION = "GB"
# Where the numbers come from (region, share); British ones are written nationally.
PHONE_COUNTRIES = [
    *(("ZA", 30), ("NG", 10), ("KE", 8), ("IN", 10), ("US", 8), ("DE", 6), ("FR", 5)),
    *(("BR", 5), ("AU", 3), ("GB", 15)),
]


def ascii_name(name: str) -> str:
    """Addresses are plain ASCII even for accented names: "Zoë" → "zoe"."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if c.isascii() and c.isalpha())


def phone_pool(rnd: random.Random, per_country: int = 2_000) -> dict[str, list[str]]:
    """Valid mobile numbers of each country, as people write them: ``+27 82 123 4567``
    (British ones ``07400 123456``)."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat, PhoneNumberType

    pool: dict[str, list[str]] = {}
    for region, _share in PHONE_COUNTRIES:
        example = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
        digits = str(example.national_number)
        how = PhoneNumberFormat.NATIONAL if region == DEFAULT_REGION else None
        numbers: list[str] = []
        while len(numbers) < per_country:
            tail = f"{rnd.randint(0, 9999):04d}"
            number = phonenumbers.parse(f"+{example.country_code}{digits[:-4]}{tail}")
            if phonenumbers.is_valid_number(number):
                numbers.append(
                    phonenumbers.format_number(number, how or PhoneNumberFormat.INTERNATIONAL)
                )
        pool[region] = numbers
    return pool


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A realistic sign-up sheet: text, numbers, date cells, phone numbers from several
    countries, yes/no."""
    import xlsxwriter

    rnd = random.Random(seed)
    pool = phone_pool(rnd)
    regions = [region for region, _share in PHONE_COUNTRIES]
    shares = [share for _region, share in PHONE_COUNTRIES]
    workbook = xlsxwriter.Workbook(str(path))  # shared strings, as Excel itself writes
    sheet = workbook.add_worksheet("Sign-ups")
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for column, header in enumerate(HEADERS):
        sheet.write_string(0, column, header)
    schools = [f"{rnd.choice(LAST)} High School {n}" for n in range(400)]
    for row in range(1, rows + 1):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        sheet.write_string(row, 0, first)
        sheet.write_string(row, 1, last)
        sheet.write_string(row, 2, f"{ascii_name(first)}.{row}@student.example.org")
        sheet.write_string(row, 3, rnd.choice(pool[rnd.choices(regions, shares)[0]]))
        sheet.write_string(row, 4, rnd.choice(schools))
        sheet.write_number(row, 5, rnd.randint(8, 12))
        born = datetime(rnd.randint(2007, 2012), rnd.randint(1, 12), rnd.randint(1, 28))
        sheet.write_datetime(row, 6, born, day)
        sheet.write_string(row, 7, rnd.choice(TRACKS))
        sheet.write_string(row, 8, f"{rnd.choice(FIRST)} {last}")
        sheet.write_string(row, 9, f"family.{row}@mail.example.com")
        sheet.write_string(row, 10, rnd.choice(pool[rnd.choices(regions, shares)[0]]))
        sheet.write_string(row, 11, rnd.choice(["Yes", "No", "yes", "y", "No"]))
        if row % 10 == 0:
            sheet.write_string(row, 12, "Prefers online sessions")
    workbook.close()


def openpyxl_read(path: Path) -> tuple[float, float]:
    """Seconds openpyxl takes merely to read every row's values, and its CPU seconds."""
    import openpyxl

    started, cpu = time.perf_counter(), time.process_time()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _row in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()
    return time.perf_counter() - started, time.process_time() - cpu


def ixdesk_import(path: Path, folder: Path) -> tuple[float, dict[str, int], dict[str, float]]:
    """The whole import's time, its counts, and the time of each step (and "cpu": the CPU
    seconds of every thread of the process)."""
    from ixdesk.db import open_database
    from ixdesk.services.importing import commit_import, plan_import, read_table

    database = open_database(folder / f"bench-{time.monotonic_ns()}.db")
    try:
        started, cpu = time.perf_counter(), time.process_time()
        table = read_table(path)
        read = time.perf_counter()
        plan = plan_import(database, "students", table, region=DEFAULT_REGION)
        planned = time.perf_counter()
        commit_import(database, plan)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu
    finally:
        database.close()
    steps = {"read": read - started, "plan": planned - read, "commit": started + elapsed - planned}
    steps["cpu"] = cpu
    return elapsed, plan.counts, steps


def _child(path: str, folder: str) -> None:
    """Run one import alone, then report its time, counts and peak memory as JSON."""
    import resource

    elapsed, counts, steps = ixdesk_import(Path(path), Path(folder))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / 2**20 if sys.platform == "darwin" else peak / 1024
    print(json.dumps({"seconds": elapsed, "counts": counts, "steps": steps, "peak_mb": peak_mb}))


def _measure_in_child(path: Path, folder: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    with tempfile.TemporaryDirectory(prefix="ixdesk-bench-") as name:
        folder = Path(name)
        big, small = folder / "students-big.xlsx", folder / "students-small.xlsx"
        started = time.perf_counter()
        generate(big, args.rows)
        generate(small, args.small, seed=8)
        took = time.perf_counter() - started
        size = big.stat().st_size / 2**20
        print(f"generated {args.rows:,} + {args.small:,} rows in {took:.1f} s ({size:.1f} MB)")
        reads, runs = [], []
        for _ in range(args.repeat):  # taken in turns: a busy spell slows both alike
            reads.append(openpyxl_read(big))
            runs.append(_measure_in_child(big, folder))
        smalls = [_measure_in_child(small, folder) for _ in range(args.repeat)]
    read_median = statistics.median(seconds for seconds, _cpu in reads)
    read_cpu = statistics.median(cpu for _seconds, cpu in reads)
    import_cpu = statistics.median(float(run["steps"]["cpu"]) for run in runs)
    import_median = statistics.median(float(run["seconds"]) for run in runs)
    small_median = statistics.median(float(run["seconds"]) for run in smalls)
    peak = max(float(run["peak_mb"]) for run in runs)
    ratio = read_median / import_median
    mix = ", ".join(f"{region} {share}%" for region, share in PHONE_COUNTRIES)
    print(f"rows: {args.rows:,}; counts: {runs[0]['counts']}")
    print(f"phone numbers from: {mix}; default region {DEFAULT_REGION}")
    print(
        f"openpyxl read_only, reading only: median {read_median:.2f} s "
        f"({args.rows / read_median:,.0f} rows/s)"
    )
    print(
        f"ixdesk import (read, check, duplicates, commit): median {import_median:.2f} s "
        f"({args.rows / import_median:,.0f} rows/s)"
    )
    steps = {
        step: statistics.median(float(run["steps"][step]) for run in runs)
        for step in ("read", "plan", "commit")
    }
    print(
        f"  of which read_table {steps['read']:.2f} s, plan_import (checks, duplicates) "
        f"{steps['plan']:.2f} s, commit_import {steps['commit']:.2f} s (medians)"
    )
    print(
        f"ratio: ixdesk import is {ratio:.1f}x faster than openpyxl reading "
        f"(target >= 3x): {'PASS' if ratio >= 3 else 'FAIL'}"
    )
    print(
        f"CPU time (less disturbed by other work on the machine): openpyxl {read_cpu:.2f} s, "
        f"ixdesk import {import_cpu:.2f} s (all its threads): ratio {read_cpu / import_cpu:.1f}x"
    )
    print(
        f"peak memory of the import: {peak:.0f} MB (target < 300 MB): "
        f"{'PASS' if peak < 300 else 'FAIL'}"
    )
    print(
        f"{args.small:,} rows: median {small_median:.2f} s (target < 2 s): "
        f"{'PASS' if small_median < 2 else 'FAIL'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
