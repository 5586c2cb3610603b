"""A change saved on a shared server reaches the other copies' listeners within a second,
and a listener whose connection drops comes back by itself and says so."""

from __future__ import annotations

import queue
import time

import pytest
from sqlalchemy import text

from ixdesk.db import models as m
from ixdesk.db import open_database
from ixdesk.db.live import (
    BACK,
    CONNECTED,
    LOST,
    Announcement,
    ChangeListener,
    payload,
    read_announcement,
)
from ixdesk.db.server_roles import COORDINATOR
from ixdesk.services.operations import create_record, update_record
from tests.shared_server import SharedServer

pytestmark = pytest.mark.postgres_only


def _listen(url: str) -> tuple[ChangeListener, queue.Queue[Announcement], queue.Queue[str]]:
    from sqlalchemy.engine import make_url

    changes: queue.Queue[Announcement] = queue.Queue()
    states: queue.Queue[str] = queue.Queue()
    # Another copy of ixdesk: its own announcements are skipped, these are not.
    listener = ChangeListener(make_url(url), changes.put, states.put, me="another copy")
    listener.start()
    assert listener.wait_listening()
    assert states.get(timeout=5) == CONNECTED
    return listener, changes, states


def test_a_coordinators_change_reaches_another_listener_within_a_second(
    shared_server: SharedServer,
) -> None:
    _, cora_url = shared_server.add_login(COORDINATOR, "cora")
    _, olga_url = shared_server.add_login(COORDINATOR, "olga")
    listener, changes, _ = _listen(olga_url)
    cora = open_database(cora_url, create=False)
    try:
        started = time.monotonic()
        student = create_record(cora, m.Student, {"first_name": "Zoë", "last_name": "Martin"})
        heard = changes.get(timeout=1)
        assert time.monotonic() - started < 1
        assert heard.tables == {"students"} and heard.ids == {student.id}
        update_record(cora, m.Student, student.id, student.version, {"grade": 11})
        assert changes.get(timeout=1).ids == {student.id}
    finally:
        listener.stop()
        cora.close()


def test_nothing_is_announced_by_a_change_that_is_rolled_back(
    shared_server: SharedServer,
) -> None:
    _, url = shared_server.add_login(COORDINATOR, "cora")
    listener, changes, _ = _listen(url)
    try:
        with pytest.raises(Exception, match="refused"):
            from ixdesk.services.operations import run_operation

            def fail(context: object) -> None:
                from ixdesk.db.live import announce

                announce(context.session, ["students"], [])  # type: ignore[attr-defined]
                raise RuntimeError("refused")

            run_operation(shared_server.admin, fail)
        with pytest.raises(queue.Empty):
            changes.get(timeout=0.5)
    finally:
        listener.stop()


def test_a_dropped_connection_comes_back_and_says_so(shared_server: SharedServer) -> None:
    name, url = shared_server.add_login(COORDINATOR, "cora")
    listener, changes, states = _listen(url)
    cora = open_database(url, create=False)
    try:
        with shared_server.admin.engine.begin() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :n"),
                {"n": name},
            )
        assert states.get(timeout=5) == LOST
        assert states.get(timeout=10) == BACK
        # The window's own connection was cut too: the next save still goes through.
        student = create_record(cora, m.Student, {"first_name": "Ana", "last_name": "Lima"})
        assert changes.get(timeout=1).ids == {student.id}
    finally:
        listener.stop()
        cora.close()


def test_own_announcements_are_skipped_and_big_ones_keep_their_tables() -> None:
    mine = payload(["students"], ["a"], sender="me")
    assert read_announcement(mine, me="me") is None
    assert read_announcement(mine, me="you") == Announcement(
        frozenset({"students"}), frozenset({"a"})
    )
    many = payload(["students"], [f"{n:036d}" for n in range(1000)], sender="me")
    assert len(many.encode()) < 8000
    assert read_announcement(many, me="you") == Announcement(frozenset({"students"}), frozenset())
    assert read_announcement("not json", me="you") is None
