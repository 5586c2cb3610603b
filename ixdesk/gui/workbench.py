"""The workbench: what every part of the window works with, in one object.

A view, a dialog or a feature of the window is given the workbench and takes
from it what it needs, instead of five separate arguments:

* ``database``: where records are read and written (through the services);
* ``hub``: the services' change announcements (``hub=workbench.hub`` on a write);
* ``changed``: the same announcements as a Qt signal, ``changed(changes, source)``,
  delivered on the interface thread, with the object that started the change
  (``None`` when nobody in this window did: an undo, another window's import);
* ``undo_stack``: the shared undo stack (``None`` in a window that only reads);
* ``dialogs``: message boxes and file pickers (:mod:`ixdesk.gui.dialogs`);
* ``status(text)``: a message in the window's status bar;
* ``settings()``: the window's settings file (:mod:`ixdesk.gui.settings`);
* ``operations``: the runner every change goes through (:mod:`ixdesk.gui.operations`),
  and ``bugs``, where an unexpected error goes (:mod:`ixdesk.gui.bugs`);
* ``settle()``: shown views catch up with the changes so far (the runner calls it);
* ``navigator``: opens records, cohorts, instructors and views, with Back and
  Forward (:mod:`ixdesk.gui.navigator`);
* ``organisation``: the organisation's settings (:mod:`ixdesk.services.settings`),
  read again when they change; their country, date order and paper are handed to
  the fields that ask for a default (``validation.regional``).

There is no global window: whoever builds the window builds its workbench and
hands it down, and tests build one for a widget on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ixdesk.db.engine import Database
from ixdesk.gui.bugs import BugReporter
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.navigator import Navigator
from ixdesk.gui.operations import OperationRunner, current_source
from ixdesk.gui.settings import app_settings
from ixdesk.services.operations import ChangeHub, Changes
from ixdesk.services.settings import OrganisationSettings, load_settings
from ixdesk.services.validation.regional import use_regional

if TYPE_CHECKING:
    from ixdesk.gui.live_refresh import LiveRefresh

StatusSink = Callable[[str, int], None]
STATUS_MILLISECONDS = 5000


class Workbench(QObject):
    """The database, its changes, undo, dialogs, status and settings of one window."""

    changed = Signal(object, object)  # Changes, the object that started them (or None)
    settling = Signal()  # "bring what is shown up to date now" (see settle())

    def __init__(
        self,
        database: Database,
        dialogs: DialogService | None = None,
        *,
        status: StatusSink | None = None,
        writable: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self._dialogs = dialogs if dialogs is not None else DialogService()
        self.writable = writable
        self.undo_stack: QUndoStack | None = QUndoStack(self) if writable else None
        self._status = status
        self.hub = ChangeHub()
        self.hub.subscribe(self._publish)
        self.live: LiveRefresh | None = None
        self.bugs = BugReporter(self._dialogs)
        self.operations = OperationRunner(self)
        self.navigator = Navigator(self)
        self.organisation = OrganisationSettings()
        self._read_organisation()
        self.changed.connect(self._organisation_changed)

    @property
    def dialogs(self) -> DialogService:
        return self._dialogs

    @dialogs.setter
    def dialogs(self, dialogs: DialogService) -> None:
        self._dialogs = self.bugs.dialogs = dialogs

    # --- changes ---
    def _publish(self, changes: Changes) -> None:
        """Called by the services on whichever thread committed; Qt queues the signal
        to the interface thread when that is another one."""
        self.changed.emit(changes, current_source())

    def settle(self) -> None:
        """Let the views shown catch up with the changes announced so far, now rather
        than after their short wait (the runner calls this once a change is done)."""
        self.settling.emit()

    def listen_to_server(self) -> None:
        """On a shared server, other people's changes refresh this window's views too."""
        from ixdesk.gui.live_refresh import listen_to_server

        self.live = listen_to_server(self)

    def detach(self) -> None:
        """Stop announcing changes (the window is closing)."""
        self.hub.unsubscribe(self._publish)
        if self.live is not None:
            self.live.stop()
            self.live = None

    def window(self) -> QWidget | None:
        """The window this workbench serves: the parent of the dialogs it opens."""
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    # --- the organisation's settings ---
    def _read_organisation(self) -> None:
        self.organisation = load_settings(self.database)
        use_regional(self.organisation.regional())

    def _organisation_changed(self, changes: Changes, _source: object) -> None:
        if changes.touches("settings"):
            self._read_organisation()

    # --- status and settings ---
    def set_status_sink(self, status: StatusSink | None) -> None:
        self._status = status

    def status(self, text: str, milliseconds: int = STATUS_MILLISECONDS) -> None:
        """Say ``text`` in the status bar for a while (nowhere, without a window)."""
        if self._status is not None:
            self._status(text, milliseconds)

    def settings(self) -> QSettings:
        return app_settings()
