"""How fast the students view opens, filters and sorts with 100,000 students.

    .venv/bin/python benchmarks/bench_students_view.py [--students 100000] [--repeat 5]
        [--database FILE]   # reuse a database made by ``ixdesk demo``

Targets (issue: main window): open < 1 s, filter < 100 ms per keystroke,
sort < 150 ms, medians on a 2-core machine. The baseline, measured in the
same run on the same rows, is the textbook approach: a QSortFilterProxyModel
over a plain Python table model.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication, QTableView

from ixdesk.db import open_database
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.record_view import RecordView
from ixdesk.gui.workbench import Workbench
from ixdesk.services.kinds import KINDS
from ixdesk.services.tables import load_table

KEYSTROKES = ["m", "ma", "mar", "mart", "marti", "z", "zo", "zoe", "lyc", "lycee", "@ex"]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


class PlainModel(QAbstractTableModel):
    """The baseline: one Python call per cell, as most tutorials write it."""

    def __init__(self, rows: list[tuple[Any, ...]], columns: int) -> None:
        super().__init__()
        self.rows, self.columns = rows, columns

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return len(self.rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return self.columns

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)
        return None


def measure_view(app: QApplication, path: Path, repeat: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"open": [], "index": [], "filter": [], "sort": []}
    for _ in range(repeat):
        database = open_database(path, rolling_backup=False)
        started = time.perf_counter()
        view = RecordView("students", Workbench(database, DialogService()))
        view.resize(1200, 700)
        view.ensure_loaded()
        view.show()
        app.processEvents()
        times["open"].append(time.perf_counter() - started)
        started = time.perf_counter()
        view.model.prepare_search()
        times["index"].append(time.perf_counter() - started)
        for text in KEYSTROKES:
            started = time.perf_counter()
            view.search.setText(text)
            app.processEvents()
            times["filter"].append(time.perf_counter() - started)
        view.search.clear()
        app.processEvents()
        for column in range(view.model.columnCount()):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                started = time.perf_counter()
                view.table.sortByColumn(column, order)
                app.processEvents()
                times["sort"].append(time.perf_counter() - started)
        view.close()
        view.deleteLater()
        app.processEvents()
        database.close()
    return times


def measure_baseline(app: QApplication, path: Path) -> dict[str, float]:
    database = open_database(path, rolling_backup=False)
    table = load_table(database, KINDS["students"])
    database.close()
    proxy = QSortFilterProxyModel()
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    proxy.setSourceModel(PlainModel(table.rows, len(table.rows[0]) if table.rows else 0))
    view = QTableView()
    view.setModel(proxy)
    view.show()
    app.processEvents()
    started = time.perf_counter()
    proxy.setFilterFixedString("mar")
    app.processEvents()
    filtered = time.perf_counter() - started
    proxy.setFilterFixedString("")
    started = time.perf_counter()
    proxy.sort(0)
    app.processEvents()
    sorted_ = time.perf_counter() - started
    view.close()
    return {"filter": filtered, "sort": sorted_}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database", type=Path)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = tempfile.TemporaryDirectory(prefix="ixdesk-bench-")
    path = args.database
    if path is None:
        from ixdesk.services.demo import generate_demo

        path = Path(folder.name) / "students.db"
        database = open_database(path)
        started = time.perf_counter()
        generate_demo(database, students=args.students, seed=1)
        database.close()
        print(
            f"demo database with {args.students:,} students: {time.perf_counter() - started:.1f} s"
        )
    times = measure_view(app, path, args.repeat)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"students view, {args.repeat} runs ({sum(1 for _ in times['filter'])} keystrokes, "
        f"{len(times['sort'])} sorts in all):"
    )
    print(f"  open to first paint   median {_ms(medians['open'])}   (target < 1,000 ms)")
    print(f"  search index, after   median {_ms(medians['index'])}")
    print(
        f"  filter per keystroke  median {_ms(medians['filter'])}   "
        f"(max {_ms(max(times['filter']))}; target < 100 ms)"
    )
    print(
        f"  sort by a column      median {_ms(medians['sort'])}   "
        f"(max {_ms(max(times['sort']))}; target < 150 ms)"
    )
    if not args.no_baseline:
        baseline = measure_baseline(app, path)
        print("baseline QSortFilterProxyModel over a plain model, same rows, same run:")
        print(
            f"  filter one keystroke  {_ms(baseline['filter'])}   "
            f"ratio {baseline['filter'] / medians['filter']:,.0f}x slower than ixdesk"
        )
        print(
            f"  sort one column       {_ms(baseline['sort'])}   "
            f"ratio {baseline['sort'] / medians['sort']:,.0f}x slower than ixdesk"
        )
    folder.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
