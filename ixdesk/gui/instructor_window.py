"""Instructor mode: the window ``ixdesk --instructor EMAIL`` opens.

It shows that one instructor's groups and nothing else: the groups
themselves, read-only, and their attendance, where the instructor takes marks
and writes the rubric of their students (the only changes it makes, each
undoable with Ctrl+Z). The coordinator's parts are never built here: no side
bar to other views, no record views, no instructor chooser, no import, no
record editing, no sessions, no database switching, and so none of their
menus, buttons or shortcuts. The only export is this instructor's own roster,
which carries only the fields of an instructor roster (docs/rosters.md). A
line at the top says how to leave.

On a shared server the server's roles let an instructor's login write marks
and rubrics of its own groups only; on a file, the window is all there is
(docs/decisions.md).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from ixdesk.db import Database
from ixdesk.gui import exports
from ixdesk.gui.dashboard import heading
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.freshness import Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.instructor_attendance import InstructorAttendance
from ixdesk.gui.instructor_view import InstructorGroups
from ixdesk.gui.pages import export_button
from ixdesk.gui.window_parts import show_about
from ixdesk.gui.workbench import Workbench
from ixdesk.services.instructor_view import InstructorChoice, instructor_groups
from ixdesk.services.reads import reads_of

BANNER = (
    "<b>Instructor mode:</b> {name}'s groups, read-only except attendance and the rubric. "
    "To leave, close ixdesk and start it without <code>--instructor</code>."
)
GEOMETRY_KEY = "instructor_window/geometry"


class InstructorWindow(QMainWindow):
    """One instructor's groups and their attendance, with no way to other data."""

    def __init__(
        self,
        database: Database,
        instructor: InstructorChoice,
        dialogs: DialogService | None = None,
        parent: QWidget | None = None,
        *,
        banner: str = BANNER,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.instructor = instructor
        # Writes come only from the Attendance tab: marks and the rubric.
        self.workbench = Workbench(
            database, dialogs or DialogService(self), status=self._show_status, parent=self
        )
        self.setWindowIcon(icon("ixdesk"))
        self.setWindowTitle(f"ixdesk — instructor mode: {instructor.name}")
        self.banner = _banner(banner.format(name=instructor.name))
        self.groups = InstructorGroups(database)
        self.export_button = export_button(f"Export {instructor.name}'s roster")
        self.export_button.clicked.connect(self.export_roster)
        title = heading(f"{instructor.name}'s groups", 1.4)
        title.setWordWrap(True)
        self.groups.top_bar.insertWidget(0, title, 1)
        self.groups.top_bar.addWidget(self.export_button)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.attendance = InstructorAttendance(self.workbench, instructor.instructor_id)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.groups, icon("group"), "&Groups")
        self.tabs.addTab(self.attendance, icon("calendar"), "&Attendance")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.setAcceptDrops(False)  # QMainWindow takes drops by default; nothing lands here
        self._build_menus()
        self.statusBar()
        self.groups.show_instructor(instructor)
        # Changes heard from a shared server (live refresh) show here as they happen.
        self.freshness = Freshness(
            self.groups,
            self.workbench,
            lambda _burst: self.groups.reload_groups(),
            reads=reads_of(instructor_groups),
        )
        self.workbench.listen_to_server()
        self.resize(1100, 800)
        geometry = self.workbench.settings().value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        export = QAction(icon("export"), "&Export roster…", self)
        export.setObjectName("actionExportRoster")
        export.setStatusTip(
            f"{self.instructor.name}'s groups as an Excel roster, with the fields of an "
            "instructor roster only"
        )
        export.triggered.connect(self.export_roster)
        file_menu.addAction(export)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setObjectName("actionQuit")
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = bar.addMenu("&Edit")
        undo_stack = self.workbench.undo_stack
        assert undo_stack is not None
        undo = undo_stack.createUndoAction(self, "&Undo")
        undo.setObjectName("actionUndo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = undo_stack.createRedoAction(self, "&Redo")
        redo.setObjectName("actionRedo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([undo, redo])
        view_menu = bar.addMenu("&View")
        reload_action = QAction(icon("refresh"), "&Reload", self)
        reload_action.setObjectName("actionReload")
        reload_action.setShortcut(QKeySequence("F5"))
        reload_action.setStatusTip("Read the groups again from the database")
        reload_action.triggered.connect(self.reload)
        view_menu.addAction(reload_action)
        help_menu = bar.addMenu("&Help")
        about = QAction(icon("help"), "&About ixdesk", self)
        about.setObjectName("actionAbout")
        about.triggered.connect(lambda: show_about(self, self.database))
        help_menu.addAction(about)

    @property
    def dialogs(self) -> DialogService:
        return self.workbench.dialogs

    @dialogs.setter
    def dialogs(self, dialogs: DialogService) -> None:
        self.workbench.dialogs = dialogs

    def export_roster(self) -> None:
        """This instructor's roster: the one export instructor mode offers."""
        exports.export_instructor_roster(self.workbench, self.instructor.instructor_id)

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.attendance and self.attendance.grid is None:
            self.attendance.refresh()

    def reload(self) -> None:
        self.groups.reload_groups()
        self.attendance.refresh()
        self.workbench.status("Reloaded from the database.", 3000)

    def _show_status(self, text: str, milliseconds: int) -> None:
        self.statusBar().showMessage(text, milliseconds)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = self.workbench.settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.sync()
        self.workbench.detach()
        event.accept()


def _banner(text: str) -> QLabel:
    """A tinted strip across the top of the window."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName("Instructor mode")
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
    label.setForegroundRole(QPalette.ColorRole.ToolTipText)
    label.setAutoFillBackground(True)
    label.setMargin(8)
    label.setIndent(4)
    return label
