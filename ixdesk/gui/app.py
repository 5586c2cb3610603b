"""Start the ixdesk window (or instructor mode's window), and switch between the
coordinator's and the demo database.

The coordinator's window paints first: its frame (the side bar and the last
view's page) is shown before the database libraries load; the database is
opened, checked and backed up once that first paint is on screen, and the
frame then becomes the whole window (:mod:`ixdesk.gui.window_frame`). The
question about creating a new database and a refusal of the file come as
before, over the frame; declining or a refusal closes it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QProgressDialog, QWidget

from ixdesk.errors import IxdeskError
from ixdesk.gui.bugs import BugReporter, install_excepthook
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.focus_ring import install_focus_ring
from ixdesk.gui.icons import icon
from ixdesk.gui.main_window import MainWindow
from ixdesk.paths import user_data_dir

if TYPE_CHECKING:
    from ixdesk.db import Database
    from ixdesk.gui.instructor_window import InstructorWindow

DEMO_STUDENTS = 600
LOGIN_BANNER = (
    "<b>Instructor's login:</b> {name}'s groups, read-only except attendance and the "
    "rubric. The server shows this login "
    "nothing else; to work as a coordinator, connect with a coordinator's login."
)


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("ixdesk")
    app.setOrganizationName("ixdesk")
    app.setApplicationDisplayName("ixdesk")
    app.setWindowIcon(icon("ixdesk"))
    install_focus_ring(app)
    return app


def open_demo_database() -> Database:
    """The demo database beside the real one, filled on first use."""
    from ixdesk.db import open_database

    path = user_data_dir() / "demo.db"
    database = open_database(path)
    from ixdesk.services.demo import generate_demo
    from ixdesk.services.overview import record_counts

    if not any(record_counts(database).values()):
        progress = QProgressDialog("Making demo data…", "", 0, 0)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        progress.setMinimumDuration(0)
        progress.show()
        QApplication.processEvents()
        try:
            generate_demo(database, students=DEMO_STUDENTS)
        finally:
            progress.close()
    return database


def open_home_database(target: str | None, parent: QWidget | None = None) -> Database | None:
    """The coordinator's database for the window; None when they chose not to create it.

    The default file in the data folder is created without asking; a file
    named with ``--database`` or ``IXDESK_DATABASE`` that does not exist yet is
    created only when the person says so (a typing mistake must not start an
    empty database). A database that can only be read says so once. ``parent``:
    the window the questions are asked over.
    """
    from ixdesk.db.location import chosen_explicitly, missing_file

    missing = missing_file(target)
    if missing is not None and chosen_explicitly(target):
        answer = QMessageBox.question(
            parent,
            "ixdesk",
            f"There is no database at {missing}. Create a new one?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    database = open_encrypted_or_not(target, parent)
    if database is None:
        return None
    if database.read_only is not None:
        QMessageBox.information(
            parent,
            "ixdesk opened the database for reading only",
            f"The database {database.location} can be read but not changed "
            f"({database.read_only}), so edits are not possible.",
        )
    return database


def open_encrypted_or_not(
    target: str | None, parent: QWidget | None = None, *, create: bool = True
) -> Database | None:
    """The database at ``target``; an encrypted file's password from ``IXDESK_PASSWORD``,
    this computer's keyring, or the password box (which offers to remember it). None when
    the person cancelled the box."""
    from ixdesk.db import open_database
    from ixdesk.gui.password_dialog import ask_file_password, tell_not_remembered
    from ixdesk.services.file_password import with_password

    return with_password(
        target,
        lambda password: open_database(target, create=create, password=password),
        lambda path, why: ask_file_password(path, why, parent),
        lambda notice: tell_not_remembered(notice, parent),
    )


class Session:
    """The window currently open and the database behind it."""

    def __init__(self, app: QApplication, home_target: str | None = None) -> None:
        self.app = app
        self.home_target = home_target
        self.window: MainWindow | None = None
        self.database: Database | None = None
        self.bugs = BugReporter(DialogService())  # until a window is open
        self.exit_status: int | None = None  # set when the first database was not opened
        self.instructor_window: InstructorWindow | None = None  # an instructor's login
        self.event_window: QMainWindow | None = None  # event mode, while it is on

    def start(self) -> None:
        """Show the window's frame now; open the coordinator's database once it is painted."""
        frame = MainWindow()
        frame.database_requested.connect(self.switch)
        frame.painted.connect(self._open_first, Qt.ConnectionType.QueuedConnection)
        self.window = frame
        frame.show()

    def _open_first(self) -> None:
        """Open the database into the frame, or close it (declined, refused)."""
        frame = self.window
        assert frame is not None and not frame.filled
        database = self._open(lambda: open_home_database(self.home_target, frame))
        if database is None:
            self.exit_status = 1
            frame.close()
            self.app.exit(1)
            return
        self.database = database
        if self._open_as_instructor(database):
            return
        if _is_event_copy(database):
            self.start_event_mode(database)  # shown before the frame goes, so ixdesk stays
            self.window = None
            frame.close()
            return
        frame.fill(database)

    def _open_as_instructor(self, database: Database) -> bool:
        """An instructor's login on a shared server gets instructor mode's window in place of
        the coordinator's (the server allows it no more anyway); True when it did."""
        from ixdesk.services.server import identity

        try:
            found = identity(database)
        except IxdeskError as error:
            QMessageBox.critical(self.window, "ixdesk cannot open the database", str(error))
            self.exit_status = 1
            self.app.exit(1)
            return True
        if found.instructor_id is None:
            return False
        window = open_instructor_window(database, found.instructor_id, banner=LOGIN_BANNER)
        if window is None:
            self.exit_status = 1
            self.app.exit(1)
            return True
        old = self.window
        self.window, self.instructor_window = None, window
        if old is not None:
            old.close()
            old.deleteLater()
        return True

    def start_event_mode(self, database: Database) -> None:
        """An event copy opens in event mode, full screen; with its PIN, the ordinary
        window opens on it."""
        from ixdesk.gui.event_mode.window import EventWindow

        kiosk = EventWindow(database)
        kiosk.leave.connect(lambda: self._leave_event_mode(database))
        self.event_window = kiosk
        kiosk.showFullScreen()

    def _leave_event_mode(self, database: Database) -> None:
        self.event_window = None
        window = MainWindow(database)
        window.database_requested.connect(self.switch)
        window.show()
        self.window = window

    def _open(self, opener: Callable[[], Database | None]) -> Database | None:
        """The database ``opener`` opens, or None (declined; a refusal is said first)."""
        try:
            return opener()
        except IxdeskError as error:
            if self.window is None or not self.window.filled:
                print(f"ixdesk: error: {error}", file=sys.stderr)
            QMessageBox.critical(self.window, "ixdesk cannot open the database", str(error))
            return None

    def show(self, database: Database) -> None:
        """``database`` in a new window (instructor mode's, for an instructor's login),
        closing the window and database shown before."""
        old_database = self.database
        self.database = database
        if not self._open_as_instructor(database):
            old_window = self.window
            window = MainWindow(database)
            window.database_requested.connect(self.switch)
            window.show()
            self.window = window
            if old_window is not None:
                old_window.close()
                old_window.deleteLater()
        if old_database is not None and old_database is not database:
            old_database.close()

    def report_bug(self, error: BaseException) -> None:
        """An exception escaped a Qt slot: the open window's bug report, or a plain one."""
        window = self.window
        bugs = window.workbench.bugs if window is not None and window.filled else self.bugs
        bugs.report(error)

    def switch(self, which: str) -> None:
        if which == "demo":
            database = self._open(open_demo_database)
        elif which == "server":
            from ixdesk.gui.connect_dialog import connect_to_server

            database = connect_to_server(self.window)
        else:
            database = self._open(lambda: open_home_database(self.home_target, self.window))
        if database is not None:
            self.show(database)


