"""Each instructor's load: the groups they lead and assist in cohorts not over yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ixdesk.gui.kind_views import ViewColumn
from ixdesk.gui.live_table import LiveTable
from ixdesk.gui.workbench import Workbench
from ixdesk.services.assignments import LOAD_SCOPE, InstructorLoad, instructor_load
from ixdesk.services.kinds import DATE, NUMBER, STATUS
from ixdesk.services.reads import reads_of
from ixdesk.services.record_kinds import Kind
from ixdesk.services.tables import TableRows

TOTAL = 4  # the column of groups led and assisted
COLUMNS = (
    ViewColumn("name", "Instructor", width=220),
    ViewColumn("status", "Status", STATUS, width=90),
    ViewColumn("leads", "Leads", NUMBER, searchable=False, width=70),
    ViewColumn("assists", "Assists", NUMBER, searchable=False, width=70),
    ViewColumn("total", "Groups", NUMBER, searchable=False, width=70),
    ViewColumn("safeguarding_status", "Safeguarding", STATUS, width=110),
    ViewColumn("safeguarding_expires_on", "Check expires", DATE, searchable=False, width=110),
    ViewColumn("email", "Email", width=240),
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
            f"{LOAD_SCOPE}: {busy:,} of {len(self.loads):,} instructors teach, "
            f"{groups:,} groups have a lead"
        )

    def record_at(self, row: int) -> tuple[Kind, str] | None:
        return Kind.INSTRUCTORS, self.model.id_at(row)
