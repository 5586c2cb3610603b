"""Assignments and warnings in the main window.

Adds "Assign business problem and instructors…" to the groups view (right-click
and Ctrl+Shift+P), and two panels the View menu shows and hides: "Needs
attention" (Ctrl+Shift+W) and "Instructor load" (Ctrl+Shift+L). Their rows
open the record to fix in its view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

from ixdesk.gui.assign_dialog import AssignDialog
from ixdesk.gui.attention_view import AttentionView
from ixdesk.gui.exports import selected_in
from ixdesk.gui.icons import icon
from ixdesk.gui.instructor_load import InstructorLoadView

if TYPE_CHECKING:
    from ixdesk.gui.main_window import MainWindow


@dataclass
class AssignmentPanels:
    assign_action: QAction
    attention: AttentionView
    attention_dock: QDockWidget
    load: InstructorLoadView
    load_dock: QDockWidget


def install_assignments(window: MainWindow) -> AssignmentPanels:
    groups = window.views["groups"]
    assign = QAction(icon("instructor"), "Assign business problem and instructors…", groups)
    assign.setObjectName("actionAssignGroup")
    assign.setShortcut(QKeySequence("Ctrl+Shift+P"))
    assign.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    assign.triggered.connect(lambda: open_assign_dialog(window, selected_in(groups)))
    groups.addAction(assign)
    groups.extra_actions.append(assign)

    attention = AttentionView(window.workbench)
    attention.open_record.connect(window.open_record)
    attention.assign_group.connect(lambda group_id: open_assign_dialog(window, group_id))
    attention_dock = _dock(window, attention, "Needs attention", "attentionDock", "Ctrl+Shift+W")
    load = InstructorLoadView(window.workbench)
    load.open_record.connect(window.open_record)
    load_dock = _dock(window, load, "Instructor load", "instructorLoadDock", "Ctrl+Shift+L")
    window.tabifyDockWidget(attention_dock, load_dock)
    attention_dock.raise_()
    return AssignmentPanels(assign, attention, attention_dock, load, load_dock)


def _dock(window: MainWindow, widget: QWidget, title: str, name: str, keys: str) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
    )
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()  # shown on request; its table loads when first shown
    toggle = dock.toggleViewAction()
    toggle.setShortcut(QKeySequence(keys))
    toggle.setIcon(icon("warning" if name == "attentionDock" else "instructor"))
    if not any(action.isSeparator() for action in window.ui.menuView.actions()[-1:]):
        window.ui.menuView.addSeparator()
    window.ui.menuView.addAction(toggle)
    return dock


def open_assign_dialog(window: MainWindow, group_id: str | None) -> bool:
    """Open the assignment dialog for one group; True when an assignment was saved."""
    if group_id is None:
        window.dialogs.info(
            "Choose a group", "Select one group first, then assign its business problem and "
            "instructors.",
        )  # fmt: skip
        return False
    dialog = window.workbench.operations.read(
        lambda: AssignDialog(window.workbench, group_id, window), title="Cannot assign"
    )
    return dialog is not None and bool(dialog.exec())
