"""PySide6 6.12.0 drops a reference to None on every Qt call that returns nothing
and aborts the process after a few thousand calls (``none_dealloc``). The pin in
pyproject.toml keeps us off it; this test fails if a release with the fault
comes back."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_qt_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for index in range(1000):
        widget.setWindowTitle(f"title {index % 7}")
    after = sys.getrefcount(None)
    # Other threads may hold or drop a few references meanwhile; a faulty
    # release loses one per call, a thousand in all.
    assert after > before - 100, f"None lost {before - after} references in 1,000 Qt calls"
