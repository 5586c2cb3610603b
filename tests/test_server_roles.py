"""A shared server enforces who sees what: an instructor's login, even in psql, reads
only its own groups and never a guardian's contacts, and writes no student."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ixdesk.db.server_roles import COORDINATOR, INSTRUCTOR
from ixdesk.errors import IxdeskError
from ixdesk.services.server import identity, remove_user, server_users
from tests.shared_server import SharedServer
from tests.test_instructor_view_service import _world

pytestmark = pytest.mark.postgres_only


def _psql(url: str) -> psycopg.Connection:
    """A plain connection, as psql would make with the login's password."""
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname=parsed.database,
        autocommit=True,
    )


def test_an_instructor_login_reads_only_its_own_groups(shared_server: SharedServer) -> None:
    ids = _world(shared_server.admin)
    _, url = shared_server.add_login(INSTRUCTOR, "olga", "olga@x.org")
    with _psql(url) as olga:
        groups = {row[0] for row in olga.execute("SELECT name FROM student_groups")}
        # Olga leads groups 2-4 and no other; Group 1 is Ravi's.
        assert groups == {"Group 2", "Group 3", "Group 4"}
        group_one = ids["Group 1"]
        rows = olga.execute(
            "SELECT s.id FROM students s JOIN group_memberships g ON g.student_id = s.id "
            "WHERE g.group_id = %s",
            (group_one,),
        ).fetchall()
        assert rows == []
        # Of all students, she sees only her own group's member (Zoë2, in Group 2).
        names = [row[0] for row in olga.execute("SELECT first_name FROM students")]
        assert names == ["Zoë2"]
        assert olga.execute("SELECT count(*) FROM instructors").fetchone() == (2,)  # + Ravi


