"""A shared ixdesk database on the test PostgreSQL server, set up with ``server init``,
and logins for it whose names no other test (or parallel run) uses; every role made
is dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy.engine import make_url

from ixdesk.db import Database, open_database
from ixdesk.db.server_roles import group_roles
from ixdesk.services.server import add_user, init_server
from tests.pg_server import PostgresServer


@dataclass
class SharedServer:
    server: PostgresServer
    admin_url: str
    admin: Database
    prefix: str = field(default_factory=lambda: f"t{uuid.uuid4().hex[:10]}_")
    logins: list[str] = field(default_factory=list)

    def add_login(
        self, role: str, suffix: str, instructor_email: str | None = None
    ) -> tuple[str, str]:
        """A new login's name and the URL that connects with it."""
        name = f"{self.prefix}{suffix}"
        self.logins.append(name)
        password = add_user(self.admin, name, role, instructor_email=instructor_email)
        return name, self.server.login_url(self.admin_url, name, password)

    def url_for(self, login: str, password: str) -> str:
        return self.server.login_url(self.admin_url, login, password)


@pytest.fixture
def shared_server(postgres_server: PostgresServer) -> Iterator[SharedServer]:
    roles: list[str] = []
    shared: SharedServer | None = None
    try:
        with postgres_server.fresh_database() as url:
            admin = open_database(url)
            shared = SharedServer(postgres_server, url, admin)
            made = group_roles(str(make_url(url).database))
            roles += [made.coordinators, made.instructors]
            init_server(admin)
            try:
                yield shared
            finally:
                admin.close()
    finally:
        postgres_server.drop_roles([*(shared.logins if shared else []), *roles])
