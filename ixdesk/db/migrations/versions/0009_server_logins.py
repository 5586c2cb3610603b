"""Server logins: which PostgreSQL login belongs to which instructor.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-04 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_logins",
        sa.Column("login", sa.String(63), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("instructor_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructors.id"],
            name=op.f("fk_server_logins_instructor_id_instructors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_server_logins")),
    )
    op.create_index(
        op.f("ix_server_logins_instructor_id"), "server_logins", ["instructor_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_server_logins_instructor_id"), table_name="server_logins")
    op.drop_table("server_logins")
