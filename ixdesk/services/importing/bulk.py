"""Working on 100,000 rows at once without Python's cycle collector getting in the way.

Reading, checking and writing a large file creates hundreds of thousands of
small objects (rows, keys, records to write) that all stay alive until the
step ends. Python's cycle collector, counting those allocations, then walks
every live object again and again: a quarter of the time of checking a large
file went there. None of these steps leaves reference cycles behind worth
collecting early (plain reference counting frees everything else at once),
so the collector is paused for the step and restored after, whatever
happens; what the step left alive (a table, a plan: long-lived) joins the
oldest generation instead of being walked at once. Steps running at the
same time (an import on a worker thread while another starts) share the
pause: the collector is back once the last one ends, and only if it was on
before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (nested and concurrent blocks share it)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                _promote_survivors()
                if _was_enabled:
                    gc.enable()


def _promote_survivors() -> None:
    """Move what the step left alive to the oldest generation, without walking it.

    Otherwise the first collection after the pause would walk every object the
    step allocated. Freezing then unfreezing moves all tracked objects to the
    oldest generation in constant time; it is skipped if something else keeps
    objects frozen, which unfreezing would release.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def without_collector(function: Callable[P, T]) -> Callable[P, T]:
    """Run ``function`` with the cycle collector paused (see :func:`collector_paused`)."""

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with collector_paused():
            return function(*args, **kwargs)

    return run
