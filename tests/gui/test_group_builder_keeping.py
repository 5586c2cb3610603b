"""Locks and pairs set in the group builder: what the match must keep, each one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ixdesk.gui.group_builder.common import DETAILS_ROLE
from ixdesk.services import groups as g
from ixdesk.services.matching.loading import cohort_pairs, load_setup
from tests.gui.test_group_builder import Builder, builder  # noqa: F401 (the fixture)


def _locks(b: Builder) -> tuple[set[str], set[str]]:
    setup = load_setup(b.database, b.cohort.cohort_id, 4)
    return {x.name for x in setup.groups if x.locked}, {c.id for c in setup.students if c.locked}


def _two_groups(b: Builder) -> None:
    cohort = b.cohort.cohort_id
    first = g.create_group(b.database, cohort, "Tuesday")
    second = g.create_group(b.database, cohort, "Thursday")
    g.move_students(b.database, cohort, list(b.cohort.students[:3]), first)
    g.move_students(b.database, cohort, list(b.cohort.students[3:6]), second)
    b.widget.reload()


def test_lock_a_group_and_members_then_undo(builder: Builder) -> None:  # noqa: F811
    b, widget = builder, builder.widget
    _two_groups(b)
    keeping = widget.keeping
    b.select_groups("Tuesday")
    assert keeping.lock_action.isEnabled() and keeping.lock_action.text() == "Lock"
    assert keeping.toggle_lock()
    assert _locks(b) == ({"Tuesday"}, set())
    header = widget.tree_model.group_index(b.group_id("Tuesday")).data(DETAILS_ROLE)
    assert header.endswith("locked")
    b.select_groups("Tuesday")
    widget.update_actions()
    assert keeping.lock_action.text() == "Unlock"

    b.select_members("Thursday", [0, 1])
    widget.update_actions()
    assert keeping.lock_action.text() == "Lock"
    assert keeping.toggle_lock()
    locked_members = _locks(b)[1]
    assert len(locked_members) == 2
    thursday = widget.tree_model.group_index(b.group_id("Thursday"))
    member = widget.tree_model.index(0, 0, thursday)
    assert member.data(Qt.ItemDataRole.ToolTipRole).endswith("locked in this group")
    assert "Lock 2 students" in widget.workbench.undo_stack.undoText()

    b.stack.undo()
    assert _locks(b) == ({"Tuesday"}, set())
    b.stack.undo()
    assert _locks(b) == (set(), set())
    b.stack.redo()
    assert _locks(b) == ({"Tuesday"}, set())
    assert (
        not widget.tree_model.group_index(b.group_id("Thursday"))
        .data(DETAILS_ROLE)
        .endswith("locked")
    )


def test_keep_two_students_together_or_apart_then_undo(builder: Builder) -> None:  # noqa: F811
    b, widget = builder, builder.widget
    keeping = widget.keeping
    widget.select_students(b.cohort.students[:1])
    widget.update_actions()
    assert not any(action.isEnabled() for action in keeping.pair_actions)
    assert not keeping.lock_action.isEnabled()  # students not in a group cannot be locked
    widget.select_students(b.cohort.students[:2])
    widget.update_actions()
    assert all(action.isEnabled() for action in keeping.pair_actions)

    assert keeping.pair("together")
    (pair,) = cohort_pairs(b.database, b.cohort.cohort_id)
    assert pair.together and {pair.first, pair.second} == set(b.cohort.students[:2])
    assert "1 pair kept together" in widget.summary.text()

    widget.select_students(b.cohort.students[:2])
    assert keeping.pair("apart")
    (pair,) = cohort_pairs(b.database, b.cohort.cohort_id)
    assert not pair.together
    assert "1 pair kept apart" in widget.summary.text()

    b.stack.undo()
    (pair,) = cohort_pairs(b.database, b.cohort.cohort_id)
    assert pair.together
    b.stack.undo()
    assert cohort_pairs(b.database, b.cohort.cohort_id) == []
    assert "kept together" not in widget.summary.text()
