"""Pages of the main window beyond the record views: the cohort workspace and the
instructor view, and the actions that open them.

The workspace holds the enrolment board, the group builder and the cohort's
"needs attention" list as tabs. It opens from the cohorts view (right-click,
Ctrl+O or the toolbar), from View ▸ Cohort workspace and from the dashboard.
The read-only instructor view opens from the instructors view (right-click,
Ctrl+Shift+I) and from View ▸ Instructor view; ``ixdesk --instructor EMAIL`` opens
instructor mode instead (``instructor_window``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QMenu, QScrollArea, QToolButton, QWidget

from ixdesk.gui import exports
from ixdesk.gui.assignment_actions import open_assign_dialog
from ixdesk.gui.attention_view import AttentionView
from ixdesk.gui.cohort_workspace import CohortWorkspace
from ixdesk.gui.group_builder import GroupBuilder
from ixdesk.gui.icons import icon
from ixdesk.gui.instructor_view import InstructorView

if TYPE_CHECKING:
    from ixdesk.gui.main_window import MainWindow


def build_workspace(window: MainWindow) -> CohortWorkspace:
    """The cohort workspace with its three tabs, wired to the window."""
    workspace = CohortWorkspace(window.workbench)
    builder = GroupBuilder(window.workbench)
    attention = AttentionView(window.workbench)
    workspace.add_tab(builder, "Groups", "group")
    workspace.add_tab(attention, "Needs attention", "warning")
    workspace.group_builder, workspace.attention = builder, attention  # type: ignore[attr-defined]
    for source in (workspace, builder, attention):
        source.open_record.connect(window.open_record)
    builder.assign_requested.connect(lambda group_id: open_assign_dialog(window, group_id))
    attention.assign_group.connect(lambda group_id: open_assign_dialog(window, group_id))
    workspace.back.connect(lambda: window.show_view("cohorts"))
    exports_menu = QMenu(workspace)
    exports_menu.addAction(
        "Cohort &roster…",
        lambda: exports.export_cohort_roster(window.workbench, workspace.cohort_id),
    )
    exports_menu.addAction(
        "&Sign-in sheet…",
        lambda: exports.export_signin_sheet(window.workbench, workspace.cohort_id),
    )
    button = export_button("Export this cohort", exports_menu)
    workspace.top_bar.insertWidget(workspace.top_bar.indexOf(workspace.edit_button), button)
    workspace.export_button = button  # type: ignore[attr-defined]
    workspace.edit_cohort.connect(lambda cohort_id: window.open_record("cohorts", cohort_id))
    return workspace


def scrolling_page(page: QWidget) -> QScrollArea:
    """``page`` inside a frameless scroll area: a narrow window scrolls it rather
    than being held wider than the screen by its widest page."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


def build_instructor_view(window: MainWindow) -> InstructorView:
    view = InstructorView(window.workbench)
    button = export_button("Export this instructor's roster")
    button.clicked.connect(
        lambda: exports.export_instructor_roster(window.workbench, view.instructor_id)
    )
    view.top_bar.addWidget(button)
    view.export_button = button  # type: ignore[attr-defined]
    return view


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


def install_page_actions(window: MainWindow) -> None:
    """Actions that open the workspace and the instructor view."""
    cohorts, instructors = window.views["cohorts"], window.views["instructors"]

    workspace_action = QAction(icon("cohort"), "Open cohort &workspace", window)
    workspace_action.setObjectName("actionOpenWorkspace")
    workspace_action.setShortcut(QKeySequence("Ctrl+O"))
    workspace_action.setToolTip("Open the selected cohort's enrolment board and groups (Ctrl+O)")
    workspace_action.triggered.connect(lambda: window.open_cohort(exports.selected_in(cohorts)))
    cohorts.extra_actions.insert(0, workspace_action)

    teaching_action = QAction(icon("instructor"), "Instructor &view", window)
    teaching_action.setObjectName("actionInstructorView")
    teaching_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
    teaching_action.setToolTip("What an instructor sees: their groups, read-only (Ctrl+Shift+I)")
    teaching_action.triggered.connect(
        lambda: window.open_instructor(
            exports.selected_in(instructors) if window.current_view() is instructors else None
        )
    )
    instructors.extra_actions.insert(0, teaching_action)

    menu = window.ui.menuView
    first_panel = next((a for a in menu.actions() if a.isSeparator()), None)
    menu.insertActions(first_panel, [workspace_action, teaching_action])  # type: ignore[arg-type]
    toolbar = window.ui.toolBar
    toolbar.addSeparator()
    toolbar.addAction(workspace_action)
    button = toolbar.widgetForAction(workspace_action)
    if button is not None:
        button.setAccessibleName("Open cohort workspace")
    window.workspace_action, window.teaching_action = workspace_action, teaching_action
