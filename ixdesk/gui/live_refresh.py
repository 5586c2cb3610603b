"""Other people's changes on a shared server, into this window's views as they happen.

A :class:`~ixdesk.db.live.ChangeListener` hears the server's announcements on
its own thread; they cross to the interface thread as a queued Qt signal and
go into the workbench's change hub like the window's own changes, so each
view refreshes through its ``Freshness`` (what someone is typing in an
editor stays as typed). When the connection drops the status bar says so;
when it is back, every view reads again, since announcements made meanwhile
were missed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ixdesk.db.base import Base
from ixdesk.db.live import BACK, LOST, Announcement, ChangeListener
from ixdesk.gui.workbench import Workbench
from ixdesk.services.operations import Changes

LOST_TEXT = "The connection to the server was lost; reconnecting… Your typing is kept."
BACK_TEXT = "Reconnected to the server; everything shown was read again."
STAY_SHOWN = 0  # until replaced


class LiveRefresh(QObject):
    heard = Signal(object)  # an Announcement, from the listener's thread
    state = Signal(str)

    def __init__(self, workbench: Workbench) -> None:
        super().__init__(workbench)
        self.workbench = workbench
        self.heard.connect(self._publish)
        self.state.connect(self._say)
        self.listener = ChangeListener(workbench.database.url, self.heard.emit, self.state.emit)
        # A window dropped without closing (a test's, say) takes its listener with it.
        listener = self.listener
        workbench.destroyed.connect(lambda *_: listener.stop())

    def start(self) -> LiveRefresh:
        self.listener.start()
        return self

    def stop(self) -> None:
        self.listener.stop()

    def _publish(self, heard: Announcement) -> None:
        self.workbench.hub.publish(Changes(heard.tables, heard.ids))
        self.workbench.settle()

    def _say(self, state: str) -> None:
        if state == LOST:
            self.workbench.status(LOST_TEXT, STAY_SHOWN)
        elif state == BACK:
            self._publish(Announcement(frozenset(Base.metadata.tables), frozenset()))
            self.workbench.status(BACK_TEXT)


def listen_to_server(workbench: Workbench) -> LiveRefresh | None:
    """Start live refresh for a window on a shared server (None on an SQLite file)."""
    if workbench.database.is_sqlite:
        return None
    return LiveRefresh(workbench).start()
