"""Forms that don't fight back: problems show once a field was left or Save was tried,
nothing moves when they come and go, warnings that don't block, a placeholder when no
record is chosen, and names quoted in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui import theme
from ixdesk.gui.contact_dialog import ContactDialog
from ixdesk.gui.field_problems import ERROR_COLOURS
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.record_view import RecordView
from ixdesk.gui.workbench import Workbench
from ixdesk.services.operations import create_record
from tests.gui.helpers import activate, choose, leave_field, open_view, shown_error, type_into
from tests.gui.world import World


def _shown_errors(view: RecordView) -> dict[str, str]:
    return {name: shown_error(view, name) for name in view.editor.fields if shown_error(view, name)}


def test_a_new_form_shows_no_error_until_a_field_is_left_or_save_is_tried(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    view = open_view(window, "instructors")
    view.new_record()
    assert view.editor.problems  # names and email are needed…
    assert _shown_errors(view) == {}  # …but nothing was typed yet
    type_into(qtbot, view, "first_name", "Ada")
    assert _shown_errors(view) == {}  # still typing
    assert view.editor.save_button.isEnabled()
    assert view.editor.save() is False
    assert set(_shown_errors(view)) == {"last_name", "email"}
    assert not view.editor.save_button.isEnabled()
    with sqlite_database.read() as session:
        assert session.scalars(select(m.Instructor)).all() == []


def test_an_error_shows_once_its_field_is_left_and_goes_as_it_is_mended(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_view(window, "students")
    view.new_record()
    type_into(qtbot, view, "first_name", "")
    assert shown_error(view, "first_name") == ""
    leave_field(qtbot, view, "first_name")
    assert shown_error(view, "first_name") == "First name is needed."
    assert shown_error(view, "last_name") == ""  # never visited
    type_into(qtbot, view, "first_name", "A")
    assert shown_error(view, "first_name") == ""  # mended: gone at once


def _places(view: RecordView) -> dict[str, QRect]:
    editor = view.editor
    return {
        name: QRect(field.mapTo(editor, QPoint(0, 0)), field.size())
        for name, field in editor.fields.items()
    }


def _paste(view: RecordView, name: str, text: str) -> None:
    field = view.editor.fields[name]
    assert isinstance(field, QLineEdit)
    field.setText(text)
    field.textEdited.emit(text)


def _settled_places(qtbot: QtBot, view: RecordView) -> dict[str, QRect]:
    """The fields' places once the form's layout has settled (two looks in a row agree),
    so a busy machine's late layout pass is not taken for a field that moved."""
    looks: list[dict[str, QRect]] = []

    def settled() -> bool:
        looks.append(_places(view))
        return len(looks) > 1 and looks[-1] == looks[-2]

    qtbot.waitUntil(settled, timeout=5000)
    return looks[-1]


