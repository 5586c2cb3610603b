"""What went wrong with a database file, told as it is.

SQLite reports a read-only folder, a full disk and a damaged file through
different result codes; a disk error reaches it only as "disk I/O error". To
say which, ixdesk reads the code and, for anything about writing, tries a
small write in the folder itself and reads the operating system's reason.
Only a file SQLite calls corrupt is reported as damaged.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from pathlib import Path

from ixdesk.errors import DamagedDatabaseError, DatabaseOpenError, IxdeskError

# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_DAMAGE = {SQLITE_CORRUPT, SQLITE_NOTADB}
_WRITING = {SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN}
_PROBE_BYTES = 64 * 1024


class DatabaseMissingError(DatabaseOpenError):
    """There is no database where the person pointed, and nothing was created."""


class DatabaseBusyError(IxdeskError):
    """Another program kept the database locked for longer than we wait."""


class DatabaseReadOnlyError(IxdeskError):
    """The database was opened for reading only; a change was asked for."""


def primary_code(error: BaseException | None) -> int | None:
    """SQLite's primary result code of a driver error, if it has one."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(error: BaseException | None) -> bool:
    return primary_code(error) in _DAMAGE


def busy_message(location: str) -> str:
    return (
        f"The database {location} is busy: another copy of ixdesk or another program kept it "
        "locked. Nothing was changed; try again in a moment."
    )


def write_problem(folder: Path, size: int = 0) -> OSError | None:
    """Why a file of ``size`` bytes cannot be written in ``folder`` now (None when it can).

    A small file is written to find a full disk, a read-only drive or missing
    permission; the size is compared with this process's file size limit
    (``ulimit -f``), which a small file would not reach.
    """
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"\0" * _PROBE_BYTES)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        return error
    limit = file_size_limit()
    if limit is not None and size > limit:
        return OSError(errno.EFBIG, os.strerror(errno.EFBIG))
    return None


def file_size_limit() -> int | None:
    """The largest file this process may write, in bytes, when a limit is set (POSIX)."""
    try:
        import resource
    except ImportError:  # Windows has no such limit
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def os_reason(error: OSError, folder: Path) -> str:
    """One clause saying why writing in ``folder`` failed, from the system's error number."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"the disk holding {folder} is full"
    if error.errno == errno.EROFS:
        return f"{folder} is on a read-only drive"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"you do not have permission to write in {folder}"
    if error.errno == errno.EFBIG:
        return f"files in {folder} cannot grow any larger (the file size limit was reached)"
    return f"{folder} cannot be written ({error.strerror or error})"


def explain_sqlite_failure(error: BaseException | None, path: Path, doing: str) -> str | None:
    """A true sentence for a failure to read or write the file at ``path``.

    None when the failure is about the file's contents (damage), which the
    caller reports with the way back to a backup.
    """
    code = primary_code(error)
    if code in _DAMAGE:
        return None
    reason = str(error).strip().splitlines()[0] if error is not None else "unknown problem"
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return busy_message(str(path))
    if code in _WRITING:
        found = write_problem(path.parent, _size(path))
        if found is not None:
            reason = os_reason(found, path.parent)
            return f"Could not {doing} {path}: {reason}. Nothing was changed."
        if code == SQLITE_FULL:
            return f"Could not {doing} {path}: the disk is full. Nothing was changed."
        if not os.access(path, os.R_OK) and path.exists():
            return f"Could not {doing} {path}: you do not have permission to read it."
        if code == SQLITE_IOERR:
            return (
                f"Could not {doing} {path}: the disk reported an error ({reason}). The file "
                "may be on a failing or disconnected drive; nothing was changed."
            )
    return f"Could not {doing} {path}: {reason}."


def open_failure(error: BaseException | None, path: Path, backup_hint: str) -> IxdeskError:
    """The error a person should read for a failure while opening ``path``."""
    message = explain_sqlite_failure(error, path, "open the database")
    if message is None:
        return DamagedDatabaseError(
            f"The database {path} is damaged and cannot be opened ({error})." + backup_hint
        )
    if primary_code(error) in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseBusyError(message)
    return DatabaseOpenError(message)


def explain_copy_failure(error: Exception, source: Path, target: Path) -> str:
    """A sentence for a backup copy that could not be made."""
    if isinstance(error, OSError):
        return f"Could not write the backup {target}: {os_reason(error, target.parent)}."
    if isinstance(error, sqlite3.Error) and primary_code(error) in _WRITING | {SQLITE_FULL}:
        found = write_problem(target.parent, _size(source))
        if found is not None:
            return f"Could not write the backup {target}: {os_reason(found, target.parent)}."
        if primary_code(error) == SQLITE_FULL:
            return f"Could not write the backup {target}: the disk is full."
    return f"Could not copy the database {source} to {target}: {error}."


def explain_folder_failure(error: OSError, target: Path, folder: Path) -> str:
    """A sentence for a backup whose new ``folder`` could not be made (in its parent)."""
    return (
        f"Could not write the backup {target}: the folder {folder} could not be made, as "
        f"{os_reason(error, folder.parent)}. Nothing was written."
    )
