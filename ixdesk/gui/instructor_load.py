"""Each instructor's load: the groups they lead and assist in running cohorts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ixdesk.gui.live_table import LiveTable
from ixdesk.gui.workbench import Workbench
from ixdesk.services.assignments import InstructorLoad, instructor_load
from ixdesk.services.kinds import DATE, NUMBER, STATUS, Column
from ixdesk.services.reads import reads_of
from ixdesk.services.tables import TableRows

TOTAL = 4  # the column of groups led and assisted
COLUMNS = (
    Column("name", "Instructor", width=220),
    Column("status", "Status", STATUS, 90),
    Column("leads", "Leads", NUMBER, 70, searchable=False),
    Column("assists", "Assists", NUMBER, 70, searchable=False),
    Column("total", "Groups", NUMBER, 70, searchable=False),
    Column("safeguarding_status", "Safeguarding", STATUS, 110),
    Column("safeguarding_expires_on", "Check expires", DATE, 110, searchable=False),
    Column("email", "Email", width=240),
)


class InstructorLoadView(LiveTable):
    """Sortable by any column (busiest first at the start); Enter opens the instructor."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        self.database = workbench.database
        self.loads: list[InstructorLoad] = []
        super().__init__(
            workbench, COLUMNS, icon_name="instructor", what="instructors",
            reads=reads_of(instructor_load),
            parent=parent,
        )  # fmt: skip
        self.table.sortByColumn(TOTAL, Qt.SortOrder.DescendingOrder)

    def load_rows(self) -> TableRows:
        self.loads = instructor_load(self.database)
        rows = [
            (
                load.name, load.status, load.leads, load.assists, load.total,
                load.safeguarding_status, load.safeguarding_expires_on, load.email,
            )
            for load in self.loads
        ]  # fmt: skip
        return TableRows([load.id for load in self.loads], rows)

    def update_title(self) -> None:
        busy = sum(1 for load in self.loads if load.total)
        groups = sum(load.leads for load in self.loads)
        self.title.setText("Instructor load")
        self.scope_label.setText(
            f"in running cohorts: {busy:,} of {len(self.loads):,} instructors teach, "
            f"{groups:,} groups have a lead"
        )

    def record_at(self, row: int) -> tuple[str, str] | None:
        return "instructors", self.model.id_at(row)
