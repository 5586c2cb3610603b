"""The Tracks view: merge with undo and redo, retire, rename, the usual tracks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.tracks_view import TracksView
from ixdesk.gui.workbench import Workbench
from ixdesk.services import tracks as svc
from ixdesk.services.operations import OperationContext, run_operation
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import open_view


def _links(database: Database) -> list[tuple[str, str, Any, bool]]:
    """Every row pointing at a track (and every track), as the database holds them."""
    with database.read() as session:
        found = [
            (model.__tablename__, row.id, getattr(row, column.key), row.deleted_at is None)
            for model, column in svc.REFERENCES
            for row in session.scalars(select(model))
        ]
        found += [
            ("tracks", row.id, row.name, row.deleted_at is None)
            for row in session.scalars(select(m.Track))
        ]
        return sorted(found)


def _spellings(database: Database) -> dict[str, str]:
    """Data analytics as three imports spelt it, each used somewhere."""

    def work(context: OperationContext) -> dict[str, str]:
        session = context.session
        ids = {}
        for name in ("Data analytics", "data", "DA"):
            track = m.Track(name=name)
            session.add(track)
            session.flush()
            ids[name] = track.id
        ana = m.Instructor(first_name="Ana", last_name="Both", email="ana@example.org")
        session.add(ana)
        session.flush()
        session.add_all(
            [
                m.Student(first_name="Zoë", last_name="Ørsted", track_interest_id=ids["data"]),
                m.Student(first_name="Bo", last_name="Berg", track_interest_id=ids["DA"]),
                m.Cohort(name="Spring", track_id=ids["data"]),
                m.InstructorExpertise(instructor_id=ana.id, track_id=ids["Data analytics"]),
                m.InstructorExpertise(instructor_id=ana.id, track_id=ids["data"]),
            ]
        )
        return ids

    return run_operation(database, work)


def _view(qtbot: QtBot, workbench: Workbench) -> TracksView:
    view = TracksView(workbench)
    qtbot.addWidget(view)
    view.show()
    return view


def test_a_merge_is_undone_and_redone_exactly_through_the_runner(
    qtbot: QtBot, workbench: Workbench, dialogs: ScriptedDialogs
) -> None:
    database = workbench.database
    ids = _spellings(database)
    view = _view(qtbot, workbench)
    assert [row.name for row in view.rows] == ["DA", "data", "Data analytics"]
    before = _links(database)
    view.select(ids["data"])
    dialogs.choose_answer = ids["Data analytics"]
    view.merge()
    kind, title, text = dialogs.asked[-1]
    assert (kind, title) == ("choose", "Merge tracks")
    assert "1 student's interest, 1 instructor's expertise and 1 cohort move" in text
    assert [label for label, _id in dialogs.offered] == ["DA", "Data analytics"]
    merged = _links(database)
    assert [row.name for row in view.rows] == ["DA", "Data analytics"]
    kept = next(row for row in view.rows if row.name == "Data analytics")
    assert (kept.students, kept.instructors, kept.cohorts) == (1, 1, 1)
    assert view.selected() == ids["Data analytics"]

    stack = workbench.undo_stack
    assert stack is not None and stack.undoText() == "Merge track “data” into “Data analytics”"
    stack.undo()
    assert _links(database) == before
    assert [row.name for row in view.rows] == ["DA", "data", "Data analytics"]
    stack.redo()
    after_redo = _links(database)
    assert [entry[:3] for entry in after_redo] == [entry[:3] for entry in merged]
    assert after_redo == merged
    stack.undo()
    assert _links(database) == before
    assert not any(kind == "error" for kind in dialogs.kinds())


def test_retiring_hides_a_track_from_the_editors_but_its_records_keep_it(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    database = window.database
    ids = _spellings(database)
    view = _view(qtbot, window.workbench)
    view.select(ids["DA"])
    assert view.retire_button.text() == "Re&tire"
    view.toggle_retired()
    assert view.selected_row() is not None and view.selected_row().retired  # type: ignore[union-attr]
    assert view.retire_button.text() == "Bring &back"

    students = open_view(window, "students")
    combo = students.editor.fields["track_interest_id"]
    assert isinstance(combo, QComboBox)
    with database.read() as session:
        bo = session.scalars(select(m.Student).where(m.Student.first_name == "Bo")).one()
        zoe = session.scalars(select(m.Student).where(m.Student.first_name == "Zoë")).one()
    students.select_record(zoe.id)
    offered = [combo.itemText(row) for row in range(combo.count())]
    assert "DA" not in offered and "DA (retired)" not in offered and "data" in offered
    students.select_record(bo.id)
    assert combo.currentText() == "DA (retired)"  # shown, and kept when Bo is saved
    students.editor.fields["school"].setText("Grey College")  # type: ignore[attr-defined]
    students.editor.save()
    with database.read() as session:
        assert session.get(m.Student, bo.id).track_interest_id == ids["DA"]  # type: ignore[union-attr]

    expertise = open_view(window, "instructors").editor.fields["expertise"]
    assert isinstance(expertise, QListWidget)
    assert "DA" not in [expertise.item(row).text() for row in range(expertise.count())]

    stack = window.workbench.undo_stack
    assert stack is not None
    while stack.undoText() != "Retire track “DA”":
        stack.undo()
    stack.undo()
    students.editor.fill_choices()
    assert "DA" in [combo.itemText(row) for row in range(combo.count())]


def test_new_rename_and_the_usual_tracks_on_an_empty_database(
    qtbot: QtBot, workbench: Workbench, dialogs: ScriptedDialogs
) -> None:
    view = _view(qtbot, workbench)
    assert view.rows == []
    assert view.empty.isVisible() and view.usual_button.isVisible()
    qtbot.mouseClick(view.usual_button, Qt.MouseButton.LeftButton)
    names = [row.name for row in view.rows]
    assert names == sorted(name for name, _ in svc.usual_tracks())
    assert not view.empty.isVisible() and not view.usual_button.isVisible()
    stack = workbench.undo_stack
    assert stack is not None and stack.undoText() == "Add the usual tracks"
    stack.undo()
    assert view.rows == [] and view.usual_button.isVisible()
    stack.redo()

    dialogs.text_answer = "  Game   design "
    view.new()
    assert view.selected_row() is not None
    assert view.selected_row().name == "Game design"  # type: ignore[union-attr]
    dialogs.text_answer = "Game & level design"
    view.rename()
    assert dialogs.text_offered[-1] == "Game design"  # the question starts from the name
    assert "Game & level design" in [row.name for row in view.rows]
    dialogs.text_answer = "finance"
    view.rename()  # the name of another track: refused in words, nothing changed
    assert dialogs.asked[-1][:2] == ("error", "The track was not renamed")
    assert "already a track named “Finance”" in dialogs.asked[-1][2]
    assert stack.undoText() == "Rename track “Game design” to “Game & level design”"
