"""The "needs attention" list and the instructor load table, driven like a coordinator would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui.attention_view import COHORT, TEXT_COLUMN, AttentionView
from ixdesk.gui.freshness import DELAY_MS
from ixdesk.gui.instructor_load import InstructorLoadView
from ixdesk.gui.workbench import Workbench
from ixdesk.services import attention
from ixdesk.services.assignments import assign_group, load_assignment
from tests.assignment_world import build_assignment_world


def _texts(view: AttentionView) -> list[str]:
    return [view.model.display_row(row)[TEXT_COLUMN] for row in range(view.model.rowCount())]


def _row_of(view: AttentionView, start: str) -> int:
    return next(i for i, text in enumerate(_texts(view)) if text.startswith(start))


def test_rows_match_the_cohorts_concerns_and_filter_by_kind_and_search(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    world = build_assignment_world(sqlite_database)
    view = AttentionView(workbench)
    qtbot.addWidget(view)
    view.show()
    view.set_cohort(world["hs"])
    expected = attention.cohort_concerns(sqlite_database, world["hs"])
    assert sorted(_texts(view)) == sorted(c.text for c in expected)
    assert len(expected) == 16
    assert view.title.text() == "16 things need attention"
    assert view.scope_label.text() == "in Marketing Spring 2027"
    assert view.table.isColumnHidden(COHORT)
    assert view.model.display_row(0)[0] == "Critical"  # critical ones first

    view.show_kind(attention.GROUP_WITHOUT_LEAD)
    assert _texts(view) == [
        "Group 3 in Marketing Spring 2027 has no lead instructor.",
        "Group 5 in Marketing Spring 2027 has no lead instructor.",
    ]
    assert view.count_label.text() == "2 of 16"
    view.show_kind(None)
    qtbot.keyClicks(view.search, "frida")
    (found,) = _texts(view)
    assert found.startswith("Frida ") and found.endswith(
        " is enrolled in Marketing Spring 2027 but is in no group."
    )

    view.search.clear()
    view.set_cohort(None)
    assert view.model.rowCount() == len(attention.all_concerns(sqlite_database)) == 18
    assert not view.table.isColumnHidden(COHORT)


def test_double_click_and_enter_open_the_record(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    world = build_assignment_world(sqlite_database)
    view = AttentionView(workbench)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    view.set_cohort(world["hs"])
    row = _row_of(view, "Frida")
    rect = view.table.visualRect(view.model.index(row, TEXT_COLUMN))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.open_record) as opened:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["students", world["free"]]

    row = _row_of(view, "Cai Jones")
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, 0))
    with qtbot.waitSignal(view.open_record) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == ["instructors", world["cai"]]


def test_a_change_refreshes_the_list_or_marks_it_stale_while_hidden(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    world = build_assignment_world(sqlite_database)
    hub = workbench.hub
    view = AttentionView(workbench)
    qtbot.addWidget(view)
    view.show()
    view.set_cohort(world["hs"])
    version = load_assignment(sqlite_database, world["g3"]).version
    assign_group(sqlite_database, world["g3"], world["p_ok"], world["ana"], [], hub=hub,
                 expected_version=version)  # fmt: skip
    assert view.freshness.stale  # reloaded once a burst of changes is over
    qtbot.waitUntil(lambda: view.title.text() == "14 things need attention", timeout=2000)
    assert not any(
        text.startswith("Group 3 in Marketing Spring 2027 has no") for text in _texts(view)
    )

    view.hide()
    # Group 5 gets a problem and loses Dee, its assistant without a safeguarding expiry date.
    assign_group(sqlite_database, world["g5"], world["p_ok"], None, [], hub=hub)
    qtbot.wait(2 * DELAY_MS)
    assert view.freshness.stale and view.model.rowCount() == 14  # not reloaded while hidden
    view.show()
    assert not view.freshness.stale and view.model.rowCount() == 12


def test_instructor_load_lists_busiest_first_and_opens_the_instructor(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    world = build_assignment_world(sqlite_database)
    hub = workbench.hub
    view = InstructorLoadView(workbench)
    qtbot.addWidget(view)
    view.show()
    rows = [view.model.display_row(row)[:5] for row in range(view.model.rowCount())]
    assert sorted(rows) == [
        ["Ana Silva", "Active", "1", "0", "1"],
        ["Ben Okafor", "Active", "2", "0", "2"],  # a running and a recruiting cohort
        ["Cai Jones", "Invited", "0", "1", "1"],
        ["Dee Park", "Active", "0", "1", "1"],
    ]
    assert view.title.text() == "Instructor load"
    assert view.scope_label.text().startswith(
        "in planned, recruiting and running cohorts: 4 of 4 instructors teach"
    )
    assign_group(sqlite_database, world["g3"], None, world["dee"], [], hub=hub)
    dee = ["Dee Park", "Active", "1", "1", "2"]
    qtbot.waitUntil(lambda: dee in [view.model.display_row(r)[:5] for r in range(2)])
    row = next(r for r in range(2) if view.model.display_row(r)[:5] == dee)  # the busiest
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, 0))
    with qtbot.waitSignal(view.open_record) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == ["instructors", world["dee"]]
