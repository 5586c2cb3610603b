"""Consent records per student and purpose, the audit log of exports and bulk actions, and
the moment a student was anonymised by the retention purge.

A consent already noted on a student (``guardian_consent_by`` / ``guardian_consent_at``)
becomes a consent record for participation, so nobody loses the consent they had.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 17:30:00
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))

    consents = op.create_table(
        "consents",
        sa.Column("student_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column(
            "purpose",
            _enum("consent_purpose", "participation", "photos", "partner_sharing", "messages"),
            nullable=False,
        ),
        sa.Column("given_by", sa.String(length=200), nullable=True),
        sa.Column("relation", sa.String(length=60), nullable=True),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "method", _enum("consent_method", "paper_form", "email", "online_form"), nullable=True
        ),
        sa.Column("notice_version", sa.String(length=40), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["student_id"], ["students.id"], name=op.f("fk_consents_student_id_students")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_student_id"), ["student_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("what", sa.String(length=300), nullable=False),
        sa.Column("profile", sa.String(length=40), nullable=True),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    students = sa.table(
        "students",
        sa.column("id", sa.Uuid(as_uuid=False)),
        sa.column("guardian_consent_by", sa.String()),
        sa.column("guardian_consent_at", sa.DateTime(timezone=True)),
        sa.column("deleted_at", sa.DateTime(timezone=True)),
    )
    connection = op.get_bind()
    given = connection.execute(
        sa.select(students.c.id, students.c.guardian_consent_by, students.c.guardian_consent_at)
        .where(students.c.guardian_consent_at.is_not(None))
        .where(students.c.deleted_at.is_(None))
    ).all()
    now = datetime.now(UTC)
    rows = [
        {
            "id": str(uuid.uuid4()),
            "student_id": student_id,
            "purpose": "participation",
            "given_by": given_by,
            "given_at": given_at,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for student_id, given_by, given_at in given
    ]
    if rows:
        op.bulk_insert(consents, rows)


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
    op.drop_table("audit_log")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_student_id"))
    op.drop_table("consents")
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.drop_column("anonymised_at")
