"""Where the main window places its Undo and Redo, and Back and Forward: in the Edit and
View menus and at the front of the toolbar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QToolButton

from ixdesk.gui.generated.ui_main_window import Ui_MainWindow
from ixdesk.gui.icons import icon
from ixdesk.gui.window_parts import short_label


def place_undo_redo(
    window: QMainWindow, ui: Ui_MainWindow, stack: QUndoStack
) -> tuple[QAction, QAction]:
    """Undo and Redo of ``stack``, first in the Edit menu and on the toolbar."""
    undo = stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setIcon(icon("undo"))
    redo = stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setIcon(icon("redo"))
    short_label(undo, "Undo")
    short_label(redo, "Redo")
    first = ui.menuEdit.actions()[0]
    ui.menuEdit.insertActions(first, [undo, redo])
    ui.menuEdit.insertSeparator(first)
    ui.toolBar.insertActions(ui.toolBar.actions()[3], [undo, redo])
    return undo, redo


def place_back_forward(
    window: QMainWindow, ui: Ui_MainWindow, back: QAction, forward: QAction
) -> None:
    """Back and Forward in the View menu (above Refresh) and first on the toolbar, as
    arrows without words."""
    window.addActions([back, forward])
    ui.menuView.insertActions(ui.actionRefresh, [back, forward])
    ui.menuView.insertSeparator(ui.actionRefresh)
    ui.toolBar.insertActions(ui.toolBar.actions()[0], [back, forward])
    ui.toolBar.insertSeparator(ui.actionNew)
    for action in (back, forward):
        button = ui.toolBar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAccessibleName(action.text().replace("&", ""))
