"""The import wizard, driven page by page on the sample files and small generated ones."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.models import Cohort, Enrolment, Student
from ixdesk.gui.import_wizard import import_page, preview_page
from ixdesk.services.importing import (
    ImportFileError,
    commit_import,
    plan_import,
    read_table,
)
from ixdesk.services.operations import create_record
from tests.gui.conftest import ScriptedDialogs
from tests.gui.import_steps import (
    BACK,
    FINISH,
    NEXT,
    WAIT_MS,
    choose,
    click,
    click_and_wait,
    counts,
    next_page,
    open_wizard,
    to_mapping,
    to_preview,
)
from tests.test_import_support import (
    CAREERS_FAIR,
    GOOGLE_FORMS,
    STUDENT_HEADER,
    live,
    rows_of,
    write_csv,
)


def _expected_counts(database: Database, path: Path, **options: object) -> dict[str, int]:
    """What the import services themselves plan for the file (tests/test_import_samples.py
    holds the numbers); the wizard must show the same."""
    return plan_import(database, "students", read_table(path), **options).counts  # type: ignore[arg-type]


def test_walk_every_page_and_import(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    create_record(sqlite_database, Cohort, {"name": "Spring 2026"})
    dialogs.open_file_answer = str(GOOGLE_FORMS)
    wizard = open_wizard(qtbot, sqlite_database, dialogs)
    page = wizard.file_page
    assert not wizard.button(NEXT).isEnabled()  # no file yet
    qtbot.mouseClick(page.browse_button, Qt.MouseButton.LeftButton)
    assert page.path_edit.text() == str(GOOGLE_FORMS)
    choose(page.cohort_combo, "Spring 2026")

    click_and_wait(qtbot, wizard, NEXT, "read")
    sheet = wizard.sheet_page
    assert "CSV, UTF-8, comma-separated, header in row 1, 10 data rows" in sheet.summary.text()
    assert sheet.encoding_combo.currentText() == "UTF-8 (detected)"
    assert sheet.separator_combo.currentText() == "Comma (detected)"
    assert sheet.sheet_combo.isHidden()  # a CSV file has no sheets
    assert sheet.rows_model.rowCount() == 10
    assert sheet.rows_model.headerData(0, Qt.Orientation.Vertical) == "2"  # spreadsheet rows

    click(qtbot, wizard, NEXT)
    mapping = wizard.mapping_page
    assert mapping.combos["Email Address"].currentData() == "email"
    assert mapping.combos["Timestamp"].currentText() == "Leave out"
    assert mapping.month_first_button.isChecked()  # the file's dates say 3/14/2010
    assert "month first" in mapping.order_note.text()
    choose(mapping.region_combo, "ZA")

    next_page(qtbot, wizard)
    expected = _expected_counts(sqlite_database, GOOGLE_FORMS, day_first=False, region="ZA")
    shown = counts(wizard)
    assert {key: shown[key] for key in expected} == expected
    assert shown["all"] == 10 and shown["duplicates"] == 1
    preview = wizard.preview_page
    assert not wizard.button(NEXT).isEnabled()  # one invalid row
    assert "1 row is invalid" in preview.blocked.text()
    preview.skip_invalid.click()
    assert wizard.button(NEXT).isEnabled() and preview.blocked.text() == ""

    click(qtbot, wizard, NEXT)
    lines = wizard.import_page.lines.text()
    assert "8 new students will be added." in lines
    # The same words on the confirm and the done page: added to the cohort as Applied.
    assert "8 students will be added to “Spring 2026” as Applied." in lines
    assert "1 invalid row will be left out." in lines
    assert live(sqlite_database, Student) == 0  # nothing written before the last click
    assert wizard.button(FINISH).text() == "&Import"

    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS) as imported:
        click(qtbot, wizard, FINISH)
    assert imported.args[0].inserted["students"] == 8
    assert live(sqlite_database, Student) == 8 and live(sqlite_database, Enrolment) == 8
    outcome = wizard.import_page.outcome.text()
    assert "Imported from google-forms-signups.csv: 8 new" in outcome
    assert "0 unchanged, 1 repeated, 0 skipped" in outcome
    assert "8 added to “Spring 2026” as Applied" in outcome and "enrolled" not in outcome
    assert wizard.button(FINISH).text() == "&Close"
    assert not wizard.button(BACK).isEnabled()
    qtbot.waitUntil(lambda: not wizard.busy)
    click(qtbot, wizard, FINISH)
    assert not wizard.isVisible()


def test_a_bad_file_shows_the_reason_and_blocks_next(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    renamed = tmp_path / "signups.xlsx"
    renamed.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportFileError) as refused:
        read_table(renamed)
    wizard = open_wizard(qtbot, sqlite_database, dialogs, renamed)
    click_and_wait(qtbot, wizard, NEXT, "read")
    sheet = wizard.sheet_page
    assert wizard.currentPage() is sheet
    assert sheet.problem.text() == str(refused.value)
    assert not sheet.isComplete() and not wizard.button(NEXT).isEnabled()
    assert sheet.retry_button.isVisible() and not sheet.table.isVisible()


def test_a_sheet_without_a_header_can_be_told_its_header_row(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "codes.csv", [["x1", "y1"], ["Ava", "Jansen"], ["Ben", "Botha"]])
    wizard = open_wizard(qtbot, sqlite_database, dialogs, path)
    click_and_wait(qtbot, wizard, NEXT, "read")
    sheet = wizard.sheet_page
    assert sheet.problem.text().startswith("No header row was found in codes.csv")
    assert not wizard.button(NEXT).isEnabled()
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS):
        sheet.header_spin.setValue(1)
    assert sheet.problem.text() == "" and wizard.button(NEXT).isEnabled()
    assert sheet.rows_model.headers == ["x1", "y1"]
    click(qtbot, wizard, NEXT)
    mapping = wizard.mapping_page
    assert "first name, last name" in mapping.missing.text()
    assert not wizard.button(NEXT).isEnabled()
    choose(mapping.combos["x1"], "first_name")
    choose(mapping.combos["y1"], "last_name")
    assert mapping.missing.text() == "" and wizard.button(NEXT).isEnabled()


def test_sheets_and_encodings_can_be_chosen(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    wizard = open_wizard(qtbot, sqlite_database, dialogs, CAREERS_FAIR)
    click_and_wait(qtbot, wizard, NEXT, "read")
    sheet = wizard.sheet_page
    combo = sheet.sheet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Sign-ups",
        "Staff notes (hidden)",
    ]
    assert combo.currentData() == "Sign-ups"  # the hidden sheet is never the default
    assert "Hidden sheet not imported: Staff notes." in sheet.notes.text()
    assert sheet.encoding_combo.isHidden()
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS):
        choose(combo, "Staff notes")
    assert wizard.session.source.sheet == "Staff notes"
    assert "No header row" in sheet.problem.text() and not wizard.button(NEXT).isEnabled()
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS):
        choose(combo, "Sign-ups")
    assert wizard.button(NEXT).isEnabled()


def test_an_encoding_forced_on_a_file_shows_what_it_does(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "fr.csv",
        [["Prénom", "Nom"], ["Zoë", "Müller"]],
        encoding="cp1252",
        delimiter=";",
    )
    wizard = open_wizard(qtbot, sqlite_database, dialogs, path)
    click_and_wait(qtbot, wizard, NEXT, "read")
    sheet = wizard.sheet_page
    assert sheet.encoding_combo.currentText() == "Windows-1252 (detected)"
    assert sheet.separator_combo.currentText() == "Semicolon (detected)"
    assert sheet.rows_model.rows[0] == ["Zoë", "Müller"]
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS):
        choose(sheet.encoding_combo, "utf-8")
    assert "cannot be read as UTF-8" in sheet.problem.text()
    assert not wizard.button(NEXT).isEnabled()
    assert sheet.encoding_combo.isVisible()  # so the choice can be undone
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS):
        choose(sheet.encoding_combo, "cp1252")
    assert sheet.problem.text() == "" and wizard.button(NEXT).isEnabled()


def test_a_mapping_change_changes_the_preview(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    wizard = open_wizard(qtbot, sqlite_database, dialogs, GOOGLE_FORMS)
    to_preview(qtbot, wizard, region="ZA")
    before = counts(wizard)
    assert (before["new"], before["repeated"]) == (8, 1)  # row 10 repeats row 2's email

    while wizard.currentPage() is not wizard.mapping_page:
        wizard.back()
    mapping = wizard.mapping_page
    choose(mapping.combos["Email Address"], None)  # leave the email out
    next_page(qtbot, wizard)
    after = counts(wizard)
    # Without emails nothing matches: row 10 (row 2 sent again) is one more new student.
    assert (after["new"], after["repeated"], after["duplicates"]) == (9, 0, 0)
    assert wizard.preview_page.plan.row(10).status == "new"


def test_near_duplicates_are_flagged_for_a_look(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    create_record(
        sqlite_database,
        Student,
        {"first_name": "Ava", "last_name": "Jansen", "email": "ava@example.org",
         "date_of_birth": date(2010, 3, 14)},
    )  # fmt: skip
    path = write_csv(
        tmp_path / "fair.csv",
        [
            ["First name", "Last name", "Email", "Date of birth"],
            ["Ava", "Jansen", "ava.jansen@school.example.org", "2010-03-14"],
            ["Ben", "Botha", "ben@example.org", "2010-05-01"],
        ],
    )
    wizard = open_wizard(qtbot, sqlite_database, dialogs, path)
    to_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert counts(wizard)["new"] == 2 and counts(wizard)["look"] == 1
    preview.filter_buttons["look"].click()
    assert preview.model.rowCount() == 1
    assert preview.model.data(preview.model.index(0, 4)) == "looks like another record: check"
    assert "check this is not the same student" in preview.model.data(preview.model.index(0, 6))


def test_duplicates_are_shown_side_by_side_and_chosen_per_row_or_for_all(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    for first, email, school, grade in (
        ("Ava", "ava@example.org", "Old School", None),
        ("Ben", "ben@example.org", None, 9),
    ):
        create_record(
            sqlite_database,
            Student,
            {"first_name": first, "last_name": "Jansen", "email": email, "school": school,
             "grade": grade},
        )  # fmt: skip
    path = write_csv(
        tmp_path / "again.csv",
        [
            ["First name", "Last name", "Email", "School", "Grade"],
            ["Ava", "Jansen", "AVA@example.org", "New School", "10"],
            ["Ben", "Jansen", "ben@example.org", "Hill School", "10"],
        ],
    )
    wizard = open_wizard(qtbot, sqlite_database, dialogs, path)
    to_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert counts(wizard)["skipped"] == 2  # never updated silently
    preview.table.selectRow(0)
    details = preview.details
    assert details.title.text() == "Row 2 · Ava Jansen — Skipped"
    assert "Student already in ixdesk, differs in school, grade" in details.match.text()
    compare = details.compare
    lines = {compare.item(r, 0).text(): (compare.item(r, 1).text(), compare.item(r, 2).text())
             for r in range(compare.rowCount())}  # fmt: skip
    assert lines["School"] == ("Old School", "New School")
    assert lines["Grade"] == ("", "10")
    bold = {compare.item(r, 0).text(): compare.item(r, 1).font().bold()
            for r in range(compare.rowCount())}  # fmt: skip
    assert bold["School"] and bold["Grade"] and not bold["Email"]  # what differs stands out
    assert compare.horizontalHeaderItem(1).text() == "In ixdesk"

    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS):
        details.choice_buttons["update"].click()
    assert preview.plan.row(2).status == "updated" and preview.plan.row(3).status == "skipped"
    assert preview.model.data(preview.model.index(0, 5)) == "Update all fields"
    assert preview.model.data(preview.model.index(1, 5)) == "Skip (for all)"
    assert counts(wizard)["updated"] == 1
    assert preview.table.currentIndex().row() == 0  # the row stays selected

    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS):
        choose(preview.all_combo, "fill")  # per-row choices give way to the choice for all
    assert preview.plan.row(2).choice is None
    assert counts(wizard)["updated"] == 2  # Ava's grade and Ben's school were empty
    assert wizard.button(NEXT).isEnabled()
    click(qtbot, wizard, NEXT)
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS):
        click(qtbot, wizard, FINISH)
    assert rows_of(sqlite_database, Student, "first_name", "school", "grade") == [
        ("Ava", "Old School", 10),  # filled: the grade only
        ("Ben", "Hill School", 9),
    ]


def test_choices_on_a_big_plan_run_in_the_background(
    qtbot: QtBot,
    sqlite_database: Database,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [["Ava", "Jansen", "ava@example.org"], ["Ava", "Jansen", "ava@example.org", "x"]]
    path = write_csv(tmp_path / "twice.csv", [["First name", "Last name", "Email"], *rows])
    monkeypatch.setattr(preview_page, "CHOOSE_IN_BACKGROUND", 0)
    wizard = open_wizard(qtbot, sqlite_database, dialogs, path)
    to_preview(qtbot, wizard)
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS, check_params_cb="choose".__eq__):
        choose(wizard.preview_page.all_combo, "update")
    assert wizard.session.plan is not None and wizard.session.plan.on_duplicate == "update"
    assert wizard.preview_page.all_combo.currentData() == "update"


def test_invalid_rows_are_saved_to_fix_later(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, sqlite_database, dialogs, CAREERS_FAIR)
    to_preview(qtbot, wizard, region="ZA")
    preview = wizard.preview_page
    preview.filter_buttons["invalid"].click()
    assert preview.model.rowCount() == 1
    assert "“2011-13-01” is not a real date" in preview.model.data(preview.model.index(0, 6))
    target = tmp_path / "to-fix"
    dialogs.save_file_answer = str(target)
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS, check_params_cb="save".__eq__):
        qtbot.mouseClick(preview.save_invalid, Qt.MouseButton.LeftButton)
    saved = target.with_suffix(".xlsx")
    sheet = openpyxl.load_workbook(saved).active
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["ixdesk problems", "Original row"]
    assert "there is no month 13" in sheet.cell(2, len(header) - 1).value
    assert dialogs.kinds()[-2:] == ["save_file", "offer_file"]
    # A name ending in .csv gets a UTF-8 CSV, written by the same safe writer.
    dialogs.save_file_answer = str(tmp_path / "to-fix.csv")
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS, check_params_cb="save".__eq__):
        qtbot.mouseClick(preview.save_invalid, Qt.MouseButton.LeftButton)
    text = (tmp_path / "to-fix.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].endswith(",ixdesk problems,Original row")
    assert "there is no month 13" in text
    assert live(sqlite_database, Student) == 0


def test_cancel_during_the_import_rolls_back_and_keeps_the_wizard_open(
    qtbot: QtBot,
    sqlite_database: Database,
    dialogs: ScriptedDialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def slow_commit(
        *args: Any, progress: Callable[[int, int], None], cancelled: Callable[[], bool], **kw: Any
    ) -> Any:
        """The real import, holding once rows are written (not committed) until Cancel."""

        def wait_for_cancel(done: int, total: int) -> None:
            progress(done, total)
            deadline = time.monotonic() + WAIT_MS / 1000
            while done and not cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)

        return commit_import(*args, progress=wait_for_cancel, cancelled=cancelled, **kw)

    wizard = open_wizard(qtbot, sqlite_database, dialogs, CAREERS_FAIR)
    to_preview(qtbot, wizard, region="ZA")
    wizard.preview_page.skip_invalid.click()
    click(qtbot, wizard, NEXT)
    monkeypatch.setattr(import_page, "commit_import", slow_commit)
    click(qtbot, wizard, FINISH)
    task = wizard.task
    assert task is not None and task.dialog is not None
    qtbot.waitUntil(lambda: task.last_report[0] > 0, timeout=WAIT_MS)  # the first rows are in
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS):
        qtbot.mouseClick(task.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    outcome = wizard.import_page.outcome.text()
    assert "The import was cancelled. Nothing was imported" in outcome
    assert wizard.isVisible() and wizard.currentPage() is wizard.import_page
    assert live(sqlite_database, Student) == 0

    monkeypatch.undo()
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS):
        click(qtbot, wizard, FINISH)  # the same preview imports once asked again
    assert live(sqlite_database, Student) == 3


def test_a_saved_mapping_is_loaded_and_sets_what_to_import(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "staff.csv", [["Given", "Family", "Work mail"], ["Ravi", "Naidoo",
                     "ravi@example.org"]])  # fmt: skip
    wizard = open_wizard(qtbot, sqlite_database, dialogs, path, kind="instructors")
    to_mapping(qtbot, wizard)
    mapping = wizard.mapping_page
    for header, field_name in (("Given", "first_name"), ("Family", "last_name"),
                               ("Work mail", "email")):  # fmt: skip
        choose(mapping.combos[header], field_name)
    dialogs.save_file_answer = str(tmp_path / "staff-mapping.json")
    mapping.save_button.click()
    assert mapping.saved_note.text() == "Mapping saved to staff-mapping.json."
    wizard.close()

    again = open_wizard(qtbot, sqlite_database, dialogs, path)  # kind: students by default
    dialogs.open_file_answer = str(tmp_path / "staff-mapping.json")
    again.file_page.load_button.click()
    assert again.file_page.kind == "instructors"
    assert not again.file_page.cohort_combo.isEnabled()  # only students are enrolled
    to_preview(qtbot, again)
    assert counts(again)["new"] == 1


def test_the_row_table_is_a_model_that_stays_fast(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    rows = [[f"Ava{n}", "Jansen", f"ava{n}@example.org", "", "", "10", ""] for n in range(3000)]
    path = write_csv(tmp_path / "many.csv", [STUDENT_HEADER, *rows])
    wizard = open_wizard(qtbot, sqlite_database, dialogs, path)
    to_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.model.rowCount() == 3000
    preview.search.setText("ava2999")
    assert preview.model.rowCount() == 1
    assert preview.model.data(preview.model.index(0, 2)) == "Ava2999 Jansen"
    preview.search.clear()
    preview.filter_buttons["invalid"].click()
    assert preview.model.rowCount() == 0
