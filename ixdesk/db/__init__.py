"""Persistence: engine, sessions, mapped classes and migrations.

Nothing here imports Qt. Open a database with :func:`open_database`.
``Database`` and ``open_database`` load SQLAlchemy and Alembic when first
used, not when this package is imported: the command line's parser and the
window's first paint need only the plain modules beside them (``enums``,
``location`` is not one: it parses URLs with SQLAlchemy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ixdesk.db.engine import Database, open_database

__all__ = ["Database", "open_database"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ixdesk.db import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
