"""Undo steps of the record views: saves, deletions and status changes.

Each is a plain object (``text``, ``undo()``, ``redo()``) calling the
services; the operation runner puts it on the undo stack inside its one undo
command (:class:`ixdesk.gui.operations.ServiceCommand`), which also tells a
refused undo or redo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ixdesk.db.engine import Database
from ixdesk.gui.operations import Reversible
from ixdesk.services.editing import (
    RecordValues,
    delete_records,
    restore_records,
    save_values,
    set_statuses,
)
from ixdesk.services.kinds import KINDS
from ixdesk.services.operations import ChangeHub
from ixdesk.services.record_kinds import Kind
from ixdesk.services.validation import quoted

if TYPE_CHECKING:
    from ixdesk.gui.workbench import Workbench

C = TypeVar("C")


class SaveStep:
    """Undo puts back the values from before the save; a create is undone by deleting."""

    def __init__(
        self, database: Database, hub: ChangeHub, before: RecordValues, after: RecordValues
    ) -> None:
        spec = KINDS[after.kind]
        verb = "Add" if before.id is None else "Edit"
        self.text = f"{verb} {spec.singular} {quoted(spec.title(after.values))}"
        self.database, self.hub = database, hub
        self.before, self.after = before, after

    def undo(self) -> None:
        assert self.after.id is not None
        if self.before.id is None:
            delete_records(self.database, self.after.kind, [self.after.id], hub=self.hub)
            return
        restored = RecordValues(
            self.after.kind, self.after.id, self.after.version, dict(self.before.values)
        )
        self.before_saved = save_values(self.database, restored, hub=self.hub)

    def redo(self) -> None:
        assert self.after.id is not None
        if self.before.id is None:
            restore_records(self.database, self.after.kind, [self.after.id], hub=self.hub)
            return
        again = RecordValues(
            self.after.kind, self.after.id, self.before_saved.version, dict(self.after.values)
        )
        self.after = save_values(self.database, again, hub=self.hub)


def deletion(
    database: Database, hub: ChangeHub, kind: Kind, ids: list[str], what: str
) -> Reversible:
    """Records deleted together (with what they own): undo restores exactly those."""
    return Reversible(
        f"Delete {what}",
        undo=lambda: restore_records(database, kind, ids, hub=hub),
        redo=lambda: delete_records(database, kind, ids, hub=hub),
    )


def status_change(
    database: Database,
    hub: ChangeHub,
    kind: Kind,
    new: dict[str, str],
    previous: dict[str, str],
    label: str,
) -> Reversible:
    """Statuses set on many records: undo gives each its previous status back."""
    return Reversible(
        label,
        undo=lambda: set_statuses(database, kind, previous, hub=hub),
        redo=lambda: set_statuses(database, kind, new, hub=hub),
    )


def save_undoably(
    workbench: Workbench,
    save: Callable[[C], C],
    changes: C,
    reverse: Callable[[C], C],
    *,
    title: str,
    label: str,
    source: object | None = None,
    status: str | None = None,
) -> bool:
    """Save cell-by-cell ``changes`` (each knowing what it replaces) as one undo step:
    ``save`` returns what it changed, ``reverse`` turns that into its undo."""
    return workbench.operations.run(
        lambda: save(changes),
        title=title,
        source=source,
        undo=lambda done: Reversible(
            label, undo=lambda: save(reverse(done)), redo=lambda: save(done)
        ),
        status=status or f"{label}.",
    )
