"""The window's frame: what appears first, before the database is open.

The menus, the toolbar, the side bar with the last view lit and that view's
page saying the database is opening, made from Qt and a few plain modules
only, so the window paints while SQLAlchemy, Alembic and the views still load
(opening a database checks and backs it up, which takes a moment more). The
main window (:class:`ixdesk.gui.main_window.MainWindow`) is this frame, filled
in once the database is open.

With ``IXDESK_REPORT_FIRST_PAINT=FILE`` the frame appends ``painted <time>``
to FILE once its first paint is done, and the main window ``ready <time>``
once the database is open and the last view shown (seconds since the epoch):
what the start-up benchmark measures.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPaintEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QListWidgetItem, QMainWindow, QWidget

from ixdesk.gui.generated.ui_main_window import Ui_MainWindow
from ixdesk.gui.icons import icon
from ixdesk.gui.places import HOME
from ixdesk.gui.remember import restore_sizes
from ixdesk.gui.settings import app_settings
from ixdesk.services.record_kinds import Kind

# (view key, label, icon) of the side bar, in order (Ctrl+1 … Ctrl+7); the labels are
# the kinds' plural names (tests/gui/test_window_frame.py holds them to it).
NAVIGATION: tuple[tuple[str, str, str], ...] = (
    (HOME, "Dashboard", "dashboard"),
    (Kind.COHORTS, "Cohorts", "cohort"),
    (Kind.GROUPS, "Groups", "group"),
    (Kind.STUDENTS, "Students", "student"),
    (Kind.INSTRUCTORS, "Instructors", "instructor"),
    (Kind.COMPANIES, "Partner companies", "company"),
    (Kind.PROBLEMS, "Business problems", "problem"),
)
NAVIGATION_WIDTH = 190
KEY_ROLE = Qt.ItemDataRole.UserRole
REPORT_ENV = "IXDESK_REPORT_FIRST_PAINT"
# Actions that work on the view shown: off until there is one.
VIEW_ACTIONS = ("actionNew", "actionSave", "actionDelete", "actionCopy", "actionFind")


def nav_row(key: str) -> int:
    return next(i for i, (k, _l, _i) in enumerate(NAVIGATION) if k == key)


def soften_selection(widget: QWidget) -> None:
    """A light tint of the highlight colour behind the chosen entry, with normal
    text, so the coloured icons stay readable (in light and dark palettes), made
    again when the application's colours change (Settings ▸ Appearance)."""
    palette = QPalette(QApplication.palette(widget))  # the application's, then tinted
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
    if widget.findChild(_Repaint) is None:
        _Repaint(widget)


class _Repaint(QObject):
    """Tints its widget again when the application's palette changes: its window hears
    of that (a widget with a palette of its own does not)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        widget.window().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            soften_selection(self.widget)
        return False


def report(event: str) -> None:
    """Append ``event <time>`` to the file named by ``IXDESK_REPORT_FIRST_PAINT``, if any."""
    path = os.environ.get(REPORT_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(f"{event} {time.time():.6f}\n")


class WindowFrame(QMainWindow):
    """The main window before its database is open; see the module text."""

    painted = Signal()  # once: the first paint is on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._was_painted = False
        self.filled = False  # the database's pages are in (see MainWindow)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowIcon(icon("ixdesk"))
        for name, icon_name in (
            ("actionNew", "new"),
            ("actionSave", "save"),
            ("actionDelete", "delete"),
            ("actionCopy", "copy"),
            ("actionRefresh", "refresh"),
            ("actionFind", "search"),
            ("actionAbout", "help"),
        ):
            getattr(self.ui, name).setIcon(icon(icon_name))
        for key, label, icon_name in NAVIGATION:
            item = QListWidgetItem(icon(icon_name), label)
            item.setData(KEY_ROLE, key)
            self.ui.navigation.addItem(item)
        soften_selection(self.ui.navigation)
        self.ui.mainSplitter.setStretchFactor(1, 1)
        self.ui.actionQuit.triggered.connect(self.close)
        self.opening = QLabel("Opening the database…")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.setEnabled(False)  # greyed: nothing to do here yet
        self.ui.pages.addWidget(self.opening)
        self._restore_frame()

    def _restore_frame(self) -> None:
        """The size, the side bar's width and the last view, as the window was left."""
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if not restore_sizes(settings, "window/splitter", self.ui.mainSplitter):
            # a narrow side bar leaves the tables their room
            self.ui.mainSplitter.setSizes(
                [NAVIGATION_WIDTH, max(self.width() - NAVIGATION_WIDTH, 1)]
            )
        last = str(settings.value("window/view", HOME))
        self.light(last if any(key == last for key, _l, _i in NAVIGATION) else HOME)
        for name in (*VIEW_ACTIONS, "actionRefresh"):  # nothing to act on yet
            getattr(self.ui, name).setEnabled(False)

    def light(self, key: str) -> None:
        """Light ``key``'s entry in the side bar, without choosing it."""
        self.ui.navigation.blockSignals(True)
        self.ui.navigation.setCurrentRow(nav_row(key))
        self.ui.navigation.blockSignals(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._was_painted:
            self._was_painted = True
            QTimer.singleShot(0, self._first_paint_done)  # once this paint is on screen

    def _first_paint_done(self) -> None:
        report("painted")
        self.painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """An empty frame keeps no state: the last view is remembered as it was."""
        event.accept()
