"""Writing a file whole or not at all, with the permissions any other program gives it.

A :class:`PendingFile` is a temporary file in the target's folder. Whatever
writes it (XlsxWriter's zip, a CSV writer, a JSON dump) writes to
:attr:`PendingFile.stream`; :meth:`PendingFile.commit` flushes it to disk and
renames it over the target (``os.replace``), so the target is either the old
file or the complete new one, never half of either. :meth:`PendingFile.discard`
(also what leaving its ``with`` block without committing does) removes it.

* **Permissions follow the umask.** The temporary file is created with mode
  0o666 and the operating system takes away what the umask (or the folder's
  default ACL) says, exactly as for any file a program creates, rather than
  the private 0o600 of ``tempfile.mkstemp`` (:func:`ixdesk.targets.create_beside`).
* **Only ordinary files are replaced.** A target that is a folder, a device,
  a named pipe or a file the caller is reading is refused with
  :class:`ixdesk.targets.TargetError` before anything is written, and again
  just before the rename.
* **A failed write ends quietly.** Once discarded, the stream swallows
  whatever its writer still writes (a zip writer finishing its directory when
  it is garbage-collected, say), so a full disk is reported once, as a
  sentence, and never again later as an ignored-exception traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ixdesk.targets import create_beside, refuse


class _Stream(io.RawIOBase):
    """The temporary file's bytes; after :meth:`abandon`, writes go nowhere.

    An abandoned stream still counts positions, so a zip writer finishing its
    directory computes sizes that fit, and nothing it does can fail.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._file: io.BufferedRandom | None = open(path, "r+b")  # noqa: SIM115
        self._position = 0  # where an abandoned stream pretends to be

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self._file is not None:
            return self._file.write(data)
        size = memoryview(data).nbytes
        self._position += size
        return size

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if self._file is not None:
            return self._file.seek(offset, whence)
        self._position = offset if whence == os.SEEK_SET else self._position + offset
        return self._position

    def tell(self) -> int:
        return self._position if self._file is None else self._file.tell()

    def truncate(self, size: int | None = None) -> int:
        if self._file is not None:
            return self._file.truncate(size)
        return self._position if size is None else size

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        """A writer is done with it: the file itself stays open for :meth:`finish`."""
        super().close()  # flushes, and marks the stream closed even when flushing fails

    def finish(self) -> None:
        """Write everything to the disk itself (``fsync``) and close the file."""
        if self._file is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        file, self._file = self._file, None
        file.close()

    def abandon(self) -> None:
        """Close the file, dropping what could not be written; never raises."""
        file, self._file = self._file, None
        if file is None:
            return
        with contextlib.suppress(OSError, ValueError):
            self._position = file.tell()
        with contextlib.suppress(OSError, ValueError):
            file.close()  # the file is closed even when flushing it fails


class PendingFile:
    """A temporary file beside ``target``, renamed over it by :meth:`commit`.

    Creating one raises ``OSError`` when the folder cannot be written in; the
    caller explains it in its own words, as for :meth:`commit`'s errors.
    ``keep`` are files the writer reads, which the target must not be.
    """

    def __init__(self, target: Path, *, keep: Iterable[Path] = ()) -> None:
        self.target = target
        self.keep = tuple(keep)
        refuse(target, keep=self.keep)
        self.path = create_beside(target)
        self.committed = False
        try:
            self.stream = _Stream(self.path)
        except OSError:
            self.path.unlink(missing_ok=True)
            raise

    def __enter__(self) -> PendingFile:
        return self

    def __exit__(self, *_: object) -> None:
        if not self.committed:
            self.discard()

    def text(self, encoding: str = "utf-8", newline: str | None = None) -> io.TextIOWrapper:
        """The stream as text; close it (or leave its ``with``) before :meth:`commit`."""
        return io.TextIOWrapper(io.BufferedWriter(self.stream), encoding=encoding, newline=newline)

    def finish(self) -> None:
        """Flush the written bytes to the disk; errors (a full disk) raise ``OSError``."""
        self.stream.finish()

    def commit(self) -> Path:
        """Finish, then put the file in the target's place; the target is never half-written."""
        self.finish()
        refuse(self.target, keep=self.keep)  # nothing took its place while it was written
        os.replace(self.path, self.target)
        self.committed = True
        return self.target

    def discard(self) -> None:
        """Forget everything written; the target is left as it was."""
        self.stream.abandon()
        with contextlib.suppress(OSError):
            self.path.unlink()


def write_atomically(
    target: Path, text: str, encoding: str = "utf-8", *, keep: Iterable[Path] = ()
) -> Path:
    """Write ``text`` to ``target`` whole or not at all (``OSError`` when it cannot be)."""
    with PendingFile(target, keep=keep) as pending:
        with pending.text(encoding) as stream:
            stream.write(text)
        return pending.commit()
