"""File ▸ Export, the Export toolbar button and the export actions of the views' menus,
for the window to place.

The record-specific entries use the record selected in the current view when
it is of the right kind (or leads to one: a group to its cohort, a business
problem to its company) and name it in the menu; otherwise they ask which
record through a searchable list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ixdesk.errors import RecordNotFoundError
from ixdesk.gui.certificate_actions import certificates_action, public_key_action
from ixdesk.gui.exports import (
    COHORT_ROSTER,
    GROUP_PHOTO_LIST,
    INSTRUCTOR_ROSTER,
    PARTNER_BRIEF,
    PHOTO_LIST,
    SIGNIN_SHEET,
    RecordExport,
    export_everything,
    export_record,
    record_for,
    selected_record,
)
from ixdesk.gui.icons import icon
from ixdesk.gui.workbench import Workbench
from ixdesk.services import editing
from ixdesk.services.kinds import KINDS
from ixdesk.services.record_kinds import Kind

if TYPE_CHECKING:
    from ixdesk.gui.record_view import RecordView

# (object name, menu text, export) for File ▸ Export, in menu order.
MENU_ITEMS: tuple[tuple[str, str, RecordExport], ...] = (
    ("actionExportCohortRoster", "&Cohort roster", COHORT_ROSTER),
    ("actionExportSigninSheet", "&Sign-in sheet", SIGNIN_SHEET),
    ("actionExportInstructorRoster", "&Instructor roster", INSTRUCTOR_ROSTER),
    ("actionExportPartnerBrief", "&Partner brief", PARTNER_BRIEF),
    ("actionExportPhotoList", "P&hoto list", PHOTO_LIST),
)
# The views' context menus: view → (text, export).
VIEW_ITEMS: dict[Kind, tuple[tuple[str, RecordExport], ...]] = {
    Kind.COHORTS: (
        ("Export roster…", COHORT_ROSTER),
        ("Export sign-in sheet…", SIGNIN_SHEET),
        ("Export photo list…", PHOTO_LIST),
    ),
    Kind.GROUPS: (
        ("Export cohort roster…", COHORT_ROSTER),
        ("Export the group's photo list…", GROUP_PHOTO_LIST),
    ),
    Kind.INSTRUCTORS: (("Export instructor roster…", INSTRUCTOR_ROSTER),),
    Kind.COMPANIES: (("Export partner brief…", PARTNER_BRIEF),),
}
LONGEST_NAME = 40


def export_menu(workbench: Workbench, parent: QWidget) -> QMenu:
    """File ▸ Export: the record exports (naming the record selected) and Everything."""
    menu = QMenu("&Export", parent)
    menu.setObjectName("menuExport")
    menu.setIcon(icon("export"))
    menu.setToolTipsVisible(True)
    entries: list[tuple[QAction, str, Kind]] = []
    for name, text, export in MENU_ITEMS:
        action = QAction(text + "…", menu)
        action.setObjectName(name)
        action.setToolTip(f"{export.title}: the selected {_singular(export)}, or choose one")
        action.triggered.connect(
            lambda _=False, e=export: export_record(
                workbench, e, selected_record(workbench, e.kind)
            )
        )
        menu.addAction(action)
        entries.append((action, text, export.kind))
    menu.addSeparator()
    certificates = certificates_action(workbench, menu, "Certificates of &completion…")
    menu.addAction(certificates)
    entries.append((certificates, "Certificates of &completion", Kind.COHORTS))
    menu.addAction(public_key_action(workbench, menu))
    menu.addSeparator()
    everything = QAction("&Everything…", menu)
    everything.setObjectName("actionExportEverything")
    everything.setToolTip("Every record of every type, every field: for hand-over or archive")
    everything.triggered.connect(lambda: export_everything(workbench))
    menu.addAction(everything)
    menu.aboutToShow.connect(lambda: _name_selected(workbench, entries))
    return menu


def view_export_actions(workbench: Workbench, view: RecordView) -> list[QAction]:
    """The exports a view's context menu offers for its selected record."""
    actions = []
    for text, export in VIEW_ITEMS.get(view.kind, ()):
        action = QAction(icon("export"), text, view)
        action.triggered.connect(
            lambda _=False, e=export: export_record(workbench, e, record_for(view, e.kind))
        )
        actions.append(action)
    if view.kind == Kind.COHORTS:
        actions.append(
            certificates_action(workbench, view, "Write certificates…", "actionCohortCertificates")
        )
    return actions


def toolbar_button(menu: QMenu) -> QToolButton:
    """The toolbar's Export button, dropping ``menu`` down."""
    button = QToolButton()
    button.setObjectName("exportButton")
    button.setText("Export")
    button.setIcon(icon("export"))
    button.setToolTip("Export a roster, sign-in sheet, partner brief, photo list or everything")
    button.setAccessibleName("Export")
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    return button


def _singular(export: RecordExport) -> str:
    return KINDS[export.kind].singular


def _name_selected(workbench: Workbench, entries: list[tuple[QAction, str, Kind]]) -> None:
    """Say in the menu which record each export will use: "Cohort roster: Spring 2026…"."""
    for action, text, kind in entries:
        record_id = selected_record(workbench, kind)
        name = _short_name(workbench, kind, record_id) if record_id else None
        action.setText(f"{text}: {name}…" if name else f"{text}…")


def _short_name(workbench: Workbench, kind: Kind, record_id: str) -> str | None:
    try:
        values = editing.load_values(workbench.database, kind, record_id).values
    except RecordNotFoundError:  # gone since it was selected: the export will say so
        return None
    name = KINDS[kind].title(values).replace("&", "&&")
    return name if len(name) <= LONGEST_NAME else name[: LONGEST_NAME - 1].rstrip() + "…"
