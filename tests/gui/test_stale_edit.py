"""Saving over someone else's newer save: the question shows what each of them wrote, and
the person chooses theirs (reload) or their own (kept, over the newer version)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.models import Student
from ixdesk.gui.main_window import MainWindow
from ixdesk.services.operations import create_record, update_record
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import open_view, type_into


def _edited_while_someone_saved(
    qtbot: QtBot, window: MainWindow, database: Database
) -> tuple[object, Student]:
    student = create_record(database, Student, {"first_name": "Zoë", "last_name": "Martin"})
    view = open_view(window, "students")
    view.editor.load(student.id)
    type_into(qtbot, view, "first_name", "Chloe")
    # Someone else saves the same student meanwhile (another window, another laptop).
    update_record(database, Student, student.id, student.version,
                  {"first_name": "Clara", "school": "Hillside School"})  # fmt: skip
    return view, student


def test_the_question_shows_both_values_and_keeping_mine_saves_over_theirs(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    view, student = _edited_while_someone_saved(qtbot, window, sqlite_database)
    dialogs.reload_answer = False
    editor = view.editor  # type: ignore[attr-defined]
    assert editor.save() is False
    (question,) = [text for kind, _title, text in dialogs.asked if kind == "stale"]
    assert "First name: saved by them: Clara; yours: Chloe." in question
    assert "School" not in question  # only what both changed
    assert editor.fields["first_name"].text() == "Chloe"  # nothing typed is lost
    assert editor.fields["school"].text() == "Hillside School"  # their other change kept
    assert editor.is_dirty() and editor.save() is True
    with sqlite_database.read() as session:
        saved = session.get(Student, student.id)
        assert saved is not None
        assert (saved.first_name, saved.school) == ("Chloe", "Hillside School")


def test_reloading_takes_theirs(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, dialogs: ScriptedDialogs
) -> None:
    view, _ = _edited_while_someone_saved(qtbot, window, sqlite_database)
    dialogs.reload_answer = True
    editor = view.editor  # type: ignore[attr-defined]
    assert editor.save() is False
    assert editor.fields["first_name"].text() == "Clara" and not editor.is_dirty()
