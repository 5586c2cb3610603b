"""The window at 1280×800, the usual laptop: nothing in a toolbar's overflow, nothing
clipped or scrolled sideways; and what it remembers between runs is real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QByteArray, QPoint, Qt
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QMenu, QStyleOptionViewItem, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.db.models import Cohort, Enrolment, Student
from ixdesk.gui.column_chooser import column_menu, shown_columns
from ixdesk.gui.group_builder.common import GRADE_COLUMN
from ixdesk.gui.kind_views import shown_columns as usual_columns
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.settings import app_settings
from ixdesk.gui.window_frame import NAVIGATION_WIDTH, WindowFrame
from ixdesk.services.operations import create_record, update_record
from tests.gui.conftest import ScriptedDialogs
from tests.gui.world import World

LONG_NAME = "Which customers are about to churn in the next quarter, and why?"


def _window(qtbot: QtBot, database: Database) -> MainWindow:
    window = MainWindow(database, ScriptedDialogs())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def laptop(qtbot: QtBot, world: World, sqlite_database: Database) -> Iterator[MainWindow]:
    window = _window(qtbot, sqlite_database)
    yield window
    window.close()


def assert_every_action_shown(toolbar: QToolBar) -> None:
    """No » button, and every action's button on screen."""
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible(), "the toolbar overflows"
    for action in toolbar.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        widget = toolbar.widgetForAction(action)
        assert widget is not None and widget.isVisible(), action.text()
        right = widget.mapTo(toolbar, QPoint(widget.width(), 0)).x()
        assert right <= toolbar.width(), action.text()


def test_a_long_undo_text_keeps_the_main_toolbar_whole(qtbot: QtBot, laptop: MainWindow) -> None:
    stack = laptop.workbench.undo_stack
    assert stack is not None
    stack.push(QUndoCommand(f"Add business problem “{LONG_NAME}”"))
    qtbot.wait(10)
    button = laptop.ui.toolBar.widgetForAction(laptop.undo_action)
    assert isinstance(button, QToolButton)
    assert button.text() == "Undo"
    assert LONG_NAME in laptop.undo_action.toolTip()  # the whole of it, on hover
    assert_every_action_shown(laptop.ui.toolBar)
    workspace = laptop.ui.toolBar.widgetForAction(laptop.workspace_action)
    assert workspace is not None and workspace.isVisible()


def test_the_cohort_workspace_fits_without_sideways_scrolling(
    qtbot: QtBot, laptop: MainWindow, world: World
) -> None:
    assert laptop.open_cohort(world.cohort)
    page, workspace = laptop.workspace_page, laptop.cohort_workspace
    for tab in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
        assert not page.horizontalScrollBar().isVisible(), workspace.tabs.tabText(tab)
        edge = page.viewport().width()
        for widget in (workspace.export_button, workspace.edit_button, workspace.capacity_bar):
            if widget.isVisibleTo(workspace):
                right = widget.mapTo(page.viewport(), QPoint(widget.width(), 0)).x()
                assert right <= edge, widget.accessibleName()
    workspace.tabs.setCurrentWidget(workspace.group_builder)
    assert workspace.group_builder.assign_action.isVisible()
    assert_every_action_shown(workspace.group_builder.toolbar)


def test_enrolment_cards_wrap_long_names_without_a_sideways_scroll_bar(
    qtbot: QtBot, laptop: MainWindow, world: World, sqlite_database: Database
) -> None:
    long = create_record(
        sqlite_database, Student, {"first_name": "Bongani Sipho", "last_name": "Mhlongo-Ndlovu"}
    )
    short = create_record(sqlite_database, Student, {"first_name": "Ana", "last_name": "Li"})
    for student in (long, short):
        create_record(
            sqlite_database,
            Enrolment,
            {
                "student_id": student.id,
                "cohort_id": world.cohort,
                "status": EnrolmentStatus.APPLIED,
            },
        )
    laptop.open_cohort(world.cohort)
    column = laptop.cohort_workspace.board.columns[EnrolmentStatus.APPLIED]
    qtbot.waitUntil(lambda: column.model.rowCount() >= 2)
    view = column.view
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    delegate = view.itemDelegate()
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    heights = {}
    for row in range(column.model.rowCount()):
        index = column.model.index(row)
        heights[column.model.row_at(row).name] = delegate.sizeHint(option, index).height()
        assert delegate.sizeHint(option, index).width() <= view.viewport().width()
    # The long name takes a second line rather than being cut.
    assert heights["Bongani Sipho Mhlongo-Ndlovu"] > heights["Ana Li"]


def test_a_view_never_opened_keeps_a_real_editor_width_on_the_next_start(
    qtbot: QtBot, world: World, sqlite_database: Database
) -> None:
    first = _window(qtbot, sqlite_database)
    first.show_view("students")  # the groups view is never opened
    first.close()
    second = _window(qtbot, sqlite_database)
    second.show_view("groups")
    qtbot.wait(10)
    sizes = second.views["groups"].splitter.sizes()
    assert sizes[1] >= 400, sizes  # the editor, not crushed
    assert sizes[0] >= 300, sizes
    second.close()


