"""Views stay fresh one way: hidden ones wait until shown, shown ones refresh once per burst."""

from __future__ import annotations

import functools
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui import record_view
from ixdesk.gui.dashboard import Dashboard
from ixdesk.gui.freshness import DELAY_MS, Burst, Freshness
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.workbench import Workbench
from ixdesk.services import dashboard
from ixdesk.services.operations import create_record
from tests.gui.helpers import caught_up, open_view
from tests.gui.world import World

BURST = 5


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[tuple[Any, ...]]:
    """Record each call of ``owner.name`` (its arguments), still calling it."""
    calls: list[tuple[Any, ...]] = []
    real = getattr(owner, name)

    @functools.wraps(real)  # keeps what the loader says it reads
    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def _students(calls: list[tuple[Any, ...]]) -> int:
    return sum(1 for args in calls if args[1].name == "students")


def test_a_hidden_record_view_does_not_reload_until_shown_then_once(
    qtbot: QtBot, window: MainWindow, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    students = open_view(window, "students")
    open_view(window, "cohorts")
    assert not students.isVisible()
    loads = _counting(monkeypatch, record_view, "load_table")
    hub = window.workbench.hub
    for number in range(BURST):
        create_record(
            window.database, m.Student, {"first_name": f"Nia{number}", "last_name": "New"}, hub=hub
        )
    window.workbench.settle()
    qtbot.wait(2 * DELAY_MS)
    assert _students(loads) == 0  # hidden: only marked stale
    assert students.freshness.stale
    open_view(window, "students")
    assert _students(loads) == 1  # one update for the whole burst, when shown
    assert students.model.total_count == len(world.students) + BURST
    assert not students.freshness.stale


def test_a_shown_view_refreshes_once_per_burst_of_changes(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = _counting(monkeypatch, dashboard, "dashboard_figures")
    board = Dashboard(workbench)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitExposed(board)
    assert len(figures) == 1  # filled when made
    for number in range(BURST):  # changes made outside this window's runner
        create_record(sqlite_database, m.Cohort, {"name": f"C{number}"}, hub=workbench.hub)
    caught_up(qtbot, board)
    qtbot.wait(2 * DELAY_MS)
    assert len(figures) == 2  # one refresh for the burst
    assert board.counts["Cohorts"] == BURST
    # Through the runner: the burst is over when the change is done, and shown at once.
    workbench.operations.run(
        lambda: (
            [
                create_record(sqlite_database, m.Track, {"name": f"T{n}"}, hub=workbench.hub)
                for n in range(BURST)
            ]
            + [create_record(sqlite_database, m.Cohort, {"name": "D"}, hub=workbench.hub)]
        ),
        title="t",
    )
    assert len(figures) == 3 and board.counts["Cohorts"] == BURST + 1


def test_the_refresh_gets_what_changed_and_who_changed_it(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    bursts: list[Burst | None] = []
    freshness = Freshness(widget, workbench, bursts.append, reads={"tracks", "cohorts"})
    widget.show()
    hub, editor = workbench.hub, object()
    create_record(sqlite_database, m.Student, {"first_name": "A", "last_name": "B"}, hub=hub)
    assert not freshness.stale  # a table it does not read
    first = create_record(sqlite_database, m.Track, {"name": "UX"}, hub=hub)
    workbench.operations.run(
        lambda: create_record(sqlite_database, m.Cohort, {"name": "Spring"}, hub=hub),
        title="t",
        source=editor,
    )
    (burst,) = bursts
    assert burst is not None
    assert {"tracks", "cohorts"} <= burst.changes.tables and first.id in burst.changes.ids
    assert burst.sources == (None, editor) and not burst.only_from(editor)
    freshness.refresh_now()
    assert bursts[-1] is None  # everything
    assert freshness.refreshes == 2


def test_a_destroyed_view_is_no_longer_told(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    calls: list[object] = []
    widget = QWidget()
    widget.show()
    Freshness(widget, workbench, calls.append)
    shiboken6.delete(widget)
    create_record(sqlite_database, m.Track, {"name": "UX"}, hub=workbench.hub)
    workbench.settle()
    qtbot.wait(2 * DELAY_MS)
    assert calls == []
