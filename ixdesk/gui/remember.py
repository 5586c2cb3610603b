"""Splitter sizes kept between runs, and only when they are real.

A splitter that was never shown reports sizes of 0 (and saves -1 in
``QSplitter.saveState``); restoring those would crush a pane on the next start.
Sizes are kept as a plain list of pixels, written only from a splitter that has
been laid out on screen, and read back only when every pane gets some room.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter


def real_sizes(value: object, panes: int) -> list[int] | None:
    """``value`` as one positive size per pane, or None when it is not that."""
    if not isinstance(value, Sequence) or isinstance(value, str | bytes) or len(value) != panes:
        return None
    try:
        sizes = [int(each) for each in value]
    except (TypeError, ValueError):
        return None
    return sizes if all(size > 0 for size in sizes) else None


def save_sizes(settings: QSettings, key: str, splitter: QSplitter) -> None:
    """Keep the splitter's sizes if it has been laid out with room for every pane;
    otherwise leave what was kept before (a view never opened this time reports
    sizes of 0 and keeps last time's)."""
    sizes = real_sizes(splitter.sizes(), splitter.count())
    if sizes is not None:
        settings.setValue(key, sizes)


def restore_sizes(settings: QSettings, key: str, splitter: QSplitter) -> bool:
    """Give the splitter the sizes kept under ``key``; False when none were real."""
    sizes = real_sizes(settings.value(key), splitter.count())
    if sizes is None:
        return False
    splitter.setSizes(sizes)
    return True
