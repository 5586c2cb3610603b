"""Where a file goes: checking the target, writing it whole, explaining failures, the paper."""

from __future__ import annotations

import errno
import locale
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ixdesk.errors import IxdeskError
from ixdesk.services.atomic import PendingFile
from ixdesk.services.setting_keys import PAPER_SIZES
from ixdesk.services.validation.regional import regional
from ixdesk.targets import target_problem

_LETTER_PLACES = ("_US", "_CA", "_MX", "_PH", "_CL", "_CO", "United States", "Canada")


class ExportError(IxdeskError):
    """The workbook could not be written (folder missing, file locked, disk full...)."""


class ExportCancelled(IxdeskError):
    """The person cancelled the export; no file was written or changed."""


def default_paper(paper: str | None = None) -> str:
    """``paper`` (asked for, or the organisation's setting read by a caller that has
    the database), else the organisation's setting in use (``validation.regional``),
    else Letter where it is the usual paper (US, Canada, ...), A4 everywhere else."""
    for configured in (paper, regional().paper_size):
        size = (configured or "").strip().lower()
        if size in PAPER_SIZES:
            return size
    name = locale.getlocale()[0] or os.environ.get("LC_ALL") or os.environ.get("LANG", "")
    return "letter" if any(place in name for place in _LETTER_PLACES) else "a4"


def check_target(
    path: str | os.PathLike[str], *, keep: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """The absolute path of a workbook to write, or a clear error before any work is done."""
    target = check_place(path, keep=keep)
    if target.suffix.lower() != ".xlsx":
        raise ExportError(
            f"{target.name} does not end in .xlsx; Excel refuses to open a workbook "
            "under another name. Choose a name ending in .xlsx."
        )
    return target


def check_place(
    path: str | os.PathLike[str], *, keep: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """The absolute path of a file to write, if its folder exists and it may be replaced.

    ``keep`` are files being read (an import's own file), which it must not be.
    """
    target = Path(path).expanduser().absolute()
    problem = target_problem(target, keep=keep)
    if problem is not None:
        raise ExportError(problem)
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist; choose another folder.")
    if target.exists() and (
        not target.stat().st_mode & stat.S_IWUSR or not os.access(target, os.W_OK)
    ):
        raise ExportError(
            f"{target} is read-only, so it was not replaced. Choose another name, or make "
            "the file writable and export again."
        )
    return target


def explain_failure(error: OSError, target: Path, doing: str) -> ExportError:
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ExportError(
            f"The disk is full, so {target.name} could not be written; any existing file of "
            "that name was left as it was. Free some space or choose another drive."
        )
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return ExportError(
            f"{target} could not be {doing}: it is open in another program (close it in "
            "Excel) or you may not write there. Nothing was changed; close it or choose "
            "another name, then export again."
        )
    if error.errno == errno.EROFS:
        return ExportError(f"{target.parent} is on a read-only drive; choose another folder.")
    reason = error.strerror or str(error)
    return ExportError(f"{target} could not be {doing} ({reason}). Nothing was changed.")


def open_pending(target: Path, *, keep: Iterable[Path] = ()) -> PendingFile:
    """The temporary file ``target`` is written to, or a sentence saying why there is none."""
    try:
        return PendingFile(target, keep=keep)
    except OSError as error:
        raise explain_failure(error, target.parent, "written in") from error


def commit_pending(pending: PendingFile) -> Path:
    """Put the finished file in its place, or say in a sentence why it could not be."""
    try:
        pending.finish()
    except OSError as error:
        raise explain_failure(error, pending.target, "written") from error
    try:
        return pending.commit()
    except OSError as error:
        raise explain_failure(error, pending.target, "replaced") from error
