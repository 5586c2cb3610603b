"""The group builder: drag and drop, keyboard moves, group actions, auto-build, undo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui.freshness import DELAY_MS
from ixdesk.gui.group_builder import GroupBuilder
from ixdesk.gui.group_builder.group_model import GroupTreeModel
from ixdesk.gui.group_builder.preview import AutoBuildDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services import groups as g
from tests.group_cohort import CohortIds, make_cohort
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import caught_up

Where = dict[str, str | None]


class Builder:
    def __init__(self, widget: GroupBuilder, cohort: CohortIds, database: Database) -> None:
        self.widget, self.cohort, self.database = widget, cohort, database
        stack = widget.workbench.undo_stack
        assert stack is not None
        self.stack = stack

    def stored(self) -> Where:
        """Every student's group name (None: not in one) as the database has it."""
        data = g.builder_data(self.database, self.cohort.cohort_id)
        placed: Where = {s.id: None for s in data.unassigned}
        placed.update({s.id: group.name for group in data.groups for s in group.members})
        return placed

    def shown(self) -> Where:
        """The same, as the builder's two lists show it."""
        widget = self.widget
        placed: Where = dict.fromkeys(widget.unassigned_model.ids())
        for group_id in widget.tree_model.group_ids():
            name = widget.tree_model.group(group_id).name  # type: ignore[union-attr]
            placed.update({s.id: name for s in widget.tree_model.members(group_id)})
        return placed

    def group_id(self, name: str) -> str:
        model = self.widget.tree_model
        return next(gid for gid in model.group_ids() if model.group(gid).name == name)  # type: ignore[union-attr]

    def select_groups(self, *names: str) -> None:
        tree, selection = self.widget.tree, self.widget.tree.selectionModel()
        selection.clearSelection()
        for name in names:
            index = self.widget.tree_model.group_index(self.group_id(name))
            selection.select(index, QItemSelectionModel.SelectionFlag.Select)
        tree.setFocus()

    def select_members(self, group: str, rows: list[int]) -> None:
        tree, model = self.widget.tree, self.widget.tree_model
        parent = model.group_index(self.group_id(group))
        selection = tree.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(
                model.index(row, 0, parent),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        tree.setFocus()


@pytest.fixture
def builder(qtbot: QtBot, sqlite_database: Database, workbench: Workbench) -> Iterator[Builder]:
    cohort = make_cohort(sqlite_database, 12, group_size=4, statuses={11: "waitlisted"})
    widget = GroupBuilder(workbench)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.set_cohort(cohort.cohort_id)
    yield Builder(widget, cohort, sqlite_database)
    widget.close()


def test_lists_enrolled_students_not_in_a_group(builder: Builder) -> None:
    widget = builder.widget
    assert widget.unassigned_model.total == 11  # the waitlisted student is not offered
    assert widget.unassigned_label.text() == "Not in a group (11)"
    assert "11 enrolled not in a group" in widget.summary.text()
    widget.search.setText("lycee")  # accents and case ignored
    assert widget.unassigned_model.rowCount() == 3
    widget.search.clear()
    assert widget.unassigned_model.rowCount() == 11


def test_drag_and_drop_between_the_lists_and_undo(
    builder: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget, stack = builder.widget, builder.stack
    falcons, hawks = widget.new_group("Falcons"), widget.new_group("Hawks")
    assert falcons and hawks
    reloads: list[None] = []
    monkeypatch.setattr(widget, "reload", lambda: reloads.append(None))
    start = builder.stored()
    table = widget.unassigned_model
    picked = [table.index(row, 0) for row in (0, 1, 2)]
    ids = [table.id_at(row) for row in (0, 1, 2)]
    data = table.mimeData(picked)
    tree = widget.tree_model
    assert not tree.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    target = tree.group_index(falcons)
    assert tree.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    assert tree.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    assert builder.shown() == builder.stored()
    assert [builder.shown()[each] for each in ids] == ["Falcons"] * 3
    assert table.total == 8 and "Falcons — 3 members" in str(target.data())
    # One member onto a member of another group: it joins that group.
    data = tree.mimeData([tree.index(0, 0, tree.group_index(falcons))])
    hawks_index = tree.group_index(hawks)
    assert tree.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, hawks_index)
    assert sorted(builder.stored().values(), key=str).count("Hawks") == 1
    # And back out of any group by dropping on the list of students not in a group.
    data = tree.mimeData([tree.index(0, 0, tree.group_index(hawks))])
    assert table.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert builder.shown() == builder.stored() and table.total == 9
    for _ in range(3):
        stack.undo()
    assert builder.stored() == start and builder.shown() == start
    stack.redo()
    assert [builder.stored()[each] for each in ids] == ["Falcons"] * 3
    assert builder.shown() == builder.stored()
    assert reloads == []  # every move and undo updated only the rows it touched


def test_keyboard_move_to_group_with_multi_select(
    qtbot: QtBot, builder: Builder, dialogs: ScriptedDialogs
) -> None:
    widget = builder.widget
    group = widget.new_group("Falcons")
    widget.new_group("Hawks")
    start = builder.stored()
    chosen = builder.cohort.students[2:7]
    widget.select_students(chosen)
    dialogs.choose_answer = None  # Cancel: nothing moves
    qtbot.keyClick(widget.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert builder.stored() == start
    assert dialogs.offered == [
        ("Falcons (0 members)", group),
        ("Hawks (0 members)", builder.group_id("Hawks")),
    ]
    dialogs.choose_answer = group
    qtbot.keyClick(widget.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert [builder.stored()[each] for each in chosen] == ["Falcons"] * 5
    assert builder.shown() == builder.stored()
    # Take two out again from the tree with the keyboard; then one undo per move.
    builder.select_members("Falcons", [0, 1])
    qtbot.keyClick(widget.tree, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert list(builder.stored().values()).count("Falcons") == 3
    builder.stack.undo()
    assert list(builder.stored().values()).count("Falcons") == 5
    builder.stack.undo()
    assert builder.stored() == start and builder.shown() == start


def test_only_enrolled_students_move(builder: Builder, dialogs: ScriptedDialogs) -> None:
    widget = builder.widget
    group = widget.new_group("Falcons")
    assert not widget.move_students([builder.cohort.students[11]], group)  # waitlisted
    assert dialogs.kinds()[-1] == "error"
    assert "Only students enrolled" in dialogs.asked[-1][2]
    assert builder.stack.count() == 1  # only the new group


def test_rename_merge_dissolve_and_undo_each(builder: Builder, dialogs: ScriptedDialogs) -> None:
    widget, stack = builder.widget, builder.stack
    ids = [widget.new_group() for _ in range(3)]
    students = builder.cohort.students
    for index, group in enumerate(ids):
        assert widget.move_students(students[index * 3 : index * 3 + 3], group)
    start = builder.stored()
    # Rename inline (F2 opens the editor; the model hands the new name over).
    model = widget.tree_model
    model.setData(model.group_index(ids[0]), "  Data   wizards ")
    assert builder.stored()[students[0]] == "Data wizards" == builder.shown()[students[0]]
    stack.undo()
    assert builder.stored() == start
    # Merge: pick the target among the selected groups.
    builder.select_groups("Group 1", "Group 2", "Group 3")
    assert widget.merge_action.isEnabled()
    dialogs.choose_answer = ids[1]
    widget.merge_action.trigger()
    assert set(builder.stored().values()) == {"Group 2", None}
    assert widget.tree_model.group_ids() == [ids[1]] and builder.shown() == builder.stored()
    stack.undo()
    assert builder.stored() == start and builder.shown() == start
    # Dissolve asks first; No keeps the group.
    builder.select_groups("Group 3")
    dialogs.confirm_answer = False
    assert not widget.dissolve_selected()
    dialogs.confirm_answer = True
    assert widget.dissolve_selected()
    assert "Group 3" not in builder.stored().values() and builder.shown() == builder.stored()
    assert widget.unassigned_model.total == 5
    stack.undo()
    assert builder.stored() == start and builder.shown() == start
    stack.redo()
    assert "Group 3" not in builder.shown().values()


def test_new_group_is_undone_by_removing_it(builder: Builder) -> None:
    widget = builder.widget
    group = widget.new_group()
    assert widget.tree_model.group(group).name == "Group 1"  # type: ignore[arg-type, union-attr]
    builder.stack.undo()
    assert widget.tree_model.group_ids() == []
    builder.stack.redo()
    assert widget.tree_model.group_ids() == [group]


def test_auto_build_preview_cancel_then_adjust_and_accept(
    builder: Builder, dialogs: ScriptedDialogs
) -> None:
    widget = builder.widget
    start = builder.stored()
    assert not widget.auto_build()  # the scripted answer cancels by default
    assert builder.stored() == start and dialogs.kinds()[-1] == "review"
    preview = dialogs.reviewed[-1]
    assert isinstance(preview, AutoBuildDialog)
    assert preview.size_box.value() == 4 and len(preview.proposal.new_groups) == 3
    moved: dict[str, str] = {}

    def adjust(dialog: AutoBuildDialog) -> bool:
        dialog.size_box.setValue(5)  # the proposal follows the size
        assert [x.size for x in dialog.proposal.groups] == [6, 5]
        student = dialog.proposal.groups[0].added[0]
        dialog.move_student(student.id, 1)
        moved[student.id] = dialog.proposal.groups[1].name
        assert "Create 2 groups" in dialog.buttons.buttons()[0].text().replace("&", "")
        return True

    dialogs.review_answer = adjust  # type: ignore[assignment]
    assert widget.auto_build()
    stored = builder.stored()
    assert None not in {stored[s] for s in builder.cohort.students[:11]}
    ((student, group),) = moved.items()
    assert stored[student] == group
    assert sorted(list(stored.values()).count(name) for name in ("Group 1", "Group 2")) == [5, 6]
    assert builder.shown() == stored
    builder.stack.undo()
    assert builder.stored() == start and builder.shown() == start


def test_refreshes_on_changes_elsewhere_only_when_visible(qtbot: QtBot, builder: Builder) -> None:
    widget = builder.widget
    hub = widget.hub
    group = g.create_group(builder.database, builder.cohort.cohort_id, "Elsewhere", hub=hub)
    g.move_students(
        builder.database, builder.cohort.cohort_id, builder.cohort.students[:2], group, hub=hub
    )
    caught_up(qtbot, widget)
    assert builder.shown() == builder.stored()
    widget.hide()
    g.move_students(
        builder.database, builder.cohort.cohort_id, builder.cohort.students[2:4], group, hub=hub
    )
    qtbot.wait(2 * DELAY_MS)
    assert builder.shown() != builder.stored() and widget.freshness.stale
    widget.show()
    assert builder.shown() == builder.stored() and not widget.freshness.stale


def test_group_marks_double_click_and_assign(qtbot: QtBot, builder: Builder) -> None:
    widget = builder.widget
    group = widget.new_group("Falcons")
    assert group is not None
    widget.move_students(builder.cohort.students[:1], group)
    index = widget.tree_model.group_index(group)
    tooltip = str(index.data(Qt.ItemDataRole.ToolTipRole))
    assert "1 member: groups of this cohort have 4 (3–5 fits)." in tooltip
    assert "No business problem yet." in tooltip and "No lead instructor yet." in tooltip
    assert "no business problem" in str(index.data())
    assert "1 group needs attention" in widget.summary.text()
    with qtbot.waitSignal(widget.open_record) as opened:
        widget._double_clicked(widget.tree_model.index(0, 0, index))
    assert opened.args == ["students", builder.cohort.students[0]]
    with qtbot.waitSignal(widget.open_record) as opened:
        widget._double_clicked(index)
    assert opened.args == ["groups", group]
    builder.select_groups("Falcons")
    with qtbot.waitSignal(widget.assign_requested) as asked:
        qtbot.keyClick(
            widget.tree,
            Qt.Key.Key_A,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert asked.args == [group]


def test_the_new_group_action_opens_the_name_for_typing(qtbot: QtBot, builder: Builder) -> None:
    """Ctrl+Shift+N (and the toolbar button) name the new group "Group N" and open that
    name for typing, as a new group made any other way does."""
    widget = builder.widget
    widget.new_action.trigger()
    editor = widget.tree.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Group 1"
    assert builder.stack.undoText() == "New group Group 1"


def test_the_group_tree_model_keeps_the_parent_of_a_qobject(qtbot: QtBot) -> None:
    """parent() alone is QObject's (its owner); parent(index) the row's parent row."""
    owner, model = QObject(), GroupTreeModel()
    model.setParent(owner)
    assert model.parent() is owner
    assert not model.parent(QModelIndex()).isValid()


def test_new_group_is_named_in_place(qtbot: QtBot, builder: Builder) -> None:
    widget = builder.widget
    widget.new_group("Group 1")
    group = widget.new_group()  # "Group 2", its name open for typing
    editor = widget.tree.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Group 2"
    editor.selectAll()
    qtbot.keyClicks(editor, "Aardvarks")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: builder.stack.count() == 3)
    assert builder.widget.tree_model.group_ids()[0] == group  # sorted first now
    assert "Aardvarks" in builder.widget.tree_model.group(group).name  # type: ignore[union-attr]
    assert builder.stack.undoText() == "Rename group Group 2 to Aardvarks"
