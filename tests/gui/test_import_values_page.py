"""The import wizard's typed answers, suggestions, kept answers and unreadable columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.enums import Audience
from ixdesk.db.models import ApplicationAnswer, Cohort, Student
from ixdesk.services.operations import create_record
from tests.gui.conftest import ScriptedDialogs
from tests.gui.import_steps import (
    FINISH,
    NEXT,
    WAIT_MS,
    choose,
    click,
    click_and_wait,
    counts,
    open_wizard,
    to_mapping,
)
from tests.test_import_support import live, rows_of, write_csv

GRADES = ["Grade 10", "10th", "Year 11", "Form 4", "Junior", "Senior", "Freshman", "Sophomore"]


def _high_school_form(tmp_path: Path) -> Path:
    rows = [["First name", "Last name", "Email", "Current Year of Study", "Why join?"]]
    for i, grade in enumerate(GRADES):
        rows.append([f"S{i}", "Dube", f"s{i}@example.org", grade, f"Reason {i}"])
    return write_csv(tmp_path / "high-school.csv", rows)


def test_audience_words_are_asked_once_each_and_answered_in_a_table(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    create_record(
        sqlite_database, Cohort, {"name": "Holiday 2027", "audience": Audience.HIGH_SCHOOL}
    )
    wizard = open_wizard(qtbot, sqlite_database, dialogs, _high_school_form(tmp_path))
    choose(wizard.file_page.cohort_combo, "Holiday 2027")
    to_mapping(qtbot, wizard)
    click(qtbot, wizard, NEXT)
    page = wizard.values_page
    assert wizard.currentPage() is page
    table = page.table
    typed = [table.item(row, 1).text() for row in range(table.rowCount())]
    assert typed == ["Form 4", "Junior", "Senior", "Freshman", "Sophomore"]
    combos = {question.value: combo for question, combo in page.combos}
    assert combos["Junior"].currentText() == "Grade 11"  # a high-school cohort's junior
    assert combos["Form 4"].currentText() == "As typed (the rows are invalid)"
    assert "5 typed values to look at. 5 values cannot be read as typed" in page.summary.text()
    choose(combos["Form 4"], 10)

    click_and_wait(qtbot, wizard, NEXT, "plan")
    assert counts(wizard)["invalid"] == 0
    assert wizard.session.mapping is not None
    assert wizard.session.mapping.values["grade"] == {
        "Form 4": 10,
        "Junior": 11,
        "Senior": 12,
        "Freshman": 9,
        "Sophomore": 10,
    }
    wizard.back()  # back on the answers, the choices are still there
    assert dict((q.value, c.currentText()) for q, c in page.combos)["Form 4"] == "Grade 10"


def test_a_suggested_column_is_confirmed_with_a_click(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    rows = [["Name", "Email", "Hebrew First Name"], ["Ava Jansen", "ava@example.org", "Chava"]]
    wizard = open_wizard(qtbot, sqlite_database, dialogs, write_csv(tmp_path / "s.csv", rows))
    to_mapping(qtbot, wizard)
    page = wizard.mapping_page
    assert page.combos["Hebrew First Name"].currentText() == "Leave out"  # never applied alone
    button = page.suggested["Hebrew First Name"]
    assert button.isVisible() and button.text() == "Use “First name”?"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.combos["Hebrew First Name"].currentData() == "first_name"
    assert page.combos["Name"].currentData() == "full_name"
    assert not button.isVisible()


def test_other_columns_are_kept_as_application_answers(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    create_record(sqlite_database, Cohort, {"name": "Holiday 2027"})
    rows = [["Timestamp", "First name", "Last name", "Why join?", "Links"]]
    rows += [["1/2/2027 10:00", "Ava", "Jansen", "To learn", "github.com/ava"]]
    wizard = open_wizard(qtbot, sqlite_database, dialogs, write_csv(tmp_path / "a.csv", rows))
    choose(wizard.file_page.cohort_combo, "Holiday 2027")
    to_mapping(qtbot, wizard)
    page = wizard.mapping_page
    qtbot.mouseClick(page.answers_button, Qt.MouseButton.LeftButton)
    kept = "application_answer"
    assert [page.combos[h].currentData() for h in ("Why join?", "Links")] == [kept, kept]
    assert page.combos["Timestamp"].currentText() == "Leave out"
    click_and_wait(qtbot, wizard, NEXT, "plan")
    click(qtbot, wizard, NEXT)
    lines = wizard.import_page.lines.text()
    assert "1 student's application answers will be kept for “Holiday 2027”." in lines
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS):
        click(qtbot, wizard, FINISH)
    assert live(sqlite_database, Student) == 1
    assert sorted(rows_of(sqlite_database, ApplicationAnswer, "question", "answer")) == [
        ("Links", "github.com/ava"),
        ("Why join?", "To learn"),
    ]


def test_a_column_read_in_no_row_is_left_out_from_the_preview(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    rows = [["First name", "Last name", "Birthday"], ["Ava", "Jansen", "soon"]]
    rows += [["Ben", "Dube", "ask my mum"]]
    wizard = open_wizard(qtbot, sqlite_database, dialogs, write_csv(tmp_path / "b.csv", rows))
    to_mapping(qtbot, wizard)
    click_and_wait(qtbot, wizard, NEXT, "plan")
    preview = wizard.preview_page
    assert counts(wizard)["invalid"] == 2
    assert preview.unreadable.text() == (
        "No value of “Birthday” could be read. Leave it out to import the rest."
    )
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS, check_params_cb="plan".__eq__):
        qtbot.mouseClick(preview.leave_out, Qt.MouseButton.LeftButton)
    assert counts(wizard)["invalid"] == 0 and preview.unreadable.text() == ""
    assert wizard.mapping_page.combos["Birthday"].currentText() == "Leave out"
