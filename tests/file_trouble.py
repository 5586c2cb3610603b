"""Real file-system trouble for tests: full disks, read-only folders, size limits.

Each runs ixdesk in a child process so the limit applies to it alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _as_ordinary_user() -> None:
    """In the child: as root, give up the right to ignore file permissions."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "could not drop a capability")


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        # Past the limit a write fails with EFBIG instead of killing the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    return apply


def run_ixdesk(
    *args: str,
    data_dir: Path,
    ordinary_user: bool = False,
    file_size_limit: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m ixdesk ARGS`` in a child process, optionally restricted."""
    steps: list[Callable[[], None]] = []
    if ordinary_user:
        steps.append(_as_ordinary_user)
    if file_size_limit is not None:
        steps.append(_file_size_limit(file_size_limit))

    def prepare() -> None:
        for step in steps:
            step()

    env = {**os.environ, "IXDESK_DATA_DIR": str(data_dir)}
    env.pop("IXDESK_DATABASE", None)
    return subprocess.run(
        [sys.executable, "-m", "ixdesk", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        preexec_fn=prepare if steps else None,
        timeout=120,
    )


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A tiny RAM disk mounted at ``folder`` (needs root; skipped, with the reason, if not)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"a full disk is a small tmpfs, and mounting one needs root: {mounted.stderr}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_disk(folder: Path) -> None:
    """Write until the disk holding ``folder`` has no room left."""
    with open(folder / "filler", "wb", buffering=0) as stream, contextlib.suppress(OSError):
        while True:
            stream.write(b"\0" * 4096)
