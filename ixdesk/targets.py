"""Whether a path may be replaced by a file ixdesk writes (a backup, a workbook).

Files are written beside their target under a temporary name and renamed
over it. Renaming over a device, a named pipe or a folder would replace that
special file with an ordinary one (as root even ``/dev/full``), so such
targets are refused before anything is written.
"""

from __future__ import annotations

import os
import stat

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


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
