"""The full export (``ixdesk export all``) against plain openpyxl writing the same rows.

    .venv/bin/python benchmarks/bench_export_all.py --database FILE [--repeat 3]
    .venv/bin/python benchmarks/bench_export_all.py [--students 100000]  # makes a demo one

Alternately, in the same run, on the same database:

* baseline: openpyxl in ``write_only`` mode, one sheet per record type with
  the same header and the same rows the full export reads (plain rows: ids as
  text, moments as naive UTC datetimes), ``ws.append(row)``, no styles;
* ixdesk: ``export_everything``, the code behind ``ixdesk export all``: an About
  sheet, bold frozen headers, filters, fitted widths, date cells, print set-up,
  every text cell checked for formulas, control characters and length.

Reports cells per second of each (ixdesk's data cells only, not its About
sheet) and the ratio. Targets: >= 1.8x, and >= 2.7x as the roster export reaches.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from ixdesk.db import Database, open_database
from ixdesk.services.export.full import RECORD_TYPES, export_everything
from ixdesk.services.read import full as q

TARGETS = (1.8, 2.7)


def openpyxl_write(database: Database, path: Path) -> int:
    """Every record type's rows with openpyxl ``write_only``; the cells written."""
    book = openpyxl.Workbook(write_only=True)
    cells = 0
    with database.read() as session:
        for name, model in RECORD_TYPES.items():
            sheet = book.create_sheet(name)
            fields = q.field_names(model)
            sheet.append(fields)
            statement = q.plain_select(model, fields, sqlite=database.is_sqlite)
            for row in q.stream(session, statement):
                sheet.append(list(row))
                cells += len(fields)
    book.save(path)
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, help="an existing database (not changed)")
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.database or Path(folder) / "demo.db"
        database = open_database(path, rolling_backup=False)
        if args.database is None:
            from ixdesk.services.demo import generate_demo

            generate_demo(database, students=args.students, seed=1)
        times: dict[str, list[float]] = {"openpyxl write_only": [], "ixdesk export all": []}
        cells = 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            cells = openpyxl_write(database, Path(folder) / "openpyxl.xlsx")
            times["openpyxl write_only"].append(time.perf_counter() - started)
            started = time.perf_counter()
            export_everything(database, Path(folder) / "ixdesk.xlsx")
            times["ixdesk export all"].append(time.perf_counter() - started)
        database.close()
    print(f"{path}: {cells:,} cells in {len(RECORD_TYPES)} sheets; {args.repeat} rounds")
    speeds = {}
    for name, values in times.items():
        median = statistics.median(values)
        speeds[name] = cells / median
        shown = ", ".join(f"{value:.1f}" for value in values)
        print(f"{name:>20}: {speeds[name]:>10,.0f} cells/s (median {median:.2f} s; {shown})")
    ratio = speeds["ixdesk export all"] / speeds["openpyxl write_only"]
    verdicts = ", ".join(f"{'meets' if ratio >= t else 'MISSES'} {t}x" for t in TARGETS)
    print(f"ratio ixdesk / openpyxl (cells per second): {ratio:.2f}x ({verdicts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
