"""The one place an unexpected error goes.

An :class:`~ixdesk.errors.IxdeskError` is a refusal meant for the coordinator
(its message is a sentence). Anything else is a bug: it is written to the
log file with where it happened (``ixdesk.logfile``: the error's kind and
code, never its message, which may quote a student's details), and a dialog
says that something went wrong and offers "Copy details" (the version and
the frames of the traceback, without any values). The window stays usable.

The operation runner sends bugs here; so does ``sys.excepthook`` for an
exception escaping a Qt slot (:func:`install_excepthook`, set up by
``ixdesk.gui.app``).
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion

from ixdesk import __version__
from ixdesk.errors import IxdeskError
from ixdesk.gui.dialogs import DialogService
from ixdesk.logfile import log_unexpected, safe_traceback

TITLE = "Something went wrong"
MESSAGE = (
    "Something went wrong inside ixdesk, so what you just did may not have been finished. "
    "A change is saved completely or not at all: look at the records it concerned before "
    "trying again. You can go on working.\n\nThe details were written to {log}; "
    "“Copy details” puts them on the clipboard for whoever looks after ixdesk."
)
# What a page that shows its own problems says about a bug (the dialog says the rest).
SHORT = "Something went wrong inside ixdesk; the message about it has the details."


def details(error: BaseException) -> str:
    """What "Copy details" copies: versions and where it happened, never a value."""
    return (
        f"ixdesk {__version__}\n"
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}\n"
        f"{platform.platform()}\n\n"
        f"{safe_traceback(error)}"
    )


def explain(error: BaseException) -> str:
    """A sentence about a failure: the refusal's own, or :data:`SHORT` for a bug."""
    return str(error) if isinstance(error, IxdeskError) else SHORT


class BugReporter:
    """Logs a bug and shows one dialog about it (a bug while it shows is only logged)."""

    def __init__(self, dialogs: DialogService) -> None:
        self.dialogs = dialogs
        self._showing = False

    def report(self, error: BaseException) -> None:
        path = log_unexpected(error)
        if self._showing:
            return
        self._showing = True
        try:
            self.dialogs.bug(TITLE, MESSAGE.format(log=path), details(error))
        finally:
            self._showing = False


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def install_excepthook(report: Callable[[BaseException], None]) -> ExceptHook:
    """Send exceptions that escape Qt slots to ``report``; returns the hook replaced.

    Ctrl+C in the terminal and ``SystemExit`` keep their usual meaning.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, Exception):
            previous(kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        report(error)

    sys.excepthook = hook
    return previous
