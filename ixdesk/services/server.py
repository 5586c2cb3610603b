"""A shared PostgreSQL server: setting it up, its logins, and who the open login is.

``init_server`` creates (or upgrades) the schema and installs the roles and
row-level security of :mod:`ixdesk.db.server_roles`; ``add_user`` /
``remove_user`` / ``server_users`` manage the logins ixdesk made. Passwords
travel to the server already hashed (SCRAM), so they never appear in its
statement log, and no password is kept anywhere by ixdesk.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.migrate import SCHEMA_LOCK_KEY
from ixdesk.db.server_roles import (
    COORDINATOR,
    INSTRUCTOR,
    MAX_NAME,
    GroupRoles,
    install_roles,
    quote,
    role_exists,
    roles_of,
)
from ixdesk.errors import IxdeskError
from ixdesk.services.read.common import person
from ixdesk.services.read.finding import find_instructor

PASSWORD_BYTES = 15  # 20 characters of URL-safe text
_LOGIN_NAME = re.compile(r"^[a-z][a-z0-9_.-]*$")
NOT_ALLOWED = (
    "Your login on {location} may not {what}; run this with the server administrator's "
    "login (the one that ran ixdesk server init, or one with CREATEROLE)."
)


@dataclass(frozen=True)
class ServerUser:
    """A login ixdesk made: its name, role, and for an instructor, who they are."""

    name: str
    role: str
    instructor: str | None = None


@dataclass(frozen=True)
class Identity:
    """Who the open database's login is: a coordinator (or the administrator), or an
    instructor, with that instructor's id."""

    role: str
    instructor_id: str | None = None

    @property
    def is_instructor(self) -> bool:
        return self.role == INSTRUCTOR


def require_server(database: Database) -> None:
    if database.is_sqlite:
        raise IxdeskError(
            f"{database.location} is an SQLite file; ixdesk server commands work on a "
            "PostgreSQL database (give its postgresql:// URL)."
        )


def init_server(database: Database) -> GroupRoles:
    """Install (again) the roles, grants and row-level security on an open database."""
    require_server(database)
    with _privileged(database, "set up roles and row-level security") as connection:
        return install_roles(connection)


def add_user(
    database: Database,
    name: str,
    role: str,
    *,
    instructor_email: str | None = None,
    password: str | None = None,
) -> str:
    """Create a login; returns its password (the one given, or a new random one)."""
    require_server(database)
    _check_name(name)
    if role not in (COORDINATOR, INSTRUCTOR):
        raise IxdeskError("A login is either a coordinator or an instructor.")
    instructor_id = None
    if role == INSTRUCTOR:
        if not instructor_email:
            raise IxdeskError(
                "An instructor's login needs the instructor's email: --instructor EMAIL."
            )
        instructor_id = find_instructor(database, instructor_email)
    elif instructor_email:
        raise IxdeskError("--instructor goes only with --role instructor.")
    if password is None:
        password = secrets.token_urlsafe(PASSWORD_BYTES)
    if not password:
        raise IxdeskError("The password is empty; give one, or let ixdesk make one.")
    with _privileged(database, "create logins") as connection:
        if role_exists(connection, name):
            raise IxdeskError(f"The server already has a login called {name}; choose another.")
        roles = roles_of(connection)
        if not role_exists(connection, roles.of(role)):
            raise IxdeskError(
                f"{database.location} is not set up for logins yet; run ixdesk server init first."
            )
        hashed = _scram(connection, name, password)
        connection.exec_driver_sql(
            f"CREATE ROLE {quote(connection, name)} LOGIN PASSWORD '{hashed}' "
            f"IN ROLE {quote(connection, roles.of(role))}"
        )
        connection.execute(
            m.ServerLogin.__table__.insert().values(
                login=name, role=role, instructor_id=instructor_id
            )
        )
    return password


def remove_user(database: Database, name: str) -> None:
    """Drop a login ixdesk made on this database (never any other role)."""
    require_server(database)
    with _privileged(database, "remove logins") as connection:
        table = m.ServerLogin.__table__
        found = connection.execute(table.delete().where(table.c.login == name)).rowcount
        if not found or not role_exists(connection, name):
            raise IxdeskError(f"{name} is not a login ixdesk made on {database.location}.")
        connection.exec_driver_sql(f"DROP ROLE {quote(connection, name)}")


def server_users(database: Database) -> list[ServerUser]:
    """The logins ixdesk made on this database, by name."""
    require_server(database)
    with database.read() as session:
        rows = session.execute(
            text(
                "SELECT l.login, l.role, i.first_name, i.last_name, i.preferred_name, i.email "
                "FROM server_logins l LEFT JOIN instructors i ON i.id = l.instructor_id "
                "ORDER BY l.login"
            )
        ).all()
    return [
        ServerUser(
            name,
            role,
            None if first is None else f"{person(first, last, preferred)} <{email or ''}>",
        )
        for name, role, first, last, preferred, email in rows
    ]


def identity(database: Database) -> Identity:
    """Who the open login is. On SQLite, and for any login that is not an instructor's,
    a coordinator: the server's own rules still decide what they may do."""
    if database.is_sqlite:
        return Identity(COORDINATOR)
    with database.engine.connect() as connection:
        roles = roles_of(connection)
        if not connection.execute(
            text(
                "SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = :r"
            ),
            {"r": roles.instructors},
        ).scalar():
            return Identity(COORDINATOR)
        found = connection.execute(
            text("SELECT instructor_id FROM server_logins WHERE login = session_user")
        ).scalar()
    if found is None:
        raise IxdeskError(
            "This login is an instructor's, but no instructor is linked to it any more; "
            "ask a coordinator to add your login again."
        )
    return Identity(INSTRUCTOR, str(found))


def _check_name(name: str) -> None:
    if not _LOGIN_NAME.match(name) or len(name) > MAX_NAME:
        raise IxdeskError(
            f"'{name}' cannot be a login name: use lower-case letters, digits, '.', '-' or "
            f"'_', starting with a letter, at most {MAX_NAME} characters."
        )


def _scram(connection: Connection, name: str, password: str) -> str:
    """The password as the server stores it (SCRAM-SHA-256), made on this computer."""
    raw = connection.connection.driver_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    hashed: bytes = pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    return hashed.decode("ascii")


@contextlib.contextmanager
def _privileged(database: Database, what: str) -> Iterator[Connection]:
    """One transaction, queued behind schema changes; a refusal for want of rights
    becomes a sentence naming what was not allowed."""
    try:
        with database.engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            yield connection
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", "") == "42501":
            raise IxdeskError(NOT_ALLOWED.format(location=database.location, what=what)) from error
        raise
