"""File ▸ Connect to a server…: a wrong password is said in the dialog; a good one opens
the database, is kept in the keyring only, and fills the dialog next time."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from ixdesk.db.server_roles import COORDINATOR
from ixdesk.gui.connect_dialog import ConnectDialog
from ixdesk.gui.main_window import MainWindow
from ixdesk.services import connections
from tests.memory_keyring import MemoryKeyring
from tests.shared_server import SharedServer

pytestmark = pytest.mark.postgres_only


def _fill(dialog: ConnectDialog, url: str, password: str) -> None:
    parsed = make_url(url)
    dialog.host.setText(str(parsed.host))
    dialog.port.setValue(int(parsed.port or 5432))
    dialog.database_name.setText(str(parsed.database))
    dialog.user.setText(str(parsed.username))
    dialog.password.setText(password)
    dialog.tls.setCurrentIndex(dialog.tls.findData("disable"))


def test_a_wrong_password_is_said_in_the_dialog(
    qtbot: QtBot, shared_server: SharedServer, memory_keyring: MemoryKeyring
) -> None:
    _, url = shared_server.add_login(COORDINATOR, "cora")
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog, url, "wrong")
    dialog.connect_now()
    assert dialog.database is None and dialog.isVisible()
    assert dialog.problem.isVisible()
    assert "refused the user name or password" in dialog.problem.text()
    assert memory_keyring.passwords == {} and connections.remembered() == []


def test_connecting_keeps_the_password_in_the_keyring_and_remembers_the_rest(
    qtbot: QtBot, shared_server: SharedServer, memory_keyring: MemoryKeyring
) -> None:
    name, url = shared_server.add_login(COORDINATOR, "cora")
    password = str(make_url(url).password)
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, url, password)
    dialog.connect_now()
    assert dialog.database is not None and dialog.result() == ConnectDialog.DialogCode.Accepted
    dialog.database.close()
    assert list(memory_keyring.passwords.values()) == [password]
    (remembered,) = connections.remembered()
    assert remembered.user == name and remembered.sslmode == "disable"
    again = ConnectDialog()
    qtbot.addWidget(again)
    assert again.remembered.currentText() == remembered.label
    assert (again.user.text(), again.password.text()) == (name, password)
    assert again.tls.currentData() == "disable"


def test_the_file_menu_offers_it(qtbot: QtBot, window: MainWindow) -> None:
    main_window = window
    texts = [action.text() for action in main_window.ui.menuFile.actions()]
    assert "&Connect to a server…" in texts
    below = texts.index("Open &your database") + 1
    assert texts[below] == "&Connect to a server…"
    asked: list[str] = []
    main_window.database_requested.connect(asked.append)
    main_window.connect_action.trigger()
    assert asked == ["server"]
