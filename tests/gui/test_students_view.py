"""The students view driven like a coordinator would: keyboard, clicks, clipboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db.models import Cohort, Enrolment, Student
from ixdesk.gui.main_window import MainWindow
from ixdesk.services.operations import create_record, update_record
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import leave_field, open_view, shown_column, type_into


def _students(database: Database) -> list[Student]:
    with database.read() as session:
        return list(session.scalars(select(Student).where(Student.deleted_at.is_(None))))


def _add(database: Database, first: str, last: str, email: str, **more: object) -> Student:
    return create_record(
        database, Student, {"first_name": first, "last_name": last, "email": email, **more}
    )


def test_create_a_student_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    view = open_view(window, "students")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.title.text() == "New student"
    assert not view.editor.save_button.isEnabled()  # first and last name are needed
    type_into(qtbot, view, "first_name", "Zoë")
    type_into(qtbot, view, "last_name", "Martin")
    type_into(qtbot, view, "email", "zoe.martin@example.org")
    type_into(qtbot, view, "phone", "020 7946 0958")
    assert view.editor.save_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (student,) = _students(sqlite_database)
    assert (student.first_name, student.last_name) == ("Zoë", "Martin")
    assert student.phone == "+442079460958"  # normalised
    assert view.model.rowCount() == 1
    assert view.editor.title.text() == "Zoë Martin"
    assert view.count_label.text() == "1 student"


def test_validation_errors_are_shown_at_the_field_and_block_saving(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    view = open_view(window, "students")
    view.new_record()
    type_into(qtbot, view, "first_name", "Ana")
    type_into(qtbot, view, "last_name", "Silva")
    type_into(qtbot, view, "email", "ana@")
    error = view.editor.error_labels["email"]
    assert error.text() == ""  # not while the person is still typing
    leave_field(qtbot, view, "email")
    assert error.isVisibleTo(view) and "not a valid email address" in error.text()
    assert not view.editor.save_button.isEnabled()
    type_into(qtbot, view, "email", "ana@example.org")
    assert error.text() == ""
    assert view.editor.save_button.isEnabled()
    view.editor.fields["grade"].setValue(13)  # type: ignore[attr-defined]
    assert view.editor.save() is False  # which shows every problem
    assert "outside 1–12" in view.editor.error_labels["grade"].text()
    assert not view.editor.save_button.isEnabled()
    assert _students(sqlite_database) == []


def test_an_email_already_used_links_to_the_other_student(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    existing = _add(sqlite_database, "Chloé", "Dubois", "chloe@example.org")
    view = open_view(window, "students")
    view.new_record()
    type_into(qtbot, view, "first_name", "Other")
    type_into(qtbot, view, "last_name", "Person")
    type_into(qtbot, view, "email", "CHLOE@example.org")
    leave_field(qtbot, view, "email")
    error: QLabel = view.editor.error_labels["email"]
    assert "Already used by" in error.text() and "Chloé Dubois" in error.text()
    assert not view.editor.save_button.isEnabled()
    error.linkActivated.emit(f"open:students:{existing.id}")
    assert view.editor.loaded.id == existing.id


def test_search_ignores_case_and_accents(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    _add(sqlite_database, "Zoë", "Ørsted", "z@example.org", school="Lycée Hoche")
    _add(sqlite_database, "Łukasz", "Nowak", "l@example.org")
    _add(sqlite_database, "John", "Smith", "j@example.org")
    view = open_view(window, "students")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "zoe")
    assert shown_column(view, 1) == ["Zoë"]
    view.search.clear()
    qtbot.keyClicks(view.search, "ORSTED lycee")
    assert shown_column(view, 0) == ["Ørsted"]
    view.search.clear()
    qtbot.keyClicks(view.search, "lukasz")
    assert shown_column(view, 1) == ["Łukasz"]
    assert view.count_label.text() == "1 of 3 students"
    view.search.clear()
    assert view.model.rowCount() == 3


def test_punctuation_between_words_separates_them_in_the_search_box(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    _add(sqlite_database, "Hans", "Ørsted", "hans.orsted@example.org")
    _add(sqlite_database, "Jean-Luc", "O'Brien", "jl@example.org", school="St. Mary's")
    _add(sqlite_database, "Hans", "Smith", "hans.smith@example.org")
    view = open_view(window, "students")
    for typed, wanted in {
        "ørsted, hans": ["Ørsted"],
        "Ørsted,Hans": ["Ørsted"],
        "(orsted); hans.": ["Ørsted"],
        "hans / smith": ["Smith"],
        "o'brien, jean-luc": ["O'Brien"],
        "St. Mary's": ["O'Brien"],
        "hans.orsted@example.org": ["Ørsted"],  # an email is looked for whole
        "hans, nobody": [],
    }.items():
        view.search.clear()
        qtbot.keyClicks(view.search, typed)
        assert shown_column(view, 0) == wanted, typed


def test_sorting_by_any_column_both_ways(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    _add(
        sqlite_database, "Émile", "Zola", "e@example.org", grade=11, date_of_birth=date(2009, 5, 1)
    )
    _add(sqlite_database, "Ada", "abbott", "a@example.org", grade=9, date_of_birth=date(2010, 1, 2))
    _add(sqlite_database, "Bea", "Martin", "b@example.org")
    view = open_view(window, "students")
    header = view.table.horizontalHeader()
    assert shown_column(view, 0) == ["abbott", "Martin", "Zola"]  # case-insensitive
    grade = view.spec.column_index("grade")
    view.table.sortByColumn(grade, Qt.SortOrder.AscendingOrder)
    assert shown_column(view, grade) == ["9", "11", ""]  # empty cells last
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert shown_column(view, 1) == ["Émile", "Bea", "Ada"]
    assert header.sortIndicatorSection() == 1


def test_copy_selected_rows_as_tab_separated_text(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    _add(sqlite_database, "Ana", "Silva", "ana@example.org", notes="x")
    _add(sqlite_database, "Ben", 'Oh "Benny"', "ben@example.org")
    view = open_view(window, "students")
    view.table.selectAll()
    window.ui.actionCopy.trigger()
    text = QGuiApplication.clipboard().text()
    lines = text.split("\r\n")
    assert lines[0].split("\t")[:3] == ["Last name", "First name", "School"]
    assert lines[1].startswith('"Oh ""Benny"""\tBen\t')
    assert lines[2].split("\t")[:2] == ["Silva", "Ana"]
    assert len(lines) == 4 and lines[3] == ""


