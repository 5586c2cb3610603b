"""Live refresh on a shared server: PostgreSQL's LISTEN/NOTIFY.

Every committed change is announced on the ``ixdesk_changes`` channel in the
same transaction (:func:`announce`; PostgreSQL delivers it only if the
transaction commits), carrying the tables and row ids touched, never a row's
values, and which copy of ixdesk sent it. A :class:`ChangeListener` keeps one
connection of its own listening on a background thread and hands each other
copy's announcement to a callback; when the connection drops it says so,
tries again with growing pauses, and says when it is back (views then read
everything again, since announcements made meanwhile were missed).
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANNEL = "ixdesk_changes"
#: This copy of ixdesk: its own announcements come back to it and are skipped.
SENDER = uuid.uuid4().hex
MAX_PAYLOAD = 7900  # PostgreSQL's limit is 8000 bytes
POLL_SECONDS = 0.25
RETRY_SECONDS = (0.5, 1, 2, 5, 10)

CONNECTED, LOST, BACK = "connected", "lost", "back"


@dataclass(frozen=True)
class Announcement:
    tables: frozenset[str]
    ids: frozenset[str]  # empty when there were too many to send: the tables say enough


def payload(tables: Iterable[str], ids: Iterable[str], sender: str | None = None) -> str:
    """The announcement as sent: ids are left out when they would not fit."""
    body = {"s": sender or SENDER, "t": sorted(tables), "i": sorted(ids)}
    text_ = json.dumps(body, separators=(",", ":"))
    if len(text_.encode()) > MAX_PAYLOAD:
        body["i"] = []
        text_ = json.dumps(body, separators=(",", ":"))
    return text_


def announce(session: Session, tables: Iterable[str], ids: Iterable[str]) -> None:
    """Announce a change inside its transaction (sent only when it commits)."""
    tables = list(tables)
    if tables:
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": CHANNEL, "payload": payload(tables, ids)},
        )


def read_announcement(raw: str, me: str | None = None) -> Announcement | None:
    """Another copy's announcement, or None (ours, or not an ixdesk announcement)."""
    try:
        body = json.loads(raw)
        if body.get("s") == (me or SENDER):
            return None
        return Announcement(frozenset(body["t"]), frozenset(body.get("i", [])))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _connect_arguments(url: URL) -> dict[str, object]:
    arguments: dict[str, object] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "dbname": url.database,
        "autocommit": True,
    }
    arguments.update({key: value for key, value in url.query.items() if isinstance(value, str)})
    return {key: value for key, value in arguments.items() if value is not None}


class ChangeListener:
    """Listens on its own connection, on a daemon thread, until :meth:`stop`."""

    def __init__(
        self,
        url: URL,
        on_change: Callable[[Announcement], None],
        on_state: Callable[[str], None] = lambda _state: None,
        *,
        me: str | None = None,
    ) -> None:
        self.url = url
        self.on_change = on_change
        self.on_state = on_state
        self.me = me or SENDER
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._connection: psycopg.Connection | None = None
        self._thread = threading.Thread(target=self._run, name="ixdesk-listen", daemon=True)

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def wait_listening(self, seconds: float = 10) -> bool:
        """Block until the listener is listening (for tests and the load script)."""
        return self._listening.wait(seconds)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def drop_connection(self) -> None:
        """Close the listening connection under the thread's feet, as a network drop would."""
        connection = self._connection
        if connection is not None:
            connection.pgconn.finish()

    def _run(self) -> None:
        failures = 0
        was_lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(**_connect_arguments(self.url)) as connection:  # type: ignore[arg-type]
                    self._connection = connection
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    self.on_state(BACK if was_lost else CONNECTED)
                    failures, was_lost = 0, False
                    self._listen(connection)
            except RuntimeError:  # whoever listened is gone (a closed window's signals)
                break
            except (psycopg.Error, OSError) as error:
                if self._stop.is_set():
                    break
                self._listening.clear()
                log.info("live refresh: connection lost (%s)", type(error).__name__)
                if not was_lost:
                    self.on_state(LOST)
                was_lost = True
                pause = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                failures += 1
                self._stop.wait(pause)
            finally:
                self._connection = None

    def _listen(self, connection: psycopg.Connection) -> None:
        while not self._stop.is_set():
            for note in connection.notifies(timeout=POLL_SECONDS):
                found = read_announcement(note.payload, self.me)
                if found is not None:
                    self.on_change(found)
