"""The dashboard: the programme at a glance, every figure one click from the list behind it.

What each element emits (``open_list(view, hint)`` or ``open_record(view, id)``):

* a total in the top row ("1,204  students"): ``open_list(view, None)``, the whole list;
* a bar of *Cohorts by status*: ``open_list("cohorts", {"status": "running"})``;
* a segment or legend entry of *Partner company pipeline*:
  ``open_list("companies", {"status": "prospect"})``;
* the tiles of *Groups needing attention*: ``open_list("groups", {"ids": [...],
  "title": "Groups without a business problem"})`` (or "... a lead instructor");
* a cohort of *Enrolment in running cohorts*: ``open_record("cohorts", cohort_id)``;
* the tiles of *Safeguarding checks*: ``open_list("instructors", {"ids": [...],
  "title": ...})``; a row of its list: ``open_record("instructors", instructor_id)``.

View keys are the main window's ("cohorts", "groups", "students", "instructors",
"companies", "problems"); a hint's ``status`` is a status value, its ``ids``
are record ids and its ``title`` says in words what the ids are.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.chart_base import ACCENT, ATTENTION, FAINT, MUTED, PALE, SOFT, ClickableChart
from ixdesk.gui.charts import BarChart, CapacityBars, ChartItem, NumberTile, RowList, StackedBar
from ixdesk.gui.freshness import Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.record_model import display_text
from ixdesk.gui.workbench import Workbench
from ixdesk.services import dashboard as figures_of
from ixdesk.services.dashboard import CohortFill, DashboardFigures, SafeguardingCheck
from ixdesk.services.kinds import DATE, status_label
from ixdesk.services.overview import record_counts
from ixdesk.services.reads import reads_of
from ixdesk.services.record_kinds import Kind

Target = tuple[str, Kind, Any]  # ("list", view, hint) or ("record", view, id)
TOTALS = (
    ("Cohorts", Kind.COHORTS, "cohort"),
    ("Groups", Kind.GROUPS, "group"),
    ("Students", Kind.STUDENTS, "student"),
    ("Instructors", Kind.INSTRUCTORS, "instructor"),
    ("Partner companies", Kind.COMPANIES, "company"),
    ("Business problems", Kind.PROBLEMS, "problem"),
)
COHORT_TONES = {
    "planning": PALE,
    "recruiting": SOFT,
    "running": ACCENT,
    "completed": MUTED,
    "archived": FAINT,
}
COMPANY_TONES = {"prospect": PALE, "active": ACCENT, "past": MUTED}


def heading(text: str, scale: float = 1.8) -> QLabel:
    """A bold title, ``scale`` times the normal font size."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def day_text(day: date) -> str:
    return display_text(day, DATE)


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


class Card(QFrame):
    """A titled panel on the base colour, holding one chart or a few."""

    def __init__(self, title: str, note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 12, 14, 12)
        self.body.setSpacing(6)
        self.body.addWidget(heading(title, 1.15))
        self.note = QLabel(note)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.body.addWidget(self.note)

    def add_scrolling(self, chart: ClickableChart) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setBackgroundRole(QPalette.ColorRole.Base)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(chart)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # As tall as the card allows, never asking the page for all its rows.
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        scroll.setMinimumHeight(chart.row_height() * 3)
        self.body.addWidget(scroll, 1)
        return scroll


