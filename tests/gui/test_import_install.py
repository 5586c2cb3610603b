"""Ways into the import wizard from the main window: menu, toolbar, welcome page, drops."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ixdesk.db.models import Student
from ixdesk.gui.import_wizard import ImportLauncher
from ixdesk.gui.import_wizard.wizard import ImportWizard
from ixdesk.gui.main_window import MainWindow
from tests.gui.import_steps import FINISH, NEXT, WAIT_MS, click, to_preview
from tests.test_import_support import EXCEL_CP1252, live


def _launcher(window: MainWindow) -> ImportLauncher:
    launcher = window.findChild(ImportLauncher)
    assert isinstance(launcher, ImportLauncher)
    return launcher


def _drag(window: MainWindow, *paths: Path | str) -> tuple[bool, bool]:
    """Drag files over the window and drop them; whether each step was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl(p) if isinstance(p, str) else QUrl.fromLocalFile(str(p)) for p in paths])
    centre = window.rect().center()
    enter = QDragEnterEvent(
        centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        QPointF(QPoint(centre)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_file_import_sits_above_quit_with_ctrl_i_and_in_the_toolbar(window: MainWindow) -> None:
    action = _launcher(window).action
    actions = window.ui.menuFile.actions()
    quit_at = actions.index(window.ui.actionQuit)
    assert actions.index(action) < quit_at
    assert actions[quit_at - 1].isSeparator()
    assert action.text() == "&Import…" and action.shortcut() == QKeySequence("Ctrl+I")
    assert action in window.ui.toolBar.actions()
    assert not action.icon().isNull()


def test_the_menu_action_opens_one_wizard(qtbot: QtBot, window: MainWindow) -> None:
    launcher = _launcher(window)
    launcher.action.trigger()
    wizard = window.findChild(ImportWizard)
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    launcher.action.trigger()  # a second time: the same wizard comes to the front
    assert window.findChildren(ImportWizard) == [wizard]
    wizard.reject()
    qtbot.waitUntil(lambda: launcher.wizard is None)


def test_the_welcome_page_button_opens_the_wizard(qtbot: QtBot, window: MainWindow) -> None:
    window.home.import_sheet.emit()
    wizard = _launcher(window).wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.currentPage() is wizard.file_page


def test_dropping_a_spreadsheet_opens_the_wizard_on_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    gc.collect()  # the launcher lives as long as the window, not as long as a reference
    launcher = _launcher(window)
    path = tmp_path / "Sign-ups.CSV"
    path.write_bytes(EXCEL_CP1252.read_bytes())
    assert _drag(window, path) == (True, True)
    qtbot.waitUntil(lambda: launcher.wizard is not None, timeout=WAIT_MS)
    wizard = launcher.wizard
    assert wizard is not None
    assert wizard.file_page.path_edit.text() == str(path)

    # Walk on and import: the students view, already open, shows them without a reload.
    view = window.views["students"]
    window.show_view("students")
    view.ensure_loaded()
    to_preview(qtbot, wizard)
    click(qtbot, wizard, NEXT)
    with qtbot.waitSignal(wizard.imported, timeout=WAIT_MS):
        click(qtbot, wizard, FINISH)
    assert live(window.database, Student) == 3
    qtbot.waitUntil(lambda: view.model.total_count == 3, timeout=WAIT_MS)
    assert "Imported: 3 new" in window.statusBar().currentMessage()


def test_other_drops_are_refused_with_a_word_in_the_status_bar(
    window: MainWindow, tmp_path: Path
) -> None:
    launcher = _launcher(window)
    document = tmp_path / "brief.pdf"
    document.write_bytes(b"%PDF-1.7")
    assert _drag(window, document) == (False, False)
    assert "brief.pdf cannot be imported" in window.statusBar().currentMessage()
    assert _drag(window, EXCEL_CP1252, EXCEL_CP1252) == (False, False)
    assert window.statusBar().currentMessage() == "Drop one file at a time to import it."
    assert _drag(window, "https://example.org/signups.csv") == (False, False)
    assert "from your computer" in window.statusBar().currentMessage()
    QApplication.processEvents()
    assert launcher.wizard is None
