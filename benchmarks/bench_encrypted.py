"""Open, list and export on an encrypted database against the same one unencrypted.

    .venv/bin/python benchmarks/bench_encrypted.py [--students 100000] [--repeat 3]
    .venv/bin/python benchmarks/bench_encrypted.py --database FILE   # a copy is used

Makes a demo database (or copies the one given), encrypts a second copy with
SQLCipher (``ixdesk encrypt``'s ``cipher.encrypt_file``), then, alternately on
the two files in the same run:

* open:   ``open_database`` (password to key, quick check, schema check, write-ahead
          log), then close;
* list:   every student as ``ixdesk list students --json`` reads them (``iter_records``);
* export: the students sheet as ``export_records`` writes it (.xlsx, 100,000 rows).

Each figure is the median of ``--repeat`` rounds, in elapsed time and in this process's
CPU time (steadier on a busy machine; the work is on one thread); the ratio is
encrypted / plain. Target: every ratio <= 1.5.

Where an encrypted open's extra time goes (docs/privacy.md): turning the password into
the key once (PBKDF2-HMAC-SHA512, 256,000 rounds, SQLCipher's default), and decrypting
and authenticating every page once for the quick check, which holds the pages it reads
so that none is decrypted twice.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ixdesk.db import cipher, open_database
from ixdesk.services.export.full import export_records
from ixdesk.services.listing import iter_records
from ixdesk.services.record_kinds import Kind

TARGET = 1.5
PASSWORD = "benchmark password"


def _open(path: Path, password: str | None) -> None:
    open_database(path, rolling_backup=False, password=password).close()


def _list(path: Path, password: str | None) -> int:
    database = open_database(path, rolling_backup=False, password=password)
    try:
        return sum(1 for _ in iter_records(database, Kind.STUDENTS, None, None))
    finally:
        database.close()


def _export(path: Path, password: str | None, out: Path) -> None:
    database = open_database(path, rolling_backup=False, password=password)
    try:
        export_records(database, "students", out)
    finally:
        database.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, help="an existing database (copied)")
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain.db"
        if args.database is not None:
            shutil.copyfile(args.database, plain)
        else:
            from ixdesk.services.demo import generate_demo

            started = time.perf_counter()
            database = open_database(plain, rolling_backup=False)
            generate_demo(database, students=args.students, seed=1)
            database.close()
            print(f"demo data: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        encrypted = Path(folder) / "encrypted.db"
        shutil.copyfile(plain, encrypted)
        cipher.encrypt_file(encrypted, PASSWORD)
        files = {"plain": (plain, None), "encrypted": (encrypted, PASSWORD)}
        steps: dict[str, Callable[[Path, str | None], object]] = {
            "open": _open,
            "list": _list,
            "export": lambda path, key: _export(path, key, Path(folder) / "out.xlsx"),
        }
        times: dict[tuple[str, str], list[float]] = {}
        cpu: dict[tuple[str, str], list[float]] = {}
        listed = 0
        for _ in range(args.repeat):
            for step, run in steps.items():
                for name, (path, key) in files.items():
                    started, started_cpu = time.perf_counter(), time.process_time()
                    result = run(path, key)
                    times.setdefault((step, name), []).append(time.perf_counter() - started)
                    cpu.setdefault((step, name), []).append(time.process_time() - started_cpu)
                    if step == "list" and isinstance(result, int):
                        listed = result
        sizes = {name: path.stat().st_size for name, (path, _key) in files.items()}
    print(f"{listed:,} students; {args.repeat} rounds; medians")
    print(f"file size: plain {sizes['plain'] / 1e6:.1f} MB, "
          f"encrypted {sizes['encrypted'] / 1e6:.1f} MB")  # fmt: skip
    worst = 0.0
    for step in steps:
        plain_s = statistics.median(times[(step, "plain")])
        secret_s = statistics.median(times[(step, "encrypted")])
        ratio = secret_s / plain_s
        worst = max(worst, ratio)
        plain_cpu = statistics.median(cpu[(step, "plain")])
        secret_cpu = statistics.median(cpu[(step, "encrypted")])
        print(
            f"{step:7} plain {plain_s:7.3f} s  encrypted {secret_s:7.3f} s  ratio {ratio:.2f}x"
            f"  | CPU plain {plain_cpu:7.3f} s  encrypted {secret_cpu:7.3f} s"
            f"  ratio {secret_cpu / plain_cpu:.2f}x"
        )
    verdict = "meets" if worst <= TARGET else "misses"
    print(f"worst ratio {worst:.2f}x: {verdict} the target of <= {TARGET}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
