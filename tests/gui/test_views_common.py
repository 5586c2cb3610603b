"""What every record view does the same way, driven for each kind.

Search, sort, copy, delete, undo, bulk status, linked records and the
stale-edit message; the per-kind files cover what differs (fields, rules).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.gui.column_chooser import show_columns, shown_columns
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.record_view import RecordView
from ixdesk.services.kinds import DATE, KINDS, NUMBER, STATUS
from ixdesk.services.operations import update_record
from ixdesk.services.search import fold
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import (
    linked_item,
    open_view,
    press_enter_on_link,
    shortcut,
    type_into,
)
from tests.gui.world import CASES, KindCase, World, live_ids


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest) -> KindCase:
    return CASES[request.param]


def _model(case: KindCase) -> Any:
    return KINDS[case.kind].model


def _value(database: Database, case: KindCase, world: World, field: str) -> Any:
    model = _model(case)
    with database.read() as session:
        return session.scalar(select(getattr(model, field)).where(model.id == case.id(world)))


def _select(view: RecordView, record_id: str) -> int:
    assert view.select_record(record_id)
    row = view.model.row_of(record_id)
    assert row is not None
    return row


def test_search_as_you_type_ignores_case_and_accents(
    qtbot: QtBot, world: World, window: MainWindow, case: KindCase
) -> None:
    view = open_view(window, case.kind)
    total = view.model.rowCount()
    assert total >= 2
    shortcut(qtbot, window, Qt.Key.Key_F)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, case.search)
    assert [view.model.id_at(row) for row in range(view.model.rowCount())] == [case.id(world)]
    assert view.count_label.text() == f"1 of {total} {view.spec.plural}"
    qtbot.keyClicks(view.search, " nothing-like-this")
    assert view.model.rowCount() == 0
    view.search.clear()
    assert view.model.rowCount() == total


def _sort_key(view: RecordView, column: int, value: Any) -> Any:
    spec = view.spec.columns[column]
    if spec.kind == NUMBER:
        return value
    if spec.kind == DATE:
        return str(value)[:10]
    if spec.kind == STATUS and spec.choices:
        return spec.choices.index(str(getattr(value, "value", value)))
    return fold(str(value))


def test_clicking_any_column_header_sorts_by_it(
    qtbot: QtBot, world: World, window: MainWindow, case: KindCase
) -> None:
    view = open_view(window, case.kind)
    header = view.table.horizontalHeader()
    show_columns(header, range(view.model.columnCount()))  # the hidden ones too
    for column in range(view.model.columnCount()):
        for _direction in range(2):
            x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
            if x >= header.viewport().width():
                header.setOffsetToSectionPosition(column)
                x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
            middle = QPoint(x, header.height() // 2)
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
            assert header.sortIndicatorSection() == column
            cells = [view.model.values_at(row)[column] for row in range(view.model.rowCount())]
            filled = [cell for cell in cells if cell not in (None, "")]
            assert cells[: len(filled)] == filled, "empty cells come last"
            keys = [_sort_key(view, column, cell) for cell in filled]
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            assert keys == sorted(keys, reverse=descending), view.spec.columns[column].key


def test_ctrl_c_copies_the_selected_rows_as_tab_separated_text(
    qtbot: QtBot, world: World, window: MainWindow, case: KindCase
) -> None:
    view = open_view(window, case.kind)
    first = _select(view, case.id(world))
    last = view.model.rowCount() - 1 if first == 0 else 0
    view.table.selectionModel().select(
        view.model.index(last, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.table.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\r\n")
    shown = shown_columns(view.table.horizontalHeader())  # as the table shows them
    assert lines[0].split("\t") == [view.spec.columns[column].label for column in shown]
    assert lines[1:] == [
        "\t".join(view.model.display_row(row)[column] for column in shown)
        for row in sorted({first, last})
    ] + [""]


def test_delete_names_what_depends_and_undo_brings_it_back(
    qtbot: QtBot, world: World, window: MainWindow, dialogs: ScriptedDialogs, case: KindCase
) -> None:
    view = open_view(window, case.kind)
    model = _model(case)
    record_id = case.id(world)
    _select(view, record_id)
    view.table.setFocus()
    dialogs.confirm_answer = False
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    kind, _title, text = dialogs.asked[-1]
    assert kind == "confirm" and case.title in text and case.dependents in text
    assert record_id in live_ids(window.database, model)  # refused: nothing deleted
    dialogs.confirm_answer = True
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert record_id not in live_ids(window.database, model)
    assert view.model.row_of(record_id) is None
    assert view.editor.loaded.id != record_id
    shortcut(qtbot, window, Qt.Key.Key_Z)
    assert record_id in live_ids(window.database, model)
    assert view.model.row_of(record_id) is not None
    shortcut(qtbot, window, Qt.Key.Key_Z, shift=True)  # redo deletes again
    assert record_id not in live_ids(window.database, model)


def test_edit_save_undo_and_redo(
    qtbot: QtBot, world: World, window: MainWindow, case: KindCase
) -> None:
    view = open_view(window, case.kind)
    _select(view, case.id(world))
    before = _value(window.database, case, world, case.text_field)
    type_into(qtbot, view, case.text_field, "Edited by hand")
    assert view.editor.is_dirty() and view.editor.save_button.isEnabled()
    shortcut(qtbot, window, Qt.Key.Key_S)
    assert _value(window.database, case, world, case.text_field) == "Edited by hand"
    assert not view.editor.is_dirty()
    shortcut(qtbot, window, Qt.Key.Key_Z)
    assert _value(window.database, case, world, case.text_field) == before
    assert view.editor.fields[case.text_field].text() == (before or "")  # type: ignore[attr-defined]
    shortcut(qtbot, window, Qt.Key.Key_Z, shift=True)
    assert _value(window.database, case, world, case.text_field) == "Edited by hand"


def test_bulk_status_change_and_its_undo(
    qtbot: QtBot, world: World, window: MainWindow, case: KindCase
) -> None:
    view = open_view(window, case.kind)
    _select(view, case.id(world))
    before = _value(window.database, case, world, "status")
    view.table.selectAll()
    count = view.model.rowCount()
    menu = view.context_menu()
    statuses = next(a.menu() for a in menu.actions() if a.text() == "Set status")
    target = next(a for a in statuses.actions() if a.data() == case.status)
    target.trigger()
    model = _model(case)
    with window.database.read() as session:
        shown = set(session.scalars(select(model.status).where(model.deleted_at.is_(None))))
    assert {str(getattr(s, "value", s)) for s in shown} == {case.status}
    stack = window.workbench.undo_stack
    assert stack is not None
    assert stack.undoText().startswith(f"Set {count} {view.spec.plural} to")
    status_column = view.spec.column_index("status")
    row = view.model.row_of(case.id(world))
    assert row is not None
    assert view.model.display_row(row)[status_column] == target.text()
    window.undo_action.trigger()
    assert _value(window.database, case, world, "status") == before


def test_saving_over_a_change_made_elsewhere_is_refused_and_offers_reload(
    qtbot: QtBot, world: World, window: MainWindow, dialogs: ScriptedDialogs, case: KindCase
) -> None:
    view = open_view(window, case.kind)
    _select(view, case.id(world))
    model = _model(case)
    version = view.editor.loaded.version
    assert version is not None
    update_record(window.database, model, case.id(world), version, {case.text_field: "Theirs"})
    type_into(qtbot, view, case.text_field, "Mine")
    dialogs.reload_answer = False
    assert view.editor.save() is False
    kind, _title, text = dialogs.asked[-1]
    assert kind == "stale" and "changed by someone else" in text
    assert "saved by them: Theirs; yours: Mine." in text  # both values, to choose from
    assert view.editor.fields[case.text_field].text() == "Mine"  # type: ignore[attr-defined]
    # Keeping mine was a choice: saving again writes it over their version.
    assert view.editor.save() is True
    assert _value(window.database, case, world, case.text_field) == "Mine"
    # Reloading takes theirs.
    version = view.editor.loaded.version
    update_record(window.database, model, case.id(world), version, {case.text_field: "Theirs"})
    type_into(qtbot, view, case.text_field, "Mine again")
    dialogs.reload_answer = True
    assert view.editor.save() is False
    assert _value(window.database, case, world, case.text_field) == "Theirs"
    assert view.editor.fields[case.text_field].text() == "Theirs"  # type: ignore[attr-defined]
    assert not view.editor.is_dirty()


def test_enter_on_a_linked_record_opens_it(
    qtbot: QtBot, world: World, window: MainWindow, case: KindCase
) -> None:
    view = open_view(window, case.kind)
    _select(view, case.id(world))
    label, target_kind, target = case.link
    press_enter_on_link(qtbot, view, label)
    target_view = window.views[target_kind]
    assert window.current_view() is target_view
    assert target_view.editor.loaded.id == getattr(world, target)
    row = target_view.model.row_of(getattr(world, target))
    assert row is not None and target_view.table.currentIndex().row() == row


def test_double_click_on_a_linked_record_opens_it(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "groups")
    _select(view, world.group)
    tree = view.editor.linked
    item = linked_item(view, "Ana Silva")
    where = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.current_view() is window.views["students"]
    assert window.views["students"].editor.loaded.id == world.students[0]
