"""Small pieces the windows are built from: docks, File-menu placement and the About
box (the side bar is the window frame's: :mod:`ixdesk.gui.window_frame`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableWidget,
    QWidget,
)
from shiboken6 import isValid

from ixdesk import __version__
from ixdesk.gui.icons import icon

if TYPE_CHECKING:
    from ixdesk.db import Database


def short_label(action: QAction, label: str) -> None:
    """Keep ``action``'s toolbar label to ``label`` however long its text grows ("Undo
    Add business problem …"), so it never pushes other buttons out of the toolbar;
    its tooltip follows the full text."""
    action.setIconText(label)

    def renew() -> None:
        if not isValid(action):  # said while the window is being taken down
            return
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = action.text().replace("&", "")
        tip = f"{text} ({keys})" if keys else text
        if action.toolTip() != tip:  # setting it says "changed" once more
            action.setToolTip(tip)

    action.changed.connect(renew)
    renew()


def show_about(parent: QWidget, database: Database) -> None:
    QMessageBox.about(
        parent,
        "About ixdesk",
        f"<b>ixdesk {__version__}</b><p>Run micro-internship cohorts: partner companies, "
        "business problems, student groups and industry-pro instructors.</p>"
        f"<p>Database: {database.location}</p>",
    )


def place_above_quit(menu: QMenu, quit_action: QAction, actions: Sequence[QAction]) -> None:
    """``actions`` as one group just above Quit, a separator between them and Quit."""
    menu.insertActions(quit_action, list(actions))
    menu.insertSeparator(quit_action)


def dock(
    window: QMainWindow, view_menu: QMenu, widget: QWidget, title: str, name: str, icon_name: str
) -> QDockWidget:
    """``widget`` in a dock at the bottom, hidden until asked for; its toggle goes to
    the end of ``view_menu``."""
    panel = QDockWidget(title, window)
    panel.setObjectName(name)
    panel.setWidget(widget)
    panel.setAllowedAreas(
        Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
    )
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
    panel.hide()  # shown on request; its table loads when first shown
    toggle = panel.toggleViewAction()
    toggle.setIcon(icon(icon_name))
    if not any(action.isSeparator() for action in view_menu.actions()[-1:]):
        view_menu.addSeparator()
    view_menu.addAction(toggle)
    return panel


def read_only_table(headers: Sequence[str], name: str, *, single: bool = True) -> QTableWidget:
    """A table of whole rows to look at and select (one at a time when ``single``), never
    to edit in place: the tracks, a student's consents, the audit log."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table
