"""The feedback dialog, opened from the Attendance tab for the current student's group."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.attendance_view import AttendanceView
from ixdesk.gui.feedback_dialog import FeedbackDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services.operations import OperationContext, run_operation
from ixdesk.services.running import feedback as fb
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import picture
from tests.gui.world import World


def test_feedback_is_entered_saved_and_undone(
    qtbot: QtBot,
    sqlite_database: Database,
    workbench: Workbench,
    world: World,
    dialogs: ScriptedDialogs,
) -> None:
    def skills(context: OperationContext) -> None:
        problem = context.session.get(m.BusinessProblem, world.problem)
        assert problem is not None
        problem.skills = "Data cleaning, Forecasting, Presenting"

    run_operation(sqlite_database, skills)
    view = AttendanceView(workbench)
    qtbot.addWidget(view)
    view.show()
    view.set_cohort(world.cohort)
    view.table.setCurrentIndex(view.model.index(1, 1))  # Ana Silva, of Équipe Zoë

    def fill(dialog: FeedbackDialog) -> bool:
        assert dialog.table.rowCount() == 2 and dialog.table.columnCount() == 4
        box = dialog.table.cellWidget(1, 1)
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(box.findData(3))
        dialog.table.item(1, 3).setText("Asked the partner good questions.")
        dialog.given_by.setText("Selam Cohen")
        dialog.company.setPlainText("A forecast we can use.")
        picture(dialog, "feedback-dialog")
        return True

    dialogs.review_answer = fill  # type: ignore[assignment]
    view.feedback_button.click()
    found = fb.group_feedback(sqlite_database, world.group)
    silva = next(row for row in found.students if row.name == "Ana Silva")
    assert silva.ratings == {"Forecasting": 3}
    assert silva.comment == "Asked the partner good questions."
    assert found.company_comment == "A forecast we can use."
    workbench.undo_stack.undo()
    found = fb.group_feedback(sqlite_database, world.group)
    assert found.company_comment is None and all(not row.ratings for row in found.students)
