"""A minor's missing consents shown where the purpose is used: the student's card (one
line, and beside a ticked messaging opt-in), the enrolment board's and the group
builder's cards; kept fresh when a consent is recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import ConsentPurpose
from ixdesk.gui.consent_panel import ConsentDialog
from ixdesk.gui.enrolment_board import EnrolmentBoard
from ixdesk.gui.group_builder import GroupBuilder
from ixdesk.gui.group_builder.common import student_icon
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.workbench import Workbench
from ixdesk.services.groups import StudentRow
from ixdesk.services.operations import update_record
from ixdesk.services.privacy import consent as cs
from ixdesk.services.record_kinds import Kind
from tests import privacy_world
from tests.enrolment_fixtures import ES, SmallCohort, small_cohort
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import caught_up, open_view

ADULT = date(2000, 1, 1)
Shows = EnrolmentBoard | GroupBuilder


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


def _marked_world(database: Database) -> SmallCohort:
    """Eva (in Group 1) with a consent to take part, withdrawn; Finn (in Group 1) an
    adult; Gus (enrolled, in no group) with no date of birth and no consent."""
    cohort = small_cohort(database)
    students = cohort.students
    (given,) = cs.give_consent(
        database, students["Eva"], [ConsentPurpose.PARTICIPATION], given_by="A guardian"
    )
    cs.withdraw_consent(database, given, withdrawn_by="A guardian")
    with database.read() as session:
        finn = session.get(m.Student, students["Finn"])
        assert finn is not None
        version = finn.version
    update_record(database, m.Student, students["Finn"], version, {"date_of_birth": ADULT})
    return cohort


def _shown(qtbot: QtBot, widget: Shows, cohort: SmallCohort) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_cohort(cohort.cohort_id)


def test_the_enrolment_board_marks_minors_without_consent_to_take_part(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    cohort = _marked_world(sqlite_database)
    board = EnrolmentBoard(workbench)
    _shown(qtbot, board, cohort)
    model = board.columns[ES.ENROLLED].model
    rows = {row.first_name: row for row in model.all_rows()}
    assert model.tag(rows["Eva"]) == ""  # the name keeps its room: the mark is an icon
    assert model.tag(rows["Eva"], long=True) == "consent withdrawn"
    assert model.tag(rows["Gus"]) == "no group"
    assert model.tag(rows["Gus"], long=True) == "no consent yet · no group yet"
    icons = {
        model.row_at(n).first_name: model.data(model.index(n), Qt.ItemDataRole.DecorationRole)
        for n in range(model.rowCount())
    }
    assert isinstance(icons["Eva"], QIcon) and isinstance(icons["Gus"], QIcon)
    assert icons["Finn"] is None  # an adult
    tips = {
        model.row_at(n).name: model.data(model.index(n), Qt.ItemDataRole.ToolTipRole)
        for n in range(model.rowCount())
    }
    assert tips["Eva Gray"].endswith(
        "\nUnder 18: the guardian's consent for taking part in the programme was withdrawn."
    )
    assert tips["Gus Ince"].endswith(
        "\nUnder 18: no guardian's consent for taking part in the programme is on record."
    )
    assert "Under 18" not in tips["Finn Holt"]
    # A consent recorded elsewhere: the board follows.
    cs.give_consent(
        sqlite_database, cohort.students["Gus"], [ConsentPurpose.PARTICIPATION],
        given_by="A guardian", hub=workbench.hub,
    )  # fmt: skip
    caught_up(qtbot, board)
    rows = {row.first_name: row for row in board.columns[ES.ENROLLED].model.all_rows()}
    assert model.tag(rows["Gus"], long=True) == "no group yet"
    assert rows["Gus"].consent is None


def test_the_group_builder_marks_minors_without_consent_to_take_part(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    cohort = _marked_world(sqlite_database)
    builder = GroupBuilder(workbench)
    _shown(qtbot, builder, cohort)
    tree = builder.tree_model
    group = tree.group_index(cohort.group_id)
    members = {tree.index(row, 0, group).data(): tree.index(row, 0, group) for row in range(2)}
    eva, finn = members["Eva Gray"], members["Finn Holt"]
    assert isinstance(eva.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert eva.data(Qt.ItemDataRole.ToolTipRole) == (
        "Eva Gray — Under 18: the guardian's consent for taking part in the programme "
        "was withdrawn."
    )
    assert finn.data(Qt.ItemDataRole.DecorationRole) is None
    assert finn.data(Qt.ItemDataRole.ToolTipRole) == "Finn Holt"
    loose = builder.unassigned_model
    (gus,) = [loose.index(row, 0) for row in range(loose.rowCount())]
    assert isinstance(gus.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert gus.data(Qt.ItemDataRole.ToolTipRole).endswith("is on record.")
    assert loose.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is None  # the name only
    # A consent recorded elsewhere: the builder follows.
    cs.give_consent(
        sqlite_database, cohort.students["Gus"], [ConsentPurpose.PARTICIPATION],
        given_by="A guardian", hub=workbench.hub,
    )  # fmt: skip
    caught_up(qtbot, builder)
    assert loose.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert loose.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Gus Ince"


def test_a_locked_member_without_consent_shows_both_signs(qapp: Any) -> None:
    locked = StudentRow("s1", "Eva", "Gray", None, None, None, None, None, None, locked=True)
    lacking = replace(locked, consent=cs.MISSING)
    both, lock = student_icon(lacking), student_icon(locked)
    assert isinstance(both, QIcon) and isinstance(lock, QIcon)
    warning = student_icon(replace(lacking, locked=False))
    assert isinstance(warning, QIcon)
    keys = {both.cacheKey(), lock.cacheKey(), warning.cacheKey()}
    assert len(keys) == 3  # the lock is not hidden by the warning, nor the other way
    assert student_icon(replace(locked, locked=False)) is None
