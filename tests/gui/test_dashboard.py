"""The dashboard shows the service's numbers, and every element opens what is behind it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.models import Cohort, PartnerCompany
from ixdesk.gui.chart_base import ClickableChart
from ixdesk.gui.dashboard import Dashboard
from ixdesk.gui.freshness import DELAY_MS
from ixdesk.gui.home import HomePage
from ixdesk.gui.workbench import Workbench
from ixdesk.services.dashboard import dashboard_figures
from ixdesk.services.demo import generate_demo
from ixdesk.services.operations import create_record
from ixdesk.services.overview import record_counts
from tests.gui.helpers import caught_up


@pytest.fixture
def demo(sqlite_database: Database) -> Database:
    generate_demo(sqlite_database, students=150, seed=4)
    return sqlite_database


def _dashboard(qtbot: QtBot, workbench: Workbench) -> Dashboard:
    dashboard = Dashboard(workbench)
    qtbot.addWidget(dashboard)
    dashboard.resize(1100, 900)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    return dashboard


def _texts(chart: ClickableChart) -> list[str]:
    return [item.text for item in chart.items]


def test_numbers_shown_equal_the_services(
    qtbot: QtBot, demo: Database, workbench: Workbench
) -> None:
    dashboard = _dashboard(qtbot, workbench)
    figures = dashboard_figures(demo)
    assert _texts(dashboard.cohort_chart) == [f"{n:,}" for n in figures.cohorts_by_status.values()]
    assert [item.label for item in dashboard.cohort_chart.items] == [
        "Planning",
        "Recruiting",
        "Running",
        "Completed",
        "Archived",
    ]
    assert _texts(dashboard.pipeline_chart) == [
        f"{n:,}" for n in figures.companies_by_status.values()
    ]
    assert _texts(dashboard.enrolment_chart) == [
        f"{fill.enrolled:,} / {fill.capacity:,}" for fill in figures.enrolment
    ]
    assert _texts(dashboard.no_problem_tile) == [f"{len(figures.groups_without_problem):,}"]
    assert _texts(dashboard.no_lead_tile) == [f"{len(figures.groups_without_lead):,}"]
    assert _texts(dashboard.expiring_tile) == [f"{len(figures.safeguarding_expiring):,}"]
    assert _texts(dashboard.lapsed_tile) == [f"{len(figures.safeguarding_lapsed):,}"]
    checks = [*figures.safeguarding_expiring, *figures.safeguarding_lapsed]
    assert [item.label for item in dashboard.safeguarding_list.items] == [c.name for c in checks]
    counts = record_counts(demo)
    shown = [button.text() for button in dashboard.total_buttons.values()]
    assert shown == [f"{counts[label]:,}  {label.lower()}" for label in counts]
    # The numbers in words, for a screen reader.
    running = figures.cohorts_by_status["running"]
    words = dashboard.cohort_chart.accessibleDescription()
    assert f"Running: {running} cohort" in words
    assert dashboard.enrolment_chart.accessibleDescription().count("places taken") == min(
        len(figures.enrolment), 25
    )


def _expected(dashboard: Dashboard) -> list[tuple[ClickableChart, int, str, tuple[Any, ...]]]:
    figures = dashboard.figures
    assert figures is not None
    expected: list[tuple[ClickableChart, int, str, tuple[Any, ...]]] = [
        (dashboard.cohort_chart, 2, "list", ("cohorts", {"status": "running"})),
        (dashboard.pipeline_chart, 0, "list", ("companies", {"status": "prospect"})),
        (dashboard.pipeline_chart, 1, "list", ("companies", {"status": "active"})),
        (
            dashboard.no_problem_tile,
            0,
            "list",
            (
                "groups",
                {
                    "ids": list(figures.groups_without_problem),
                    "title": "Groups without a business problem",
                },
            ),
        ),
        (
            dashboard.no_lead_tile,
            0,
            "list",
            (
                "groups",
                {
                    "ids": list(figures.groups_without_lead),
                    "title": "Groups without a lead instructor",
                },
            ),
        ),
        (
            dashboard.enrolment_chart,
            0,
            "record",
            ("cohorts", figures.enrolment[0].cohort_id),
        ),
        (
            dashboard.lapsed_tile,
            0,
            "list",
            (
                "instructors",
                {
                    "ids": [c.instructor_id for c in figures.safeguarding_lapsed],
                    "title": "Active instructors whose safeguarding check has expired or "
                    "is missing",
                },
            ),
        ),
    ]
    checks = [*figures.safeguarding_expiring, *figures.safeguarding_lapsed]
    last = len(checks) - 1
    expected.append(
        (dashboard.safeguarding_list, last, "record", ("instructors", checks[last].instructor_id))
    )
    expiring = figures.safeguarding_expiring
    expected.append(
        (
            dashboard.expiring_tile,
            0,
            "list",
            (
                "instructors",
                {
                    "ids": [c.instructor_id for c in expiring],
                    "title": "Instructors whose safeguarding check expires within 60 days",
                },
            ),
        )
    )
    return expected


def test_clicking_each_element_emits_its_list_or_record(
    qtbot: QtBot, demo: Database, workbench: Workbench
) -> None:
    dashboard = _dashboard(qtbot, workbench)
    for chart, index, how, args in _expected(dashboard):
        chart.set_current(index)  # scrolls it into view first
        rect = chart.item_rects()[index]
        signal = dashboard.open_list if how == "list" else dashboard.open_record
        with qtbot.waitSignal(signal, timeout=1000) as caught:
            qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
        assert tuple(caught.args) == args, chart.title
        assert dashboard.focusWidget() is chart


def test_enter_and_space_open_the_current_element(
    qtbot: QtBot, demo: Database, workbench: Workbench
) -> None:
    dashboard = _dashboard(qtbot, workbench)
    for position, (chart, index, how, args) in enumerate(_expected(dashboard)):
        chart.setFocus()
        qtbot.keyClick(chart, Qt.Key.Key_Home)
        for _ in range(index):
            qtbot.keyClick(chart, Qt.Key.Key_Down)
        assert chart.current == index
        key = Qt.Key.Key_Return if position % 2 else Qt.Key.Key_Space
        signal = dashboard.open_list if how == "list" else dashboard.open_record
        with qtbot.waitSignal(signal, timeout=1000) as caught:
            qtbot.keyClick(chart, key)
        assert tuple(caught.args) == args, chart.title
    # Every chart takes the keyboard focus, in a sensible order.
    assert all(chart.focusPolicy() == Qt.FocusPolicy.StrongFocus for chart in dashboard.charts())
    with qtbot.waitSignal(dashboard.open_list) as caught:
        dashboard.total_buttons["Students"].click()
    assert caught.args == ["students", None]


def test_a_click_outside_any_element_emits_nothing(
    qtbot: QtBot, demo: Database, workbench: Workbench
) -> None:
    dashboard = _dashboard(qtbot, workbench)
    chart = dashboard.cohort_chart
    below = QPoint(10, chart.height() - 1)
    assert chart.index_at(below.toPointF()) == -1
    with qtbot.assertNotEmitted(dashboard.open_list):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=below)


def test_refreshes_when_shown_and_marks_stale_when_hidden(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    hub = workbench.hub
    create_record(sqlite_database, PartnerCompany, {"name": "Acme"})
    dashboard = _dashboard(qtbot, workbench)
    assert _texts(dashboard.cohort_chart)[0] == "0"
    create_record(sqlite_database, Cohort, {"name": "Spring", "status": "planning"}, hub=hub)
    caught_up(qtbot, dashboard)
    assert _texts(dashboard.cohort_chart)[0] == "1"
    dashboard.hide()
    create_record(sqlite_database, Cohort, {"name": "Summer", "status": "planning"}, hub=hub)
    qtbot.wait(2 * DELAY_MS)
    assert dashboard.freshness.stale
    assert _texts(dashboard.cohort_chart)[0] == "1"
    dashboard.show()
    assert not dashboard.freshness.stale
    assert _texts(dashboard.cohort_chart)[0] == "2"


def test_home_page_welcome_then_dashboard(
    qtbot: QtBot, sqlite_database: Database, workbench: Workbench
) -> None:
    hub = workbench.hub
    home = HomePage(workbench)
    qtbot.addWidget(home)
    home.show()
    assert home.is_empty() and not home.showing_dashboard()
    sheet = next(b for b in home.findChildren(QPushButton) if "sign-up sheet" in b.text())
    assert sheet.accessibleName() == "Import a sign-up sheet"
    assert not sheet.icon().isNull()
    with qtbot.waitSignal(home.import_sheet):
        sheet.click()
    create_record(sqlite_database, Cohort, {"name": "Spring", "status": "running"}, hub=hub)
    caught_up(qtbot, home)
    assert home.showing_dashboard()
    assert home.dashboard is not None
    with (
        qtbot.waitSignal(home.open_view) as view,
        qtbot.waitSignal(home.open_list) as listed,
    ):
        home.dashboard.cohort_chart.activated.emit(2)
    assert view.args == ["cohorts"]
    assert listed.args == ["cohorts", {"status": "running"}]
