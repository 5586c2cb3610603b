"""File ▸ Export, the Export toolbar button and the export actions of the views' menus.

The record-specific entries use the record selected in the current view when
it is of the right kind (or leads to one: a group to its cohort, a business
problem to its company) and name it in the menu; otherwise they ask which
record through a searchable list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton

from ixdesk.errors import RecordNotFoundError
from ixdesk.gui.exports import (
    COHORT_ROSTER,
    INSTRUCTOR_ROSTER,
    PARTNER_BRIEF,
    SIGNIN_SHEET,
    RecordExport,
    export_everything,
    export_record,
    record_for,
    selected_record,
)
from ixdesk.gui.icons import icon
from ixdesk.services import editing
from ixdesk.services.kinds import KINDS

if TYPE_CHECKING:
    from ixdesk.gui.main_window import MainWindow

# (object name, menu text, export) for File ▸ Export, in menu order.
MENU_ITEMS: tuple[tuple[str, str, RecordExport], ...] = (
    ("actionExportCohortRoster", "&Cohort roster", COHORT_ROSTER),
    ("actionExportSigninSheet", "&Sign-in sheet", SIGNIN_SHEET),
    ("actionExportInstructorRoster", "&Instructor roster", INSTRUCTOR_ROSTER),
    ("actionExportPartnerBrief", "&Partner brief", PARTNER_BRIEF),
)
# The views' context menus: view → (text, export).
VIEW_ITEMS: dict[str, tuple[tuple[str, RecordExport], ...]] = {
    "cohorts": (("Export roster…", COHORT_ROSTER), ("Export sign-in sheet…", SIGNIN_SHEET)),
    "groups": (("Export cohort roster…", COHORT_ROSTER),),
    "instructors": (("Export instructor roster…", INSTRUCTOR_ROSTER),),
    "companies": (("Export partner brief…", PARTNER_BRIEF),),
}
LONGEST_NAME = 40


def install_exports(window: MainWindow) -> None:
    """Add File ▸ Export, an Export toolbar button and the views' export actions."""
    menu = QMenu("&Export", window.ui.menuFile)
    menu.setObjectName("menuExport")
    menu.setIcon(icon("export"))
    menu.setToolTipsVisible(True)
    entries: list[tuple[QAction, str, RecordExport]] = []
    for name, text, export in MENU_ITEMS:
        action = QAction(text + "…", menu)
        action.setObjectName(name)
        action.setToolTip(f"{export.title}: the selected {_singular(export)}, or choose one")
        action.triggered.connect(
            lambda _=False, e=export: export_record(
                window.workbench, e, selected_record(window, e.kind)
            )
        )
        menu.addAction(action)
        entries.append((action, text, export))
    menu.addSeparator()
    everything = QAction("&Everything…", menu)
    everything.setObjectName("actionExportEverything")
    everything.setToolTip("Every record of every type, every field: for hand-over or archive")
    everything.triggered.connect(lambda: export_everything(window.workbench))
    menu.addAction(everything)
    menu.aboutToShow.connect(lambda: _name_selected(window, entries))
    _insert_before_quit(window, menu)
    _add_toolbar_button(window, menu)
    for kind, items in VIEW_ITEMS.items():
        view = window.views[kind]
        for text, export in items:
            action = QAction(icon("export"), text, view)
            action.triggered.connect(
                lambda _=False, v=view, e=export: export_record(
                    window.workbench, e, record_for(v, e.kind)
                )
            )
            view.extra_actions.append(action)


def _singular(export: RecordExport) -> str:
    return KINDS[export.kind].singular


def _name_selected(window: MainWindow, entries: list[tuple[QAction, str, RecordExport]]) -> None:
    """Say in the menu which record each export will use: "Cohort roster: Spring 2026…"."""
    for action, text, export in entries:
        record_id = selected_record(window, export.kind)
        name = _short_name(window, export.kind, record_id) if record_id else None
        action.setText(f"{text}: {name}…" if name else f"{text}…")


def _short_name(window: MainWindow, kind: str, record_id: str) -> str | None:
    try:
        values = editing.load_values(window.database, kind, record_id).values
    except RecordNotFoundError:  # gone since it was selected: the export will say so
        return None
    name = KINDS[kind].title(values).replace("&", "&&")
    return name if len(name) <= LONGEST_NAME else name[: LONGEST_NAME - 1].rstrip() + "…"


def _insert_before_quit(window: MainWindow, menu: QMenu) -> None:
    """Place the submenu in the group just above Quit (beside File ▸ Import, if there)."""
    file_menu, quit_action = window.ui.menuFile, window.ui.actionQuit
    actions = file_menu.actions()
    index = actions.index(quit_action)
    if index == 0 or not actions[index - 1].isSeparator():
        file_menu.insertMenu(quit_action, menu)
        file_menu.insertSeparator(quit_action)
        return
    file_menu.insertMenu(actions[index - 1], menu)  # above the separator over Quit
    above = actions[index - 2] if index >= 2 else None
    if above is not None and not above.isSeparator() and above.menu() is None:
        file_menu.insertSeparator(menu.menuAction())


def _add_toolbar_button(window: MainWindow, menu: QMenu) -> None:
    button = QToolButton()
    button.setObjectName("exportButton")
    button.setText("Export")
    button.setIcon(icon("export"))
    button.setToolTip("Export a roster, sign-in sheet, partner brief or everything to Excel")
    button.setAccessibleName("Export")
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    toolbar = window.ui.toolBar
    button.setToolButtonStyle(toolbar.toolButtonStyle())
    toolbar.toolButtonStyleChanged.connect(button.setToolButtonStyle)
    toolbar.addSeparator()
    toolbar.addWidget(button)
