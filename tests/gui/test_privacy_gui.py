"""The export dialog's profile, the students it left out, and the read-only audit log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui import exports
from ixdesk.gui.audit_view import AuditLogView
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.workbench import Workbench
from tests import privacy_world
from tests.gui.conftest import ScriptedDialogs
from tests.gui.test_exports_gui import outcome


def test_the_partner_export_shows_its_profile_first_and_says_who_was_left_out(
    qtbot: QtBot, sqlite_database: Database, window: MainWindow, dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:  # fmt: skip
    world = privacy_world.build(sqlite_database)
    dialogs.confirm_answer = False  # the person reads the profile and stops
    assert exports.export_partner_brief(window.workbench, world["acme"]) is None
    assert dialogs.kinds() == ["confirm"]
    _kind, _title, profile = dialogs.asked[0]
    assert profile.startswith("Profile: Partner company, for a partner company.")
    assert "first name, preferred name, initial of the last name, group" in profile
    assert "email" not in profile and "phone" not in profile

    dialogs.asked.clear()
    dialogs.confirm_answer = True
    dialogs.save_file_answer = str(tmp_path / "brief.xlsx")
    assert exports.export_partner_brief(window.workbench, world["acme"]) is not None
    kind, _title, text = outcome(qtbot, dialogs)
    assert kind == "offer_file"
    assert text.endswith(
        "1 student under 18 was left out: no guardian's consent for sharing work with the "
        "partner company is on record."
    )
    assert dialogs.kinds()[:2] == ["confirm", "save_file"]


def test_the_audit_log_view_lists_exports_and_takes_no_edits(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench, dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:  # fmt: skip
    from ixdesk.services import export as ex

    world = privacy_world.build(sqlite_database)
    view = AuditLogView(workbench)
    qtbot.addWidget(view)
    view.show()
    view.freshness.flush()
    assert view.table.rowCount() == 0
    ex.export_partner_brief(sqlite_database, world["acme"], tmp_path / "a.xlsx")
    ex.export_cohort_roster(sqlite_database, world["cohort"], tmp_path / "b.xlsx")
    view._refresh()
    assert view.table.rowCount() == 2
    assert [view.table.item(row, 4).text() for row in range(2)] == ["partner", "coordinator"]
    assert view.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert view.count.text().startswith("2 entries")
    dialogs.save_file_answer = str(tmp_path / "log.csv")
    view.save_csv()
    assert (tmp_path / "log.csv").read_text(encoding="utf-8-sig").count("\n") == 3


def test_the_purge_from_the_window_says_who_first_then_anonymises(
    sqlite_database: Database, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    from datetime import date

    from ixdesk.db import models as m
    from ixdesk.gui.privacy_actions import purge
    from ixdesk.services.operations import OperationContext, run_operation

    world = privacy_world.build(sqlite_database)
    assert not purge(window.workbench)
    assert dialogs.asked[-1][0] == "info" and "No students to anonymise" in dialogs.asked[-1][2]

    def archive(context: OperationContext) -> None:
        cohort = context.session.get(m.Cohort, world["cohort"])
        assert cohort is not None
        cohort.status, cohort.ends_on = "archived", date(2020, 1, 31)  # type: ignore[assignment]

    run_operation(sqlite_database, archive)
    dialogs.asked.clear()
    dialogs.confirm_answer = False
    assert not purge(window.workbench)
    kind, _title, question = dialogs.asked[0]
    assert kind == "confirm" and question.startswith("3 student(s) of 1 cohort(s)")
    assert "would be anonymised" in question and "cannot be undone" in question
    dialogs.confirm_answer = True
    assert purge(window.workbench)
    assert "were anonymised" in dialogs.asked[-1][2]
    with sqlite_database.read() as session:
        assert session.get(m.Student, world["zoe"]).first_name == "Former"  # type: ignore[union-attr]


def test_the_photo_list_shows_its_profile_first_and_says_who_was_left_out(
    qtbot: QtBot, sqlite_database: Database, window: MainWindow, dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:  # fmt: skip
    from ixdesk.gui.export_actions import MENU_ITEMS, VIEW_ITEMS
    from ixdesk.services.record_kinds import Kind

    assert ("actionExportPhotoList", "P&hoto list", exports.PHOTO_LIST) in MENU_ITEMS
    assert ("Export the group's photo list…", exports.GROUP_PHOTO_LIST) in VIEW_ITEMS[Kind.GROUPS]
    world = privacy_world.build(sqlite_database)
    dialogs.confirm_answer = True
    dialogs.save_file_answer = str(tmp_path / "photos.xlsx")
    assert exports.export_record(window.workbench, exports.PHOTO_LIST, world["cohort"])
    kind, _title, text = outcome(qtbot, dialogs)
    assert kind == "offer_file"
    _kind, title, profile = dialogs.asked[0]
    assert title == "Export photo list" and profile.startswith("Profile: Photographer")
    assert "email" not in profile and "phone" not in profile
    assert text.endswith(
        "2 students under 18 were left out: no guardian's consent for photos is on record."
    )
    assert (tmp_path / "photos.xlsx").is_file()