def test_an_instructor_login_is_refused_guardian_contacts(shared_server: SharedServer) -> None:
    _world(shared_server.admin)
    _, url = shared_server.add_login(INSTRUCTOR, "ravi", "ravi@x.org")
    with _psql(url) as ravi:
        for column in ("guardian_email", "guardian_phone", "date_of_birth", "notes", "phone"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                ravi.execute(f"SELECT {column} FROM students")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ravi.execute("SELECT * FROM students")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ravi.execute("SELECT notes FROM instructors")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ravi.execute("SELECT email FROM contacts")


def test_an_instructor_login_cannot_change_a_student(shared_server: SharedServer) -> None:
    _world(shared_server.admin)
    _, url = shared_server.add_login(INSTRUCTOR, "ravi", "ravi@x.org")
    with _psql(url) as ravi:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ravi.execute("UPDATE students SET first_name = 'X'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ravi.execute("DELETE FROM students")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ravi.execute("UPDATE student_groups SET name = 'X'")
    with shared_server.admin.read() as session:
        names = session.execute(text("SELECT first_name FROM students")).scalars().all()
    assert "X" not in names and len(names) == 3


def test_a_coordinator_login_reads_and_writes_everything(shared_server: SharedServer) -> None:
    _world(shared_server.admin)
    _, url = shared_server.add_login(COORDINATOR, "cora")
    with _psql(url) as cora:
        assert cora.execute("SELECT count(guardian_email) FROM students").fetchone() == (3,)
        updated = cora.execute("UPDATE students SET grade = 12").rowcount
        assert updated == 3
        assert cora.execute("SELECT count(*) FROM student_groups").fetchone() == (5,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cora.execute("INSERT INTO server_logins (login, role, created_at) "
                         "VALUES ('x', 'coordinator', now())")  # fmt: skip


def test_logins_are_listed_told_apart_and_removed(shared_server: SharedServer) -> None:
    ids = _world(shared_server.admin)
    ravi_name, ravi_url = shared_server.add_login(INSTRUCTOR, "ravi", "RAVI@x.org")
    cora_name, cora_url = shared_server.add_login(COORDINATOR, "cora")
    users = {user.name: user for user in server_users(shared_server.admin)}
    assert users[ravi_name].role == INSTRUCTOR
    assert users[ravi_name].instructor == "Ravi Patel <Ravi@X.org>"
    assert users[cora_name].role == COORDINATOR and users[cora_name].instructor is None
    from ixdesk.db import open_database

    for url, expected in ((ravi_url, (INSTRUCTOR, ids["ravi"])), (cora_url, (COORDINATOR, None))):
        opened = open_database(url, create=False)
        try:
            found = identity(opened)
            assert (found.role, found.instructor_id) == expected
        finally:
            opened.close()
    remove_user(shared_server.admin, ravi_name)
    assert ravi_name not in {user.name for user in server_users(shared_server.admin)}
    with pytest.raises(psycopg.OperationalError):
        _psql(ravi_url).close()
    with pytest.raises(IxdeskError, match="not a login ixdesk made"):
        remove_user(shared_server.admin, "postgres")


def test_init_can_run_again(shared_server: SharedServer) -> None:
    from ixdesk.services.server import init_server

    _world(shared_server.admin)
    _, url = shared_server.add_login(INSTRUCTOR, "olga", "olga@x.org")
    init_server(shared_server.admin)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM student_groups")).scalar()
        assert count == 3
    finally:
        engine.dispose()


def test_the_server_commands(
    postgres_server: object,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import uuid

    from ixdesk.db.server_roles import group_roles
    from tests.pg_server import PostgresServer

    assert isinstance(postgres_server, PostgresServer)
    login = f"t{uuid.uuid4().hex[:10]}_cora"
    roles: list[str] = [login]
    try:
        with postgres_server.fresh_database() as url:
            made = group_roles(str(make_url(url).database))
            roles += [made.coordinators, made.instructors]
            _run_server_commands(
                postgres_server, url, login, made.coordinators, capsys, monkeypatch
            )
    finally:
        postgres_server.drop_roles(roles)


def _run_server_commands(
    server: Any,
    url: str,
    login: str,
    coordinators: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from ixdesk.cli import main

    assert main(["server", "init", url]) == 0
    assert coordinators in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("a secret password\n"))
    command = ["--database", url, "server", "add-user", "--role", "coordinator"]
    assert main([*command, "--password-stdin", login]) == 0
    out = capsys.readouterr().out
    assert f"Login {login} created" in out and "Password" not in out
    _psql(server.login_url(url, login, "a secret password")).close()
    assert main(["--database", url, "server", "users"]) == 0
    assert f"{login}  coordinator" in capsys.readouterr().out
    assert main([*command, "--instructor", "x@y.org", "other"]) == 1
    assert "--instructor goes only with" in capsys.readouterr().err
    assert main(["--database", url, "server", "remove-user", login]) == 0
    assert main(["--database", url, "server", "users"]) == 0
    assert capsys.readouterr().out.endswith("(0 logins)\n")


def test_server_commands_refuse_an_sqlite_file(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from ixdesk.cli import main

    assert main(["server", "init", f"{tmp_path}/x.db"]) == 1
    assert "work on a PostgreSQL database" in capsys.readouterr().err


def test_the_instructor_view_reads_the_same_through_an_instructor_login(
    shared_server: SharedServer,
) -> None:
    from ixdesk.db import open_database
    from ixdesk.services.instructor_view import instructor_groups

    ids = _world(shared_server.admin)
    _, url = shared_server.add_login(INSTRUCTOR, "ravi", "ravi@x.org")
    expected = instructor_groups(shared_server.admin, ids["ravi"], include_archived=True)
    opened = open_database(url, create=False)
    try:
        seen = instructor_groups(opened, ids["ravi"], include_archived=True)
    finally:
        opened.close()
    assert seen == expected and len(seen) == 3


def test_an_instructor_login_records_attendance_for_its_own_groups_only(
    shared_server: SharedServer,
) -> None:
    from ixdesk.db import models as m

    ids = _world(shared_server.admin)
    with shared_server.admin.write() as session:
        cohort_id = session.get(m.StudentGroup, ids["Group 1"]).cohort_id  # type: ignore[union-attr]
        ravis = m.CohortSession(cohort_id=cohort_id, group_id=ids["Group 1"], title="Kick-off")
        olgas = m.CohortSession(cohort_id=cohort_id, group_id=ids["Group 4"], title="Kick-off")
        session.add_all([ravis, olgas])
        session.flush()
        zoe = session.execute(text("SELECT student_id FROM group_memberships WHERE group_id = "
                                   ":g"), {"g": ids["Group 1"]}).scalars().first()  # fmt: skip
        sessions = (ravis.id, olgas.id)
    _, url = shared_server.add_login(INSTRUCTOR, "ravi", "ravi@x.org")
    insert = (
        "INSERT INTO attendance (id, session_id, student_id, status, created_at, updated_at, "
        "version) VALUES (gen_random_uuid(), %s, %s, 'present', now(), now(), 1)"
    )
    with _psql(url) as ravi:
        ravi.execute(insert, (sessions[0], zoe))
        assert ravi.execute("UPDATE attendance SET status = 'absent'").rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row-level security
            ravi.execute(insert, (sessions[1], zoe))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ravi.execute("DELETE FROM attendance")
