"""Undo steps of the group builder: each was done once by the builder; undo reverses it
exactly, redo makes it again. The operation runner puts them on the undo stack."""

from __future__ import annotations

from collections.abc import Sequence

from ixdesk.db.engine import Database
from ixdesk.gui.operations import Reversible
from ixdesk.services import autobuild
from ixdesk.services import groups as g
from ixdesk.services.matching.applying import AppliedMatch, redo_match, undo_match
from ixdesk.services.operations import ChangeHub


def placing(
    database: Database,
    hub: ChangeHub,
    cohort_id: str,
    new: g.Placements,
    previous: g.Placements,
    text: str,
) -> Reversible:
    """Students moved between groups (or out of one): undo puts each back where they were."""
    new, previous = dict(new), dict(previous)
    return Reversible(
        text,
        undo=lambda: g.place_students(
            database, cohort_id, previous, expected=new, require_enrolled=False, hub=hub
        ),
        redo=lambda: g.place_students(database, cohort_id, new, expected=previous, hub=hub),
    )


def creating(database: Database, hub: ChangeHub, group_id: str, name: str) -> Reversible:
    return Reversible(
        f"New group {name}",
        undo=lambda: g.delete_empty_group(database, group_id, hub=hub),
        redo=lambda: g.restore_group(database, group_id, hub=hub),
    )


def renaming(
    database: Database, hub: ChangeHub, group_id: str, before: str, after: str
) -> Reversible:
    return Reversible(
        f"Rename group {before} to {after}",
        undo=lambda: g.rename_group(database, group_id, before, hub=hub),
        redo=lambda: g.rename_group(database, group_id, after, hub=hub),
    )


def auto_building(
    database: Database, hub: ChangeHub, applied: autobuild.AppliedProposal, text: str
) -> Reversible:
    return Reversible(
        text,
        undo=lambda: autobuild.undo_proposal(database, applied, hub=hub),
        redo=lambda: autobuild.redo_proposal(database, applied, hub=hub),
    )


def matching_step(
    database: Database, hub: ChangeHub, applied: AppliedMatch, text: str
) -> Reversible:
    return Reversible(
        text,
        undo=lambda: undo_match(database, applied, hub=hub),
        redo=lambda: redo_match(database, applied, hub=hub),
    )


class MergeStep:
    def __init__(self, database: Database, hub: ChangeHub, merge: g.MergeResult, text: str) -> None:
        self.database, self.hub, self.merge, self.text = database, hub, merge, text

    def undo(self) -> None:
        g.unmerge_groups(self.database, self.merge, hub=self.hub)

    def redo(self) -> None:
        self.merge = g.merge_groups(
            self.database, self.merge.target_id, self.merge.source_ids, hub=self.hub
        )


class DissolveStep:
    def __init__(
        self, database: Database, hub: ChangeHub, dissolved: g.DissolveResult, text: str
    ) -> None:
        self.database, self.hub, self.dissolved, self.text = database, hub, dissolved, text

    def undo(self) -> None:
        g.restore_dissolved(self.database, self.dissolved, hub=self.hub)

    def redo(self) -> None:
        ids: Sequence[str] = list(self.dissolved.members)
        self.dissolved = g.dissolve_groups(self.database, ids, hub=self.hub)
