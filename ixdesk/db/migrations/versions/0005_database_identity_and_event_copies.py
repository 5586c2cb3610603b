"""Database identity, event copies and their merges.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 10:00:00

Every database gets its id here, made once: an event copy names the database it
was made from, and a merge refuses a copy made from another one.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    identity = op.create_table(
        "database_identity",
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event_origin_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("event_name", sa.String(length=200), nullable=True),
        sa.Column("event_packed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("event_pin", sa.String(length=200), nullable=True),
        sa.Column("event_enrolment_status", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_database_identity")),
    )
    op.bulk_insert(identity, [{"id": str(uuid.uuid4()), "made_at": datetime.now(UTC)}])

    op.create_table(
        "event_packed",
        sa.Column("record_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("packed", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_event_packed")),
    )
    op.create_table(
        "event_merges",
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("copies", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("undo", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_merges")),
    )
    op.create_table(
        "event_merged",
        sa.Column("copy_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("record_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("copy_version", sa.Integer(), nullable=False),
        sa.Column("main_version", sa.Integer(), nullable=False),
        sa.Column("merged", sa.JSON(), nullable=False),
        sa.Column("merge_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.PrimaryKeyConstraint("copy_id", "record_id", name=op.f("pk_event_merged")),
    )
    with op.batch_alter_table("event_merged", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_merged_record_id"), ["record_id"], unique=False)
    op.create_table(
        "event_merge_fields",
        sa.Column("record_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "field", name=op.f("pk_event_merge_fields")),
    )
    op.create_table(
        "event_reviews",
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("merge_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("other_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("decision", sa.String(length=40), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_reviews")),
    )
    with op.batch_alter_table("event_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_reviews_merge_id"), ["merge_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_reviews_record_id"), ["record_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_reviews_record_id"))
        batch_op.drop_index(batch_op.f("ix_event_reviews_merge_id"))
    op.drop_table("event_reviews")
    op.drop_table("event_merge_fields")
    with op.batch_alter_table("event_merged", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_merged_record_id"))
    op.drop_table("event_merged")
    op.drop_table("event_merges")
    op.drop_table("event_packed")
    op.drop_table("database_identity")
