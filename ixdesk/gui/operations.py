"""The one way the window runs a service call: the window's half of ``run_operation``.

Every change a coordinator makes (a save, a move, a deletion, an undo) goes
through :meth:`OperationRunner.run`; long work (imports, exports) through
:meth:`OperationRunner.start`, which runs it on a worker thread with progress
and Cancel. Either way the runner

* names the object that started the change, so the change signal carries it
  (``Workbench.changed(changes, source)``; background work names it on its
  worker thread);
* shows a refused change (an :class:`~ixdesk.errors.IxdeskError`) as one
  message under the caller's title, and pushes nothing;
* lets the caller handle one kind of refusal itself (``handle=(Error, handler)``:
  the editor offers to reload a record changed elsewhere);
* sends anything else (a bug) to :mod:`ixdesk.gui.bugs`: logged without row
  values, a dialog offering "Copy details", the window still usable;
* on success pushes the undo step, lets the views catch up with the change,
  shows the status message, then calls ``then(result)``.

Undo and redo run through it too (:class:`ServiceCommand`): a refused undo is
told the same way, and the command leaves the stack. ::

    bench.operations.run(
        lambda: g.rename_group(db, group_id, name, hub=bench.hub),
        title="The group was not renamed",
        source=self,
        undo=lambda before: Reversible(f"Rename group {before} to {name}",
                                       undo=..., redo=...),
        status=f"Renamed to {name}.",
    )
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from ixdesk.errors import IxdeskError
from ixdesk.gui.tasks import BackgroundTask, Report, Work

if TYPE_CHECKING:
    from ixdesk.gui.workbench import Workbench

T = TypeVar("T")
E = TypeVar("E", bound=IxdeskError)
UNDO_FAILED, REDO_FAILED = "Could not undo", "Could not redo"
CANCELLED = "Cancelled: nothing was changed."
READ_ONLY = "This window only reads; it cannot change records."

# Who started the change being made on this thread (each worker thread has its own).
_source: ContextVar[object | None] = ContextVar("ixdesk_change_source", default=None)


def current_source() -> object | None:
    """The object that started the change running on this thread, if any."""
    return _source.get()


@contextmanager
def acting_for(source: object | None) -> Iterator[None]:
    """Changes published inside this block name ``source`` as the one who made them."""
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


class UndoStep(Protocol):
    """A change done once, which can be taken back (``undo``) and made again (``redo``)."""

    @property
    def text(self) -> str: ...

    def undo(self) -> object: ...

    def redo(self) -> object: ...


@dataclass(frozen=True)
class Reversible:
    """An undo step made of two service calls that need no memory of their own."""

    text: str
    undo: Callable[[], object]
    redo: Callable[[], object]


class ServiceCommand(QUndoCommand):
    """One step on the undo stack. It was done before it was pushed, so Qt's first
    ``redo()`` is skipped; later ones, and every ``undo()``, run through the runner,
    and a refused (or broken) one makes the command obsolete: it leaves the stack."""

    def __init__(self, step: UndoStep, runner: OperationRunner) -> None:
        super().__init__(step.text)
        self.step = step
        # Weak: the command is owned by the stack, which the runner's workbench owns.
        self._runner = weakref.ref(runner)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._again(self.step.redo, REDO_FAILED)

    def undo(self) -> None:
        self._again(self.step.undo, UNDO_FAILED)

    def _again(self, call: Callable[[], object], title: str) -> None:
        runner = self._runner()
        if runner is None or not runner.run(call, title=title):
            self.setObsolete(True)


@dataclass(frozen=True)
class _Refused:
    """A refusal raised on the worker thread, handed back as a value (not a fault)."""

    error: IxdeskError


class ReadOnlyWorkbench(RuntimeError):
    """A change was asked of a window that only reads (a bug in that window)."""


class OperationRunner(QObject):
    """Runs service calls for one workbench; see the module text."""

    def __init__(self, workbench: Workbench) -> None:
        super().__init__(workbench)
        self.workbench = workbench

    # --- a change, on the interface thread ---
    def run(
        self,
        call: Callable[[], T],
        *,
        title: str,
        source: object | None = None,
        undo: Callable[[T], UndoStep | None] | None = None,
        status: str | Callable[[T], str | None] | None = None,
        handle: tuple[type[E], Callable[[E], T | None]] | None = None,
        then: Callable[[T], object] | None = None,
    ) -> bool:
        """Run ``call``; True when it was done, False when it was refused or broke.

        ``handle=(SomeError, handler)``: that refusal goes to ``handler`` instead of a
        message; its return value stands for the call's (``None``: nothing was done).
        """
        bench = self.workbench
        try:
            if not bench.writable:
                raise ReadOnlyWorkbench(READ_ONLY)
            with acting_for(source):
                try:
                    result = call()
                except IxdeskError as error:
                    if handle is None or not isinstance(error, handle[0]):
                        raise
                    handled = handle[1](error)
                    if handled is None:
                        return False
                    result = handled
            bench.settle()
            step = undo(result) if undo is not None else None
            if step is not None:
                assert bench.undo_stack is not None
                bench.undo_stack.push(ServiceCommand(step, self))
            text = status(result) if callable(status) else status
            if text:
                bench.status(text)
            if then is not None:
                then(result)
        except IxdeskError as error:
            bench.settle()
            bench.dialogs.error(title, str(error))
            return False
        except Exception as error:  # a bug: reported in one place, the window goes on
            bench.settle()
            bench.bugs.report(error)
            return False
        return True

    # --- a read whose refusal a person should see ---
    def read(self, call: Callable[[], T], *, title: str) -> T | None:
        """``call``'s result; None when it was refused (said under ``title``) or broke."""
        try:
            return call()
        except IxdeskError as error:
            self.workbench.dialogs.error(title, str(error))
        except Exception as error:
            self.workbench.bugs.report(error)
        return None

    # --- long work, on a worker thread ---
    def start(
        self,
        work: Work,
        *,
        title: str,
        label: str,
        failure: str | None = None,
        source: object | None = None,
        then: Callable[[Any], object] | None = None,
        failed: Callable[[BaseException], object] | None = None,
        cancelled: str | Callable[[], object] = CANCELLED,
        finished: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> BackgroundTask:
        """Run ``work(report, stop_requested)`` on a worker thread behind a progress
        dialog with Cancel (see :mod:`ixdesk.gui.tasks`).

        Success: the views catch up, then ``then(result)``. A refusal: ``failed(error)``
        if given, else one message under ``failure`` (or ``title``). A bug: the bug report, then
        ``failed(error)`` if given. Cancel (the work rolls back): ``cancelled`` as a
        status message, or called. ``finished()`` comes last whatever happened.
        """

        def guarded(report: Report, stop: Callable[[], bool]) -> Any:
            with acting_for(source):
                try:
                    return work(report, stop)
                except IxdeskError as error:
                    if stop():
                        raise  # cancelled: the task reports it as such
                    return _Refused(error)

        task = BackgroundTask(title, label, guarded, parent or self.workbench.window())
        refused = failure or title
        task.succeeded.connect(lambda result: self._succeeded(result, refused, then, failed))
        task.failed.connect(lambda error: self._broke(error, failed))
        task.cancelled.connect(lambda: self._cancelled(cancelled))
        task.finished.connect(lambda: self._finished(task, finished))
        task.start()
        return task

    def _succeeded(
        self,
        result: Any,
        title: str,
        then: Callable[[Any], object] | None,
        failed: Callable[[BaseException], object] | None,
    ) -> None:
        self.workbench.settle()
        if isinstance(result, _Refused):
            if failed is not None:
                failed(result.error)
            else:
                self.workbench.dialogs.error(title, str(result.error))
        elif then is not None:
            self._guard(lambda: then(result))

    def _broke(
        self, error: BaseException, failed: Callable[[BaseException], object] | None
    ) -> None:
        self.workbench.settle()
        self.workbench.bugs.report(error)
        if failed is not None:
            self._guard(lambda: failed(error))

    def _cancelled(self, cancelled: str | Callable[[], object]) -> None:
        self.workbench.settle()
        if callable(cancelled):
            self._guard(cancelled)
        else:
            self.workbench.status(cancelled, 8000)

    def _finished(self, task: BackgroundTask, finished: Callable[[], object] | None) -> None:
        if finished is not None:
            self._guard(finished)
        task.deleteLater()

    def _guard(self, call: Callable[[], object]) -> None:
        try:
            call()
        except Exception as error:
            self.workbench.bugs.report(error)
