"""Application answers in the window: on the student, on the enrolment board's cards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.db.models import Cohort, Student
from ixdesk.gui.enrolment_board import EnrolmentBoard
from ixdesk.gui.linked_records import LinkedRecords
from ixdesk.gui.workbench import Workbench
from ixdesk.services.importing import commit_import, plan_import, propose_mapping, read_table
from ixdesk.services.operations import create_record
from tests.test_import_support import rows_of, write_csv

QUESTION = "What is one project you are proud of?"


def _import(database: Database, tmp_path: Path) -> str:
    cohort_id = create_record(database, Cohort, {"name": "Spring 2027"}).id
    rows = [["First name", "Last name", "Email", QUESTION]]
    rows += [["Zoë", "Åkesson", "zoe@example.org", "A weather station <with> sensors\nand a bot"]]
    rows += [["Sam", "Lee", "sam@example.org", ""]]
    table = read_table(write_csv(tmp_path / "a.csv", rows))
    mapping = propose_mapping("students", table.headers)
    mapping.keep_unmatched_as_answers()
    commit_import(database, plan_import(database, "students", table, mapping, cohort="Spring 2027"))
    return cohort_id


def test_a_students_answers_show_in_full_below_the_linked_records(
    qtbot: QtBot, sqlite_database: Database, tmp_path: Path
) -> None:
    _import(sqlite_database, tmp_path)
    ids = dict(rows_of(sqlite_database, Student, "first_name", "id"))
    panel = LinkedRecords(sqlite_database, "students")
    qtbot.addWidget(panel)
    panel.show()
    panel.show_for(ids["Zoë"])
    assert panel.answers.isVisible() and panel.answers_title.text() == "Application answers (1)"
    text = panel.answers.toPlainText()
    assert "Spring 2027" in text and QUESTION in text
    assert "A weather station <with> sensors\nand a bot" in text  # as typed, markup shown
    assert panel.tree.topLevelItem(0).text(0) == "Enrolments"  # the list keeps its records
    assert panel.tree.topLevelItemCount() == 1
    panel.show_for(ids["Sam"])
    assert not panel.answers.isVisible()


def test_the_boards_cards_show_and_find_the_answers(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench, tmp_path: Path
) -> None:
    cohort_id = _import(sqlite_database, tmp_path)
    board = EnrolmentBoard(workbench)
    qtbot.addWidget(board)
    board.set_cohort(cohort_id)
    model = board.columns[EnrolmentStatus.APPLIED].model
    names = {model.row_at(row).first_name: model.index(row) for row in range(model.rowCount())}
    tip = model.data(names["Zoë"], Qt.ItemDataRole.ToolTipRole)
    assert QUESTION in tip and "A weather station &lt;with&gt; sensors" in tip
    assert "Application answers" not in model.data(names["Sam"], Qt.ItemDataRole.ToolTipRole)
    board.search.setText("weather station")
    assert [model.row_at(row).first_name for row in range(model.rowCount())] == ["Zoë"]
