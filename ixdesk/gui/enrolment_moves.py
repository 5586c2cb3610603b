"""The enrolment board's moves: through the services, past capacity only when the
coordinator agrees, and each one a command on the shared undo stack."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from ixdesk.db.engine import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import IxdeskError
from ixdesk.gui.undo import _ServiceCommand
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


class EnrolmentCommand(_ServiceCommand):
    """Undo and redo are the same call: each puts back what the other changed."""

    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        change: EnrolmentChange,
        text: str,
        on_error: Callable[[str], None],
    ) -> None:
        super().__init__(text, on_error)
        self.database, self.hub, self.change = database, hub, change

    def apply(self) -> None:
        self.change = revert_enrolment_change(self.database, self.change, hub=self.hub)

    def revert(self) -> None:
        self.apply()


def capacity_question(error: OverCapacityError) -> str:
    places = "place" if error.capacity == 1 else "places"
    taken = "is" if error.taken == 1 else "are"
    return (
        f"This cohort has {error.capacity} {places} and {error.taken} {taken} taken. "
        f"Enrol {error.adding} more anyway?"
    )


class EnrolmentMoves:
    """Each method returns the change made, or None when nothing was (said why)."""

    def __init__(self, workbench: Workbench, done: Callable[[str], None]) -> None:
        self.database, self.hub, self.dialogs = workbench.database, workbench.hub, workbench.dialogs
        self.undo_stack = workbench.undo_stack
        self.done = done

    def set_status(
        self, cohort_id: str, ids: Sequence[str], target: EnrolmentStatus, label: str
    ) -> EnrolmentChange | None:
        def attempt(allow: bool) -> EnrolmentChange:
            return set_enrolment_status(
                self.database, cohort_id, ids, target, self.hub, allow_over_capacity=allow
            )

        return self._run(attempt, label, "Nobody was moved")

    def reorder(
        self, cohort_id: str, ids: Sequence[str], new_position: int, label: str
    ) -> EnrolmentChange | None:
        def attempt(_allow: bool) -> EnrolmentChange:
            return move_in_waitlist(self.database, cohort_id, ids, new_position, self.hub)

        return self._run(attempt, label, "The waitlist was not changed")

    def add(
        self, cohort_id: str, student_ids: Sequence[str], status: EnrolmentStatus, label: str
    ) -> EnrolmentChange | None:
        def attempt(allow: bool) -> EnrolmentChange:
            return enrol_students(
                self.database, cohort_id, student_ids, status, self.hub, allow_over_capacity=allow
            )

        return self._run(attempt, label, "Nobody was added")

    def _run(self, attempt: Attempt, label: str, failure: str) -> EnrolmentChange | None:
        try:
            try:
                change = attempt(False)
            except OverCapacityError as full:
                if not self.dialogs.confirm(
                    "Over capacity", capacity_question(full), "Enrol anyway"
                ):
                    return None
                change = attempt(True)
        except IxdeskError as error:
            self.dialogs.error(failure, str(error))
            return None
        if change.is_empty:
            return None
        # The command reports through the dialogs alone: nothing in it leads back to
        # the stack that owns it, so collecting a closed board never frees it twice.
        on_error = partial(self.dialogs.error, "Could not undo")
        self.undo_stack.push(EnrolmentCommand(self.database, self.hub, change, label, on_error))
        self.done(label + ".")
        return change
