"""Cohorts, students, groups and instructors: the first ixdesk schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 20:46:59.208939
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instructors",
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("preferred_name", sa.String(length=100), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("employer", sa.String(length=200), nullable=True),
        sa.Column("job_title", sa.String(length=200), nullable=True),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("availability", sa.Text(), nullable=True),
        sa.Column(
            "safeguarding_status",
            sa.Enum(
                "not_started",
                "pending",
                "cleared",
                "expired",
                name="safeguarding_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("safeguarding_expires_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "invited",
                "active",
                "inactive",
                name="instructor_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instructors")),
    )
    op.create_table(
        "partner_companies",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sector", sa.String(length=120), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=120), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "prospect",
                "active",
                "past",
                name="company_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_companies")),
    )
    op.create_table(
        "tracks",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracks")),
    )
    op.create_table(
        "cohorts",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("track_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column(
            "format",
            sa.Enum(
                "in_person",
                "online",
                "hybrid",
                name="cohort_format",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "schedule",
            sa.Enum(
                "after_school",
                "holiday",
                name="cohort_schedule",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("group_size", sa.Integer(), nullable=True),
        sa.Column(
            "audience",
            sa.Enum(
                "high_school",
                "university",
                name="audience",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "planning",
                "recruiting",
                "running",
                "completed",
                "archived",
                name="cohort_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["track_id"],
            ["tracks.id"],
            name=op.f("fk_cohorts_track_id_tracks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohorts")),
    )
    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cohorts_track_id"), ["track_id"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("company_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=120), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["partner_companies.id"],
            name=op.f("fk_contacts_company_id_partner_companies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_company_id"), ["company_id"], unique=False)

    op.create_table(
        "instructor_expertise",
        sa.Column("instructor_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("track_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructors.id"],
            name=op.f("fk_instructor_expertise_instructor_id_instructors"),
        ),
        sa.ForeignKeyConstraint(
            ["track_id"], ["tracks.id"], name=op.f("fk_instructor_expertise_track_id_tracks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instructor_expertise")),
    )
    with op.batch_alter_table("instructor_expertise", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_instructor_expertise_instructor_id"), ["instructor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_instructor_expertise_track_id"), ["track_id"], unique=False
        )
        batch_op.create_index(
            "uq_instructor_expertise_live",
            ["instructor_id", "track_id"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "students",
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("preferred_name", sa.String(length=100), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("school", sa.String(length=200), nullable=True),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("track_interest_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("guardian_name", sa.String(length=200), nullable=True),
        sa.Column("guardian_email", sa.String(length=254), nullable=True),
        sa.Column("guardian_phone", sa.String(length=40), nullable=True),
        sa.Column("guardian_consent_by", sa.String(length=200), nullable=True),
        sa.Column("guardian_consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("messaging_opt_in", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["track_interest_id"],
            ["tracks.id"],
            name=op.f("fk_students_track_interest_id_tracks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_students")),
    )
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.create_index("ix_students_last_first", ["last_name", "first_name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_students_track_interest_id"), ["track_interest_id"], unique=False
        )

    op.create_table(
        "business_problems",
        sa.Column("company_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("problem_statement", sa.Text(), nullable=True),
        sa.Column("deliverables", sa.Text(), nullable=True),
        sa.Column("skills", sa.Text(), nullable=True),
        sa.Column("track_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("effort_hours", sa.Integer(), nullable=True),
        sa.Column("sponsor_contact_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "scoped",
                "approved",
                "assigned",
                "delivered",
                name="problem_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["partner_companies.id"],
            name=op.f("fk_business_problems_company_id_partner_companies"),
        ),
        sa.ForeignKeyConstraint(
            ["sponsor_contact_id"],
            ["contacts.id"],
            name=op.f("fk_business_problems_sponsor_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["track_id"],
            ["tracks.id"],
            name=op.f("fk_business_problems_track_id_tracks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_problems")),
    )
    with op.batch_alter_table("business_problems", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_business_problems_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_business_problems_sponsor_contact_id"),
            ["sponsor_contact_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_business_problems_track_id"), ["track_id"], unique=False
        )

    op.create_table(
        "enrolments",
        sa.Column("student_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("cohort_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "applied",
                "accepted",
                "waitlisted",
                "enrolled",
                "completed",
                "withdrawn",
                name="enrolment_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("waitlist_position", sa.Integer(), nullable=True),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name=op.f("fk_enrolments_cohort_id_cohorts")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["students.id"], name=op.f("fk_enrolments_student_id_students")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolments")),
    )
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolments_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrolments_student_id"), ["student_id"], unique=False)
        batch_op.create_index(
            "uq_enrolments_student_cohort_live",
            ["student_id", "cohort_id"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "student_groups",
        sa.Column("cohort_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("business_problem_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("lead_instructor_id", sa.Uuid(as_uuid=False), nullable=True),
        sa.Column("meeting_slot", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "forming",
                "working",
                "presented",
                name="group_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_problem_id"],
            ["business_problems.id"],
            name=op.f("fk_student_groups_business_problem_id_business_problems"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name=op.f("fk_student_groups_cohort_id_cohorts")
        ),
        sa.ForeignKeyConstraint(
            ["lead_instructor_id"],
            ["instructors.id"],
            name=op.f("fk_student_groups_lead_instructor_id_instructors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student_groups")),
        sa.UniqueConstraint("id", "cohort_id", name="uq_student_groups_id_cohort"),
    )
    with op.batch_alter_table("student_groups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_student_groups_business_problem_id"),
            ["business_problem_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_student_groups_cohort_id"), ["cohort_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_student_groups_lead_instructor_id"), ["lead_instructor_id"], unique=False
        )

    op.create_table(
        "group_assistants",
        sa.Column("group_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("instructor_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["student_groups.id"],
            name=op.f("fk_group_assistants_group_id_student_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructors.id"],
            name=op.f("fk_group_assistants_instructor_id_instructors"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_assistants")),
    )
    with op.batch_alter_table("group_assistants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_assistants_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_group_assistants_instructor_id"), ["instructor_id"], unique=False
        )
        batch_op.create_index(
            "uq_group_assistants_live",
            ["group_id", "instructor_id"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "group_memberships",
        sa.Column("group_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("cohort_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("student_id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("id", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name=op.f("fk_group_memberships_cohort_id_cohorts")
        ),
        sa.ForeignKeyConstraint(
            ["group_id", "cohort_id"],
            ["student_groups.id", "student_groups.cohort_id"],
            name="fk_group_memberships_group_cohort",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["students.id"], name=op.f("fk_group_memberships_student_id_students")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_memberships")),
    )
    with op.batch_alter_table("group_memberships", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_memberships_cohort_id"), ["cohort_id"], unique=False
        )
        batch_op.create_index("ix_group_memberships_group_id", ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_group_memberships_student_id"), ["student_id"], unique=False
        )
        batch_op.create_index(
            "uq_group_memberships_student_cohort_live",
            ["student_id", "cohort_id"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    live = sa.text("deleted_at IS NULL")
    live_email = sa.text("deleted_at IS NULL AND email IS NOT NULL")
    for table, columns, where in [
        ("tracks", ["lower(name)"], live),
        ("partner_companies", ["lower(name)"], live),
        ("cohorts", ["lower(name)"], live),
        ("contacts", ["lower(email)"], live_email),
        ("students", ["lower(email)"], live_email),
        ("instructors", ["lower(email)"], live_email),
    ]:
        op.create_index(
            f"uq_{table}_{columns[0][6:-1]}_live",
            table,
            [sa.text(column) for column in columns],
            unique=True,
            sqlite_where=where,
            postgresql_where=where,
        )
    op.create_index(
        "uq_student_groups_name_live",
        "student_groups",
        ["cohort_id", sa.text("lower(name)")],
        unique=True,
        sqlite_where=live,
        postgresql_where=live,
    )


def downgrade() -> None:
    for name, table in [
        ("uq_student_groups_name_live", "student_groups"),
        ("uq_instructors_email_live", "instructors"),
        ("uq_students_email_live", "students"),
        ("uq_contacts_email_live", "contacts"),
        ("uq_cohorts_name_live", "cohorts"),
        ("uq_partner_companies_name_live", "partner_companies"),
        ("uq_tracks_name_live", "tracks"),
    ]:
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("group_memberships", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_group_memberships_student_cohort_live",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_group_memberships_student_id"))
        batch_op.drop_index("ix_group_memberships_group_id")
        batch_op.drop_index(batch_op.f("ix_group_memberships_cohort_id"))

    op.drop_table("group_memberships")
    with op.batch_alter_table("group_assistants", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_group_assistants_live",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_group_assistants_instructor_id"))
        batch_op.drop_index(batch_op.f("ix_group_assistants_group_id"))

    op.drop_table("group_assistants")
    with op.batch_alter_table("student_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_student_groups_lead_instructor_id"))
        batch_op.drop_index(batch_op.f("ix_student_groups_cohort_id"))
        batch_op.drop_index(batch_op.f("ix_student_groups_business_problem_id"))

    op.drop_table("student_groups")
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_enrolments_student_cohort_live",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_enrolments_student_id"))
        batch_op.drop_index(batch_op.f("ix_enrolments_cohort_id"))

    op.drop_table("enrolments")
    with op.batch_alter_table("business_problems", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_problems_track_id"))
        batch_op.drop_index(batch_op.f("ix_business_problems_sponsor_contact_id"))
        batch_op.drop_index(batch_op.f("ix_business_problems_company_id"))

    op.drop_table("business_problems")
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_students_track_interest_id"))
        batch_op.drop_index("ix_students_last_first")

    op.drop_table("students")
    with op.batch_alter_table("instructor_expertise", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_instructor_expertise_live",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_instructor_expertise_track_id"))
        batch_op.drop_index(batch_op.f("ix_instructor_expertise_instructor_id"))

    op.drop_table("instructor_expertise")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_company_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohorts_track_id"))

    op.drop_table("cohorts")
    op.drop_table("tracks")
    op.drop_table("partner_companies")
    op.drop_table("instructors")
