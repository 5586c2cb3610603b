"""Application answers: the questions a sign-up form asked and what each student answered.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-04 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application_answers",
        sa.Column("student_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("cohort_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_application_answers_cohort_id_cohorts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["students.id"], name=op.f("fk_application_answers_student_id_students")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_answers")),
    )
    with op.batch_alter_table("application_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_answers_cohort_id"), ["cohort_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_application_answers_student_id"), ["student_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("application_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_answers_student_id"))
        batch_op.drop_index(batch_op.f("ix_application_answers_cohort_id"))
    op.drop_table("application_answers")
