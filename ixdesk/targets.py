"""Where ixdesk may write a file (a backup, a workbook, rejected rows, a mapping), and how.

Files are written beside their target under a temporary name and renamed
over it. Renaming over a device, a named pipe or a folder would replace that
special file with an ordinary one (as root even ``/dev/null``), and renaming
over the file being read (an import's own spreadsheet) would lose it, so
such targets are refused before anything is written: every writer asks
:func:`target_problem` first. :func:`create_beside` makes the temporary file
with the permissions any other program's new file gets.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from ixdesk.errors import IxdeskError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)
_ATTEMPTS = 100
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


class TargetError(IxdeskError):
    """A file was not written because its name points at something it must not replace."""


def special_file_kind(path: str | os.PathLike[str]) -> str | None:
    """What ``path`` is when it exists and is not a regular file ("a device"...), else None.

    A symbolic link is judged by what it points at.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not an ordinary file"


def target_problem(
    path: str | os.PathLike[str], *, keep: Iterable[str | os.PathLike[str]] = ()
) -> str | None:
    """Why no file may be written at ``path`` (one sentence), or None when it may.

    Refused: a folder (``.`` and ``..`` too), anything else that exists and is
    not an ordinary file, and any file of ``keep`` (the files being read),
    however it is spelled or linked.
    """
    kind = special_file_kind(path)
    if kind is not None:
        return f"{path} is {kind}, not a file, so nothing was written there; choose a file name."
    for kept in keep:
        if _same_file(path, kept):
            return (
                f"{path} is the file being read ({kept}); writing there would replace it, "
                "so nothing was written. Choose another name."
            )
    return None


def refuse(path: str | os.PathLike[str], *, keep: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Raise :class:`TargetError` when :func:`target_problem` finds a reason."""
    problem = target_problem(path, keep=keep)
    if problem is not None:
        raise TargetError(problem)


def _same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist: not the same file
        return False


def create_beside(target: Path) -> Path:
    """A new, empty temporary file in ``target``'s folder, with mode 0o666 less the umask.

    Unlike ``tempfile.mkstemp`` (always 0o600), the operating system applies
    the umask and the folder's default ACL, as for any file a program
    creates, so the finished file has the permissions people expect. Raises
    ``OSError`` when the folder cannot be written in.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_ATTEMPTS):
        path = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            handle = os.open(path, flags, 0o666)
        except FileExistsError:
            continue
        os.close(handle)
        return path
    raise FileExistsError(f"No free temporary name beside {target}.")


def file_name(text: str) -> str:
    """``text`` as a file name every system accepts: no slashes, colons or the like."""
    cleaned = " ".join(_NOT_IN_FILE_NAMES.sub(" ", text).split()).strip(". ")
    return cleaned[:120].rstrip(". ") or "export"
