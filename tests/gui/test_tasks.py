"""Background work: results, failures and Cancel arrive on the interface thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ixdesk.gui.tasks import BackgroundTask, Report


class Stopped(Exception):
    pass


def test_result_and_progress_arrive(qtbot: QtBot) -> None:
    seen: list[tuple[int, int, str]] = []

    def work(report: Report, stop: Callable[[], bool]) -> int:
        for step in range(1, 4):
            report(step, 3, f"step {step}")
        return threading.get_ident()

    task = BackgroundTask("Working", "Starting…", work, show_progress=False)
    task.progressed.connect(lambda d, t, text: seen.append((d, t, text)))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        task.start()
    assert blocker.args[0] != threading.get_ident()  # ran on another thread
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen[-1] == (3, 3, "step 3")


def test_failure_is_reported(qtbot: QtBot) -> None:
    def work(report: Report, stop: Callable[[], bool]) -> None:
        raise ValueError("the disk is full")

    task = BackgroundTask("Working", "Starting…", work, show_progress=False)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    assert str(blocker.args[0]) == "the disk is full"


def test_cancel_stops_the_work(qtbot: QtBot) -> None:
    started = threading.Event()
    steps: list[int] = []

    def work(report: Report, stop: Callable[[], bool]) -> None:
        started.set()
        for step in range(1000):
            if stop():
                raise Stopped
            steps.append(step)
            time.sleep(0.005)

    task = BackgroundTask("Working", "Starting…", work)
    failed: list[object] = []
    task.failed.connect(failed.append)
    task.start()
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        assert task.dialog is not None
        button = task.dialog.findChild(QPushButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the dialog's Cancel button
    assert not failed
    assert len(steps) < 1000
    assert not task.is_running()
