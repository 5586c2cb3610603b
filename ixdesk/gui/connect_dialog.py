"""File ▸ Connect to a server…: open a shared PostgreSQL database.

Host, port, database, user and password, with the connections made before
offered first. The password is kept in the operating system's keyring when
the person asks (never in a settings file). A failure is said in one
sentence inside the dialog (unreachable server, wrong password, missing
database, a schema newer than this ixdesk, a server older than 13, TLS
required or refused), and the fields stay as typed so it can be mended.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db import Database, open_database
from ixdesk.errors import IxdeskError
from ixdesk.gui.icons import icon
from ixdesk.services import connections as c

TLS_CHOICES = {
    "prefer": "Use TLS when the server offers it",
    "require": "Require TLS",
    "verify-full": "Require TLS and check the server's certificate",
    "disable": "Never use TLS",
}
NEW_CONNECTION = "New connection"


class ConnectDialog(QDialog):
    """Asks where the server is and who is connecting; ``database`` once connected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to a server")
        self.database: Database | None = None
        self.notice: str | None = None  # said after connecting (a password not kept)
        self.known = c.remembered()
        self.remembered = QComboBox()
        self.remembered.addItem(NEW_CONNECTION)
        for connection in self.known:
            self.remembered.addItem(connection.label)
        self.remembered.setAccessibleName("Remembered connections")
        self.host = QLineEdit()
        self.host.setPlaceholderText("db.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(c.DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.database_name = QLineEdit()
        self.database_name.setPlaceholderText("ixdesk")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox("Keep the password in this computer's keyring")
        self.keep.setChecked(True)
        self.tls = QComboBox()
        for mode, text in TLS_CHOICES.items():
            self.tls.addItem(text, mode)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setForegroundRole(QPalette.ColorRole.BrightText)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setAccessibleName("Why the connection failed")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("&Remembered:", self.remembered)
        form.addRow("&Host:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database_name)
        form.addRow("&User:", self.user)
        form.addRow("Pass&word:", self.password)
        form.addRow("", self.keep)
        form.addRow("&Encryption:", self.tls)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        connect = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert connect is not None
        connect.setText("&Connect")
        self.buttons.accepted.connect(self.connect_now)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.remembered.currentIndexChanged.connect(self._fill_from_remembered)
        if self.known:
            self.remembered.setCurrentIndex(1)
        self.setMinimumWidth(520)

    def connection(self) -> c.ServerConnection:
        return c.ServerConnection(
            host=self.host.text().strip() or "localhost",
            database=self.database_name.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            sslmode=str(self.tls.currentData()),
        )

    def _fill_from_remembered(self, index: int) -> None:
        if index <= 0:
            for field in (self.host, self.database_name, self.user, self.password):
                field.clear()
            self.port.setValue(c.DEFAULT_PORT)
            return
        chosen = self.known[index - 1]
        self.host.setText(chosen.host)
        self.port.setValue(chosen.port)
        self.database_name.setText(chosen.database)
        self.user.setText(chosen.user)
        self.tls.setCurrentIndex(max(0, self.tls.findData(chosen.sslmode)))
        self.password.setText(c.saved_password(chosen) or "")

    def say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.show()

    def connect_now(self) -> None:
        """Open the database; on success keep what was asked and close, else say why."""
        connection = self.connection()
        if not connection.database or not connection.user:
            self.say("Give the database's name and your user name.")
            return
        password = self.password.text()
        self.problem.hide()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.database = open_database(connection.url(password))
        except IxdeskError as error:
            self.say(str(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        c.remember(connection)
        if self.keep.isChecked() and password:
            self.notice = c.save_password(connection, password)
        else:
            c.drop_password(connection)
        self.accept()


def connect_action(menu: QMenu, after: QAction) -> QAction:
    """File ▸ Connect to a server…, placed in ``menu`` just below ``after``."""
    action = QAction(icon("link"), "&Connect to a server…", menu)
    action.setObjectName("actionConnect")
    action.setStatusTip("Open a shared PostgreSQL database on a server")
    entries = menu.actions()
    below = entries.index(after) + 1
    if below < len(entries):
        menu.insertAction(entries[below], action)
    else:
        menu.addAction(action)
    return action


def connect_to_server(parent: QWidget | None = None) -> Database | None:
    """Ask for a server and connect; the open database, or None when cancelled."""
    dialog = ConnectDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.database
