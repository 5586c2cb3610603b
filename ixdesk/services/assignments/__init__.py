"""Give a group its business problem, lead instructor and assistants.

The choices come back as plain rows in the order a coordinator should look at
them, each with the warning that applies to it; nothing is refused for a
warning, only for a contradiction (the lead cannot also assist).

An instructor's **load** counts the live groups they lead or assist in
cohorts that are not over yet: planned, recruiting or running
(``LOAD_STATUSES``), the work they have taken on. Completed and archived
cohorts do not count.

What a coordinator chooses from is read by :mod:`.choices`, the change is
made by :mod:`.changes`, and the rules a group must meet to run with minors
(shared with the "needs attention" list) are :mod:`.rules`.
"""

from __future__ import annotations

from ixdesk.services.assignments.changes import assign_group
from ixdesk.services.assignments.choices import (
    LOAD_SCOPE,
    LOAD_STATUSES,
    Assignment,
    AssignmentChange,
    GroupContext,
    InstructorChoice,
    InstructorLoad,
    ProblemChoice,
    group_context,
    instructor_choices,
    instructor_load,
    load_assignment,
    load_text,
    problem_choices,
)

__all__ = [
    "LOAD_SCOPE",
    "LOAD_STATUSES",
    "Assignment",
    "AssignmentChange",
    "GroupContext",
    "InstructorChoice",
    "InstructorLoad",
    "ProblemChoice",
    "assign_group",
    "group_context",
    "instructor_choices",
    "instructor_load",
    "load_assignment",
    "load_text",
    "problem_choices",
]
