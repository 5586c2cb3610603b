"""Small pieces the windows are built from: the side bar's entries and look, docks,
File-menu placement and the About box."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QWidget
from shiboken6 import isValid

from ixdesk import __version__
from ixdesk.db import Database
from ixdesk.gui.icons import icon
from ixdesk.gui.kind_views import KIND_VIEWS
from ixdesk.gui.navigator import HOME
from ixdesk.services.kinds import KINDS

# (view key, label, icon) of the side bar, in order (Ctrl+1 … Ctrl+7).
NAVIGATION = (
    (HOME, "Dashboard", "dashboard"),
    *((kind, KINDS[kind].plural.capitalize(), view.icon) for kind, view in KIND_VIEWS.items()),
)
NAVIGATION_WIDTH = 190


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


def nav_row(key: str) -> int:
    return next(i for i, (k, _l, _i) in enumerate(NAVIGATION) if k == key)


def soften_selection(widget: QWidget) -> None:
    """A light tint of the highlight colour behind the chosen entry, with normal
    text, so the coloured icons stay readable (in light and dark palettes)."""
    palette = widget.palette()
    highlight = palette.color(QPalette.ColorRole.Highlight)
    base = palette.color(QPalette.ColorRole.Base)
    share = 0.3
    tint = QColor.fromRgbF(
        base.redF() + (highlight.redF() - base.redF()) * share,
        base.greenF() + (highlight.greenF() - base.greenF()) * share,
        base.blueF() + (highlight.blueF() - base.blueF()) * share,
    )
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, tint)
        palette.setColor(
            group, QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text)
        )
    widget.setPalette(palette)


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
