"""A cohort opened: its details and capacity at the top, its work in tabs below.

The first tab is the enrolment board; the group builder and the "needs
attention" list join through ``add_tab``. Every tab that has
``set_cohort(cohort_id)`` follows the cohort chosen here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ixdesk.errors import RecordNotFoundError
from ixdesk.gui.enrolment_board import EnrolmentBoard
from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.record_model import display_text
from ixdesk.gui.workbench import Workbench
from ixdesk.services.editing import choice_query, choices
from ixdesk.services.enrolment import CohortDetails, cohort_details
from ixdesk.services.kinds import DATE, status_label
from ixdesk.services.reads import reads_of, tables_read
from ixdesk.services.record_kinds import Kind

# (key, label) of the read-only details, in reading order, four to a row.
DETAILS = (
    ("track", "Track"),
    ("dates", "Dates"),
    ("format", "Format"),
    ("schedule", "Schedule"),
    ("location", "Location"),
    ("capacity", "Capacity"),
    ("group_size", "Group size"),
    ("audience", "Audience"),
)
PER_ROW = 4
NOT_SET = "—"


def detail_texts(details: CohortDetails) -> dict[str, str]:
    """The header's words for each detail, as a coordinator reads them."""
    starts = display_text(details.starts_on, DATE)
    ends = display_text(details.ends_on, DATE)
    dates = f"{starts} – {ends}" if starts and ends else starts or ends
    return {
        "track": details.track or NOT_SET,
        "dates": dates or NOT_SET,
        "format": status_label(details.format),
        "schedule": status_label(details.schedule),
        "location": details.location or NOT_SET,
        "capacity": f"{details.capacity} places" if details.capacity is not None else "No limit",
        "group_size": (
            f"{details.group_size} students" if details.group_size is not None else NOT_SET
        ),
        "audience": status_label(details.audience),
    }


