"""Undoable group builder actions: each was done once by the builder, undo reverses it exactly."""

from __future__ import annotations

from collections.abc import Sequence

from ixdesk.db.engine import Database
from ixdesk.gui.undo import ErrorSink, _ServiceCommand
from ixdesk.services import autobuild
from ixdesk.services import groups as g
from ixdesk.services.operations import ChangeHub


class PlaceCommand(_ServiceCommand):
    """Students moved between groups (or out of one): undo puts each back where they were."""

    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        cohort_id: str,
        new: g.Placements,
        previous: g.Placements,
        text: str,
        on_error: ErrorSink,
    ) -> None:
        super().__init__(text, on_error)
        self.database, self.hub, self.cohort_id = database, hub, cohort_id
        self.new, self.previous = dict(new), dict(previous)

    def revert(self) -> None:
        g.place_students(
            self.database,
            self.cohort_id,
            self.previous,
            expected=self.new,
            require_enrolled=False,
            hub=self.hub,
        )

    def apply(self) -> None:
        g.place_students(
            self.database, self.cohort_id, self.new, expected=self.previous, hub=self.hub
        )


class CreateGroupCommand(_ServiceCommand):
    def __init__(
        self, database: Database, hub: ChangeHub, group_id: str, name: str, on_error: ErrorSink
    ) -> None:
        super().__init__(f"New group {name}", on_error)
        self.database, self.hub, self.group_id = database, hub, group_id

    def revert(self) -> None:
        g.delete_empty_group(self.database, self.group_id, hub=self.hub)

    def apply(self) -> None:
        g.restore_group(self.database, self.group_id, hub=self.hub)


class RenameGroupCommand(_ServiceCommand):
    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        group_id: str,
        before: str,
        after: str,
        on_error: ErrorSink,
    ) -> None:
        super().__init__(f"Rename group {before} to {after}", on_error)
        self.database, self.hub, self.group_id = database, hub, group_id
        self.before, self.after = before, after

    def revert(self) -> None:
        g.rename_group(self.database, self.group_id, self.before, hub=self.hub)

    def apply(self) -> None:
        g.rename_group(self.database, self.group_id, self.after, hub=self.hub)


class MergeGroupsCommand(_ServiceCommand):
    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        merge: g.MergeResult,
        text: str,
        on_error: ErrorSink,
    ) -> None:
        super().__init__(text, on_error)
        self.database, self.hub, self.merge = database, hub, merge

    def revert(self) -> None:
        g.unmerge_groups(self.database, self.merge, hub=self.hub)

    def apply(self) -> None:
        self.merge = g.merge_groups(
            self.database, self.merge.target_id, self.merge.source_ids, hub=self.hub
        )


class DissolveGroupsCommand(_ServiceCommand):
    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        dissolved: g.DissolveResult,
        text: str,
        on_error: ErrorSink,
    ) -> None:
        super().__init__(text, on_error)
        self.database, self.hub, self.dissolved = database, hub, dissolved

    def revert(self) -> None:
        g.restore_dissolved(self.database, self.dissolved, hub=self.hub)

    def apply(self) -> None:
        ids: Sequence[str] = list(self.dissolved.members)
        self.dissolved = g.dissolve_groups(self.database, ids, hub=self.hub)


class AutoBuildCommand(_ServiceCommand):
    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        applied: autobuild.AppliedProposal,
        text: str,
        on_error: ErrorSink,
    ) -> None:
        super().__init__(text, on_error)
        self.database, self.hub, self.applied = database, hub, applied

    def revert(self) -> None:
        autobuild.undo_proposal(self.database, self.applied, hub=self.hub)

    def apply(self) -> None:
        autobuild.redo_proposal(self.database, self.applied, hub=self.hub)
