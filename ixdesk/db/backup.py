"""Consistent copies of the embedded SQLite file.

Copies use SQLite's online backup API (never a plain file copy, which can tear
a database in the middle of a write) and land atomically: written beside the
target under a temporary name, synced, then renamed. A copy never goes over
the database itself or a file SQLite keeps for it (``-wal``, ``-shm``,
``-journal``), nor over a device, pipe or folder, and a failed copy leaves
nothing behind.

Rolling backups live in a folder of the database's own beside it:
``ixdesk.db`` keeps them in ``ixdesk-backups/`` as ``ixdesk-<stamp>-<kind>.db``;
a file not named ``*.db``, such as ``b.sqlite``, in ``b.sqlite.backups/`` as
``b.sqlite-<stamp>-<kind>.db``, so no two databases in a folder ever share
backups (``b.db`` and ``b.sqlite`` used to). One is taken on open when the file changed since
the newest one; the newest per day is kept for 7 days and the newest per week
for 4 weeks before that. Copies taken before a schema upgrade are kept apart
(the newest 5). Taking and pruning hold a lock file in that folder, so copies
of ixdesk opening one database at once never delete a backup another is
reading. While ``ixdesk check`` has found the database damaged, no backup is
deleted (see docs/decisions.md, "Backups").
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from ixdesk.db import cipher
from ixdesk.db.problems import explain_copy_failure, explain_folder_failure
from ixdesk.errors import IxdeskError
from ixdesk.targets import create_beside, target_problem

AUTO = "auto"
BEFORE_UPGRADE = "before-upgrade"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_BEFORE_UPGRADE = 5
LOCK_TIMEOUT_S = 120
_STAMP = "%Y%m%d-%H%M%S"
_NAME = r"-(?P<stamp>\d{8}-\d{6})-(?P<kind>.+)\.db"
_OWN_SUFFIX = ".db"  # ``X.db`` keeps today's layout; any other name keeps its whole name
# Files SQLite keeps beside a database ("-mj…" is a multi-file commit's super-journal).
_SQLITE_COMPANION = re.compile(r"-(wal|shm|journal|mj[0-9a-f]+)", re.IGNORECASE)
_TEMPORARY_COMPANIONS = ("-journal", "-wal", "-shm")


def _prefix(database: Path) -> str:
    """What the names of a database's backups start with: ``ixdesk`` for ``ixdesk.db``."""
    return database.stem if database.suffix == _OWN_SUFFIX else database.name


def backup_dir_for(database: Path) -> Path:
    """The database's own backups folder: ``X.db`` → ``X-backups``, ``N`` → ``N.backups``.

    The two forms differ in the character before "backups", so no two files in
    one folder (``b.db``, ``b``, ``b.sqlite``, ``b.sqlite.db``) share a backups folder.
    """
    if database.suffix == _OWN_SUFFIX:
        return database.parent / f"{database.stem}-backups"
    return database.parent / f"{database.name}.backups"


def refuse_target(source: Path, target: Path) -> None:
    """Raise unless ``target`` may be replaced by a copy of the database ``source``."""
    problem = target_problem(target)
    if problem is not None:
        raise IxdeskError(problem)
    if _belongs_to(source, target):
        raise IxdeskError(
            f"{target} is the database {source} itself or a file SQLite keeps for it; "
            "a backup must go to another file. Nothing was written."
        )


def _belongs_to(database: Path, target: Path) -> bool:
    """Whether ``target`` is, or is one of SQLite's own files for, ``database``."""
    live = database.resolve()
    resolved = target.resolve()
    same_folder = resolved.parent == live.parent or _same_file(resolved.parent, live.parent)
    if same_folder:
        name, own = resolved.name.casefold(), live.name.casefold()
        rest = name[len(own) :]
        if name.startswith(own) and (rest == "" or _SQLITE_COMPANION.fullmatch(rest)):
            return True
    owned = [live] + [live.with_name(live.name + end) for end in _TEMPORARY_COMPANIONS]
    return any(_same_file(target, path) for path in owned)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


COPY_ERRORS: tuple[type[Exception], ...] = (OSError, *cipher.driver_errors())


def copy_database(source: Path, target: Path) -> Path:
    """Copy a live SQLite database to ``target`` atomically; returns ``target``.

    Missing folders are made; a failed copy removes them again with its
    temporary files, and the file that was at ``target`` stays as it was.
    """
    target = Path(target)
    refuse_target(source, target)
    created = _make_folders(target)
    temporary: Path | None = None
    try:
        temporary = create_beside(target)
        _copy_into(source, temporary)
        refuse_target(source, target)  # nothing took its place while the copy was made
        os.replace(temporary, target)
    except COPY_ERRORS as error:
        raise IxdeskError(explain_copy_failure(error, source, target)) from error
    finally:
        if temporary is not None:
            for end in ("", *_TEMPORARY_COMPANIONS):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{temporary}{end}")
        if not target.exists():
            _remove_folders(created)
    return target


def _make_folders(target: Path) -> list[Path]:
    """Make the target's missing folders; returns them, outermost first."""
    missing: list[Path] = []
    folder = target.parent
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, not ours to remove
        except OSError as error:
            _remove_folders(made)
            raise IxdeskError(explain_folder_failure(error, target, folder)) from error
        made.append(folder)
    return made


