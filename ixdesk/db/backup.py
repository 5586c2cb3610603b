"""Consistent copies of the embedded SQLite file.

Copies use SQLite's online backup API (never a plain file copy, which can tear
a database in the middle of a write) and land atomically: written beside the
target under a temporary name, synced, then renamed.

Rolling backups live in a folder beside the database (``ixdesk.db`` keeps
them in ``ixdesk-backups/``). One is taken on open when the file changed since
the newest one; the newest per day is kept for 7 days and the newest per week
for 4 weeks before that. Copies taken before a schema upgrade are kept apart
(the newest 5).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from ixdesk.errors import IxdeskError

AUTO = "auto"
BEFORE_UPGRADE = "before-upgrade"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_BEFORE_UPGRADE = 5
_STAMP = "%Y%m%d-%H%M%S"
_STAMP_EXAMPLE = "20260101-000000"


def backup_dir_for(database: Path) -> Path:
    return database.parent / f"{database.stem}-backups"


def copy_database(source: Path, target: Path) -> Path:
    """Copy a live SQLite database to ``target`` atomically; returns ``target``."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as error:
        raise IxdeskError(
            f"Could not write the backup {target}: {error.strerror or error}."
        ) from error
    os.close(handle)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        try:
            dst = sqlite3.connect(temporary)
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
        os.replace(temporary, target)
    except sqlite3.Error as error:
        raise IxdeskError(f"Could not copy the database {source} to {target}: {error}.") from error
    except OSError as error:
        raise IxdeskError(
            f"Could not write the backup {target}: {error.strerror or error}."
        ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target


def list_backups(database: Path, kind: str | None = None) -> list[Path]:
    """Backups of ``database``, newest first (``kind``: ``"auto"`` or ``"before-upgrade"``)."""
    folder = backup_dir_for(database)
    if not folder.is_dir():
        return []
    found: list[tuple[datetime, Path]] = []
    for path in folder.glob(f"{database.stem}-*.db"):
        taken = _taken_at(database, path)
        if taken is None:
            continue
        label = path.stem[len(database.stem) + 1 + len(_STAMP_EXAMPLE) + 1 :]
        if kind is not None and not label.startswith(kind):
            continue
        found.append((taken, path))
    found.sort(reverse=True)
    return [path for _, path in found]


def newest_backup(database: Path) -> Path | None:
    backups = list_backups(database)
    return backups[0] if backups else None


def _taken_at(database: Path, path: Path) -> datetime | None:
    rest = path.stem[len(database.stem) + 1 :]
    try:
        return datetime.strptime(rest[:15], _STAMP)
    except ValueError:
        return None


def take_backup(database: Path, kind: str, now: datetime | None = None) -> Path:
    now = now or datetime.now()
    name = f"{database.stem}-{now.strftime(_STAMP)}-{kind}.db"
    return copy_database(database, backup_dir_for(database) / name)


def changed_since_last_auto_backup(database: Path) -> bool:
    autos = list_backups(database, AUTO)
    if not autos:
        return True
    last = autos[0].stat().st_mtime_ns
    changed = database.stat().st_mtime_ns
    wal = database.with_name(database.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        changed = max(changed, wal.stat().st_mtime_ns)
    return changed > last


def rolling_backup(database: Path, now: datetime | None = None) -> Path | None:
    """Take an automatic backup if the file changed since the last one, then prune."""
    now = now or datetime.now()
    taken = None
    if changed_since_last_auto_backup(database):
        taken = take_backup(database, AUTO, now)
    prune_backups(database)
    return taken


def prune_backups(database: Path) -> list[Path]:
    """Delete automatic backups beyond the daily/weekly windows; returns what went."""
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
