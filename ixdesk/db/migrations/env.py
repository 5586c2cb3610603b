"""Alembic environment: always run on a connection ixdesk opened itself."""

from __future__ import annotations

from alembic import context

from ixdesk.db import models  # noqa: F401  (registers the tables)
from ixdesk.db.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("ixdesk migrations run through ixdesk.db.migrate, not the alembic CLI.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
