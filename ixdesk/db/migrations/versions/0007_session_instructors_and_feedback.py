"""Who teaches each session; the instructor's rubric per student and the partner
company's feedback per group.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")


def _common() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # A column with its reference added in place: copying the table (Alembic's batch
        # mode) would drop a table that attendance rows refer to.
        op.execute(
            "ALTER TABLE sessions ADD COLUMN instructor_id CHAR(32) REFERENCES instructors (id)"
        )
    else:
        op.add_column("sessions", sa.Column("instructor_id", sa.Uuid(as_uuid=False)))
        op.create_foreign_key(
            op.f("fk_sessions_instructor_id_instructors"),
            "sessions",
            "instructors",
            ["instructor_id"],
            ["id"],
        )
    op.create_index(op.f("ix_sessions_instructor_id"), "sessions", ["instructor_id"])

    op.create_table(
        "student_feedback",
        sa.Column("group_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("student_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        *_common(),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["student_groups.id"],
            name=op.f("fk_student_feedback_group_id_student_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["students.id"], name=op.f("fk_student_feedback_student_id_students")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student_feedback")),
    )
    with op.batch_alter_table("student_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_student_feedback_group_id"), ["group_id"])
        batch_op.create_index(batch_op.f("ix_student_feedback_student_id"), ["student_id"])
        batch_op.create_index(
            "uq_student_feedback_live",
            ["group_id", "student_id"],
            unique=True,
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        )

    op.create_table(
        "group_feedback",
        sa.Column("group_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("given_by", sa.String(length=200), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        *_common(),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["student_groups.id"],
            name=op.f("fk_group_feedback_group_id_student_groups"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_feedback")),
    )
    with op.batch_alter_table("group_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_feedback_group_id"), ["group_id"])
        batch_op.create_index(
            "uq_group_feedback_live",
            ["group_id"],
            unique=True,
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        )


def downgrade() -> None:
    with op.batch_alter_table("group_feedback", schema=None) as batch_op:
        batch_op.drop_index("uq_group_feedback_live", sqlite_where=LIVE, postgresql_where=LIVE)
        batch_op.drop_index(batch_op.f("ix_group_feedback_group_id"))
    op.drop_table("group_feedback")
    with op.batch_alter_table("student_feedback", schema=None) as batch_op:
        batch_op.drop_index("uq_student_feedback_live", sqlite_where=LIVE, postgresql_where=LIVE)
        batch_op.drop_index(batch_op.f("ix_student_feedback_student_id"))
        batch_op.drop_index(batch_op.f("ix_student_feedback_group_id"))
    op.drop_table("student_feedback")
    op.drop_index(op.f("ix_sessions_instructor_id"), table_name="sessions")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(
            op.f("fk_sessions_instructor_id_instructors"), "sessions", type_="foreignkey"
        )
    op.drop_column("sessions", "instructor_id")  # SQLite 3.35 drops a referring column
