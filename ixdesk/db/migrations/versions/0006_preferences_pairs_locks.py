"""Matching students to business problems: ranked choices, pairs, locks, groups at most.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    ]


def _foreign(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _indexes(table: str, columns: tuple[str, ...], unique: list[str]) -> None:
    """An index on each of ``columns``, and ``unique`` unique among live rows."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column])
        batch_op.create_index(
            f"uq_{table}_live", unique, unique=True, sqlite_where=LIVE, postgresql_where=LIVE
        )


def upgrade() -> None:
    op.create_table(
        "problem_preferences",
        sa.Column("student_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("cohort_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("business_problem_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        *_record_columns(),
        _foreign("problem_preferences", "business_problem_id", "business_problems"),
        _foreign("problem_preferences", "cohort_id", "cohorts"),
        _foreign("problem_preferences", "student_id", "students"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problem_preferences")),
    )
    _indexes(
        "problem_preferences",
        ("business_problem_id", "cohort_id", "student_id"),
        ["student_id", "cohort_id", "business_problem_id"],
    )

    op.create_table(
        "student_pairs",
        sa.Column("cohort_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("student_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("other_student_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "together",
                "apart",
                name="pair_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        *_record_columns(),
        _foreign("student_pairs", "cohort_id", "cohorts"),
        _foreign("student_pairs", "other_student_id", "students"),
        _foreign("student_pairs", "student_id", "students"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student_pairs")),
    )
    _indexes(
        "student_pairs",
        ("cohort_id", "other_student_id", "student_id"),
        ["cohort_id", "student_id", "other_student_id"],
    )

    # Plain ADD COLUMN (SQLite has it): a batch copy of these tables would drop their
    # expression indexes, which SQLite cannot reflect.
    op.add_column("business_problems", sa.Column("max_groups", sa.Integer(), nullable=True))
    for table in ("group_memberships", "student_groups"):
        op.add_column(
            table, sa.Column("locked", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    # SQLite 3.35 and later drop a column in place.
    for table in ("student_groups", "group_memberships"):
        op.drop_column(table, "locked")
    op.drop_column("business_problems", "max_groups")
    op.drop_table("student_pairs")
    op.drop_table("problem_preferences")
