"""Pages of the main window beyond the record views: the cohort workspace and the
instructor view as the window shows them, and the actions that open them.

The workspace holds the enrolment board, the group builder, the attendance grid
(with the cohort's sessions) and the cohort's "needs attention" list as tabs. It
opens from the cohorts view (right-click, Ctrl+O or the toolbar), from View ▸ Open
cohort workspace and from the dashboard. The read-only instructor view opens from the
instructors view (right-click, Ctrl+Shift+I) and from View ▸ Instructor view; ``ixdesk
--instructor EMAIL`` opens instructor mode instead (``instructor_window``).
Both pages reach the rest of the window through the workbench's navigator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QMenu, QScrollArea, QToolButton, QWidget

from ixdesk.gui import exports
from ixdesk.gui.assignment_actions import open_assign_dialog
from ixdesk.gui.attendance_view import AttendanceView
from ixdesk.gui.attention_view import AttentionView
from ixdesk.gui.cohort_workspace import CohortWorkspace
from ixdesk.gui.group_builder import GroupBuilder
from ixdesk.gui.icons import icon
from ixdesk.gui.instructor_view import InstructorView
from ixdesk.gui.workbench import Workbench
from ixdesk.services.record_kinds import Kind

if TYPE_CHECKING:
    from ixdesk.gui.record_view import RecordView


class WorkspacePage(CohortWorkspace):
    """The cohort workspace with its three tabs and an Export button."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench, parent)
        navigator = workbench.navigator
        self.group_builder = GroupBuilder(workbench)
        self.attention = AttentionView(workbench)
        self.attendance = AttendanceView(workbench)
        self.add_tab(self.group_builder, "Groups", "group")
        self.add_tab(self.attendance, "Attendance", "calendar")
        self.add_tab(self.attention, "Needs attention", "warning")
        for source in (self, self.group_builder, self.attention):
            source.open_record.connect(navigator.follow)
        for asked in (self.group_builder.assign_requested, self.attention.assign_group):
            asked.connect(lambda group_id: open_assign_dialog(workbench, group_id, self.window()))
        self.back.connect(lambda: navigator.show_view(Kind.COHORTS))
        self.edit_cohort.connect(lambda cohort_id: navigator.open_record(Kind.COHORTS, cohort_id))
        menu = QMenu(self)
        menu.addAction(
            "Cohort &roster…", lambda: exports.export_cohort_roster(workbench, self.cohort_id)
        )
        menu.addAction(
            "&Sign-in sheet…", lambda: exports.export_signin_sheet(workbench, self.cohort_id)
        )
        self.export_button = export_button("Export this cohort", menu)
        self.top_bar.insertWidget(self.top_bar.indexOf(self.edit_button), self.export_button)


class TeachingPage(InstructorView):
    """The coordinator's instructor view, with an Export button for the roster shown."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench, parent)
        self.export_button = export_button("Export this instructor's roster")
        self.export_button.clicked.connect(
            lambda: exports.export_instructor_roster(workbench, self.instructor_id)
        )
        self.top_bar.addWidget(self.export_button)


def scrolling_page(page: QWidget) -> QScrollArea:
    """``page`` inside a frameless scroll area: a narrow window scrolls it rather
    than being held wider than the screen by its widest page."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the page's first control
    area.setWidget(page)
    return area


def export_button(accessible: str, menu: QMenu | None = None) -> QToolButton:
    """An "Export" tool button for a page's top bar: with ``menu``, it drops that down."""
    button = QToolButton()
    button.setText("E&xport…" if menu is None else "E&xport")
    button.setIcon(icon("export"))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAccessibleName(accessible)
    button.setToolTip(accessible)
    if menu is not None:
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    return button


def page_actions(
    workbench: Workbench, cohorts: RecordView, instructors: RecordView, parent: QWidget
) -> tuple[QAction, QAction]:
    """Open cohort workspace (Ctrl+O) and Instructor view (Ctrl+Shift+I), for the window
    to place in its menus and in those views' context menus."""
    navigator = workbench.navigator
    workspace = QAction(icon("cohort"), "Open cohort &workspace", parent)
    workspace.setObjectName("actionOpenWorkspace")
    workspace.setShortcut(QKeySequence("Ctrl+O"))
    workspace.setToolTip("Open the selected cohort's enrolment board and groups (Ctrl+O)")
    workspace.triggered.connect(lambda: navigator.open_cohort(cohorts.selected_record()))

    teaching = QAction(icon("instructor"), "Instructor &view", parent)
    teaching.setObjectName("actionInstructorView")
    teaching.setShortcut(QKeySequence("Ctrl+Shift+I"))
    teaching.setToolTip("What an instructor sees: their groups, read-only (Ctrl+Shift+I)")
    teaching.triggered.connect(
        lambda: navigator.open_instructor(
            instructors.selected_record() if navigator.current_view() is instructors else None
        )
    )
    return workspace, teaching