class Dashboard(QWidget):
    """Charts of the figures in :mod:`ixdesk.services.dashboard`; see the module text."""

    open_list = Signal(str, object)  # view key, filter hint (dict) or None for everything
    open_record = Signal(str, str)  # view key, record id

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.database = workbench.database
        self.figures: DashboardFigures | None = None
        self.counts: dict[str, int] = {}
        self.targets: dict[ClickableChart, list[Target]] = {}
        self._build()
        self.freshness = Freshness(
            self,
            workbench,
            lambda _burst: self.refresh(),
            reads=reads_of(figures_of.dashboard_figures, record_counts),
        )
        self.refresh()

    # --- construction ---------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(heading("Dashboard"))
        top.addStretch(1)
        self.today_label = QLabel()
        self.today_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        top.addWidget(self.today_label)
        outer.addLayout(top)

        totals = QHBoxLayout()
        totals.setSpacing(8)
        self.total_buttons: dict[str, QPushButton] = {}
        for label, view, icon_name in TOTALS:
            button = QPushButton(icon(icon_name), label.lower())
            button.setFlat(True)
            button.setAccessibleName(f"Open {label.lower()}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, v=view: self.open_list.emit(v, None))
            self.total_buttons[label] = button
            totals.addWidget(button)
        outer.addLayout(totals)

        grid = QGridLayout()
        grid.setSpacing(14)
        statuses = Card("Cohorts by status")
        self.cohort_chart = self._chart(BarChart("Cohorts by status"), statuses)
        statuses.body.addStretch(1)
        grid.addWidget(statuses, 0, 0)

        right = QVBoxLayout()
        right.setSpacing(14)
        pipeline = Card("Partner company pipeline")
        self.pipeline_chart = self._chart(StackedBar("Partner company pipeline"), pipeline)
        right.addWidget(pipeline)
        groups = Card("Groups needing attention", "In planned, recruiting and running cohorts.")
        tiles = QHBoxLayout()
        self.no_problem_tile = self._chart(NumberTile("Groups without a business problem"))
        self.no_lead_tile = self._chart(NumberTile("Groups without a lead instructor"))
        tiles.addWidget(self.no_problem_tile)
        tiles.addWidget(self.no_lead_tile)
        groups.body.addLayout(tiles)
        right.addWidget(groups)
        grid.addLayout(right, 0, 1)

        enrolment = Card("Enrolment in running cohorts", "Enrolled students against capacity.")
        self.enrolment_chart = self._chart(CapacityBars("Enrolment in running cohorts"))
        self.enrolment_chart.empty_text = "No cohort is running."
        enrolment.add_scrolling(self.enrolment_chart)
        grid.addWidget(enrolment, 1, 0)

        safeguarding = Card("Safeguarding checks", "Active instructors.")
        tiles = QHBoxLayout()
        self.expiring_tile = self._chart(NumberTile("Safeguarding checks expiring soon"))
        self.lapsed_tile = self._chart(NumberTile("Safeguarding checks expired or missing"))
        tiles.addWidget(self.expiring_tile)
        tiles.addWidget(self.lapsed_tile)
        safeguarding.body.addLayout(tiles)
        self.safeguarding_list = self._chart(RowList("Safeguarding checks to renew"))
        self.safeguarding_list.empty_text = "Every active instructor's check is in date."
        safeguarding.add_scrolling(self.safeguarding_list)
        grid.addWidget(safeguarding, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        outer.addLayout(grid, 1)
        self._tab_order()

    def _chart(self, chart: Any, card: Card | None = None) -> Any:
        self.targets[chart] = []
        chart.activated.connect(lambda index, c=chart: self._activate(c, index))
        if card is not None:
            card.body.addWidget(chart)
        return chart

    def _tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.total_buttons.values(),
            self.cohort_chart,
            self.pipeline_chart,
            self.no_problem_tile,
            self.no_lead_tile,
            self.enrolment_chart,
            self.expiring_tile,
            self.lapsed_tile,
            self.safeguarding_list,
        ]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

    def charts(self) -> list[ClickableChart]:
        """Every clickable chart, in tab order."""
        return list(self.targets)

    # --- signals ---------------------------------------------------------------------
    def _activate(self, chart: ClickableChart, index: int) -> None:
        targets = self.targets.get(chart, [])
        if not 0 <= index < len(targets):
            return
        how, view, what = targets[index]
        if how == "record":
            self.open_record.emit(view, str(what))
        else:
            self.open_list.emit(view, what)

    # --- filling ---------------------------------------------------------------------
    def refresh(self) -> None:
        self.freshness.clear()
        self.figures = figures = figures_of.dashboard_figures(self.database)
        self.counts = record_counts(self.database)
        self.today_label.setText(f"{figures.today:%A} {day_text(figures.today)}")
        for label, button in self.total_buttons.items():
            button.setText(f"{self.counts.get(label, 0):,}  {label.lower()}")
        self._fill_statuses(
            self.cohort_chart, Kind.COHORTS, figures.cohorts_by_status, COHORT_TONES
        )
        self._fill_statuses(
            self.pipeline_chart, Kind.COMPANIES, figures.companies_by_status, COMPANY_TONES
        )
        self._fill_groups(figures)
        self._fill(
            self.enrolment_chart,
            [self._fill_item(fill) for fill in figures.enrolment],
            [("record", Kind.COHORTS, fill.cohort_id) for fill in figures.enrolment],
        )
        self._fill_safeguarding(figures)

    def _fill(self, chart: ClickableChart, items: list[ChartItem], targets: list[Target]) -> None:
        self.targets[chart] = targets
        chart.set_items(items)

    def _fill_statuses(
        self, chart: ClickableChart, view: Kind, counts: dict[str, int], tones: dict[str, str]
    ) -> None:
        noun = "cohort" if view == Kind.COHORTS else "partner company"
        many = "cohorts" if view == Kind.COHORTS else "partner companies"
        items = [
            ChartItem(
                status_label(status),
                count,
                f"{count:,}",
                f"{status_label(status)}: {_plural(count, noun, many)}",
                tones.get(status, ACCENT),
            )
            for status, count in counts.items()
        ]
        self._fill(chart, items, [("list", view, {"status": status}) for status in counts])

    def _tile(
        self, tile: NumberTile, view: Kind, ids: tuple[str, ...], words: str, title: str
    ) -> None:
        count = len(ids)
        tone = ATTENTION if count else MUTED
        item = ChartItem(words, count, f"{count:,}", f"{count:,} {words}", tone)
        self._fill(tile, [item], [("list", view, {"ids": list(ids), "title": title})])

    def _fill_groups(self, figures: DashboardFigures) -> None:
        for tile, ids, what in (
            (self.no_problem_tile, figures.groups_without_problem, "a business problem"),
            (self.no_lead_tile, figures.groups_without_lead, "a lead instructor"),
        ):
            words = f"groups without {what}"
            self._tile(tile, Kind.GROUPS, ids, words, f"Groups without {what}")

    @staticmethod
    def _fill_item(fill: CohortFill) -> ChartItem:
        if fill.capacity is None:
            text = f"{fill.enrolled:,} enrolled, no capacity set"
            return ChartItem(fill.name, fill.enrolled, text, f"{fill.name}: {text}", MUTED)
        text = f"{fill.enrolled:,} / {fill.capacity:,}"
        spoken = f"{fill.name}: {fill.enrolled:,} of {fill.capacity:,} places taken"
        tone = ACCENT
        if fill.over_capacity:
            spoken += f", {fill.enrolled - fill.capacity:,} over capacity"
            tone = ATTENTION
        return ChartItem(fill.name, fill.enrolled, text, spoken, tone, maximum=fill.capacity)

    def _fill_safeguarding(self, figures: DashboardFigures) -> None:
        expiring, lapsed = figures.safeguarding_expiring, figures.safeguarding_lapsed
        days = figures_of.EXPIRY_HORIZON_DAYS
        self._tile(
            self.expiring_tile,
            Kind.INSTRUCTORS,
            tuple(check.instructor_id for check in expiring),
            f"checks expiring within {days} days",
            f"Instructors whose safeguarding check expires within {days} days",
        )
        self._tile(
            self.lapsed_tile,
            Kind.INSTRUCTORS,
            tuple(check.instructor_id for check in lapsed),
            "checks expired or missing",
            "Active instructors whose safeguarding check has expired or is missing",
        )
        checks = [*expiring, *lapsed]
        self._fill(
            self.safeguarding_list,
            [self._check_item(check, figures.today) for check in checks],
            [("record", Kind.INSTRUCTORS, check.instructor_id) for check in checks],
        )

    @staticmethod
    def _check_item(check: SafeguardingCheck, today: date) -> ChartItem:
        when = day_text(check.expires_on) if check.expires_on else ""
        tone = ATTENTION
        if check.situation == figures_of.EXPIRING:
            assert check.expires_on is not None
            left = (check.expires_on - today).days
            phrase = {0: "expires today", 1: "expires tomorrow"}.get(
                left, f"expires in {left} days"
            )
            tone = SOFT if left > 14 else ACCENT
        elif check.situation == figures_of.EXPIRED:
            phrase = "expired"
        elif check.situation == figures_of.NOT_CLEARED:
            phrase = f"check {status_label(check.status).lower()}"
        else:
            phrase, tone = "no expiry date recorded", MUTED
        spoken = f"{check.name}: {phrase}" + (f", {when}" if when else "")
        return ChartItem(check.name, 0, phrase, spoken, tone, detail=when)
