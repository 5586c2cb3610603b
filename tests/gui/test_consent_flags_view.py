"""A minor's missing consents shown where the purpose is used: the student's card (one
line, and beside a ticked messaging opt-in), kept fresh when a consent is recorded."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from ixdesk.db.enums import ConsentPurpose
from ixdesk.gui.consent_panel import ConsentDialog
from ixdesk.gui.main_window import MainWindow
from ixdesk.services.record_kinds import Kind
from tests import privacy_world
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import open_view


def test_the_card_says_what_a_minor_lacks_and_follows_a_consent_recorded(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    world = privacy_world.build(window.database)
    view = open_view(window, "students")
    assert window.open_record(Kind.STUDENTS, world["kofi"])
    editor = view.editor
    panel = editor.consents
    assert panel is not None
    assert panel.status.isVisible()
    assert panel.status.text() == (
        "Under 18: no guardian's consent on record for photos, sharing work with the partner "
        "company, messages."
    )
    opt_in = editor.fields["messaging_opt_in"]
    assert isinstance(opt_in, QCheckBox)
    assert panel.opt_in_flag.text() == ""  # not opted in: nothing to flag
    opt_in.setChecked(True)
    assert panel.opt_in_flag.text() == (
        "Under 18: no guardian's consent for messages is on record."
    )
    assert panel.opt_in_flag.isVisible()

    def fill(dialog: Any) -> bool:
        assert isinstance(dialog, ConsentDialog)
        dialog.purposes[ConsentPurpose.PARTICIPATION].setChecked(False)
        dialog.purposes[ConsentPurpose.MESSAGES].setChecked(True)
        dialog.given_by.setText("A guardian")
        return True

    dialogs.review_answer = fill
    panel.record()  # through the window's runner: the card catches up by itself
    qtbot.waitUntil(lambda: "messages" not in panel.status.text(), timeout=3000)
    assert panel.status.text() == (
        "Under 18: no guardian's consent on record for photos, sharing work with the partner "
        "company."
    )
    assert panel.opt_in_flag.text() == ""
    assert "A guardian" not in panel.status.text()

    dialogs.text_answer = "A guardian"
    row = next(i for i, r in enumerate(panel.rows) if r.purpose == ConsentPurpose.MESSAGES)
    panel.table.selectRow(row)
    panel.withdraw()
    qtbot.waitUntil(lambda: "withdrawn" in panel.status.text(), timeout=3000)
    assert panel.status.text().endswith("; consent withdrawn for messages.")
    assert panel.opt_in_flag.text() == (
        "Under 18: the guardian's consent for messages was withdrawn."
    )


def test_an_adults_card_has_no_consent_line(window: MainWindow) -> None:
    world = privacy_world.build(window.database)
    view = open_view(window, "students")
    assert window.open_record(Kind.STUDENTS, world["ada"])
    panel = view.editor.consents
    assert panel is not None
    assert not panel.status.isVisible()
    opt_in = view.editor.fields["messaging_opt_in"]
    assert isinstance(opt_in, QCheckBox)
    opt_in.setChecked(True)
    assert panel.opt_in_flag.text() == ""
