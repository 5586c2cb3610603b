"""Undo and redo of saves, deletions and status changes, through the services."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.editing import (
    RecordValues,
    delete_records,
    restore_records,
    save_values,
    set_statuses,
)
from ixdesk.services.kinds import KINDS
from ixdesk.services.operations import ChangeHub

ErrorSink = Callable[[str], None]


class _ServiceCommand(QUndoCommand):
    """A command already done once by the view; Qt's first redo() is skipped."""

    def __init__(self, text: str, on_error: ErrorSink) -> None:
        super().__init__(text)
        self._first = True
        self._on_error = on_error

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except IxdeskError as error:
            self.setObsolete(True)
            self._on_error(str(error))

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class SaveCommand(_ServiceCommand):
    """Undo puts back the values from before the save; a create is undone by deleting."""

    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        before: RecordValues,
        after: RecordValues,
        on_error: ErrorSink,
    ) -> None:
        spec = KINDS[after.kind]
        verb = "Add" if before.id is None else "Edit"
        super().__init__(f"{verb} {spec.singular} {spec.title(after.values)}", on_error)
        self.database, self.hub = database, hub
        self.before, self.after = before, after

    def revert(self) -> None:
        assert self.after.id is not None
        if self.before.id is None:
            delete_records(self.database, self.after.kind, [self.after.id], hub=self.hub)
            return
        restored = RecordValues(
            self.after.kind, self.after.id, self.after.version, dict(self.before.values)
        )
        self.before_saved = save_values(self.database, restored, hub=self.hub)

    def apply(self) -> None:
        assert self.after.id is not None
        if self.before.id is None:
            restore_records(self.database, self.after.kind, [self.after.id], hub=self.hub)
            return
        again = RecordValues(
            self.after.kind, self.after.id, self.before_saved.version, dict(self.after.values)
        )
        self.after = save_values(self.database, again, hub=self.hub)


class DeleteCommand(_ServiceCommand):
    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        kind: str,
        ids: list[str],
        label: str,
        on_error: ErrorSink,
    ) -> None:
        super().__init__(f"Delete {label}", on_error)
        self.database, self.hub, self.kind, self.ids = database, hub, kind, ids

    def revert(self) -> None:
        restore_records(self.database, self.kind, self.ids, hub=self.hub)

    def apply(self) -> None:
        delete_records(self.database, self.kind, self.ids, hub=self.hub)


class StatusCommand(_ServiceCommand):
    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        kind: str,
        new: dict[str, str],
        previous: dict[str, str],
        label: str,
        on_error: ErrorSink,
    ) -> None:
        super().__init__(label, on_error)
        self.database, self.hub, self.kind = database, hub, kind
        self.new, self.previous = new, previous

    def revert(self) -> None:
        set_statuses(self.database, self.kind, self.previous, hub=self.hub)

    def apply(self) -> None:
        set_statuses(self.database, self.kind, self.new, hub=self.hub)
