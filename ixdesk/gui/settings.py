"""Window state kept between runs (size, splitters, columns, last view)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from ixdesk.paths import user_data_dir


def app_settings() -> QSettings:
    """An INI file in the data folder, so tests (and IXDESK_DATA_DIR) keep their own."""
    return QSettings(str(user_data_dir() / "ixdesk-window.ini"), QSettings.Format.IniFormat)


def remembered_folder(key: str) -> Path:
    """The folder kept under ``key`` (the last one used), else the Documents folder: a file
    dialog never opens in the program's own folder."""
    saved = str(app_settings().value(key, "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember(key: str, value: str | None) -> None:
    settings = app_settings()
    if value is None:
        settings.remove(key)
    else:
        settings.setValue(key, value)
    settings.sync()
