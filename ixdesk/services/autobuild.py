"""Auto-build: propose groups for a cohort's unplaced students, then apply the proposal.

How a proposal is made (``propose_groups``, a pure function: the same
students, size, groups and track always give the same proposal):

1. **Sizes.** Existing groups are kept and first topped up to the chosen
   size, emptiest first. The students left over make new groups whose sizes
   differ by at most one and lie as close to the chosen size as possible
   (2,000 students in groups of 6: 331 groups of 6 and 2 of 7). A remainder
   too small for a group of its own (fewer than size - 1 students) joins
   existing groups instead, up to size + 1 each, when there is room.
2. **Schools.** Students are taken school by school and dealt round-robin
   over the groups' open places, so each school's students land in as many
   different groups as possible.
3. **Grades and track interest.** Within one school's run of places, each
   place goes to the student whose grade and track interest its group has
   fewest of so far. Then students are swapped between groups while that
   brings a group nearer its fair share of a school, a grade or an interest
   (fair share: the group's size times that school's, grade's or interest's
   part of all the students, rounded up; schools weigh most).
   "Respecting track interest" means every group gets its even share of the
   students who chose the cohort's track (they carry the work), and students
   who would rather be on another track are spread out too, never piled
   into one group.

Only the students handed in are placed (the builder hands in the enrolled
students not yet in a group); nobody is left out. ``apply_proposal`` writes
the whole proposal in one transaction and returns what undo needs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ixdesk.db.engine import Database
from ixdesk.errors import ValidationError
from ixdesk.services.groups import GroupRow, StudentRow, apply_placements, next_group_names
from ixdesk.services.groups.changes import (
    insert_proposed_groups,
    remove_proposed_groups,
    restore_proposed_groups,
)
from ixdesk.services.groups.dealing import deal
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.read.common import sort_key

MIN_SIZE = 2
MAX_SIZE = 50


@dataclass(frozen=True)
class ProposedGroup:
    """A group of the proposal: new (``group_id`` None) or an existing one topped up."""

    name: str
    group_id: str | None
    existing: tuple[StudentRow, ...]
    added: tuple[StudentRow, ...]

    @property
    def members(self) -> tuple[StudentRow, ...]:
        return self.existing + self.added

    @property
    def size(self) -> int:
        return len(self.existing) + len(self.added)


@dataclass(frozen=True)
class Proposal:
    size: int
    track_id: str | None
    groups: tuple[ProposedGroup, ...]

    @property
    def new_groups(self) -> list[ProposedGroup]:
        return [group for group in self.groups if group.group_id is None]

    @property
    def placed(self) -> int:
        return sum(len(group.added) for group in self.groups)

    def placements(self) -> dict[str, int]:
        """Each placed student's group, as an index into ``groups``."""
        return {s.id: index for index, group in enumerate(self.groups) for s in group.added}

    def with_move(self, student_id: str, to_index: int) -> Proposal:
        """The same proposal with one placed student moved to another of its groups."""
        groups = list(self.groups)
        for index, group in enumerate(groups):
            found = [s for s in group.added if s.id == student_id]
            if found:
                if index == to_index:
                    return self
                groups[index] = replace(
                    group, added=tuple(s for s in group.added if s is not found[0])
                )
                target = groups[to_index]
                added = tuple(sorted((*target.added, found[0]), key=_by_name))
                groups[to_index] = replace(target, added=added)
                return replace(self, groups=tuple(groups))
        raise ValidationError("Only students the proposal places can be moved in it.")

    def summary(self) -> str:
        """One sentence: "600 students in 100 new groups of 6; 2 groups topped up"."""
        new = self.new_groups
        sizes = sorted({group.size for group in new})
        shown = " or ".join(str(each) for each in sizes[:2]) if sizes else ""
        parts = [f"{len(new):,} new {'group' if len(new) == 1 else 'groups'} of {shown}"]
        if not new:
            parts = []
        topped = sum(1 for group in self.groups if group.group_id is not None and group.added)
        if topped:
            parts.append(f"{topped:,} existing {'group' if topped == 1 else 'groups'} topped up")
        noun = "student" if self.placed == 1 else "students"
        return f"{self.placed:,} {noun} placed: " + ("; ".join(parts) or "nothing to do") + "."


@dataclass(frozen=True)
class AppliedProposal:
    """What ``apply_proposal`` wrote: undo removes exactly this."""

    cohort_id: str
    created: tuple[str, ...]
    placements: dict[str, str]


