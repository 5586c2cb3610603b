"""Long work (imports, exports) off the interface thread, with progress and Cancel.

The work is a plain function ``work(report, stop_requested)``: it calls
``report(done, total, text)`` now and then (``total`` 0 means "unknown") and
checks ``stop_requested()`` between steps, raising its own "cancelled"
exception when it is true (the services' ``ImportCancelled`` and
``ExportCancelled`` do this and roll back). The window stays responsive: a
progress dialog shows how far it got and its Cancel button asks the work to
stop. The outcome arrives on the interface thread as one of three signals::

    task = BackgroundTask("Exporting", "Writing the roster…", work, parent=window)
    task.succeeded.connect(on_done)        # the work's return value
    task.failed.connect(on_error)          # the exception it raised
    task.cancelled.connect(on_cancelled)   # stopped on request
    task.start()

The window starts long work through its operation runner
(``OperationRunner.start`` in :mod:`ixdesk.gui.operations`), which builds one of
these, tells refusals, reports bugs and says when work was cancelled. The
services announce their changes from the worker thread; the workbench's change
signal is queued to the interface thread, so views refresh there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

Report = Callable[[int, int, str], None]
Work = Callable[[Report, Callable[[], bool]], Any]


class _Worker(QThread):
    progressed = Signal(int, int, str)
    done = Signal(object)
    broke = Signal(object)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self.work, self.stop = work, stop

    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.stop.is_set)
        except Exception as error:  # handed to the interface thread, never lost
            self.broke.emit(error)
        else:
            self.done.emit(result)


class BackgroundTask(QObject):
    """One piece of work on a worker thread, shown with a progress dialog."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()  # after any of the three above

    def __init__(
        self,
        title: str,
        label: str,
        work: Work,
        parent: QWidget | None = None,
        *,
        show_progress: bool = True,
    ) -> None:
        super().__init__(parent)
        self.title, self.label = title, label
        self._stop = threading.Event()
        self._worker = _Worker(work, self._stop)
        self._worker.progressed.connect(self._progressed)
        self._worker.done.connect(self._done)
        self._worker.broke.connect(self._broke)
        self.dialog: QProgressDialog | None = None
        if show_progress:
            self.dialog = self._make_dialog(parent)
        self.last_report: tuple[int, int, str] = (0, 0, label)

    def _make_dialog(self, parent: QWidget | None) -> QProgressDialog:
        dialog = QProgressDialog(self.label, "Cancel", 0, 0, parent)
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setAccessibleName(self.title)
        dialog.canceled.connect(self.cancel)
        return dialog

    # --- control ---
    def start(self) -> None:
        if self.dialog is not None:
            self.dialog.setValue(0)
        self._worker.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next step; it rolls back what it did."""
        if self._stop.is_set() or not self._worker.isRunning():
            return
        self._stop.set()
        if self.dialog is not None:
            self.dialog.setLabelText("Cancelling…")
            button = self.dialog.findChild(QPushButton)
            if button is not None:
                button.setEnabled(False)

    def is_running(self) -> bool:
        return self._worker.isRunning()

    # --- results, on the interface thread ---
    def _progressed(self, done: int, total: int, text: str) -> None:
        self.last_report = (done, total, text)
        if self.dialog is not None and not self._stop.is_set():
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(min(done, total) if total else 0)
            if text:
                self.dialog.setLabelText(text)
        self.progressed.emit(done, total, text)

    def _close(self) -> None:
        self._worker.wait()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()

    def _done(self, result: object) -> None:
        self._close()
        self.succeeded.emit(result)
        self.finished.emit()

    def _broke(self, error: BaseException) -> None:
        self._close()
        if self._stop.is_set():
            self.cancelled.emit()
        else:
            self.failed.emit(error)
        self.finished.emit()
