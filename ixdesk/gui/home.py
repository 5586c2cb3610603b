"""The first page: a welcome on an empty database, the dashboard otherwise."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.dashboard import Dashboard, heading
from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.pages import scrolling_page
from ixdesk.gui.workbench import Workbench
from ixdesk.services.overview import record_counts
from ixdesk.services.reads import reads_of


def _big_button(text: str, icon_name: str, accessible: str) -> QPushButton:
    button = QPushButton(icon(icon_name), text)
    button.setAccessibleName(accessible)
    button.setMinimumHeight(56)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    button.setFont(font)
    return button


class HomePage(QWidget):
    """Welcome (empty database) or dashboard; both lead somewhere in one click.

    The dashboard's ``open_list`` and ``open_record`` are passed on, each
    preceded by ``open_view(view)`` so the right view opens even where only
    ``open_view`` is connected.
    """

    create_cohort = Signal()
    open_demo = Signal()
    import_sheet = Signal()
    open_view = Signal(str)
    open_list = Signal(str, object)  # see ixdesk.gui.dashboard for the hints
    open_record = Signal(str, str)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.database = workbench.database
        self.stack = QStackedLayout(self)
        self.welcome = self._welcome()
        self.stack.addWidget(self.welcome)
        # Made on first need: an empty database never builds it.
        self.dashboard: Dashboard | None = None
        self._dashboard_page: QScrollArea | None = None
        self.freshness = Freshness(
            self, workbench, self._records_changed, reads=reads_of(record_counts)
        )
        self.refresh()

    def is_empty(self) -> bool:
        return not any(record_counts(self.database).values())

    def showing_dashboard(self) -> bool:
        return self._dashboard_page is not None and self.stack.currentWidget() is (
            self._dashboard_page
        )

    def refresh(self) -> None:
        self.freshness.clear()
        if self.is_empty():
            self.stack.setCurrentWidget(self.welcome)
            return
        if self.dashboard is None:
            self._make_dashboard()
        else:
            assert self._dashboard_page is not None
            self.stack.setCurrentWidget(self._dashboard_page)
            self.dashboard.refresh()

    def _make_dashboard(self) -> None:
        self.dashboard = Dashboard(self.workbench)
        self.dashboard.open_list.connect(self._open_list)
        self.dashboard.open_record.connect(self._open_record)
        page = scrolling_page(self.dashboard)
        self._dashboard_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _open_list(self, view: str, hint: Any) -> None:
        self.open_view.emit(view)
        self.open_list.emit(view, hint)

    def _open_record(self, view: str, record_id: str) -> None:
        self.open_view.emit(view)
        self.open_record.emit(view, record_id)

    def _records_changed(self, _burst: Burst | None) -> None:
        """Switch between welcome and dashboard when records first arrive (or all go);
        the dashboard keeps itself fresh."""
        if self.is_empty() != (self.stack.currentWidget() is self.welcome):
            self.refresh()

    def _welcome(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(heading("Welcome to ixdesk"))
        intro = QLabel(
            "ixdesk keeps your micro-internship programme in one place: partner companies and "
            "their business problems, cohorts and their students, groups and industry-pro "
            "instructors. This database is empty. Where would you like to start?"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        first = _big_button("Create your first cohort", "cohort", "Create the first cohort")
        first.clicked.connect(self.create_cohort.emit)
        sheet = _big_button("Import a sign-up sheet…", "import", "Import a sign-up sheet")
        sheet.clicked.connect(self.import_sheet.emit)
        demo = _big_button(
            "Explore with demo data (in a separate database)", "dashboard", "Open demo data"
        )
        demo.clicked.connect(self.open_demo.emit)
        for button in (first, sheet, demo):
            layout.addWidget(button)
        note = QLabel(
            "Demo data lives in its own file, so it never mixes with your records. "
            "Go back to your database with File ▸ Open your database."
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        layout.addWidget(note)
        layout.addStretch(1)
        return page