def test_no_field_moves_when_problems_and_warnings_come_and_go(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_view(window, "instructors")
    view.new_record()
    before = _settled_places(qtbot, view)
    view.editor.save()  # three "… is needed."
    choose(view, "safeguarding_status", "Cleared")  # and a warning
    qtbot.wait(10)
    shown = _shown_errors(view)
    assert set(shown) == {"first_name", "last_name", "email", "safeguarding_expires_on"}
    assert shown["safeguarding_expires_on"] == "A cleared check needs its expiry date."
    assert _settled_places(qtbot, view) == before
    for name, text in (("first_name", "Ada"), ("last_name", "Lovelace"), ("email", "a@b.org")):
        _paste(view, name, text)  # typed, "a" would be an invalid address on the way
    choose(view, "safeguarding_status", "Not started")
    qtbot.wait(10)
    assert _shown_errors(view) == {}
    assert _settled_places(qtbot, view) == before
    # A message too long for one line wraps; mending it then moves nothing either.
    type_into(qtbot, view, "email", "not an address at all, surely")
    leave_field(qtbot, view, "email")
    qtbot.wait(10)
    assert shown_error(view, "email")
    with_long_error = _settled_places(qtbot, view)
    type_into(qtbot, view, "email", "a@b.org")
    qtbot.wait(10)
    assert shown_error(view, "email") == ""
    assert _settled_places(qtbot, view) == with_long_error


def test_a_cleared_check_without_an_expiry_date_is_warned_about_at_the_field(
    qtbot: QtBot, window: MainWindow, world: World, sqlite_database: Database
) -> None:
    view = open_view(window, "instructors")
    view.select_record(world.instructor)
    choose(view, "safeguarding_status", "Cleared")
    expiry = view.editor.fields["safeguarding_expires_on"]
    assert isinstance(expiry, QLineEdit)
    type_into(qtbot, view, "safeguarding_expires_on", "")
    warning = view.editor.error_labels["safeguarding_expires_on"]
    assert warning.isVisible() and "expiry date" in warning.text()
    assert view.editor.save() is True  # a warning, not a refusal
    assert "expiry date" in warning.text()  # still said after saving
    type_into(qtbot, view, "safeguarding_expires_on", "2031-01-31")
    assert warning.text() == ""


def test_the_status_bar_quotes_the_name_saved(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    view = open_view(window, "problems")
    view.new_record()
    type_into(qtbot, view, "title", "Which customers are about to churn?")
    combo = view.editor.fields["company_id"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(1)
    assert view.save()
    message = window.statusBar().currentMessage()
    assert message == "Saved “Which customers are about to churn?”."
    undo = window.undo_action.text().replace("&", "")
    assert undo == "Undo Add business problem “Which customers are about to churn?”"


def _fields_shown(view: RecordView) -> list[QWidget]:
    return [field for field in view.editor.fields.values() if field.isVisible()]


def test_with_nothing_chosen_the_editor_says_what_to_do(
    qtbot: QtBot, window: MainWindow, world: World, dialogs: object
) -> None:
    view = open_view(window, "cohorts")
    editor = view.editor
    assert editor.showing_nothing() and editor.placeholder.isVisible()
    assert _fields_shown(view) == [] and not editor.save_button.isVisible()
    assert "Choose a cohort in the table" in editor.placeholder.findChild(type(editor.title)).text()
    qtbot.mouseClick(editor.placeholder_new, Qt.MouseButton.LeftButton)
    assert not editor.showing_nothing() and editor.title.text() == "New cohort"
    view.select_record(world.other_cohort)
    assert not editor.showing_nothing()
    view.table.selectRow(view.model.row_of(world.other_cohort) or 0)
    view.delete_selected()  # the scripted dialogs say yes
    assert editor.showing_nothing()


def test_the_contact_dialog_waits_for_the_person_and_wraps_its_errors(
    qtbot: QtBot, workbench: Workbench, sqlite_database: Database
) -> None:
    company = create_record(sqlite_database, m.PartnerCompany, {"name": "Acme"})
    dialog = ContactDialog(workbench, company.id, None)
    qtbot.addWidget(dialog)
    dialog.resize(360, dialog.height())  # a narrow dialog
    dialog.show()
    activate(qtbot, dialog)
    assert all(label.text() == "" for label in dialog.error_labels.values())
    phone = dialog.fields["phone"]
    assert isinstance(phone, QLineEdit)
    phone.setFocus()
    qtbot.keyClicks(phone, "12")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.wait(10)
    assert dialog.isVisible()  # refused
    label = dialog.error_labels["phone"]
    assert label.isVisible() and label.wordWrap()
    assert label.heightForWidth(label.width()) > label.fontMetrics().lineSpacing()  # wraps…
    assert label.height() >= label.heightForWidth(label.width())  # …and every line shows
    assert label.geometry().right() <= dialog.width()
    assert dialog.error_labels["name"].text() == "Name is needed."  # Save showed the rest


def test_a_problem_shown_changes_colour_with_the_colours_chosen_in_settings(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_view(window, "instructors")
    view.new_record()
    view.editor.save()  # "… is needed." under the names and the email
    line = view.editor.error_labels["email"]

    def colour() -> str:
        return line.palette().color(QPalette.ColorRole.WindowText).name()

    assert line.text() and colour() == ERROR_COLOURS[0]
    try:
        theme.apply_theme(theme.DARK)
        qtbot.waitUntil(lambda: colour() == ERROR_COLOURS[1])  # readable on dark
        theme.apply_theme(theme.LIGHT)
        qtbot.waitUntil(lambda: colour() == ERROR_COLOURS[0])
    finally:
        theme.apply_theme(theme.SYSTEM)
