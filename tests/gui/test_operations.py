"""The operation runner: refusals, bugs, Cancel, undo, and who started a change."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from ixdesk import __version__
from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.errors import ValidationError
from ixdesk.gui import bugs
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.operations import REDO_FAILED, UNDO_FAILED, Reversible
from ixdesk.gui.workbench import Workbench
from ixdesk.logfile import log_file
from ixdesk.services import editing
from ixdesk.services.importing import ImportCancelled
from ixdesk.services.operations import Changes, OperationContext, create_record, run_operation
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import create_with_editor, open_view
from tests.gui.world import World

# Row values no message, log line or bug report may carry.
PRIVATE = ("Zoë Ørsted", "zoe.private@example.org", "+44 7700 900123")


def _students(database: Database) -> int:
    with database.read() as session:
        return int(session.scalar(select(func.count()).select_from(m.Student)) or 0)


def test_a_refusal_shows_one_message_and_pushes_nothing(
    sqlite_database: Database, workbench: Workbench, dialogs: ScriptedDialogs
) -> None:
    create_record(
        sqlite_database, m.Student, {"first_name": "Ana", "last_name": "S", "email": "ana@x.org"}
    )
    pushed: list[object] = []
    done = workbench.operations.run(
        lambda: create_record(
            sqlite_database, m.Student, {"first_name": "Bo", "last_name": "T", "email": "ANA@x.org"}
        ),
        title="The student was not saved",
        undo=lambda record: pushed.append(record) or Reversible("x", print, print),
        status="Saved.",
    )
    assert done is False
    assert dialogs.asked == [
        ("error", "The student was not saved", "Another student already uses this email address.")
    ]
    assert pushed == []
    assert workbench.undo_stack is not None and workbench.undo_stack.count() == 0
    assert _students(sqlite_database) == 1


def test_one_kind_of_refusal_can_be_handled_by_the_caller(
    workbench: Workbench, dialogs: ScriptedDialogs
) -> None:
    handled: list[str] = []

    def refuse() -> str:
        raise ValidationError("Over capacity.")

    assert not workbench.operations.run(
        refuse, title="Nobody was moved", handle=(ValidationError, lambda e: handled.append(str(e)))
    )
    assert handled == ["Over capacity."] and dialogs.asked == []  # no message of its own
    # What the handler returns stands for the call's result: the change is done after all.
    results: list[str] = []
    assert workbench.operations.run(
        refuse, title="t", handle=(ValidationError, lambda _e: "done anyway"), then=results.append
    )
    assert results == ["done anyway"]


def test_a_bug_is_reported_once_logged_without_row_values_and_the_window_goes_on(
    qtbot: QtBot,
    window: MainWindow,
    world: World,
    dialogs: ScriptedDialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialogs.bugs_expected = True
    view = open_view(window, "cohorts")
    view.reload()
    view.table.selectRow(0)

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise ValueError(f"cannot store {PRIVATE[0]} <{PRIVATE[1]}> {PRIVATE[2]}")

    monkeypatch.setattr(editing, "set_statuses", broken)
    view.set_status("running")
    assert dialogs.kinds() == ["bug"]
    _kind, title, text = dialogs.asked[0]
    assert title == bugs.TITLE and str(log_file()) in text
    (details,) = dialogs.bugs
    logged = log_file().read_text(encoding="utf-8")
    assert f"ixdesk {__version__}" in details and f"ixdesk {__version__}" in logged
    for report in (details, logged):
        assert "ValueError" in report and "test_operations.py" in report  # where it happened
        assert "in broken" in report
        for value in PRIVATE:
            assert value not in report and value not in text
    assert window.workbench.undo_stack is not None
    assert window.workbench.undo_stack.count() == 0
    # The window is still usable: the next change works as usual.
    monkeypatch.undo()
    dialogs.asked.clear()
    create_with_editor(qtbot, window, "students", {"first_name": "Nia", "last_name": "New"})
    assert window.workbench.undo_stack.count() == 1
    assert "bug" not in dialogs.kinds()


def test_a_refused_undo_is_told_and_leaves_the_stack(
    workbench: Workbench, dialogs: ScriptedDialogs
) -> None:
    calls: list[str] = []

    def refuse() -> None:
        raise ValidationError("Someone else changed these students since.")

    step = Reversible("Move Ana", undo=refuse, redo=lambda: calls.append("redo"))
    assert workbench.operations.run(lambda: calls.append("do"), title="t", undo=lambda _r: step)
    stack = workbench.undo_stack
    assert stack is not None and stack.count() == 1 and calls == ["do"]  # Qt's first redo skipped
    stack.undo()
    assert dialogs.asked == [("error", UNDO_FAILED, "Someone else changed these students since.")]
    assert stack.count() == 0  # obsolete: it left the stack


def test_a_refused_redo_and_a_broken_undo_take_the_same_paths(
    workbench: Workbench, dialogs: ScriptedDialogs
) -> None:
    dialogs.bugs_expected = True

    def refuse() -> None:
        raise ValidationError("The group no longer exists.")

    def broken() -> None:
        raise KeyError("oops")

    stack = workbench.undo_stack
    assert stack is not None
    workbench.operations.run(
        lambda: None, title="t", undo=lambda _r: Reversible("one", lambda: None, refuse)
    )
    stack.undo()
    stack.redo()
    assert dialogs.asked == [("error", REDO_FAILED, "The group no longer exists.")]
    workbench.operations.run(
        lambda: None, title="t", undo=lambda _r: Reversible("two", broken, lambda: None)
    )
    stack.undo()
    assert dialogs.kinds()[-1] == "bug" and "KeyError" in dialogs.bugs[-1]


def test_the_change_signal_names_who_started_it_even_from_a_worker_thread(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    heard: list[tuple[Changes, object, int]] = []
    workbench.changed.connect(
        lambda changes, source: heard.append((changes, source, threading.get_ident()))
    )
    board, wizard = QObject(), QObject()
    hub = workbench.hub
    workbench.operations.run(
        lambda: create_record(sqlite_database, m.Track, {"name": "UX"}, hub=hub),
        title="t",
        source=board,
    )
    create_record(sqlite_database, m.Track, {"name": "Data"}, hub=hub)  # not through the runner
    worker: list[int] = []

    def work(_report: Callable[[int, int, str], None], _stop: Callable[[], bool]) -> None:
        worker.append(threading.get_ident())
        create_record(sqlite_database, m.Track, {"name": "Finance"}, hub=hub)

    task = workbench.operations.start(work, title="Import", label="…", source=wizard)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: len(heard) == 3)
    assert [source for _changes, source, _thread in heard] == [board, None, wizard]
    assert all(changes.touches("tracks") for changes, _source, _thread in heard)
    assert worker and worker[0] != threading.get_ident()
    assert {thread for _c, _s, thread in heard} == {threading.get_ident()}  # interface thread


def test_cancelling_background_work_rolls_back_and_says_so(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench, dialogs: ScriptedDialogs
) -> None:
    said: list[str] = []
    workbench.set_status_sink(lambda text, _ms: said.append(text))
    started = threading.Event()

    def work(_report: Callable[[int, int, str], None], stop: Callable[[], bool]) -> None:
        def write(context: OperationContext) -> None:
            context.session.add(m.Student(first_name="Half", last_name="Way"))
            context.session.flush()
            started.set()
            while not stop():
                time.sleep(0.005)
            raise ImportCancelled("The import was cancelled; nothing was imported.")

        run_operation(sqlite_database, write, hub=workbench.hub)

    task = workbench.operations.start(work, title="Import", label="Importing…")
    assert started.wait(10)
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        task.cancel()
    qtbot.waitUntil(lambda: bool(said))
    assert said == ["Cancelled: nothing was changed."]
    assert _students(sqlite_database) == 0  # rolled back
    assert dialogs.asked == []
    assert workbench.undo_stack is not None and workbench.undo_stack.count() == 0


def test_a_window_that_only_reads_cannot_change_anything(
    sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    dialogs.bugs_expected = True
    bench = Workbench(sqlite_database, dialogs, writable=False)
    assert bench.undo_stack is None
    assert not bench.operations.run(
        lambda: create_record(sqlite_database, m.Student, {"first_name": "No", "last_name": "Way"}),
        title="t",
    )
    assert _students(sqlite_database) == 0
    assert dialogs.kinds() == ["bug"] and "ReadOnlyWorkbench" in dialogs.bugs[0]


@pytest.mark.qt_no_exception_capture
def test_an_exception_escaping_a_qt_slot_goes_to_the_bug_report(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    reported: list[BaseException] = []
    bugs.install_excepthook(reported.append)

    def slot() -> None:
        raise LookupError(PRIVATE[1])

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(reported))
    assert isinstance(reported[0], LookupError) and reported[0].__traceback__ is not None
    passed_on: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, *_: passed_on.append(kind))
    bugs.install_excepthook(reported.append)
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert passed_on == [KeyboardInterrupt] and len(reported) == 1
