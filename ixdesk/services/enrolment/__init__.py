"""The enrolments of one cohort: the board's rows, the cohort's details, and moves.

Every move is one transaction through ``run_operation`` and returns an
``EnrolmentChange``: each row it touched as it was before, and as it left it.
``revert_enrolment_change`` puts those rows back exactly (statuses, waitlist
order, group memberships) and returns the change that re-applies the move, so
undo and redo are one and the same call.

A student who stops being enrolled (back to applied, accepted, waitlisted, or
withdrawn) leaves their group in that cohort; one who completes keeps it, as
the group is part of what they did.

The board's rows and the cohort's details are read by :mod:`.rows`; the moves
are :mod:`.moves`.
"""

from __future__ import annotations

from ixdesk.services.enrolment.moves import (
    BOARD_STATUSES,
    EnrolmentChange,
    OverCapacityError,
    enrol_students,
    move_in_waitlist,
    revert_enrolment_change,
    set_enrolment_status,
)
from ixdesk.services.enrolment.rows import (
    BoardRow,
    CohortDetails,
    cohort_details,
    enrolment_board,
    students_in_cohort,
)

__all__ = [
    "BOARD_STATUSES",
    "BoardRow",
    "CohortDetails",
    "EnrolmentChange",
    "OverCapacityError",
    "cohort_details",
    "enrol_students",
    "enrolment_board",
    "move_in_waitlist",
    "revert_enrolment_change",
    "set_enrolment_status",
    "students_in_cohort",
]
