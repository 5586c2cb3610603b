"""On a shared server, guardians' consents and the audit log stay with coordinators: an
instructor's login reads neither (even in psql), yet its exports are still noted; a
coordinator's login notes its exports and reads both."""

from __future__ import annotations

import psycopg
import pytest

from ixdesk.db import models as m
from ixdesk.db import open_database
from ixdesk.db.server_roles import COORDINATOR, INSTRUCTOR
from ixdesk.services.operations import OperationContext, run_operation
from ixdesk.services.privacy import audit
from tests.shared_server import SharedServer
from tests.test_instructor_view_service import _world
from tests.test_server_roles import _psql

pytestmark = pytest.mark.postgres_only


def _consent_for_every_student(shared_server: SharedServer) -> None:
    def work(context: OperationContext) -> None:
        for student in context.session.query(m.Student):
            context.session.add(
                m.Consent(student_id=student.id, purpose="participation", given_by="A guardian",
                          given_at=student.created_at)
            )  # fmt: skip

    run_operation(shared_server.admin, work)


def _note_an_export(url: str) -> None:
    """What every export does once its file is written, through ixdesk with this login."""
    opened = open_database(url, create=False)
    try:
        audit.record_action(opened, audit.EXPORT, "Roster", profile="instructor", records=3)
    finally:
        opened.close()


def test_an_instructor_login_reads_no_consents_nor_the_audit_log(
    shared_server: SharedServer,
) -> None:
    _world(shared_server.admin)
    _consent_for_every_student(shared_server)
    _, url = shared_server.add_login(INSTRUCTOR, "ravi", "ravi@x.org")
    _note_an_export(url)  # an instructor's export is noted all the same
    with _psql(url) as ravi:
        for table in ("consents", "audit_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                ravi.execute(f"SELECT count(*) FROM {table}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ravi.execute("UPDATE audit_log SET what = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ravi.execute("DELETE FROM audit_log")
    assert [entry.what for entry in audit.audit_entries(shared_server.admin)] == ["Roster"]


def test_a_coordinator_login_notes_its_exports_and_reads_consents(
    shared_server: SharedServer,
) -> None:
    _world(shared_server.admin)
    _consent_for_every_student(shared_server)
    _, url = shared_server.add_login(COORDINATOR, "cora")
    _note_an_export(url)
    with _psql(url) as cora:
        assert cora.execute("SELECT count(*) FROM consents").fetchone() == (3,)
        assert cora.execute("SELECT what FROM audit_log").fetchall() == [("Roster",)]


def test_on_a_server_the_audit_log_names_the_login_not_the_computer_s_account(
    shared_server: SharedServer,
) -> None:
    import getpass

    _world(shared_server.admin)
    instructor, ravi_url = shared_server.add_login(INSTRUCTOR, "ravi", "ravi@x.org")
    coordinator, cora_url = shared_server.add_login(COORDINATOR, "cora")
    _note_an_export(cora_url)
    _note_an_export(ravi_url)  # an instructor, who cannot read the log, is named too
    entries = audit.audit_entries(shared_server.admin)
    assert [entry.who for entry in entries] == [coordinator, instructor]
    assert getpass.getuser() not in (coordinator, instructor)
