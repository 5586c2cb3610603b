"""How fast a cohort of 2,000 enrolled students is read, auto-built and rearranged.

    .venv/bin/python benchmarks/bench_autobuild.py [--students 2000] [--size 6] [--repeat 5]

Targets (issue 4): the auto-build proposal < 1 s; in the group builder, a
drag-and-drop move and its undo < 100 ms. Each figure is the median of
``--repeat`` runs, printed with a baseline measured in the same run:

* reading the builder's data  vs. a plain SELECT of the cohort's 2,000 students;
* the proposal                vs. the 1 s target;
* applying it                 vs. a plain INSERT of the same groups and memberships;
* moves and undo              vs. the 100 ms target, and vs. reloading the whole
                                builder (what a view that re-reads on every change costs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import and_, insert, select

from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.db.base import new_id
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.group_builder import GroupBuilder
from ixdesk.gui.group_builder.common import encode_ids
from ixdesk.gui.workbench import Workbench
from ixdesk.services import autobuild
from ixdesk.services import groups as g
from ixdesk.services.demo import generate_demo


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def make_cohort(database: Database, students: int) -> str:
    """Demo data (schools, grades, track interests as in life), all enrolled in one new cohort."""
    generate_demo(database, students=students, seed=7)
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    with database.write() as session:
        track = session.scalar(select(m.Track.id).order_by(m.Track.name).limit(1))
        cohort_id = new_id()
        session.execute(
            insert(m.Cohort.__table__),
            [{"id": cohort_id, "name": "Benchmark cohort", "track_id": track, "group_size": 6,
              "capacity": students, "status": "running", **stamp}],
        )  # fmt: skip
        ids = session.scalars(select(m.Student.id).limit(students)).all()
        session.execute(
            insert(m.Enrolment.__table__),
            [{"id": new_id(), "student_id": each, "cohort_id": cohort_id, "status": "enrolled",
              **stamp} for each in ids],
        )  # fmt: skip
    return cohort_id


def plain_select(database: Database, cohort_id: str) -> int:
    """The baseline read: the cohort's enrolled students, one plain SELECT."""
    s, e = m.Student, m.Enrolment
    with database.read() as session:
        rows = session.execute(
            select(s.id, s.first_name, s.last_name, s.school, s.grade, s.track_interest_id)
            .join(e, and_(e.student_id == s.id, e.cohort_id == cohort_id))
            .where(e.status == "enrolled")
        ).all()
    return len(rows)


def plain_insert(database: Database, cohort_id: str, proposal: autobuild.Proposal) -> None:
    """The baseline write: the same groups and memberships as bare INSERTs (then rolled back)."""
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    groups, members = [], []
    for number, group in enumerate(proposal.groups):
        group_id = new_id()
        groups.append(
            {"id": group_id, "cohort_id": cohort_id, "name": f"Plain {number}", "status": "forming",
             **stamp}
        )  # fmt: skip
        members += [
            {"id": new_id(), "group_id": group_id, "cohort_id": cohort_id, "student_id": s.id,
             **stamp}
            for s in group.added
        ]  # fmt: skip
    session = database._write_factory()
    try:
        session.begin()
        session.execute(insert(m.StudentGroup.__table__), groups)
        session.execute(insert(m.GroupMembership.__table__), members)
        session.flush()
    finally:
        session.rollback()
        session.close()


def measure_services(database: Database, cohort_id: str, size: int, repeat: int) -> None:
    data = g.builder_data(database, cohort_id)
    count = len(data.unassigned)
    read = _median(lambda: g.builder_data(database, cohort_id), repeat)
    baseline_read = _median(lambda: plain_select(database, cohort_id), repeat)
    track = data.cohort.track_id
    propose = _median(lambda: autobuild.propose_groups(data.unassigned, size, track=track), repeat)
    proposal = autobuild.propose_groups(data.unassigned, size, track=track)
    applies = []
    for _ in range(repeat):
        started = time.perf_counter()
        applied = autobuild.apply_proposal(database, cohort_id, proposal)
        applies.append(time.perf_counter() - started)
        autobuild.undo_proposal(database, applied)
    apply = statistics.median(applies)
    baseline_apply = _median(lambda: plain_insert(database, cohort_id, proposal), repeat)
    print(f"services, {count:,} enrolled students, groups of {size}, median of {repeat}:")
    print(
        f"  builder_data          {_ms(read):>10}   plain SELECT {_ms(baseline_read)}"
        f"   ratio {read / baseline_read:,.1f}x"
    )
    print(
        f"  propose_groups        {_ms(propose):>10}   target 1,000 ms"
        f"   ({len(proposal.groups)} groups: {proposal.summary()})"
    )
    print(
        f"  apply_proposal        {_ms(apply):>10}   plain INSERTs {_ms(baseline_apply)}"
        f"   ratio {apply / baseline_apply:,.1f}x"
    )
    autobuild.apply_proposal(database, cohort_id, proposal)


def measure_builder(app: QApplication, database: Database, cohort_id: str, repeat: int) -> None:
    workbench = Workbench(database, DialogService())
    stack = workbench.undo_stack
    assert stack is not None
    builder = GroupBuilder(workbench)
    builder.resize(1300, 800)
    builder.show()
    started = time.perf_counter()
    builder.set_cohort(cohort_id)
    app.processEvents()
    opened = time.perf_counter() - started
    model = builder.tree_model
    group_ids = model.group_ids()

    def timed(action: Callable[[], object]) -> float:
        started = time.perf_counter()
        action()
        app.processEvents()
        return time.perf_counter() - started

    def drop(ids: list[str], target: str) -> None:
        parent = model.group_index(target)
        assert model.dropMimeData(encode_ids(ids), Qt.DropAction.MoveAction, -1, -1, parent)

    results: dict[str, list[float]] = {"move 1": [], "undo 1": [], "move 50": [], "undo 50": []}
    for run in range(repeat):
        source, target = group_ids[run * 2], group_ids[run * 2 + 1]
        one = model.members(source)[0].id
        results["move 1"].append(timed(lambda: drop([one], target)))  # noqa: B023
        results["undo 1"].append(timed(stack.undo))
        many = [model.members(gid)[0].id for gid in group_ids[-51 - run : -1 - run]][:50]
        target = group_ids[run]
        results["move 50"].append(timed(lambda: drop(many, target)))  # noqa: B023
        results["undo 50"].append(timed(stack.undo))
    reload = _median(lambda: (builder.reload(), app.processEvents()), repeat)
    students = sum(len(model.members(gid)) for gid in group_ids)
    print(f"group builder, {len(group_ids):,} groups, {students:,} students, offscreen:")
    print(f"  open the cohort       {_ms(opened):>10}")
    print(f"  full reload           {_ms(reload):>10}   (what re-reading on every change costs)")
    for name, values in results.items():
        median = statistics.median(values)
        print(
            f"  {name:<21} {_ms(median):>10}   (max {_ms(max(values))}; target 100 ms;"
            f" a full reload takes {reload / median:,.1f}x as long)"
        )
    builder.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--size", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = tempfile.TemporaryDirectory(prefix="ixdesk-bench-")
    database = open_database(Path(folder.name) / "autobuild.db")
    started = time.perf_counter()
    cohort_id = make_cohort(database, args.students)
    print(f"a cohort of {args.students:,} enrolled students: {time.perf_counter() - started:.1f} s")
    measure_services(database, cohort_id, args.size, args.repeat)
    measure_builder(app, database, cohort_id, args.repeat)
    database.close()
    folder.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
