"""Instructor mode (``ixdesk --instructor EMAIL``): that instructor's groups, read-only,
the instructor-roster fields only, and no way to anything else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QAbstractItemModel, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.gui.instructor_view import InstructorView
from ixdesk.gui.instructor_window import InstructorWindow
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.record_view import RecordView
from ixdesk.services.instructor_view import instructor_by_email
from tests.gui.conftest import ScriptedDialogs
from tests.gui.test_instructor_view import FORBIDDEN
from tests.test_instructor_view_service import PRIVATE, _world

# Someone Ravi does not teach, and an instructor Ravi has nothing to do with.
OUTSIDER = {"first_name": "Otto", "last_name": "Outsider", "email": "otto@school.example"}
STRANGER = {"first_name": "Hana", "last_name": "Hidden", "email": "hana.hidden@x.org"}
NOT_FOR_RAVI = [*OUTSIDER.values(), *STRANGER.values(), "Zoë1"]  # Zoë1 withdrew
# What the window may offer, by the action's text without "&" and "…".
ALLOWED_ACTIONS = {"File", "View", "Help", "Export roster", "Quit", "Reload", "About ixdesk"}
ALLOWED_ACTIONS |= {"Edit", "Undo", "Redo"}  # of marks and rubrics, the only changes
ALLOWED_ACTIONS.add("Copy members")  # one per member table
ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
)


def _two_instructors(database: Database) -> dict[str, str]:
    """Ravi's and Olga's groups (see ``_world``), plus Otto in a group of Olga's only
    and Hana, who teaches nobody; every student has guardian data."""
    ids = _world(database)
    with database.write() as session:
        group = session.get(m.StudentGroup, ids["Group 4"])
        assert group is not None
        otto = m.Student(**OUTSIDER, **PRIVATE)
        hana = m.Instructor(**STRANGER)
        session.add_all([otto, hana])
        session.flush()
        session.add(
            m.Enrolment(
                student_id=otto.id, cohort_id=group.cohort_id, status=EnrolmentStatus.ENROLLED
            )
        )
        session.add(
            m.GroupMembership(group_id=group.id, cohort_id=group.cohort_id, student_id=otto.id)
        )
    return ids


@pytest.fixture
def ids(sqlite_database: Database) -> dict[str, str]:
    return _two_instructors(sqlite_database)


@pytest.fixture
def mode(
    qtbot: QtBot, sqlite_database: Database, ids: dict[str, str], dialogs: ScriptedDialogs
) -> Iterator[InstructorWindow]:
    window = InstructorWindow(sqlite_database, instructor_by_email(sqlite_database, "RAVI@x.org"))
    window.dialogs = dialogs
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _plain(text: str) -> str:
    return text.replace("&", "").replace("…", "").strip()


def _model_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    for column in range(model.columnCount()):
        yield str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in ROLES:
                yield str(model.data(index, role))


def every_text(window: QWidget) -> list[str]:
    """Every text the window can show or read out: titles, labels, buttons, tips,
    accessible names, menus and actions, and every cell of every table and list."""
    texts = [window.windowTitle()]
    for widget in [window, *window.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.statusTip(), widget.whatsThis()]
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.windowTitle()]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QMenu):
            texts.append(widget.title())
        if isinstance(widget, QAbstractItemView):
            texts += list(_model_texts(widget.model()))
    for action in window.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip(), action.whatsThis()]
    return texts


def test_only_their_groups_and_a_line_saying_how_to_leave(
    mode: InstructorWindow, ids: dict[str, str]
) -> None:
    assert [section.group.group_id for section in mode.groups.sections] == [
        ids["Group 1"],
        ids["Group 2"],
    ]
    assert mode.banner.isVisible()
    banner = mode.banner.text()
    assert "Instructor mode:" in banner
    assert "Ravi Patel's groups, read-only except attendance and the rubric." in banner
    assert "To leave, close ixdesk and start it without" in banner and "--instructor" in banner
    assert "Ravi Patel" in mode.windowTitle() and "instructor mode" in mode.windowTitle()


def test_no_coordinator_part_is_ever_built(mode: InstructorWindow) -> None:
    for kind in (RecordView, InstructorView, QListWidget, QShortcut):
        assert mode.findChildren(kind) == [], kind
    # One list to choose from: which of their own groups' attendance is shown.
    assert mode.findChildren(QComboBox) == [mode.attendance.scope]
    assert mode.findChildren(QUndoStack) == [mode.workbench.undo_stack]  # marks, rubrics
    # Nowhere to type, so nowhere to change anything.
    for kind in (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox):
        assert mode.findChildren(kind) == [], kind
    for view in mode.findChildren(QTableView):
        assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        model = view.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                assert not model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
    # Nothing can be dropped on it to import.
    assert not any(w.acceptDrops() for w in [mode, *mode.findChildren(QWidget)])
    assert not any(
        isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_every_action_is_one_that_only_reads_their_groups(mode: InstructorWindow) -> None:
    actions = mode.findChildren(QAction)
    for action in actions:
        if not action.text():  # separators, and the menu bar's overflow menu
            menu = action.menu()
            assert action.isSeparator() or (
                menu is not None and set(menu.actions()) <= set(mode.menuBar().actions())
            )
    assert {_plain(action.text()) for action in actions if action.text()} == ALLOWED_ACTIONS
    copies = [a for a in actions if _plain(a.text()) == "Copy members"]
    assert len(copies) == len(mode.groups.sections) == 2
    for copy in copies:  # Ctrl+C in a member table only, not a window-wide shortcut
        assert copy.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    window_keys = {
        action.shortcut().toString()
        for action in actions
        if not action.shortcut().isEmpty() and action not in copies
    }
    undo = {QKeySequence(QKeySequence.StandardKey.Undo).toString(),
            QKeySequence(QKeySequence.StandardKey.Redo).toString()}  # fmt: skip
    assert window_keys == {"Ctrl+Q", "F5", *undo}


def test_no_text_shows_private_data_or_other_instructors_students(
    qtbot: QtBot, mode: InstructorWindow
) -> None:
    for archived in (False, True):
        mode.groups.archived.setChecked(archived)
        texts = every_text(mode)
        joined = "\n".join(texts)
        # The walk does reach the members and the facts of each group.
        assert "Zoë0 (Zo) Martin" in joined and "zoe2@school.example" in joined
        assert "Why customers leave" in joined and "Tue" in texts
        assert ("Old group" in joined) == archived
        for value in [*FORBIDDEN, *NOT_FOR_RAVI]:
            assert value not in joined, value
    for section in mode.groups.sections:
        section.copy_button.click()
        copied = QGuiApplication.clipboard().text()
        assert copied.startswith("Name\tSchool\tGrade\tEmail")
        for value in [*FORBIDDEN, *NOT_FOR_RAVI]:
            assert value not in copied, value


OTHER_VIEW_KEYS = [f"Ctrl+{n}" for n in range(1, 8)] + [
    "Ctrl+Shift+I",  # the coordinator's instructor view
    "Ctrl+I",  # import
    "Ctrl+O",  # cohort workspace
    "Ctrl+N",
    "Ctrl+S",
    "Ctrl+Z",
    "Ctrl+Shift+Z",
    "Ctrl+Y",
    "Del",
    "Ctrl+F",
    "Ctrl+E",
    "Ctrl+Shift+W",  # needs attention
    "Ctrl+Shift+L",  # instructor load
]


def _press(qtbot: QtBot, window: QWidget, keys: str) -> None:
    combination = QKeySequence(keys)[0]
    qtbot.keyClick(window, combination.key(), combination.keyboardModifiers())


def test_shortcuts_of_other_views_do_nothing(
    qtbot: QtBot, mode: InstructorWindow, ids: dict[str, str], dialogs: ScriptedDialogs
) -> None:
    triggered: list[str] = []
    for action in mode.findChildren(QAction):
        action.triggered.connect(lambda _=False, a=action: triggered.append(a.text()))
    windows_before = set(QApplication.topLevelWidgets())
    children_before = len(mode.findChildren(QObject))
    for keys in OTHER_VIEW_KEYS:
        _press(qtbot, mode, keys)
        assert triggered == [], keys
        assert set(QApplication.topLevelWidgets()) == windows_before, keys
    assert dialogs.asked == []
    assert len(mode.findChildren(QObject)) == children_before
    assert mode.groups.instructor_id == ids["ravi"]
    # The keys do reach the window: its own shortcut works.
    _press(qtbot, mode, "F5")
    assert triggered == ["&Reload"]
    assert mode.statusBar().currentMessage() == "Reloaded from the database."


def test_typing_another_instructor_switches_nothing(
    qtbot: QtBot, mode: InstructorWindow, ids: dict[str, str]
) -> None:
    assert not hasattr(mode.groups, "chooser")
    assert not hasattr(mode.groups, "set_instructor_email")
    qtbot.keyClicks(mode, "olga@x.org")
    qtbot.keyClick(mode, Qt.Key.Key_Return)
    assert mode.groups.instructor_id == ids["ravi"]
    assert [s.group.name for s in mode.groups.sections] == ["Group 1", "Group 2"]


def test_the_one_export_is_their_own_roster(
    qtbot: QtBot, mode: InstructorWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    target = tmp_path / "mine.xlsx"
    dialogs.save_file_answer = str(target)
    mode.export_button.click()
    qtbot.waitUntil(lambda: bool({"offer_file", "error"} & set(dialogs.kinds())), timeout=15_000)
    # No "which instructor?"; first what the roster carries, then where to save it.
    assert dialogs.kinds() == ["confirm", "save_file", "offer_file"]
    assert dialogs.asked[0][2].startswith("Profile: Instructor, for one instructor")
    assert dialogs.asked[1][2].endswith("Ravi Patel roster.xlsx")
    book = openpyxl.load_workbook(target, read_only=True)
    cells: list[Any] = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]
    book.close()
    written = "\n".join(str(cell) for cell in cells if cell is not None)
    assert "Zoë0" in written and "zoe2@school.example" in written
    for value in [*FORBIDDEN, *NOT_FOR_RAVI]:
        assert value not in written, value
