"""Where ixdesk finds its own files and keeps the user's data.

The same lookups work from a checkout, an installed wheel and a frozen
(PyInstaller) bundle: ``ui/`` and ``resources/`` sit at the top of the
repository and are installed as the ``ixdesk.ui`` and ``ixdesk.resources``
packages; the bundle carries them under the same names.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "ixdesk"
APP_AUTHOR = "ixdesk"
DATABASE_ENV = "IXDESK_DATABASE"
DATA_DIR_ENV = "IXDESK_DATA_DIR"


def user_data_dir() -> Path:
    """The folder holding ``ixdesk.db`` and its backups (``IXDESK_DATA_DIR`` overrides)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def user_log_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return user_data_dir() / "ixdesk.db"


def _checkout_root() -> Path:
    return Path(__file__).resolve().parent.parent


def data_dir(kind: str) -> Path:
    """The folder of shipped files of one kind: ``"ui"`` or ``"resources"``."""
    if kind not in {"ui", "resources"}:
        raise ValueError(kind)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "ixdesk" / kind
    try:
        installed = resources.files(f"ixdesk.{kind}")
    except ModuleNotFoundError:
        installed = None
    if installed is not None:
        path = Path(str(installed))
        if path.is_dir():
            return path
    return _checkout_root() / kind


def resource_path(*parts: str) -> Path:
    """A shipped resource such as ``resource_path("icons", "ixdesk.svg")``."""
    return data_dir("resources").joinpath(*parts)


def ui_path(name: str) -> Path:
    return data_dir("ui") / name
