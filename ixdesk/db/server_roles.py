"""What each kind of login may do on a shared PostgreSQL server, enforced by the server.

``ixdesk server init`` calls :func:`install_roles`: two group roles per database
(``<database>_coordinators`` and ``<database>_instructors``, so several ixdesk
databases can share one server), the grants of each, and row-level security on
every table. Coordinators read and write every row. An instructor's login reads
only the rows of its own groups (their members, business problem, partner
company, cohort, sessions, attendance, the rubric of each member and the
partner company's feedback) and, of students, instructors and partner
companies, only the columns an instructor roster carries: guardian contacts,
dates of birth, phone numbers and notes are refused by the server itself. It
writes only attendance (for its own groups' sessions) and the rubric (for the
members of its own groups); the partner company's feedback is the
coordinators' to write. It never reads guardians' consents or the audit log; it
adds its own exports to the audit log and reads nothing back from it.

Which instructor a login is lives in ``server_logins``; the policies ask the
``ixdesk_my_*`` functions below, which run with the rights of whoever ran
``server init`` (the tables' owner) so that one table's policy can look at
another table without recursing through that table's policy. Everything here
can run again: it drops and re-creates the policies and functions, so running
``server init`` after an upgrade covers new tables.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import Connection, text

COORDINATOR = "coordinator"
INSTRUCTOR = "instructor"
ROLE_KINDS = (COORDINATOR, INSTRUCTOR)
MAX_NAME = 63  # PostgreSQL's identifier length
_BASE_MAX = MAX_NAME - len("_coordinators") - 2

# The columns an instructor's login may read; tables not named here are read whole.
INSTRUCTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "students": ("first_name", "last_name", "preferred_name", "email", "school", "grade"),
    "instructors": ("first_name", "last_name", "preferred_name", "email"),
    "partner_companies": ("name", "sector", "website", "city", "country", "status"),
}
_RECORD_COLUMNS = ("id", "created_at", "updated_at", "version", "deleted_at")

# Each table an instructor's login may read, and which of its rows.
INSTRUCTOR_ROWS: dict[str, str] = {
    "student_groups": "id IN (SELECT ixdesk_my_groups())",
    "group_memberships": "group_id IN (SELECT ixdesk_my_groups())",
    "group_assistants": "group_id IN (SELECT ixdesk_my_groups())",
    "students": "id IN (SELECT ixdesk_my_students())",
    "enrolments": (
        "cohort_id IN (SELECT ixdesk_my_cohorts()) AND student_id IN (SELECT ixdesk_my_students())"
    ),
    "cohorts": "id IN (SELECT ixdesk_my_cohorts())",
    "business_problems": "id IN (SELECT ixdesk_my_problems())",
    "partner_companies": "id IN (SELECT ixdesk_my_companies())",
    "instructors": "id IN (SELECT ixdesk_my_colleagues())",
    "sessions": "id IN (SELECT ixdesk_my_sessions())",
    "attendance": (
        "session_id IN (SELECT ixdesk_my_sessions()) "
        "AND student_id IN (SELECT ixdesk_my_students())"
    ),
    "student_feedback": "(group_id, student_id) IN (SELECT * FROM ixdesk_my_members())",
    "group_feedback": "group_id IN (SELECT ixdesk_my_groups())",
    "tracks": "true",
    "settings": "true",
    "server_logins": "login = session_user",
}
# The tables an instructor's login may also write (insert and update), within its rows.
INSTRUCTOR_WRITES = ("attendance", "student_feedback")
# Never read by an instructor's login: guardians' consents, and the audit log, to which
# it only adds its own exports (docs/privacy.md).
INSTRUCTOR_UNREAD = ("consents", "audit_log")
INSTRUCTOR_APPENDS = ("audit_log",)

_FUNCTIONS = {
    "ixdesk_my_instructor() RETURNS uuid": (
        "SELECT instructor_id FROM server_logins WHERE login = session_user AND role = 'instructor'"
    ),
    "ixdesk_my_groups() RETURNS SETOF uuid": (
        "SELECT g.id FROM student_groups g WHERE g.deleted_at IS NULL AND ("
        "g.lead_instructor_id = ixdesk_my_instructor() OR EXISTS (SELECT 1 FROM "
        "group_assistants a WHERE a.group_id = g.id AND a.deleted_at IS NULL "
        "AND a.instructor_id = ixdesk_my_instructor()))"
    ),
    "ixdesk_my_students() RETURNS SETOF uuid": (
        "SELECT student_id FROM group_memberships "
        "WHERE deleted_at IS NULL AND group_id IN (SELECT ixdesk_my_groups())"
    ),
    "ixdesk_my_members() RETURNS TABLE (group_id uuid, student_id uuid)": (
        "SELECT m.group_id, m.student_id FROM group_memberships m "
        "WHERE m.deleted_at IS NULL AND m.group_id IN (SELECT ixdesk_my_groups())"
    ),
    "ixdesk_my_cohorts() RETURNS SETOF uuid": (
        "SELECT cohort_id FROM student_groups WHERE id IN (SELECT ixdesk_my_groups())"
    ),
    "ixdesk_my_problems() RETURNS SETOF uuid": (
        "SELECT business_problem_id FROM student_groups "
        "WHERE id IN (SELECT ixdesk_my_groups()) AND business_problem_id IS NOT NULL"
    ),
    "ixdesk_my_companies() RETURNS SETOF uuid": (
        "SELECT company_id FROM business_problems WHERE id IN (SELECT ixdesk_my_problems())"
    ),
    "ixdesk_my_colleagues() RETURNS SETOF uuid": (
        "SELECT ixdesk_my_instructor() UNION SELECT lead_instructor_id FROM student_groups "
        "WHERE id IN (SELECT ixdesk_my_groups()) AND lead_instructor_id IS NOT NULL "
        "UNION SELECT instructor_id FROM group_assistants "
        "WHERE deleted_at IS NULL AND group_id IN (SELECT ixdesk_my_groups())"
    ),
    "ixdesk_my_sessions() RETURNS SETOF uuid": (
        "SELECT id FROM sessions WHERE deleted_at IS NULL "
        "AND cohort_id IN (SELECT ixdesk_my_cohorts()) "
        "AND (group_id IS NULL OR group_id IN (SELECT ixdesk_my_groups()))"
    ),
}


@dataclass(frozen=True)
class GroupRoles:
    """The two group roles of one database; every ixdesk login is in exactly one."""

    coordinators: str
    instructors: str

    def of(self, kind: str) -> str:
        return self.coordinators if kind == COORDINATOR else self.instructors


def group_roles(database_name: str) -> GroupRoles:
    """The group roles of the database with this name (shortened, uniquely, if long)."""
    base = database_name
    if len(base) > _BASE_MAX:
        digest = hashlib.sha256(base.encode()).hexdigest()[:8]
        base = f"{base[: _BASE_MAX - 9]}_{digest}"
    return GroupRoles(f"{base}_coordinators", f"{base}_instructors")


def roles_of(connection: Connection) -> GroupRoles:
    return group_roles(str(connection.execute(text("SELECT current_database()")).scalar_one()))


def quote(connection: Connection, name: str) -> str:
    """A role, table or database name quoted for a statement (names are never bound)."""
    return connection.dialect.identifier_preparer.quote_identifier(name)


def role_exists(connection: Connection, name: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found.first() is not None


def install_roles(connection: Connection) -> GroupRoles:
    """Create (or bring up to date) the group roles, grants, functions and policies."""
    roles = roles_of(connection)
    coordinators, instructors = (
        quote(connection, roles.coordinators),
        quote(connection, roles.instructors),
    )
    for name in (roles.coordinators, roles.instructors):
        if not role_exists(connection, name):
            connection.exec_driver_sql(f"CREATE ROLE {quote(connection, name)} NOLOGIN")
    database = quote(
        connection, str(connection.execute(text("SELECT current_database()")).scalar())
    )
    tables = _tables(connection)
    statements = [
        f"REVOKE ALL ON DATABASE {database} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {coordinators}, {instructors}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {coordinators}, {instructors}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {coordinators}, {instructors}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {coordinators}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {coordinators}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version, server_logins FROM {coordinators}",
        f"GRANT SELECT ON alembic_version TO {instructors}",
    ]
    for signature, body in _FUNCTIONS.items():
        name = signature.split("(")[0]
        statements += [
            f"CREATE OR REPLACE FUNCTION {signature} LANGUAGE sql STABLE SECURITY DEFINER "
            f"SET search_path = public, pg_temp AS $ixdesk$ {body} $ixdesk$",
            f"REVOKE ALL ON FUNCTION {name}() FROM PUBLIC",
            f"GRANT EXECUTE ON FUNCTION {name}() TO {instructors}",
        ]
    for table in tables:
        quoted = quote(connection, table)
        statements += [
            f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS ixdesk_coordinators ON {quoted}",
            f"CREATE POLICY ixdesk_coordinators ON {quoted} TO {coordinators} "
            "USING (true) WITH CHECK (true)",
            f"DROP POLICY IF EXISTS ixdesk_instructors ON {quoted}",
        ]
        if table in INSTRUCTOR_APPENDS:
            statements += [
                f"GRANT INSERT ON {quoted} TO {instructors}",
                f"CREATE POLICY ixdesk_instructors ON {quoted} FOR INSERT TO {instructors} "
                "WITH CHECK (true)",
            ]
        rows = INSTRUCTOR_ROWS.get(table)
        if rows is None or table in INSTRUCTOR_UNREAD:
            continue
        columns = INSTRUCTOR_COLUMNS.get(table)
        readable = f" ({', '.join((*_RECORD_COLUMNS, *columns))})" if columns else ""
        statements.append(f"GRANT SELECT{readable} ON {quoted} TO {instructors}")
        if table in INSTRUCTOR_WRITES:
            statements += [
                f"GRANT INSERT, UPDATE ON {quoted} TO {instructors}",
                f"CREATE POLICY ixdesk_instructors ON {quoted} TO {instructors} "
                f"USING ({rows}) WITH CHECK ({rows})",
            ]
        else:
            statements.append(
                f"CREATE POLICY ixdesk_instructors ON {quoted} FOR SELECT TO {instructors} "
                f"USING ({rows})"
            )
    statements += [
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {coordinators}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO {coordinators}",
    ]
    for table in (name for name in INSTRUCTOR_APPENDS if name in tables):
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}
        ).scalar()
        if sequence is not None:
            statements.append(f"GRANT USAGE ON SEQUENCE {sequence} TO {instructors}")
    for statement in statements:
        connection.exec_driver_sql(statement)
    return roles


def _tables(connection: Connection) -> list[str]:
    """The ixdesk tables in the public schema (Alembic's own table is not a record table)."""
    rows = connection.execute(
        text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version' ORDER BY tablename"
        )
    )
    return [str(name) for name in rows.scalars()]
