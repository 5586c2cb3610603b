"""Persistence: engine, sessions, mapped classes and migrations.

Nothing here imports Qt. Open a database with :func:`open_database`.
"""

from __future__ import annotations

from ixdesk.db.engine import Database, open_database

__all__ = ["Database", "open_database"]