def mix(members: Sequence[StudentRow]) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(school, count), most common first, and (grade, count) in grade order, of a group."""
    schools = Counter(member.school or "school not known" for member in members)
    grades = Counter(member.grade for member in members)
    return (
        sorted(schools.items(), key=lambda item: (-item[1], sort_key(item[0]))),
        [
            ("grade not known" if grade is None else f"grade {grade}", count)
            for grade, count in sorted(grades.items(), key=lambda i: (i[0] is None, i[0] or 0))
        ],
    )


def _by_name(student: StudentRow) -> tuple[str, str, str]:
    return student.sort_key


# --- sizes ------------------------------------------------------------------------------
def _fill(levels: list[int], caps: list[int], amount: int) -> list[int]:
    """Places to add to each group, raising the emptiest first, each up to its cap."""
    added = [0] * len(levels)
    while amount > 0:
        open_ = [i for i in range(len(levels)) if levels[i] + added[i] < caps[i]]
        if not open_:
            break
        low = min(levels[i] + added[i] for i in open_)
        for i in open_:
            if amount and levels[i] + added[i] == low:
                added[i] += 1
                amount -= 1
    return added


def new_group_sizes(students: int, size: int) -> list[int]:
    """Sizes within one of each other and as close to ``size`` as can be."""
    if students <= 0:
        return []
    best: tuple[tuple[int, int], list[int]] | None = None
    for count in sorted({max(1, students // size), students // size + 1}):
        small, extra = divmod(students, count)
        sizes = [small + 1] * extra + [small] * (count - extra)
        cost = (max(abs(s - size) for s in sizes), sum(abs(s - size) for s in sizes))
        if best is None or cost < best[0]:
            best = (cost, sizes)
    assert best is not None
    return best[1]


def _plan(count: int, size: int, levels: list[int]) -> tuple[list[int], list[int]]:
    """Students to add to each existing group, and the sizes of the new groups."""
    top_up = _fill(levels, [size] * len(levels), count)
    left = count - sum(top_up)
    if left and left < size - 1 and levels:
        room = [level + add for level, add in zip(levels, top_up, strict=True)]
        extra = _fill(room, [max(size + 1, level) for level in room], left)
        if sum(extra) == left:
            return [a + b for a, b in zip(top_up, extra, strict=True)], []
    return top_up, new_group_sizes(left, size)


# --- proposal ---------------------------------------------------------------------------
def propose_groups(
    students: Sequence[StudentRow],
    size: int,
    existing_groups: Sequence[GroupRow] = (),
    track: str | None = None,
) -> Proposal:
    """Groups of about ``size`` for ``students`` (see the module's description)."""
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValidationError(f"Choose a group size from {MIN_SIZE} to {MAX_SIZE}.")
    pool = sorted({student.id: student for student in students}.values(), key=_by_name)
    existing = sorted(existing_groups, key=lambda group: sort_key(group.name))
    top_up, new_sizes = _plan(len(pool), size, [len(group.members) for group in existing])
    names = next_group_names([group.name for group in existing], len(new_sizes))
    capacity = top_up + new_sizes
    members = [group.members for group in existing] + [() for _ in new_sizes]
    placed = deal(pool, capacity, members, track)
    groups = [
        ProposedGroup(group.name, group.id, group.members, tuple(sorted(placed[i], key=_by_name)))
        for i, group in enumerate(existing)
    ]
    groups += [
        ProposedGroup(name, None, (), tuple(sorted(placed[len(existing) + i], key=_by_name)))
        for i, name in enumerate(names)
    ]
    return Proposal(size, track, tuple(groups))


# --- applying ---------------------------------------------------------------------------
def apply_proposal(
    database: Database, cohort_id: str, proposal: Proposal, *, hub: ChangeHub | None = None
) -> AppliedProposal:
    """Create the new groups and place every student of the proposal, all or nothing.

    A student placed by someone else since the proposal was made, or an
    existing group removed meanwhile, refuses the whole proposal. A new
    group's name taken meanwhile moves on to the next free "Group N".
    """

    def work(context: OperationContext) -> AppliedProposal:
        ids, created = insert_proposed_groups(
            context, cohort_id, [(group.group_id, group.name, None) for group in proposal.groups]
        )
        placements = {
            student.id: ids[index]
            for index, group in enumerate(proposal.groups)
            for student in group.added
        }
        apply_placements(context, cohort_id, placements, expected=dict.fromkeys(placements))
        return AppliedProposal(cohort_id, tuple(created), placements)

    return run_operation(database, work, hub=hub)


def undo_proposal(
    database: Database, applied: AppliedProposal, *, hub: ChangeHub | None = None
) -> None:
    """Take the placed students out again and remove the groups the proposal made."""

    def work(context: OperationContext) -> None:
        apply_placements(
            context,
            applied.cohort_id,
            dict.fromkeys(applied.placements),
            expected=applied.placements,
            require_enrolled=False,
        )
        remove_proposed_groups(context, applied.created)

    run_operation(database, work, hub=hub)


def redo_proposal(
    database: Database, applied: AppliedProposal, *, hub: ChangeHub | None = None
) -> None:
    """Bring back the groups the proposal made and place its students again."""

    def work(context: OperationContext) -> None:
        restore_proposed_groups(context, applied.created)
        apply_placements(
            context,
            applied.cohort_id,
            applied.placements,
            expected=dict.fromkeys(applied.placements),
        )

    run_operation(database, work, hub=hub)
