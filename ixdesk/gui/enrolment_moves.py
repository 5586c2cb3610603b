"""The enrolment board's moves: through the services, past capacity only when the
coordinator agrees, and each one a step on the shared undo stack."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ixdesk.db.engine import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.gui.workbench import Workbench
from ixdesk.services.enrolment import (
    EnrolmentChange,
    OverCapacityError,
    enrol_students,
    move_in_waitlist,
    revert_enrolment_change,
    set_enrolment_status,
)
from ixdesk.services.operations import ChangeHub

Attempt = Callable[[bool], EnrolmentChange]  # allow_over_capacity → the change made


class EnrolmentStep:
    """Undo and redo are the same call: each puts back what the other changed."""

    def __init__(
        self, database: Database, hub: ChangeHub, change: EnrolmentChange, text: str
    ) -> None:
        self.database, self.hub, self.change, self.text = database, hub, change, text

    def redo(self) -> None:
        self.change = revert_enrolment_change(self.database, self.change, hub=self.hub)

    def undo(self) -> None:
        self.redo()


def capacity_question(error: OverCapacityError) -> str:
    places = "place" if error.capacity == 1 else "places"
    taken = "is" if error.taken == 1 else "are"
    return (
        f"This cohort has {error.capacity} {places} and {error.taken} {taken} taken. "
        f"Enrol {error.adding} more anyway?"
    )


class EnrolmentMoves:
    """Each method returns the change made, or None when nothing was (said why)."""

    def __init__(self, workbench: Workbench, source: object) -> None:
        self.workbench, self.source = workbench, source
        self.database, self.hub = workbench.database, workbench.hub

    def set_status(
        self, cohort_id: str, ids: Sequence[str], target: EnrolmentStatus, label: str
    ) -> EnrolmentChange | None:
        database, hub = self.database, self.hub

        def attempt(allow: bool) -> EnrolmentChange:
            return set_enrolment_status(
                database, cohort_id, ids, target, hub, allow_over_capacity=allow
            )

        return self._run(attempt, label, "Nobody was moved")

    def reorder(
        self, cohort_id: str, ids: Sequence[str], new_position: int, label: str
    ) -> EnrolmentChange | None:
        database, hub = self.database, self.hub

        def attempt(_allow: bool) -> EnrolmentChange:
            return move_in_waitlist(database, cohort_id, ids, new_position, hub)

        return self._run(attempt, label, "The waitlist was not changed")

    def add(
        self, cohort_id: str, student_ids: Sequence[str], status: EnrolmentStatus, label: str
    ) -> EnrolmentChange | None:
        database, hub = self.database, self.hub

        def attempt(allow: bool) -> EnrolmentChange:
            return enrol_students(
                database, cohort_id, student_ids, status, hub, allow_over_capacity=allow
            )

        return self._run(attempt, label, "Nobody was added")

    def _run(self, attempt: Attempt, label: str, failure: str) -> EnrolmentChange | None:
        dialogs, database, hub = self.workbench.dialogs, self.database, self.hub
        made: list[EnrolmentChange] = []

        def past_capacity(full: OverCapacityError) -> EnrolmentChange | None:
            if not dialogs.confirm("Over capacity", capacity_question(full), "Enrol anyway"):
                return None
            return attempt(True)

        self.workbench.operations.run(
            lambda: attempt(False),
            title=failure,
            source=self.source,
            handle=(OverCapacityError, past_capacity),
            undo=lambda change: (
                None if change.is_empty else EnrolmentStep(database, hub, change, label)
            ),
            status=lambda change: None if change.is_empty else label + ".",
            then=made.append,
        )
        return made[0] if made and not made[0].is_empty else None
