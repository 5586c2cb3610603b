"""Start the ixdesk window."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ixdesk.db import open_database
from ixdesk.errors import IxdeskError
from ixdesk.paths import resource_path


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("ixdesk")
    app.setOrganizationName("ixdesk")
    app.setWindowIcon(QIcon(str(resource_path("icons", "ixdesk.svg"))))
    return app


def run_gui(database_target: str | None = None) -> int:
    """Open the database and show the main window; returns the exit status."""
    app = application()
    try:
        database = open_database(database_target)
    except IxdeskError as error:
        QMessageBox.critical(None, "ixdesk cannot open the database", str(error))
        return 1
    from ixdesk.gui.main_window import MainWindow

    window = MainWindow(database)
    window.show()
    try:
        return app.exec()
    finally:
        database.close()
