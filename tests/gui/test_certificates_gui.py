"""Certificates from the window: which cohort, which folder, progress, Cancel, the key."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui import certificate_actions
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.tasks import BackgroundTask
from ixdesk.services.certificates import issue, keys
from ixdesk.services.settings import save_settings
from tests.certificate_world import COHORT, COMPLETED, build_certificate_world
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import open_view


@pytest.fixture
def cohort(sqlite_database: Database) -> dict[str, str]:
    ids = build_certificate_world(sqlite_database)
    save_settings(sqlite_database, {"organisation_name": "Northwind"})
    return ids


def _outcome(qtbot: QtBot, dialogs: ScriptedDialogs) -> tuple[str, str, str]:
    qtbot.waitUntil(
        lambda: bool({"offer_file", "error", "info"} & set(dialogs.kinds())), timeout=20_000
    )
    return next(a for a in dialogs.asked if a[0] in ("offer_file", "error", "info"))


def _action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


def test_file_export_certificates_asks_cohort_and_folder_and_writes_them(
    qtbot: QtBot,
    cohort: dict[str, str],
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:
    dialogs.choose_answer = cohort["cohort"]
    dialogs.folder_answer = str(tmp_path)
    _action(window, "actionWriteCertificates").trigger()  # the dashboard shows: asked which
    kind, _title, text = _outcome(qtbot, dialogs)
    assert kind == "offer_file", text
    folder = tmp_path / f"{COHORT} certificates"
    assert f"3 certificates of {COHORT} written to\n{folder}" in text
    assert "2 other students of the cohort did not complete it" in text
    assert dialogs.kinds()[:3] == ["choose", "confirm", "choose_folder"]
    assert dialogs.asked[1][2].startswith("Profile: Certificate, for each student who completed")
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(
        f"{name} - {COHORT}.pdf" for name in COMPLETED
    )
    assert len(list(folder.glob("*.jwt"))) == 3
    qtbot.waitUntil(lambda: "3 certificates written to" in window.statusBar().currentMessage())


def test_the_cohorts_view_writes_the_selected_cohort_s(
    qtbot: QtBot,
    cohort: dict[str, str],
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:
    view = open_view(window, "cohorts")
    view.select_record(cohort["cohort"])
    dialogs.folder_answer = str(tmp_path)
    _action(window, "actionCohortCertificates").trigger()
    assert _outcome(qtbot, dialogs)[0] == "offer_file"
    assert "choose" not in dialogs.kinds()  # the selected cohort, not asked
    dialogs.asked.clear()
    dialogs.folder_answer = None  # the person closes the folder dialog: nothing happens
    assert certificate_actions.write_certificates(window.workbench, cohort["cohort"]) is None
    assert dialogs.kinds() == ["confirm", "choose_folder"]


def test_a_cohort_nobody_completed_is_said_and_nothing_written(
    qtbot: QtBot,
    sqlite_database: Database,
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:
    from ixdesk.db import models as m
    from ixdesk.services.operations import run_operation

    def add(context: Any) -> str:
        record = m.Cohort(name="Empty Autumn 2027")
        context.session.add(record)
        context.session.flush()
        return str(record.id)

    empty = run_operation(sqlite_database, add)
    out = tmp_path / "out"
    out.mkdir()
    dialogs.folder_answer = str(out)
    certificate_actions.write_certificates(window.workbench, empty)
    kind, _title, text = _outcome(qtbot, dialogs)
    assert kind == "info" and "No student of Empty Autumn 2027 has completed it" in text
    assert list(out.iterdir()) == []
    assert not keys.key_path().exists()


def test_cancel_keeps_what_was_written_and_says_so(
    qtbot: QtBot,
    cohort: dict[str, str],
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The work waits after its first certificate until Cancel is clicked."""
    real = issue.write_certificates
    threads: list[int] = []

    def held(database: Database, cohort_id: str, folder: Path, **options: Any) -> Any:
        report, stop = options["progress"], options["cancelled"]
        asked = [0]

        def waiting() -> bool:
            asked[0] += 1
            threads.append(threading.get_ident())
            if asked[0] > 1:  # after the first certificate: wait for Cancel
                report(1, 3)
                while not stop():
                    threading.Event().wait(0.01)
            return bool(stop())

        return real(database, cohort_id, folder, **{**options, "cancelled": waiting})

    monkeypatch.setattr(issue, "write_certificates", held)
    dialogs.folder_answer = str(tmp_path)
    task = certificate_actions.write_certificates(window.workbench, cohort["cohort"])
    assert isinstance(task, BackgroundTask)
    with qtbot.waitSignal(task.progressed, timeout=20_000) as progressed:
        pass
    assert progressed.args == [1, 3, "Writing certificate 1 of 3…"]
    dialog = task.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)  # shown while the work is held up
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert threads and threads[0] != threading.get_ident()
    message = window.statusBar().currentMessage()
    assert message.startswith("Cancelled: 1 certificate written so far, in"), message
    assert len(list((tmp_path / f"{COHORT} certificates").glob("*.pdf"))) == 1
    assert not {"offer_file", "error"} & set(dialogs.kinds())


def test_the_public_key_is_saved_where_asked(
    window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    dialogs.save_file_answer = str(tmp_path / "northwind key")  # typed without a suffix
    _action(window, "actionExportPublicKey").trigger()
    written = tmp_path / "northwind key.jwk"
    assert keys.read_public_key(written).thumbprint() == keys.signing_key().thumbprint()
    assert "The public key was written to" in window.statusBar().currentMessage()