def test_edit_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    student = _add(sqlite_database, "Ana", "Silva", "ana@example.org", school="Old School")
    view = open_view(window, "students")
    view.select_record(student.id)
    type_into(qtbot, view, "school", "New School")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _students(sqlite_database)[0].school == "New School"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _students(sqlite_database)[0].school == "Old School"
    assert view.editor.fields["school"].text() == "Old School"  # type: ignore[attr-defined]
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _students(sqlite_database)[0].school == "New School"


def test_delete_says_what_depends_and_can_be_undone(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    student = _add(sqlite_database, "Ana", "Silva", "ana@example.org")
    cohort = create_record(sqlite_database, Cohort, {"name": "Spring data"})
    create_record(sqlite_database, Enrolment, {"student_id": student.id, "cohort_id": cohort.id})
    view = open_view(window, "students")
    view.select_record(student.id)
    view.table.selectRow(0)
    dialogs.confirm_answer = False
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    kind, _title, text = dialogs.asked[-1]
    assert kind == "confirm" and "1 enrolment will be deleted with it" in text
    assert len(_students(sqlite_database)) == 1  # refused: nothing deleted
    dialogs.confirm_answer = True
    window.ui.actionDelete.trigger()
    assert _students(sqlite_database) == []
    assert view.model.rowCount() == 0
    window.undo_action.trigger()
    assert len(_students(sqlite_database)) == 1
    assert view.model.rowCount() == 1


def test_saving_over_a_change_made_elsewhere_is_refused(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    student = _add(sqlite_database, "Ana", "Silva", "ana@example.org")
    view = open_view(window, "students")
    view.select_record(student.id)
    # Another coordinator (another copy of ixdesk) saves first, without telling this window.
    update_record(sqlite_database, Student, student.id, student.version, {"school": "Theirs"})
    type_into(qtbot, view, "school", "Mine")
    dialogs.reload_answer = True
    assert view.editor.save() is False
    kind, _title, text = dialogs.asked[-1]
    assert kind == "stale" and "changed by someone else" in text
    assert _students(sqlite_database)[0].school == "Theirs"
    assert view.editor.fields["school"].text() == "Theirs"  # type: ignore[attr-defined]


def test_leaving_unsaved_changes_asks_first(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    first = _add(sqlite_database, "Ana", "Silva", "ana@example.org")
    _add(sqlite_database, "Ben", "Young", "ben@example.org")
    view = open_view(window, "students")
    view.select_record(first.id)
    type_into(qtbot, view, "school", "Typed but not saved")
    dialogs.leave_answer = dialogs.leave_answer.Cancel
    view.table.selectRow(1)  # Young
    assert dialogs.kinds()[-1] == "leave"
    assert view.editor.loaded.id == first.id
    assert view.editor.fields["school"].text() == "Typed but not saved"  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.table.currentIndex().row() == 0)  # the selection goes back
    dialogs.leave_answer = dialogs.leave_answer.Save
    view.table.selectRow(1)
    assert view.editor.loaded.id != first.id
    saved = {s.first_name: s.school for s in _students(sqlite_database)}
    assert saved["Ana"] == "Typed but not saved"


def test_opening_views_and_records_never_counts_as_an_edit(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    from ixdesk.services.demo import generate_demo

    generate_demo(sqlite_database, students=60, seed=5)
    for kind, view in window.views.items():
        window.show_view(kind)
        assert not view.editor.is_dirty(), kind
        for row in range(min(view.model.rowCount(), 8)):
            view.table.selectRow(row)
            assert not view.editor.is_dirty(), (kind, row, view.editor.changed_fields())
    assert "leave" not in dialogs.kinds()


def test_a_new_company_is_offered_at_once_in_the_business_problem_editor(
    qtbot: QtBot, window: MainWindow
) -> None:
    companies = open_view(window, "companies")
    companies.new_record()
    type_into(qtbot, companies, "name", "Acme Analytics")
    assert companies.save()
    problems = open_view(window, "problems")
    combo = problems.editor.fields["company_id"]
    labels = [combo.itemText(i) for i in range(combo.count())]  # type: ignore[attr-defined]
    assert "Acme Analytics" in labels
    open_view(window, "companies")
    type_into(qtbot, companies, "name", "Acme Analytics Ltd")
    assert companies.save()
    open_view(window, "problems")
    labels = [combo.itemText(i) for i in range(combo.count())]  # type: ignore[attr-defined]
    assert "Acme Analytics Ltd" in labels  # refilled when its view is shown again
