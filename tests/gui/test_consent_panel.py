"""The consent records on the student's editor: recorded, withdrawn, undone."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.enums import ConsentPurpose
from ixdesk.gui.consent_panel import ConsentDialog, ConsentPanel
from ixdesk.gui.workbench import Workbench
from ixdesk.services.privacy import consent as cs
from tests import privacy_world
from tests.gui.conftest import ScriptedDialogs


def _shown(panel: ConsentPanel) -> list[list[str]]:
    table = panel.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_consent_is_recorded_withdrawn_and_undone_from_the_student(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench, dialogs: ScriptedDialogs
) -> None:
    world = privacy_world.build(sqlite_database)
    panel = ConsentPanel(workbench)
    qtbot.addWidget(panel)
    panel.show_for(world["ada"])
    assert panel.title.text() == "Guardian's consent: none on record"
    assert not panel.withdraw_button.isEnabled()

    def fill(dialog: Any) -> bool:
        assert isinstance(dialog, ConsentDialog)
        dialog.purposes[ConsentPurpose.PHOTOS].setChecked(True)
        dialog.given_by.setText("Grace Lovelace")
        dialog.relation.setText("mother")
        dialog.notice.setText("2026-01")
        return True

    dialogs.review_answer = fill
    panel.record()
    panel.show_for(world["ada"])
    rows = _shown(panel)
    assert sorted(row[0] for row in rows) == ["Photos", "Taking part"]
    assert all(row[1:3] == ["Grace Lovelace", "mother"] and row[5] == "2026-01" for row in rows)
    assert panel.title.text() == "Guardian's consent (2 valid)"

    panel.table.selectRow(0)
    assert panel.withdraw_button.isEnabled()
    dialogs.text_answer = "Grace Lovelace"
    panel.withdraw()
    panel.show_for(world["ada"])
    assert panel.title.text() == "Guardian's consent (1 valid)"
    assert any(row[6].endswith("by Grace Lovelace") for row in _shown(panel))

    assert workbench.undo_stack is not None
    workbench.undo_stack.undo()  # the withdrawal
    assert all(row.valid for row in cs.student_consents(sqlite_database, world["ada"]))
    workbench.undo_stack.undo()  # the recording
    assert cs.student_consents(sqlite_database, world["ada"]) == []
