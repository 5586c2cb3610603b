"""The partner companies view: names, contacts through their dialog, linked records."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.contact_dialog import ContactDialog
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.record_view import RecordView
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import (
    assert_refused_at,
    create_with_editor,
    in_modal_dialog,
    linked_labels,
    open_view,
    press_enter_on_link,
    shortcut,
    stored,
    type_into,
)
from tests.gui.world import World, live_ids


def _type(qtbot: QtBot, dialog: QDialog, field: str, text: str) -> None:
    widget = dialog.findChild(QLineEdit, field)
    assert widget is not None
    widget.selectAll()
    qtbot.keyClicks(widget, text)  # replaces the selected text, as typing does


def _save_button(dialog: QDialog) -> QDialogButtonBox:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Save)


def _company(window: MainWindow, world: World) -> RecordView:
    view = open_view(window, "companies")
    assert view.select_record(world.company)
    return view


def test_create_a_company_whose_name_must_be_new(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = create_with_editor(
        qtbot,
        window,
        "companies",
        {"name": "Żagiel Logistics", "sector": "Logistics", "city": "Gdańsk", "status": "Active"},
    )
    saved = stored(sqlite_database, m.PartnerCompany, view.editor.loaded.id or "")
    assert (saved.name, saved.city, saved.status) == ("Żagiel Logistics", "Gdańsk", "active")
    assert view.editor.linked_title.text() == "No linked records yet"
    shortcut(qtbot, window, Qt.Key.Key_N)
    assert_refused_at(view, "name", "Name is needed.")
    type_into(qtbot, view, "name", "brücke logistik")
    assert_refused_at(view, "name", "Another partner company is already called")
    assert "Brücke Logistik" in view.editor.error_labels["name"].text()


def test_a_company_shows_its_contacts_and_business_problems(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = _company(window, world)
    assert linked_labels(view) == ["Selam Cohen", "Café footfall forecast", "Stock alert bot"]
    assert view.editor.linked_title.text() == "Linked records (3)"
    contact = view.editor.linked.topLevelItem(0).child(0)
    assert contact.text(1) == "CTO · selam@bruecke.de"


def test_add_a_contact_through_the_contact_dialog(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = _company(window, world)

    def add(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactDialog)
        assert dialog.windowTitle() == "New contact"
        assert dialog.error_labels["name"].text() == ""  # nothing typed yet: no error
        qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # a name is needed, and now it says so
        assert dialog.error_labels["name"].text() == "Name is needed."
        assert not _save_button(dialog).isEnabled()
        _type(qtbot, dialog, "name", "Jonas Weiß")
        _type(qtbot, dialog, "email", "jonas@")
        error = dialog.error_labels["email"]
        qtbot.keyClick(dialog.fields["email"], Qt.Key.Key_Tab)  # on to the next field
        assert error.isVisibleTo(dialog) and "not a valid email address" in error.text()
        assert not _save_button(dialog).isEnabled()
        _type(qtbot, dialog, "email", "SELAM@bruecke.de")
        assert "Already used by Selam Cohen (Brücke Logistik)" in error.text()
        _type(qtbot, dialog, "email", "jonas@bruecke.de")
        _type(qtbot, dialog, "phone", "0221 1234567")
        assert error.text() == ""
        assert "not a valid phone number" in dialog.error_labels["phone"].text()
        _type(qtbot, dialog, "phone", "+49 221 1234567")
        assert _save_button(dialog).isEnabled()
        qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)

    in_modal_dialog(qtbot, view.editor.add_contact_button.click, add)
    assert "Jonas Weiß" in linked_labels(view)
    with sqlite_database.read() as session:
        jonas = session.query(m.Contact).filter_by(name="Jonas Weiß").one()
    assert (jonas.company_id, jonas.phone) == (world.company, "+492211234567")


def test_enter_on_a_contact_opens_it_for_editing(
    qtbot: QtBot, world: World, window: MainWindow, sqlite_database: Database
) -> None:
    view = _company(window, world)

    def edit(dialog: QDialog) -> None:
        assert dialog.windowTitle() == "Edit contact"
        name = dialog.findChild(QLineEdit, "name")
        assert name is not None and name.text() == "Selam Cohen"
        _type(qtbot, dialog, "role", "Chief data officer")
        qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)

    in_modal_dialog(qtbot, lambda: press_enter_on_link(qtbot, view, "Selam Cohen"), edit)
    assert stored(sqlite_database, m.Contact, world.contact).role == "Chief data officer"
    assert view.editor.linked.topLevelItem(0).child(0).text(1).startswith("Chief data officer")


def test_delete_a_contact_from_its_dialog(
    qtbot: QtBot,
    world: World,
    window: MainWindow,
    sqlite_database: Database,
    dialogs: ScriptedDialogs,
) -> None:
    view = _company(window, world)

    def delete(dialog: QDialog) -> None:
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        (button,) = [b for b in box.buttons() if b.text() == "Delete contact"]
        button.click()

    in_modal_dialog(qtbot, lambda: press_enter_on_link(qtbot, view, "Selam Cohen"), delete)
    assert dialogs.asked[-1][0] == "confirm"
    assert world.contact not in live_ids(sqlite_database, m.Contact)
    assert "Selam Cohen" not in linked_labels(view)


def test_a_contact_needs_a_saved_company(
    qtbot: QtBot, world: World, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    view = open_view(window, "companies")
    view.new_record()
    view.editor.add_contact_button.click()
    assert dialogs.asked[-1][:2] == ("info", "Save the company first")
