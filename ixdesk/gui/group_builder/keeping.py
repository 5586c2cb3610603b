"""What the match must keep, set in the group builder: locks, and pairs kept together or apart.

Lock (Ctrl+L) locks the selected members in their group, or the selected
groups (members and business problem); pressed again on what is all locked,
it unlocks. Two selected students can be kept together (Ctrl+Shift+T), kept
apart (Ctrl+Shift+X) or let be (Ctrl+Shift+F). Each is one undo step; the
match (:mod:`ixdesk.services.matching`) reads them.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ixdesk.gui.operations import Reversible
from ixdesk.services.matching.choices import set_locks, set_pair
from ixdesk.services.matching.setup import Pair

if TYPE_CHECKING:
    from ixdesk.gui.group_builder.actions import BuilderActions

PAIR_WORDS: dict[str | None, str] = {
    "together": "Keep together",
    "apart": "Keep apart",
    None: "Neither together nor apart",
}


class Keeping:
    """The lock and pair actions of one group builder."""

    def __init__(self, builder: BuilderActions) -> None:
        self.builder = builder
        self.pairs: list[Pair] = []
        self.lock_action = builder.action("Lock", "lock", "Ctrl+L", self.toggle_lock)
        self.lock_action.setToolTip(
            "Lock the selected members in their group, or the selected groups with their "
            "business problem, so a match leaves them as they are (Ctrl+L)"
        )
        self.pair_actions: list[QAction] = []
        for kind, keys, words in (
            ("together", "Ctrl+Shift+T", "a match puts them in one group"),
            ("apart", "Ctrl+Shift+X", "a match puts them in different groups"),
            (None, "Ctrl+Shift+F", "a match may place them anywhere"),
        ):
            text = PAIR_WORDS[kind]
            action = builder.action(text, "link", keys, partial(self.pair, kind))
            action.setToolTip(f"{text}: two selected students; {words} ({keys})")
            self.pair_actions.append(action)

    def actions(self) -> list[QAction]:
        return [self.lock_action, *self.pair_actions]

    # --- what the selection allows ---
    def _lock_targets(self) -> tuple[str, list[str], bool]:
        """("students" or "groups", their ids, whether they are all locked already)."""
        b = self.builder
        if b.cohort is None:
            return "groups", [], False
        students = b.selected_student_ids() if b._side == "groups" else []
        if students:
            rows = {s.id: s for s in b._known_students(students)}
            return "students", students, all(rows[s].locked for s in students if s in rows)
        groups = b.selected_group_ids() if b._side == "groups" else []
        rows_of = [b.tree_model.group(each) for each in groups]
        return "groups", groups, all(row is not None and row.locked for row in rows_of)

    def update(self) -> None:
        _kind, ids, locked = self._lock_targets()
        self.lock_action.setEnabled(bool(ids))
        self.lock_action.setText("Unlock" if ids and locked else "Lock")
        two = len(self.builder.selected_student_ids()) == 2 if self.builder.cohort else False
        for action in self.pair_actions:
            action.setEnabled(two)

    def summary(self) -> str:
        """ "2 pairs kept together, 1 apart", for the builder's summary line ('' when none)."""
        together = sum(1 for p in self.pairs if p.together)
        apart = len(self.pairs) - together
        if not self.pairs:
            return ""
        parts = []
        if together:
            parts.append(f"{together} {'pair' if together == 1 else 'pairs'} kept together")
        if apart:
            parts.append(f"{apart} {'pair' if apart == 1 else 'pairs'} kept apart")
        return ", ".join(parts)

    # --- changes ---
    def toggle_lock(self) -> bool:
        b = self.builder
        kind, ids, locked = self._lock_targets()
        if b.cohort_id is None or not ids:
            b.dialogs.info("Lock", "Select groups, or members of a group, first.")
            return False
        database, hub, cohort_id, lock = b.database, b.hub, b.cohort_id, not locked
        noun = (("student", "students") if kind == "students" else ("group", "groups"))[
            len(ids) != 1
        ]
        text = f"{'Lock' if lock else 'Unlock'} {len(ids)} {noun}"
        status = (
            f"{text}: a match leaves {'them' if len(ids) != 1 else 'it'} as "
            f"{'they are' if len(ids) != 1 else 'it is'}."
            if lock
            else f"{text}: a match may change {'them' if len(ids) != 1 else 'it'} again."
        )

        def change(targets: list[str], value: bool) -> tuple[list[str], list[str]]:
            chosen = {kind: targets}
            return set_locks(
                database,
                cohort_id,
                groups=chosen.get("groups", ()),
                students=chosen.get("students", ()),
                locked=value,
                hub=hub,
            )

        def step(changed: tuple[list[str], list[str]]) -> Reversible:
            done = changed[0] or changed[1]
            return Reversible(
                text, undo=lambda: change(done, not lock), redo=lambda: change(done, lock)
            )

        return b.workbench.operations.run(
            lambda: change(ids, lock), title="Nothing was locked", source=b, undo=step,
            status=status,
        )  # fmt: skip

    def pair(self, kind: str | None) -> bool:
        b = self.builder
        ids = b.selected_student_ids()
        if b.cohort_id is None or len(ids) != 2:
            b.dialogs.info(PAIR_WORDS[kind], "Select exactly two students first (Ctrl+click).")
            return False
        database, hub, cohort_id = b.database, b.hub, b.cohort_id
        first, second = ids
        names = " and ".join(s.name for s in b._known_students(ids)) or "the two students"
        text = f"{PAIR_WORDS[kind]}: {names}"

        def step(before: str | None) -> Reversible:
            return Reversible(
                text,
                undo=lambda: set_pair(database, cohort_id, first, second, before, hub=hub),
                redo=lambda: set_pair(database, cohort_id, first, second, kind, hub=hub),
            )

        return b.workbench.operations.run(
            lambda: set_pair(database, cohort_id, first, second, kind, hub=hub),
            title="The pair was not changed",
            source=b,
            undo=step,
            status=text + ". Undo with Ctrl+Z.",
        )
