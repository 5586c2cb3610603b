"""Assignments and warnings, for the main window to place.

"Assign business problem and instructors…" for the groups view (right-click
and Ctrl+Shift+P), and two panels the window docks and the View menu shows
and hides: "Needs attention" (Ctrl+Shift+W) and "Instructor load"
(Ctrl+Shift+L). Their rows open the record to fix in its view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ixdesk.gui.assign_dialog import AssignDialog
from ixdesk.gui.attention_view import AttentionView
from ixdesk.gui.icons import icon
from ixdesk.gui.instructor_load import InstructorLoadView
from ixdesk.gui.workbench import Workbench

if TYPE_CHECKING:
    from ixdesk.gui.record_view import RecordView


@dataclass
class Assignments:
    assign_action: QAction  # for the groups view
    attention: AttentionView  # every current cohort's concerns
    load: InstructorLoadView


def assignments(workbench: Workbench, groups: RecordView) -> Assignments:
    navigator = workbench.navigator
    assign = QAction(icon("instructor"), "Assign business problem and instructors…", groups)
    assign.setObjectName("actionAssignGroup")
    assign.setShortcut(QKeySequence("Ctrl+Shift+P"))
    assign.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    assign.triggered.connect(
        lambda: open_assign_dialog(workbench, groups.selected_record(), groups.window())
    )
    attention = AttentionView(workbench)
    attention.open_record.connect(navigator.follow)
    attention.assign_group.connect(
        lambda group_id: open_assign_dialog(workbench, group_id, attention.window())
    )
    load = InstructorLoadView(workbench)
    load.open_record.connect(navigator.follow)
    return Assignments(assign, attention, load)


def open_assign_dialog(workbench: Workbench, group_id: str | None, parent: QWidget) -> bool:
    """Open the assignment dialog for one group; True when an assignment was saved."""
    if group_id is None:
        workbench.dialogs.info(
            "Choose a group", "Select one group first, then assign its business problem and "
            "instructors.",
        )  # fmt: skip
        return False
    dialog = workbench.operations.read(
        lambda: AssignDialog(workbench, group_id, parent), title="Cannot assign"
    )
    return dialog is not None and bool(dialog.exec())
