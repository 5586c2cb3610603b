"""Start the ixdesk window (or instructor mode's window), and switch between the
coordinator's and the demo database."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QProgressDialog

from ixdesk.db import Database, open_database
from ixdesk.db.location import chosen_explicitly, missing_file
from ixdesk.errors import IxdeskError
from ixdesk.gui.bugs import BugReporter, install_excepthook
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.focus_ring import install_focus_ring
from ixdesk.gui.icons import icon
from ixdesk.paths import user_data_dir

if TYPE_CHECKING:
    from ixdesk.gui.main_window import MainWindow

DEMO_STUDENTS = 600


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


def open_home_database(target: str | None) -> Database | None:
    """The coordinator's database for the window; None when they chose not to create it.

    The default file in the data folder is created without asking; a file
    named with ``--database`` or ``IXDESK_DATABASE`` that does not exist yet is
    created only when the person says so (a typing mistake must not start an
    empty database). A database that can only be read says so once.
    """
    missing = missing_file(target)
    if missing is not None and chosen_explicitly(target):
        answer = QMessageBox.question(
            None,
            "ixdesk",
            f"There is no database at {missing}. Create a new one?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    database = open_database(target)
    if database.read_only is not None:
        QMessageBox.information(
            None,
            "ixdesk opened the database for reading only",
            f"The database {database.location} can be read but not changed "
            f"({database.read_only}), so edits are not possible.",
        )
    return database


class Session:
    """The window currently open and the database behind it."""

    def __init__(self, app: QApplication, home_target: str | None = None) -> None:
        self.app = app
        self.home_target = home_target
        self.window: MainWindow | None = None
        self.database: Database | None = None
        self.bugs = BugReporter(DialogService())  # until a window is open

    def show(self, database: Database) -> None:
        from ixdesk.gui.main_window import MainWindow

        old_window, old_database = self.window, self.database
        window = MainWindow(database)
        window.database_requested.connect(self.switch)
        window.show()
        self.window, self.database = window, database
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_database is not None:
            old_database.close()

    def report_bug(self, error: BaseException) -> None:
        """An exception escaped a Qt slot: the open window's bug report, or a plain one."""
        bugs = self.window.workbench.bugs if self.window is not None else self.bugs
        bugs.report(error)

    def switch(self, which: str) -> None:
        try:
            if which == "demo":
                database: Database | None = open_demo_database()
            else:
                database = open_home_database(self.home_target)
        except IxdeskError as error:
            QMessageBox.critical(None, "ixdesk cannot open the database", str(error))
            return
        if database is not None:
            self.show(database)


def open_instructor_window(database: Database, email: str) -> QMainWindow | None:
    """Instructor mode's window on the instructor with this email, shown; for an
    unknown email, one line on stderr and a message box, and no window (None)."""
    from ixdesk.gui.instructor_window import InstructorWindow
    from ixdesk.services.instructor_view import instructor_by_email

    try:
        instructor = instructor_by_email(database, email)
    except IxdeskError as error:
        print(f"ixdesk: {error}", file=sys.stderr)
        QMessageBox.critical(None, "ixdesk cannot open instructor mode", str(error))
        return None
    window = InstructorWindow(database, instructor)
    install_excepthook(window.workbench.bugs.report)
    window.show()
    return window


def run_gui(database_target: str | None = None, instructor: str | None = None) -> int:
    """Open the database and show the main window, or instructor mode's window when
    ``instructor`` is an email; returns the exit status."""
    app = application()
    try:
        if instructor is not None:  # instructor mode only reads: it never creates a database
            database: Database | None = open_database(database_target, create=False)
        else:
            database = open_home_database(database_target)
    except IxdeskError as error:
        print(f"ixdesk: error: {error}", file=sys.stderr)
        QMessageBox.critical(None, "ixdesk cannot open the database", str(error))
        return 1
    if database is None:
        return 1  # the person chose not to create a new database
    if instructor is not None:
        try:
            window = open_instructor_window(database, instructor)
            return 1 if window is None else app.exec()
        finally:
            database.close()
    session = Session(app, database_target)
    install_excepthook(session.report_bug)
    session.show(database)
    try:
        return app.exec()
    finally:
        if session.database is not None:
            session.database.close()