def test_a_moved_splitter_is_remembered(
    qtbot: QtBot, world: World, sqlite_database: Database
) -> None:
    first = _window(qtbot, sqlite_database)
    first.show_view("groups")
    splitter = first.views["groups"].splitter
    total = sum(splitter.sizes())
    splitter.setSizes([total - 480, 480])
    first.show_view("students")  # not on screen when the window closes
    first.close()
    second = _window(qtbot, sqlite_database)
    second.show_view("groups")
    qtbot.wait(10)
    assert abs(second.views["groups"].splitter.sizes()[1] - 480) <= 2


def test_the_side_bar_keeps_its_width_and_the_next_frame_starts_with_it(
    qtbot: QtBot, world: World, sqlite_database: Database
) -> None:
    first = _window(qtbot, sqlite_database)
    total = sum(first.ui.mainSplitter.sizes())
    first.ui.mainSplitter.setSizes([240, total - 240])
    first.close()
    frame = _frame(qtbot)  # what paints before the database is open
    assert frame.ui.mainSplitter.sizes()[0] == 240
    app_settings().setValue("window/splitter", QByteArray(b"older versions' state"))
    again = _frame(qtbot)
    assert again.ui.mainSplitter.sizes()[0] == NAVIGATION_WIDTH  # not sizes: the usual one


def _frame(qtbot: QtBot) -> WindowFrame:
    frame = WindowFrame()
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    return frame


def _labels(window: MainWindow, kind: str) -> list[str]:
    view = window.views[kind]
    return [view.spec.columns[c].label for c in shown_columns(view.table.horizontalHeader())]


def test_important_columns_show_first_and_an_empty_preferred_name_is_hidden(
    laptop: MainWindow,
) -> None:
    students = _labels(laptop, "students")
    assert "Preferred name" not in students
    assert students[:4] == ["Last name", "First name", "School", "Grade"]
    assert _labels(laptop, "cohorts")[:4] == ["Name", "Status", "Enrolled", "Capacity"]
    assert _labels(laptop, "problems")[:2] == ["Title", "Status"]
    for kind, label in (("students", "Grade"), ("cohorts", "Capacity"), ("problems", "Status")):
        laptop.show_view(kind)
        view = laptop.views[kind]
        header = view.table.horizontalHeader()
        column = next(i for i, c in enumerate(view.spec.columns) if c.label == label)
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= header.viewport().width(), f"{kind}: {label} needs a sideways scroll"


def _menu_action(menu: QMenu, text: str) -> QAction:
    return next(action for action in menu.actions() if action.text() == text)


def test_columns_chosen_in_the_header_menu_are_kept_for_the_next_window(
    qtbot: QtBot, world: World, sqlite_database: Database
) -> None:
    first = _window(qtbot, sqlite_database)
    first.show_view("students")
    header = first.views["students"].table.horizontalHeader()
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    email = next(i for i, c in enumerate(first.views["students"].spec.columns) if c.key == "email")
    menu = column_menu(header, shown_columns(header), email)
    _menu_action(menu, "Preferred name").trigger()  # show it
    _menu_action(menu, "School").trigger()  # hide it
    _menu_action(menu, "Move column &left").trigger()  # email one place to the left
    chosen = _labels(first, "students")
    assert chosen == [
        "Last name", "First name", "Email", "Grade", "Track interest", "Preferred name"
    ]  # fmt: skip
    first.close()
    second = _window(qtbot, sqlite_database)
    assert _labels(second, "students") == chosen
    usual = column_menu(
        second.views["students"].table.horizontalHeader(), usual_columns("students"), -1
    )
    _menu_action(usual, "Show the &usual columns").trigger()
    assert "Preferred name" not in _labels(second, "students")
    second.close()


def test_a_university_cohort_says_year_where_a_school_says_grade(
    qtbot: QtBot, laptop: MainWindow, world: World, sqlite_database: Database
) -> None:
    assert laptop.open_cohort(world.cohort)
    workspace = laptop.cohort_workspace
    builder, board = workspace.group_builder, workspace.board
    workspace.tabs.setCurrentWidget(builder)
    grade = Qt.Orientation.Horizontal
    assert builder.tree_model.headerData(GRADE_COLUMN, grade) == "Grade"
    with sqlite_database.read() as session:
        cohort = session.get(Cohort, world.cohort)
        assert cohort is not None
        version = cohort.version
    update_record(sqlite_database, Cohort, world.cohort, version, {"audience": "university"})
    laptop.refresh()
    workspace.set_cohort(world.cohort)
    qtbot.waitUntil(lambda: builder.tree_model.headerData(GRADE_COLUMN, grade) == "Year")
    assert builder.unassigned_model.headerData(GRADE_COLUMN, grade) == "Year"
    assert all(column.model.grade_word == "Year" for column in board.columns.values())
