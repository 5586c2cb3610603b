"""The Settings dialog: organisation settings saved with undo and used by the window's
fields and the import; the colours a preference of this computer; the import wizard's
memory of its folder, cohort and country."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ixdesk.gui import theme
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.settings import app_settings
from ixdesk.gui.settings_dialog import TRACKS, SettingsDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services import settings as st
from ixdesk.services import validation
from tests.gui.conftest import ScriptedDialogs
from tests.gui.import_steps import choose
from tests.test_settings import PNG


def _dialog(qtbot: QtBot, workbench: Workbench, tab: int = 0) -> SettingsDialog:
    dialog = SettingsDialog(workbench, None, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_file_settings_opens_the_dialog_and_view_tracks_its_tracks_tab(
    window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    action = window.settings.settings_action
    assert action in window.ui.menuFile.actions()
    assert action.shortcut() == QKeySequence("Ctrl+,")
    action.trigger()
    assert dialogs.reviewed[-1].windowTitle() == "Settings"
    assert dialogs.reviewed[-1].tabs.currentIndex() == 0
    window.settings.tracks_action.trigger()
    assert dialogs.reviewed[-1].tabs.currentIndex() == TRACKS
    assert window.settings.tracks_action in window.ui.menuView.actions()


def test_the_country_is_saved_with_undo_and_phone_fields_read_numbers_by_it(
    qtbot: QtBot, workbench: Workbench, dialogs: ScriptedDialogs
) -> None:
    dialog = _dialog(qtbot, workbench)
    assert validation.phone_problem("021 555 0101") is not None  # GB, from the environment
    assert dialog.country_combo.itemText(0).startswith("As this computer says: ")
    choose(dialog.country_combo, "ZA")
    assert st.load_settings(workbench.database).country == "ZA"
    assert workbench.organisation.country == "ZA"
    assert validation.phone_problem("021 555 0101") is None  # an editor's phone field
    stack = workbench.undo_stack
    assert stack is not None and stack.undoText() == "Change country of phone numbers"
    stack.undo()
    assert st.load_settings(workbench.database).country is None
    assert dialog.country_combo.currentIndex() == 0  # the dialog shows it undone
    assert validation.phone_problem("021 555 0101") is not None
    stack.redo()
    assert dialog.country_combo.currentData() == "ZA"


def test_name_paper_order_size_and_logo(
    qtbot: QtBot, workbench: Workbench, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, workbench)
    dialog.name_edit.setText("  Harbour   Youth ")
    dialog.name_edit.editingFinished.emit()
    choose(dialog.paper_combo, "letter")
    choose(dialog.order_combo, "month-first")
    dialog.size_spin.setValue(6)
    dialog.size_spin.editingFinished.emit()
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    dialogs.open_file_answer = str(logo)
    dialog.logo_button.click()
    saved = st.load_settings(workbench.database)
    assert saved == st.OrganisationSettings("Harbour Youth", None, "letter", "month-first", PNG, 6)
    assert validation.default_day_first() is False  # the editors' date fields read it
    assert dialog.logo_remove.isEnabled()
    dialogs.open_file_answer = str(tmp_path / "missing.png")
    dialog.logo_button.click()
    assert dialogs.asked[-1][:2] == ("error", "This image cannot be the logo")
    dialog.logo_remove.click()
    assert st.load_settings(workbench.database).logo is None
    dialog.size_spin.setValue(dialog.size_spin.minimum())
    dialog.size_spin.editingFinished.emit()
    assert st.load_settings(workbench.database).default_group_size is None
    assert dialog.size_spin.text() == "Not set (5 students)"


def test_the_colours_are_a_preference_of_this_computer(qtbot: QtBot, workbench: Workbench) -> None:
    dialog = _dialog(qtbot, workbench, 2)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        dialog.theme_buttons["dark"].click()
        assert app_settings().value(theme.THEME_KEY) == "dark"
        assert theme.is_dark(app.palette())
        assert app.palette().color(QPalette.ColorRole.Text).lightness() > 200  # readable
        dialog.theme_buttons["light"].click()
        assert not theme.is_dark(app.palette())
        dialog.theme_buttons["system"].click()
        assert app_settings().value(theme.THEME_KEY) == "system"
        assert not theme.is_dark(app.palette())  # this platform says no scheme: light
        assert st.load_settings(workbench.database) == st.OrganisationSettings()
    finally:
        theme.apply_theme(theme.SYSTEM)
