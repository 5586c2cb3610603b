"""Turns the services' change announcements into a Qt signal views connect to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ixdesk.services.operations import ChangeHub, Changes


class ChangeBridge(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, hub: ChangeHub) -> None:
        super().__init__()
        self.hub = hub
        hub.subscribe(self._publish)

    def _publish(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        self.hub.unsubscribe(self._publish)
