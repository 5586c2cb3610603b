"""The instructors view: what differs from the other views (fields, rules, expertise)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.main_window import MainWindow
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import (
    assert_refused_at,
    create_with_editor,
    fill,
    open_view,
    shortcut,
    stored,
    type_into,
)
from tests.gui.world import World


def _expertise(database: Database, instructor_id: str) -> set[str]:
    with database.read() as session:
        return set(
            session.scalars(
                select(m.Track.name)
                .join(m.InstructorExpertise, m.InstructorExpertise.track_id == m.Track.id)
                .where(
                    m.InstructorExpertise.instructor_id == instructor_id,
                    m.InstructorExpertise.deleted_at.is_(None),
                )
            )
        )


def test_create_an_instructor_with_expertise_and_a_safeguarding_check(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = create_with_editor(
        qtbot,
        window,
        "instructors",
        {
            "first_name": "Ravi",
            "last_name": "Shankar",
            "email": "Ravi@Example.ORG",
            "phone": "020 7946 0958",
            "employer": "Lumen Mobility",
            "job_title": "Data lead",
            "status": "Active",
            "safeguarding_status": "Cleared",
            "safeguarding_expires_on": date(2028, 5, 31),
            "expertise": ["Data analytics"],
        },
    )
    new_id = view.editor.loaded.id
    assert new_id is not None
    saved = stored(sqlite_database, m.Instructor, new_id)
    assert (saved.first_name, saved.employer, saved.status) == ("Ravi", "Lumen Mobility", "active")
    assert saved.phone == "+442079460958"  # normalised
    assert saved.email == "Ravi@example.org"  # the domain is not case-sensitive
    assert saved.safeguarding_expires_on == date(2028, 5, 31)
    assert _expertise(sqlite_database, new_id) == {"Data analytics"}
    assert view.editor.title.text() == "Ravi Shankar"
    assert view.count_label.text() == "3 instructors"


def test_email_is_needed_must_be_valid_and_not_used_by_another_instructor(
    qtbot: QtBot, world: World, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    view = open_view(window, "instructors")
    shortcut(qtbot, window, Qt.Key.Key_N)
    fill(qtbot, view, {"first_name": "Ada", "last_name": "Byron"})
    assert_refused_at(view, "email", "Email is needed.")
    type_into(qtbot, view, "email", "ada@")
    assert_refused_at(view, "email", "not a valid email address")
    type_into(qtbot, view, "phone", "020 7946")
    assert_refused_at(view, "phone", "not a valid phone number")
    type_into(qtbot, view, "phone", "")
    type_into(qtbot, view, "email", "ZOE@example.org")
    assert_refused_at(view, "email", "Already used by")
    error: QLabel = view.editor.error_labels["email"]
    assert "Zoë Ørsted" in error.text()
    error.linkActivated.emit(f"open:instructors:{world.instructor}")
    assert dialogs.kinds()[-1] == "leave"  # the unsaved new instructor is not dropped silently
    assert view.editor.loaded.id == world.instructor  # the link opens her (answer: discard)
    type_into(qtbot, view, "email", "zoe.orsted@example.org")
    assert view.editor.save_button.isEnabled()


def test_changing_only_the_expertise_is_an_edit_that_can_be_undone(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = open_view(window, "instructors")
    assert view.select_record(world.instructor)
    expertise = view.editor.fields["expertise"]
    assert isinstance(expertise, QListWidget)
    assert not view.editor.is_dirty()
    fill(qtbot, view, {"expertise": ["Data analytics"]})
    assert view.editor.is_dirty() and view.editor.save_button.isEnabled()
    version = view.editor.loaded.version
    assert view.save()
    assert _expertise(sqlite_database, world.instructor) == {"Data analytics"}
    assert stored(sqlite_database, m.Instructor, world.instructor).version == (version or 0) + 1
    window.undo_action.trigger()
    assert _expertise(sqlite_database, world.instructor) == set()
    assert expertise.item(0).checkState() == Qt.CheckState.Unchecked
