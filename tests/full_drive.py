"""Fixtures for writing files where things go wrong: a full drive, late tracebacks.

``full_drive`` is a folder whose files, once opened for writing, write to
``/dev/full``: the operating system itself answers every write with "No
space left on device", at whatever point the writer flushes, as on a real
full disk. Opening a file there with "w" empties it first, as a real open
does. ``unraisable`` collects what Python would print as "Exception ignored
in: ..." (an error in a destructor), after a garbage collection.
"""

from __future__ import annotations

import builtins
import gc
import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

DEV_FULL = Path("/dev/full")


@pytest.fixture
def full_drive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not DEV_FULL.exists():
        pytest.skip("needs /dev/full to fill a disk for real")
    folder = tmp_path / "full-drive"
    folder.mkdir()
    real_open = io.open

    def open_on_full_drive(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        writing = any(flag in mode for flag in "wax+")
        if writing and isinstance(file, str | os.PathLike) and Path(file).parent == folder:
            real_open(file, "wb" if "w" in mode else "ab").close()
            return real_open(DEV_FULL, mode.replace("x", "w"), *args, **kwargs)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", open_on_full_drive)
    monkeypatch.setattr(builtins, "open", open_on_full_drive)
    return folder


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], list[str]]]:
    """Call it to collect garbage and get what would have been printed as ignored errors."""
    seen: list[str] = []

    def hook(report: Any) -> None:
        seen.append(f"{report.exc_type.__name__} in {report.object!r}: {report.exc_value}")

    monkeypatch.setattr(sys, "unraisablehook", hook)

    def collected() -> list[str]:
        gc.collect()
        return list(seen)

    yield collected


def put(path: Path, data: bytes) -> None:
    """Write a file beside the fixtures (below ``open``), as a file that was already there."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(handle, data)
    finally:
        os.close(handle)
