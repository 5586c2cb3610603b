"""Window state kept between runs (size, splitters, columns, last view)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ixdesk.paths import user_data_dir


def app_settings() -> QSettings:
    """An INI file in the data folder, so tests (and IXDESK_DATA_DIR) keep their own."""
    return QSettings(str(user_data_dir() / "ixdesk-window.ini"), QSettings.Format.IniFormat)