def _remove_folders(made: list[Path]) -> None:
    """Remove folders a failed copy made, innermost first, if nothing else went into them."""
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _copy_into(source: Path, temporary: Path) -> None:
    """The copy, encrypted with the source's key when it is encrypted."""
    key = cipher.key_for(source)
    src = cipher.connect(f"{source.resolve().as_uri()}?mode=ro", key, uri=True, timeout=30)
    try:
        dst = cipher.connect(temporary, key)
        try:
            src.backup(dst)
            # The copy is a standalone file: no WAL beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(temporary, "rb+") as stream:
        os.fsync(stream.fileno())


@contextlib.contextmanager
def _locked(database: Path) -> Iterator[None]:
    """Hold the backups folder's lock: one copy of ixdesk takes or prunes at a time."""
    folder = backup_dir_for(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / f".{folder.name}.lock", timeout=LOCK_TIMEOUT_S)
        lock.acquire()
    except Timeout as error:
        raise IxdeskError(
            f"Another copy of ixdesk has been writing a backup in {folder} for over "
            f"{LOCK_TIMEOUT_S // 60} minutes; nothing was changed. Try again later."
        ) from error
    except OSError as error:
        target = folder / database.name
        raise IxdeskError(explain_copy_failure(error, database, target)) from error
    try:
        yield
    finally:
        lock.release()


def list_backups(database: Path, kind: str | None = None) -> list[Path]:
    """Backups of ``database``, newest first (``kind``: ``"auto"`` or ``"before-upgrade"``).

    Only files named as this database's backups count, so nothing else in the
    folder is ever listed, or pruned.
    """
    folder = backup_dir_for(database)
    if not folder.is_dir():
        return []
    own = re.compile(re.escape(_prefix(database)) + _NAME)
    found: list[tuple[datetime, Path]] = []
    for path in folder.iterdir():
        match = own.fullmatch(path.name)
        if match is None or (kind is not None and not match["kind"].startswith(kind)):
            continue
        taken = _taken_at(database, path)
        if taken is not None:
            found.append((taken, path))
    found.sort(reverse=True)
    return [path for _, path in found]


def newest_backup(database: Path) -> Path | None:
    backups = list_backups(database)
    return backups[0] if backups else None


def _taken_at(database: Path, path: Path) -> datetime | None:
    match = re.fullmatch(re.escape(_prefix(database)) + _NAME, path.name)
    try:
        return datetime.strptime(match["stamp"], _STAMP) if match else None
    except ValueError:
        return None


def take_backup(database: Path, kind: str, now: datetime | None = None) -> Path:
    with _locked(database):
        return _take(database, kind, now)


def _take(database: Path, kind: str, now: datetime | None) -> Path:
    now = now or datetime.now()
    name = f"{_prefix(database)}-{now.strftime(_STAMP)}-{kind}.db"
    return copy_database(database, backup_dir_for(database) / name)


def _mtime_ns(path: Path) -> int | None:
    """A file's modification time, or None when it is missing (or just went)."""
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


def changed_since_last_auto_backup(database: Path) -> bool:
    last = next(
        (t for t in map(_mtime_ns, list_backups(database, AUTO)) if t is not None),
        None,
    )
    if last is None:
        return True
    changed = _mtime_ns(database) or 0
    wal = database.with_name(database.name + "-wal")
    with contextlib.suppress(FileNotFoundError):
        if wal.stat().st_size > 0:
            changed = max(changed, _mtime_ns(wal) or 0)
    return changed > last


def rolling_backup(database: Path, now: datetime | None = None) -> Path | None:
    """Take an automatic backup if the file changed since the last one, then prune.

    Called only once the database was accepted; a failed backup deletes nothing.
    """
    with _locked(database):
        taken = None
        if changed_since_last_auto_backup(database):
            taken = _take(database, AUTO, now)
        _prune(database)
    return taken


def prune_backups(database: Path) -> list[Path]:
    """Delete automatic backups beyond the daily/weekly windows; returns what went."""
    with _locked(database):
        return _prune(database)


def _prune(database: Path) -> list[Path]:
    if damage_note(database).exists():
        return []  # the backups from before the damage are the way back: keep them all
    keep: set[Path] = set()
    autos = list_backups(database, AUTO)
    days: list[str] = []
    weeks: list[str] = []
    for path in autos:  # newest first
        taken = _taken_at(database, path)
        assert taken is not None
        day = taken.strftime("%Y-%m-%d")
        year, week, _ = taken.isocalendar()
        week_key = f"{year}-{week:02d}"
        if day in days:
            continue
        if len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(path)
        elif week_key not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week_key)
            keep.add(path)
            days.append(day)
    upgrades = list_backups(database, BEFORE_UPGRADE)
    keep.update(upgrades[:KEEP_BEFORE_UPGRADE])
    removed = [path for path in autos + upgrades if path not in keep]
    for path in removed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return removed


def damage_note(database: Path) -> Path:
    """The note ``ixdesk check`` leaves while the database has problems."""
    return backup_dir_for(database) / f"{_prefix(database)}-check-failed.txt"


def note_check_result(database: Path, problems: int) -> None:
    """Remember a failed full check (rotation stops) or forget it after a sound one."""
    note = damage_note(database)
    if problems == 0:
        with contextlib.suppress(FileNotFoundError):
            note.unlink()
        return
    with _locked(database):
        note.write_text(
            f"ixdesk check found {problems} problem(s) in {database} on "
            f"{datetime.now():%Y-%m-%d %H:%M}. No backup here is deleted until "
            "ixdesk check finds the database sound again.\n",
            encoding="utf-8",
        )