def _is_event_copy(database: Database) -> bool:
    from ixdesk.services.events.identity import load_identity

    return load_identity(database).is_event_copy


def open_instructor_window(
    database: Database, instructor: str, *, banner: str | None = None
) -> InstructorWindow | None:
    """Instructor mode's window on the instructor with this email (or, from a login, this
    id), shown; for an unknown email, one line on stderr and a message box, and no window
    (None)."""
    from ixdesk.gui.instructor_window import BANNER, InstructorWindow
    from ixdesk.services.instructor_view import instructor_by_email, instructor_by_id

    try:
        if banner is None:
            choice = instructor_by_email(database, instructor)
        else:
            choice = instructor_by_id(database, instructor)
    except IxdeskError as error:
        print(f"ixdesk: {error}", file=sys.stderr)
        QMessageBox.critical(None, "ixdesk cannot open instructor mode", str(error))
        return None
    window = InstructorWindow(database, choice, banner=banner or BANNER)
    install_excepthook(window.workbench.bugs.report)
    window.show()
    return window


def run_gui(database_target: str | None = None, instructor: str | None = None) -> int:
    """Show the main window and open the database into it once painted, or open the
    database and show instructor mode's window when ``instructor`` is an email;
    returns the exit status."""
    app = application()
    if instructor is not None:
        return _run_instructor_mode(app, database_target, instructor)
    session = Session(app, database_target)
    install_excepthook(session.report_bug)
    session.start()
    try:
        status = app.exec()
        return status if session.exit_status is None else session.exit_status
    finally:
        if session.database is not None:
            session.database.close()


def _run_instructor_mode(app: QApplication, database_target: str | None, email: str) -> int:
    """Instructor mode only reads: it never creates a database."""
    try:
        database = open_encrypted_or_not(database_target, create=False)
        if database is None:
            return 1
    except IxdeskError as error:
        print(f"ixdesk: error: {error}", file=sys.stderr)
        QMessageBox.critical(None, "ixdesk cannot open the database", str(error))
        return 1
    try:
        window = open_instructor_window(database, email)
        return 1 if window is None else app.exec()
    finally:
        database.close()
