"""The instructor view: only their groups, read-only, nothing of guardians or birth dates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.models import GroupMembership, Student
from ixdesk.gui.instructor_view import InstructorView
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.workbench import Workbench
from ixdesk.services.operations import OperationContext, run_operation
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import caught_up
from tests.test_instructor_view_service import PRIVATE, _world

BIRTH = PRIVATE["date_of_birth"]
FORBIDDEN = [str(value) for value in PRIVATE.values()] + [
    BIRTH.strftime("%d %b %Y").lstrip("0"),
    BIRTH.strftime("%d/%m/%Y"),
    "900123",  # the guardian's number however it is spaced
    "900456",  # the student's own phone: not on an instructor's roster either
]


def _view(qtbot: QtBot, workbench: Workbench) -> InstructorView:
    view = InstructorView(workbench)
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    return view


def _all_text(view: InstructorView) -> list[str]:
    texts = [label.text() for label in view.findChildren(QLabel)]
    texts += [label.accessibleName() for label in view.findChildren(QLabel)]
    for table in view.findChildren(QTableView):
        model = table.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                texts.append(str(model.data(index, Qt.ItemDataRole.DisplayRole)))
                texts.append(str(model.data(index, Qt.ItemDataRole.ToolTipRole)))
    return texts


def test_shows_only_their_groups_and_no_private_data(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, workbench: Workbench
) -> None:
    ids = _world(sqlite_database)
    view = _view(qtbot, workbench)
    view.set_instructor(ids["ravi"])
    assert [section.group.name for section in view.sections] == ["Group 1", "Group 2"]
    texts = _all_text(view)
    joined = "\n".join(texts)
    assert "Zoë0 (Zo) Martin" in joined and "zoe2@school.example" in joined
    assert "Acme Analytics" in joined and "Why customers leave" in joined
    assert "Tue" in texts  # the meeting slot
    assert "Zoë1" not in joined  # withdrawn from the cohort
    for value in FORBIDDEN:
        assert value not in joined, value
    assert "2 groups (1 as lead, 1 as assistant), 2 students" in view.summary.text()
    view.archived.setChecked(True)
    # Groups of archived cohorts come last.
    assert [section.group.name for section in view.sections] == ["Group 1", "Group 2", "Old group"]
    view.set_instructor(ids["other"])
    assert [section.group.name for section in view.sections] == ["Group 2", "Group 3", "Group 4"]


def test_nothing_can_be_edited(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, workbench: Workbench
) -> None:
    ids = _world(sqlite_database)
    view = _view(qtbot, workbench)
    view.set_instructor(ids["ravi"])
    tables = view.findChildren(QTableView)
    assert len(tables) == 2
    for table in tables:
        assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        model = table.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                assert not model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
    # The only place to type is the instructor chooser.
    assert view.findChildren(QLineEdit) == [view.chooser.lineEdit()]
    for kind in (QTextEdit, QPlainTextEdit, QAbstractSpinBox, QDateEdit):
        assert view.findChildren(kind) == []


def test_choosing_by_email_by_typing_and_copying(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, workbench: Workbench
) -> None:
    ids = _world(sqlite_database)
    view = _view(qtbot, workbench)
    assert view.sections == []
    assert not view.set_instructor_email("nobody@x.org")
    assert dialogs.asked[-1][0] == "error"
    assert "No instructor has the email address 'nobody@x.org'" in dialogs.asked[-1][2]
    assert view.set_instructor_email("RAVI@x.org")
    assert view.instructor_id == ids["ravi"]
    assert view.chooser.currentText().startswith("Ravi Patel")
    view.chooser.setFocus()
    view.chooser.setEditText("olga")  # as typed (keyClicks would open the completer's popup)
    qtbot.keyClick(view.chooser.lineEdit(), Qt.Key.Key_Return)
    assert view.instructor_id == ids["other"]
    view.set_instructor(ids["ravi"])
    view.sections[0].copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines() == [
        "Name\tSchool\tGrade\tEmail",
        "Zoë0 (Zo) Martin\tHillside School\t11\tzoe0@school.example",
    ]


def test_refreshes_on_changes(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    ids = _world(sqlite_database)
    hub = workbench.hub
    view = _view(qtbot, workbench)
    view.set_instructor(ids["ravi"])
    assert len(view.sections[0].group.members) == 1

    def add_member(context: OperationContext) -> None:
        student = Student(first_name="Nia", last_name="New", school="Hillside School")
        context.session.add(student)
        context.session.flush()
        group = ids["Group 1"]
        cohort = view.sections[0].group.cohort_id
        context.session.add(
            GroupMembership(group_id=group, cohort_id=cohort, student_id=student.id)
        )

    run_operation(sqlite_database, add_member, hub=hub)
    caught_up(qtbot, view)
    assert [m.name for m in view.sections[0].group.members] == ["Zoë0 (Zo) Martin", "Nia New"]
    view.hide()
    run_operation(sqlite_database, add_member, hub=hub)
    assert view.freshness.stale
    view.show()
    assert len(view.sections[0].group.members) == 3


def test_the_coordinator_window_keeps_its_instructor_view_with_a_chooser(
    qtbot: QtBot, sqlite_database: Database, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    ids = _world(sqlite_database)
    window.teaching_action.trigger()  # Ctrl+Shift+I
    assert window.ui.pages.currentWidget() is window.instructor_page
    view = window.instructor_view
    assert isinstance(view, InstructorView)
    labels = [view.chooser.itemText(i) for i in range(view.chooser.count())]
    assert labels == ["Olga Other · olga@x.org", "Ravi Patel · Ravi@X.org"]  # every one
    assert view.set_instructor_email("ravi@X.org")
    assert view.instructor_id == ids["ravi"]
    assert len(view.sections) == 2
    view.set_instructor(ids["other"])  # the coordinator may switch
    assert [section.group.name for section in view.sections] == ["Group 2", "Group 3", "Group 4"]
    assert not view.set_instructor_email("nobody@x.org")
    assert window.ui.pages.currentWidget() is window.instructor_page  # the window stays
    assert dialogs.kinds()[-1] == "error"