class CohortWorkspace(QWidget):
    edit_cohort = Signal(str)  # cohort id
    back = Signal()
    open_record = Signal(str, str)  # kind, id (from the tabs)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.database, self.dialogs = workbench.database, workbench.dialogs
        self.cohort_id: str | None = None
        self.details: CohortDetails | None = None
        self.board = EnrolmentBoard(workbench)
        self.board.open_record.connect(self.open_record)
        self._build()
        self.add_tab(self.board, "Enrolment", "student")
        # The chooser lists cohorts; the header shows the cohort's details.
        self._chooser_reads = tables_read(choice_query(Kind.COHORTS))
        self.freshness = Freshness(
            self,
            workbench,
            self._catch_up,
            reads=self._chooser_reads | reads_of(cohort_details),
        )
        self.fill_cohorts()

    # --- construction ---
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        top = self.top_bar = QHBoxLayout()
        self.back_button = QPushButton(icon("back"), "&Back to cohorts")
        self.back_button.setAccessibleName("Back to cohorts")
        self.back_button.clicked.connect(self.back)
        top.addWidget(self.back_button)
        chooser_label = QLabel("C&ohort:")
        top.addWidget(chooser_label)
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Cohort")
        self.chooser.setMinimumContentsLength(36)
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.activated.connect(self._chosen)
        chooser_label.setBuddy(self.chooser)
        top.addWidget(self.chooser)
        top.addStretch(1)
        self.edit_button = QPushButton(icon("edit"), "&Edit details")
        self.edit_button.setAccessibleName("Edit cohort details")
        self.edit_button.clicked.connect(self._edit)
        top.addWidget(self.edit_button)
        layout.addLayout(top)

        title_row = QHBoxLayout()
        self.title = QLabel()
        self.title.setAccessibleName("Cohort name")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        title_row.addWidget(self.title, 1)
        self.status = QLabel()
        self.status.setAccessibleName("Cohort status")
        self.status.setFrameShape(QLabel.Shape.StyledPanel)
        self.status.setContentsMargins(8, 2, 8, 2)
        title_row.addWidget(self.status)
        self.enrolled = QLabel()
        self.enrolled.setAccessibleName("Enrolled against capacity")
        title_row.addWidget(self.enrolled)
        self.capacity_bar = QProgressBar()
        self.capacity_bar.setAccessibleName("Places taken")
        self.capacity_bar.setTextVisible(False)
        self.capacity_bar.setFixedWidth(140)
        self.capacity_bar.setMaximumHeight(10)
        title_row.addWidget(self.capacity_bar)
        layout.addLayout(title_row)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.values: dict[str, QLabel] = {}
        for number, (key, label) in enumerate(DETAILS):
            row, column = divmod(number, PER_ROW)
            name = QLabel(f"{label}:")
            name.setEnabled(False)  # drawn in the palette's quieter text colour
            value = QLabel()
            value.setAccessibleName(label)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            grid.addWidget(name, row, column * 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(value, row, column * 2 + 1)
            grid.setColumnStretch(column * 2 + 1, 1)
            self.values[key] = value
        layout.addLayout(grid)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Cohort work")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.setTabOrder(self.back_button, self.chooser)
        self.setTabOrder(self.chooser, self.edit_button)
        self.setTabOrder(self.edit_button, self.tabs)

    def add_tab(self, widget: QWidget, title: str, icon_name: str) -> int:
        """Add a tab; one with ``set_cohort`` follows the cohort from now on."""
        index = self.tabs.addTab(widget, icon(icon_name), title)
        self.tabs.setTabToolTip(index, title)
        if self.cohort_id is not None:
            _tell_cohort(widget, self.cohort_id)
        return index

    # --- the cohort shown ---
    def fill_cohorts(self) -> None:
        """The chooser's cohorts, most recent first."""
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for label, cohort_id in choices(self.database, Kind.COHORTS):
            self.chooser.addItem(icon("cohort"), label, cohort_id)
        self.chooser.setCurrentIndex(self.chooser.findData(self.cohort_id))
        self.chooser.blockSignals(False)

    def set_cohort(self, cohort_id: str) -> None:
        """Show ``cohort_id`` here and in every tab."""
        self.cohort_id = cohort_id
        self.chooser.setCurrentIndex(self.chooser.findData(cohort_id))
        self._show_details()
        for index in range(self.tabs.count()):
            _tell_cohort(self.tabs.widget(index), cohort_id)

    def _chosen(self, index: int) -> None:
        cohort_id = self.chooser.itemData(index)
        if cohort_id and cohort_id != self.cohort_id:
            self.set_cohort(str(cohort_id))

    def _show_details(self) -> None:
        self.details = None
        if self.cohort_id is not None:
            try:
                self.details = cohort_details(self.database, self.cohort_id)
            except RecordNotFoundError as error:
                self.title.setText(str(error))
        details = self.details
        self.edit_button.setEnabled(details is not None)
        for widget in (self.status, self.enrolled, self.capacity_bar):
            widget.setVisible(details is not None)
        texts = detail_texts(details) if details is not None else {}
        for key, label in self.values.items():
            label.setText(texts.get(key, ""))
        if details is None:
            if self.cohort_id is None:
                self.title.setText("Choose a cohort")
            return
        self.title.setText(details.name)
        self.title.setToolTip(details.name)
        self.status.setText(status_label(details.status))
        self.enrolled.setText(details.enrolled_text)
        capacity = details.capacity
        self.capacity_bar.setVisible(bool(capacity))
        if capacity:
            self.capacity_bar.setRange(0, capacity)
            self.capacity_bar.setValue(min(details.enrolled, capacity))
            left = details.places_left or 0
            tip = f"{left} places left" if left >= 0 else f"{-left} over capacity"
            self.capacity_bar.setToolTip(tip)
            self.enrolled.setToolTip(tip)

    def _catch_up(self, burst: Burst | None) -> None:
        if burst is None or burst.changes.touches(*self._chooser_reads):
            self.fill_cohorts()
        if self.cohort_id is not None:
            self._show_details()

    def _edit(self) -> None:
        if self.cohort_id is not None:
            self.edit_cohort.emit(self.cohort_id)

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.board)
        self.board.focus_search()


def _tell_cohort(widget: Any, cohort_id: str) -> None:
    set_cohort = getattr(widget, "set_cohort", None)
    if callable(set_cohort):
        set_cohort(cohort_id)
