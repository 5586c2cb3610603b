"""What the coordinator does in the group builder: each action runs a group service
through the operation runner, which pushes its undo step on the shared stack and
says what happened in the status bar."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTableView, QToolBar, QTreeView, QWidget

from ixdesk.gui.group_builder.commands import (
    DissolveStep,
    MergeStep,
    auto_building,
    creating,
    matching_step,
    placing,
    renaming,
)
from ixdesk.gui.group_builder.common import ID_ROLE, KIND_ROLE
from ixdesk.gui.group_builder.keeping import Keeping
from ixdesk.gui.group_builder.match_preview import MatchDialog
from ixdesk.gui.group_builder.preview import AutoBuildDialog
from ixdesk.gui.icons import icon
from ixdesk.services import autobuild
from ixdesk.services import groups as g
from ixdesk.services.matching.applying import apply_match
from ixdesk.services.validation import quoted

if TYPE_CHECKING:
    from ixdesk.db.engine import Database
    from ixdesk.gui.dialogs import DialogService
    from ixdesk.gui.group_builder.group_model import GroupTreeModel
    from ixdesk.gui.group_builder.unassigned_model import UnassignedModel
    from ixdesk.gui.workbench import Workbench
    from ixdesk.services.operations import ChangeHub

NOT_IN_A_GROUP = "Not in a group"
T = TypeVar("T")


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


class BuilderActions(QWidget):
    """The group builder's actions; the base of :class:`GroupBuilder`, which builds what
    they work on (declared here)."""

    assign_requested = Signal(str)  # group id: "Assign problem and instructor…"

    # Set up by the builder:
    workbench: Workbench
    database: Database
    hub: ChangeHub
    dialogs: DialogService
    cohort_id: str | None
    cohort: g.CohortInfo | None
    where: dict[str, str | None]  # student id -> group id (None: not in one)
    _side: str  # the list that last had the focus: "unassigned" or "groups"
    toolbar: QToolBar
    table: QTableView
    tree: QTreeView
    unassigned_model: UnassignedModel
    tree_model: GroupTreeModel

    def action(
        self, text: str, icon_name: str, shortcut: str, slot: Callable[[], object]
    ) -> QAction:
        """An action on the builder's widgets; triggering it calls ``slot()``."""
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text.rstrip('…')} ({QKeySequence(shortcut).toString()})")
        # Not connected to ``slot`` itself: Qt would pass the checked flag to a slot
        # that takes an argument (``new_group(name)`` would be named False).
        action.triggered.connect(lambda: slot())
        self.addAction(action)
        return action

    def build_actions(self) -> None:
        self.move_action = self.action("Move to group…", "move", "Ctrl+M", self.choose_and_move)
        self.remove_action = self.action(
            "Remove from group", "remove-member", "Ctrl+Backspace", self.remove_selected
        )
        self.new_action = self.action("New group", "new", "Ctrl+Shift+N", self.new_group)
        self.rename_action = self.action("Rename", "edit", "F2", self.start_rename)
        self.merge_action = self.action("Merge groups…", "merge", "Ctrl+Shift+M", self.merge)
        self.dissolve_action = self.action(
            "Dissolve…", "dissolve", "Ctrl+Shift+D", self.dissolve_selected
        )
        self.auto_action = self.action("Auto-build…", "auto-build", "Ctrl+Shift+B", self.auto_build)
        self.match_action = self.action("Match…", "problem", "Ctrl+Shift+K", self.match)
        self.match_action.setToolTip(
            "Match students to the business problems they ranked, in groups (Ctrl+Shift+K)"
        )
        self.assign_action = self.action(
            "Assign problem and instructor…", "problem", "Ctrl+Shift+A", self.request_assign
        )
        # Short labels on the toolbar (the menus and tooltips say it in full), so every
        # button fits beside the side bar at 1280 pixels.
        for action, label in (
            (self.move_action, "Move to…"),
            (self.remove_action, "Remove"),
            (self.merge_action, "Merge…"),
        ):
            action.setIconText(label)
        bar: QToolBar = self.toolbar
        bar.addActions([self.auto_action, self.match_action, self.new_action])
        bar.addActions([self.move_action, self.remove_action])
        bar.addSeparator()
        bar.addActions([self.rename_action, self.merge_action, self.dissolve_action])
        bar.addSeparator()
        # The toolbar says it short (its tooltip and the menus in full), so the row fits
        # the window at 1280 px.
        self.assign_action.setIconText("Assign…")
        bar.addAction(self.assign_action)
        self.keeping = Keeping(self)  # locks and pairs: in the menus, not the toolbar

    def update_actions(self) -> None:
        has_cohort = self.cohort is not None
        students = bool(self.selected_student_ids()) if has_cohort else False
        groups = self.selected_group_ids() if has_cohort else []
        self.move_action.setEnabled(students)
        self.remove_action.setEnabled(students and self._side == "groups")
        self.new_action.setEnabled(has_cohort)
        self.auto_action.setEnabled(has_cohort and self.unassigned_model.total > 0)
        self.match_action.setEnabled(has_cohort)
        self.rename_action.setEnabled(len(groups) == 1)
        self.merge_action.setEnabled(len(groups) >= 2)
        self.dissolve_action.setEnabled(bool(groups))
        self.assign_action.setEnabled(len(groups) == 1)
        self.keeping.update()

    def _group_name(self, group_id: str | None) -> str:
        group = self.tree_model.group(group_id) if group_id else None
        return group.name if group else NOT_IN_A_GROUP

    # --- selection ---
    def selected_student_ids(self) -> list[str]:
        """Students selected on the side that last had the focus."""
        if self._side == "unassigned":
            rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
            return [self.unassigned_model.id_at(row) for row in rows]
        ids = [
            str(index.data(ID_ROLE))
            for index in self.tree.selectionModel().selectedIndexes()
            if index.column() == 0 and index.data(KIND_ROLE) == "student"
        ]
        return list(dict.fromkeys(ids))

    def selected_group_ids(self) -> list[str]:
        """Groups selected in the tree; else the group of the current row."""
        ids = [
            str(index.data(ID_ROLE))
            for index in self.tree.selectionModel().selectedIndexes()
            if index.column() == 0 and index.data(KIND_ROLE) == "group"
        ]
        if not ids:
            current = self.tree_model.group_id_of(self.tree.currentIndex())
            ids = [current] if current else []
        return list(dict.fromkeys(ids))

    def select_students(self, ids: Iterable[str]) -> None:
        """Select these students in the list of students not in a group (for keyboard work)."""
        wanted = set(ids)
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in range(self.unassigned_model.rowCount()):
            if self.unassigned_model.id_at(row) in wanted:
                selection.select(
                    self.unassigned_model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
        self.table.setFocus()
        self._side = "unassigned"

    # --- moving students ---
    def move_students(self, ids: Iterable[str], group_id: str | None) -> bool:
        """Move students into a group (None: out of their group), undoably."""
        if self.cohort_id is None:
            return False
        moving = [each for each in dict.fromkeys(ids) if self.where.get(each, "?") != group_id]
        if not moving:
            return False
        who = _count(len(moving), "student", "students")
        if len(moving) == 1:
            who = next((s.name for s in self._known_students(moving)), who)
        text = (
            f"Move {who} to {self._group_name(group_id)}"
            if group_id
            else f"Take {who} out of {'their group' if len(moving) > 1 else 'the group'}"
        )
        database, hub, cohort_id = self.database, self.hub, self.cohort_id
        new: dict[str, str | None] = dict.fromkeys(moving, group_id)
        return self.workbench.operations.run(
            lambda: g.move_students(database, cohort_id, moving, group_id, hub=hub),
            title="Nobody was moved",
            source=self,
            undo=lambda previous: placing(database, hub, cohort_id, new, previous, text),
            status=text + ". Undo with Ctrl+Z.",
        )

    def _known_students(self, ids: list[str]) -> list[g.StudentRow]:
        wanted = set(ids)
        found = [s for s in self.unassigned_model.students() if s.id in wanted]
        for group_id in {self.where.get(each) for each in ids} - {None}:
            found += [s for s in self.tree_model.members(str(group_id)) if s.id in wanted]
        return found

    def move_selected_to(self, group_id: str | None) -> bool:
        return self.move_students(self.selected_student_ids(), group_id)

    def choose_and_move(self) -> None:
        """Ctrl+M: pick a group from a list you can search as you type."""
        students = self.selected_student_ids()
        if not students:
            self.dialogs.info("Move to group", "Select one or more students first.")
            return
        choices = [(NOT_IN_A_GROUP, "")] if self._side == "groups" else []
        for group_id in self.tree_model.group_ids():
            count = _count(len(self.tree_model.members(group_id)), "member", "members")
            choices.append((f"{self._group_name(group_id)} ({count})", group_id))
        chosen = self.dialogs.choose(
            "Move to group", f"Move {_count(len(students), 'student', 'students')} to:", choices
        )
        if chosen is not None:
            self.move_students(students, chosen or None)

    def remove_selected(self) -> None:
        self.move_students(self.selected_student_ids(), None)

    # --- groups ---
    def new_group(self, name: str | None = None) -> str | None:
        """A new empty group ("Group N" unless named); its name is then open for editing."""
        if self.cohort_id is None:
            return None
        database, hub, cohort_id = self.database, self.hub, self.cohort_id
        made: list[str] = []

        def added(group_id: str) -> None:
            made.append(group_id)
            index = self.tree_model.group_index(group_id)
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            if name is None and self.isVisible():
                self.tree.setFocus()
                self.tree.edit(index)

        self.workbench.operations.run(
            lambda: g.create_group(database, cohort_id, name, hub=hub),
            title="No group was added",
            source=self,
            undo=lambda group_id: creating(database, hub, group_id, self._group_name(group_id)),
            status=lambda group_id: f"Added {quoted(self._group_name(group_id))}.",
            then=added,
        )
        return made[0] if made else None

    def start_rename(self) -> None:
        groups = self.selected_group_ids()
        if len(groups) == 1:
            index = self.tree_model.group_index(groups[0])
            self.tree.setCurrentIndex(index)
            self.tree.edit(index)

    def rename_group(self, group_id: str, name: str) -> bool:
        database, hub = self.database, self.hub
        return self.workbench.operations.run(
            lambda: g.rename_group(database, group_id, name, hub=hub),
            title="The group was not renamed",
            source=self,
            undo=lambda before: renaming(
                database, hub, group_id, before, self._group_name(group_id)
            ),
            status=lambda before: (
                f"Renamed {quoted(before)} to {quoted(self._group_name(group_id))}."
            ),
        )

    def merge(self) -> None:
        """Merge the selected groups into the one the coordinator picks."""
        ids = self.selected_group_ids()
        if len(ids) < 2:
            self.dialogs.info("Merge groups", "Select two or more groups to merge (Ctrl+click).")
            return
        choices = [(self._group_name(gid), gid) for gid in ids]
        target = self.dialogs.choose(
            "Merge groups",
            f"Merge {len(ids)} groups into which one? The members of the others join it, "
            "and the others are removed.",
            choices,
        )
        if target is not None:
            self.merge_groups(target, [gid for gid in ids if gid != target])

    def merge_groups(self, target: str, sources: list[str]) -> bool:
        database, hub = self.database, self.hub
        text = f"Merge {_count(len(sources), 'group', 'groups')} into {self._group_name(target)}"
        return self.workbench.operations.run(
            lambda: g.merge_groups(database, target, sources, hub=hub),
            title="The groups were not merged",
            source=self,
            undo=lambda result: MergeStep(database, hub, result, text),
            status=text + ". Undo with Ctrl+Z.",
        )

    def dissolve_selected(self) -> bool:
        ids = self.selected_group_ids()
        if not ids:
            return False
        members = sum(len(self.tree_model.members(gid)) for gid in ids)
        what = self._group_name(ids[0]) if len(ids) == 1 else f"{len(ids)} groups"
        text = (
            f"Dissolve {what}? {_count(members, 'member goes', 'members go')} back to "
            f"“{NOT_IN_A_GROUP}” and {'the group is' if len(ids) == 1 else 'the groups are'} "
            "removed. You can undo this with Ctrl+Z."
        )
        if not self.dialogs.confirm("Dissolve groups", text, "Dissolve"):
            return False
        database, hub, label = self.database, self.hub, f"Dissolve {what}"
        return self.workbench.operations.run(
            lambda: g.dissolve_groups(database, ids, hub=hub),
            title="Nothing was dissolved",
            source=self,
            undo=lambda result: DissolveStep(database, hub, result, label),
            status=label + ".",
        )

    def request_assign(self) -> None:
        groups = self.selected_group_ids()
        if len(groups) == 1:
            self.assign_requested.emit(groups[0])

    # --- auto-build and matching ---
    def _reviewed(self, dialog: AutoBuildDialog, answer: Callable[[], T | None]) -> T | None:
        """The preview's answer when the coordinator accepts it, else None; the preview goes."""
        try:
            return answer() if self.dialogs.review(dialog) else None
        finally:
            dialog.deleteLater()

    def auto_build(self) -> bool:
        """Propose groups, show the preview, and apply the proposal only when confirmed."""
        if self.cohort_id is None:
            return False
        data = g.builder_data(self.database, self.cohort_id)
        if not data.unassigned:
            self.dialogs.info("Auto-build", "Every enrolled student is in a group already.")
            return False
        dialog = AutoBuildDialog(data.cohort, data.unassigned, data.groups, self.workbench, self)
        proposal = self._reviewed(dialog, lambda: dialog.proposal)
        if proposal is None:
            return False
        database, hub, cohort_id = self.database, self.hub, self.cohort_id
        text = f"Auto-build: {proposal.summary()}".rstrip(".")
        return self.workbench.operations.run(
            lambda: autobuild.apply_proposal(database, cohort_id, proposal, hub=hub),
            title="No groups were made",
            source=self,
            undo=lambda applied: auto_building(database, hub, applied, text),
            status=text + ". Undo with Ctrl+Z.",
        )

    def match(self) -> bool:
        """Match students to the problems they ranked; save the match only when accepted."""
        if self.cohort_id is None:
            return False
        data = g.builder_data(self.database, self.cohort_id)
        dialog = MatchDialog(data.cohort, data.unassigned, data.groups, self.workbench, self)
        plan = self._reviewed(dialog, lambda: dialog.plan)
        if plan is None:
            return False
        database, hub, cohort_id = self.database, self.hub, self.cohort_id
        text = f"Match: {plan.summary()}".rstrip(".")
        return self.workbench.operations.run(
            lambda: apply_match(database, cohort_id, plan, hub=hub),
            title="The match was not saved",
            source=self,
            undo=lambda applied: matching_step(database, hub, applied, text),
            status=text + ". Undo with Ctrl+Z.",
        )
