"""Student groups of a cohort: what the group builder reads, and every change it makes.

Reads (:mod:`.rows`) return plain rows, never ORM objects. Changes
(:mod:`.placing`, :mod:`.changes`) are one transaction each through
``run_operation`` and return what their exact inverse needs, so undo puts
every student back where they were. Only students enrolled in the cohort
join its groups; anyone can be taken out of one.
"""

from __future__ import annotations

from ixdesk.services.groups.changes import (
    DissolveResult,
    MergeResult,
    clean_name,
    create_group,
    delete_empty_group,
    dissolve_groups,
    merge_groups,
    next_group_names,
    rename_group,
    restore_dissolved,
    restore_group,
    unmerge_groups,
)
from ixdesk.services.groups.placing import (
    Placements,
    apply_placements,
    move_students,
    place_students,
)
from ixdesk.services.groups.rows import (
    BuilderData,
    BuilderUpdate,
    CohortInfo,
    GroupRow,
    Placement,
    StudentRow,
    builder_data,
    builder_update,
    fits_size,
    group_warnings,
)

__all__ = [
    "BuilderData",
    "BuilderUpdate",
    "CohortInfo",
    "DissolveResult",
    "GroupRow",
    "MergeResult",
    "Placement",
    "Placements",
    "StudentRow",
    "apply_placements",
    "builder_data",
    "builder_update",
    "clean_name",
    "create_group",
    "delete_empty_group",
    "dissolve_groups",
    "fits_size",
    "group_warnings",
    "merge_groups",
    "move_students",
    "next_group_names",
    "place_students",
    "rename_group",
    "restore_dissolved",
    "restore_group",
    "unmerge_groups",
]
