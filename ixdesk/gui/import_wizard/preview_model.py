"""The preview's rows: one per data row of the plan, filtered by status and search.

A plain ``QAbstractTableModel`` over the plan's rows: a 100,000-row sheet is
a list of indices, and a cell's words are made only when the view paints it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ixdesk.gui.icons import icon
from ixdesk.gui.import_wizard.common import AnyIndex
from ixdesk.services.importing import ImportPlan, PlannedRow
from ixdesk.services.importing.preview import PreviewText
from ixdesk.services.importing.session import STATUS_LABELS
from ixdesk.services.search import matches, search_terms

ROW, STATUS, NAME, EMAIL, DUPLICATE, CHOICE, PROBLEMS = range(7)
HEADERS = ("Row", "Status", "Name", "Email", "Matches", "Choice", "Problems")
WIDTHS = (52, 112, 150, 190, 220, 140, 200)
ALL, DUPLICATES, LOOK = "all", "duplicates", "look"
FILTERS = (ALL, *STATUS_LABELS, DUPLICATES, LOOK)
ROW_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class PreviewModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.plan: ImportPlan | None = None
        self.text: PreviewText | None = None
        self.search_texts: list[str] = []
        self.show = ALL
        self.terms: list[str] = []
        self.visible: list[int] = []

    # --- loading and filtering ---
    def set_plan(
        self, plan: ImportPlan | None, search_texts: list[str], search: str | None = None
    ) -> None:
        self.beginResetModel()
        if search is not None:
            self.terms = search_terms(search)
        self.plan = plan
        self.text = PreviewText(plan) if plan is not None else None
        self.search_texts = search_texts
        self.visible = self._filtered()
        self.endResetModel()

    def set_filter(self, show: str | None = None, search: str | None = None) -> None:
        if show is not None:
            self.show = show
        if search is not None:
            self.terms = search_terms(search)
        self.refilter()

    def refilter(self) -> None:
        """Apply the filter again (statuses change with duplicate choices)."""
        self.beginResetModel()
        self.visible = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        if self.plan is None or self.text is None:
            return []
        rows = self.plan.rows
        show = self.show
        if show == ALL:
            wanted = list(range(len(rows)))
        elif show == DUPLICATES:
            wanted = [i for i, row in enumerate(rows) if row.duplicates]
        elif show == LOOK:
            look = self.text.has_warnings
            wanted = [i for i, row in enumerate(rows) if look(row)]
        else:
            wanted = [i for i, row in enumerate(rows) if row.status == show]
        if self.terms and self.search_texts:
            terms, texts = self.terms, self.search_texts
            wanted = [i for i in wanted if matches(terms, texts[i])]
        return wanted

    def counts(self) -> tuple[dict[str, int], bool]:
        """Rows per filter, and whether any row is flagged as a near-duplicate; one pass."""
        found = dict.fromkeys(FILTERS, 0)
        near = False
        if self.plan is None or self.text is None:
            return found, near
        look = self.text.has_warnings
        for row in self.plan.rows:
            found[row.status] += 1
            if row.duplicates:
                found[DUPLICATES] += 1
            if row.warnings:
                near = True
                found[LOOK] += 1
            elif row.problems and look(row):
                found[LOOK] += 1
        found[ALL] = len(self.plan.rows)
        return found, near

    def row_at(self, view_row: int) -> PlannedRow | None:
        if self.plan is None or not 0 <= view_row < len(self.visible):
            return None
        return self.plan.rows[self.visible[view_row]]

    def view_row_of(self, row_number: int) -> int:
        """Where a spreadsheet row is shown (-1 when filtered out)."""
        if self.plan is None:
            return -1
        for view_row, index in enumerate(self.visible):
            if self.plan.rows[index].row_number == row_number:
                return view_row
        return -1

    def rows_changed(self) -> None:
        """Statuses and choices moved on: repaint every row, keep the filter."""
        if self.visible:
            last = self.index(len(self.visible) - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # --- Qt model API ---
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or self.text is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            if row.status == "invalid" or self.text.has_warnings(row):
                return icon("warning")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ROW:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == ROW_NUMBER_ROLE:
            return row.row_number
        return None

    def _text(self, row: PlannedRow, column: int) -> str:
        text = self.text
        assert text is not None
        if column == ROW:
            return str(row.row_number)
        if column == STATUS:
            return STATUS_LABELS[row.status]
        if column == NAME:
            return text.name(row)
        if column == EMAIL:
            return text.email(row)
        if column == DUPLICATE:
            return text.duplicate(row)
        if column == CHOICE:
            return text.choice(row)
        return text.problems(row)
