"""The log file: where unexpected problems and libraries' warnings go, never row values.

Students are mostly minors, so nothing written here (nor shown to a person
about an unexpected problem) may carry a name, an email or a phone number.
An exception's message can: a database error repeats the statement's
parameters, PostgreSQL's detail line quotes the duplicate key, a
``ValueError`` quotes the value it refused. So errors are described by
:func:`describe`, which keeps only what cannot carry values: the type, the
database's error code, the constraint, the SQL statement without its
parameters, an operating-system error's reason, and the message of the few
exception types that speak about code rather than data.

:func:`install` sends every log record and Python warning (psycopg's
"error ignored terminating …", say) to the log file instead of stderr, so
what a coordinator sees stays one sentence. The file is opened per record,
only when there is something to write, at the path the environment gives
then (``IXDESK_DATA_DIR`` may change between runs in one process).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

from ixdesk import __version__
from ixdesk.paths import user_log_dir

LOG_NAME = "ixdesk.log"
SQL_SHOWN = 300  # characters of a statement kept
# Their messages name code (an attribute, a module, a type), not data.
_MESSAGE_KEPT = (AttributeError, NameError, ImportError, NotImplementedError, RecursionError)


def log_file() -> Path:
    return user_log_dir() / LOG_NAME


def describe(error: BaseException) -> str:
    """One line about ``error`` that carries no value from a row."""
    kind = type(error)
    name = (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )
    details = _details(error)
    return f"{name} ({'; '.join(details)})" if details else name


def _details(error: BaseException) -> list[str]:
    details: list[str] = []
    orig = getattr(error, "orig", None)  # SQLAlchemy: the driver's own error
    if isinstance(orig, BaseException) and orig is not error:
        details.append(describe(orig))
    code = getattr(error, "sqlite_errorname", None) or getattr(error, "sqlstate", None)
    if isinstance(code, str):
        details.append(code)
    diag = getattr(error, "diag", None)  # psycopg: names, never values
    for part in ("constraint_name", "table_name", "column_name"):
        value = getattr(diag, part, None)
        if isinstance(value, str):
            details.append(f"{part.replace('_', ' ')} {value}")
    statement = getattr(error, "statement", None)
    if isinstance(statement, str):  # bound parameters are never part of it
        details.append("SQL: " + _shortened(" ".join(statement.split())))
    if isinstance(error, OSError) and error.errno is not None:
        reason = error.strerror or ""
        details.append(f"{errno.errorcode.get(error.errno, error.errno)} {reason}".strip())
    if isinstance(error, _MESSAGE_KEPT) or _is_sqlite_error(error):
        details.append(_shortened(" ".join(str(error).split())))
    return [detail for detail in details if detail]


def _is_sqlite_error(error: BaseException) -> bool:
    """SQLite's own messages name tables and constraints, never values."""
    return type(error).__module__ == "sqlite3"


def _shortened(text: str) -> str:
    return text if len(text) <= SQL_SHOWN else text[: SQL_SHOWN - 1] + "…"


def safe_traceback(error: BaseException) -> str:
    """Where ``error`` (and what led to it) happened, each described by :func:`describe`."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        cause = current.__cause__
        current = (
            cause if cause is not None or current.__suppress_context__ else current.__context__
        )
    parts: list[str] = []
    for number, each in enumerate(reversed(chain)):
        if number:
            parts.append("\nwhich led to:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(each.__traceback__))
        parts.append(describe(each) + "\n")
    return "".join(parts)


class SafeFormatter(logging.Formatter):
    """Log lines whose exceptions (as ``exc_info`` or as arguments) are described safely."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        args = record.args
        if isinstance(args, tuple) and any(isinstance(arg, BaseException) for arg in args):
            record = logging.makeLogRecord(record.__dict__)  # other handlers keep theirs
            record.args = tuple(
                describe(arg) if isinstance(arg, BaseException) else arg for arg in args
            )
        return super().format(record)

    def formatException(self, ei: Any) -> str:
        error = ei[1]
        return safe_traceback(error).rstrip("\n") if error is not None else ""


class LogFileHandler(logging.Handler):
    """Appends each record to the log file, creating its folder when first needed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(SafeFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
            path = log_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as stream:
                stream.write(text + "\n")
        except Exception:  # a log that cannot be written must not break the program
            with contextlib.suppress(Exception):
                sys.stderr.write(f"ixdesk: could not write the log file {log_file()}.\n")


def install() -> None:
    """Send log records and warnings to the log file, not stderr (once per process)."""
    root = logging.getLogger()
    if not any(isinstance(handler, LogFileHandler) for handler in root.handlers):
        root.addHandler(LogFileHandler())
    logging.captureWarnings(True)


def log_unexpected(error: BaseException) -> Path:
    """Write what is known about an unexpected problem to the log file; return its path."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(f"\n{datetime.now().isoformat()} ixdesk {__version__}\n")
            stream.write(safe_traceback(error))
    except OSError:
        logging.getLogger(__name__).error("could not write %s", path)
    return path
