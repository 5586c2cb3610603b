"""The read-only, row-selecting table every record view shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ixdesk.gui.record_model import RecordTableModel

ROW_HEIGHT_PADDING = 8
WIDEST_FITTED_COLUMN = 320


def record_table(
    model: RecordTableModel, accessible_name: str, parent: QWidget | None = None
) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the editor
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    # Fixed heights: ResizeToContents would measure 100,000 rows.
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + ROW_HEIGHT_PADDING)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for index, column in enumerate(model.columns):
        header.resizeSection(index, column.width)
    return table


def fit_columns(
    table: QTableView, model: RecordTableModel, room: int | None = None, sample: int = 60
) -> None:
    """Widen columns to what the first rows hold (within reason); the last shown stretches.

    With ``room`` (the pixels the table has), columns widened beyond their usual
    width give some of it back when the columns shown would not fit otherwise,
    so the important ones stay in sight without scrolling sideways.

    Measures the text of a sample of rows directly: asking the view
    (``sizeHintForColumn``) goes through the delegate for up to 1,000 rows per
    column and costs a third of a second on a large table.
    """
    header = table.horizontalHeader()
    text_width = table.fontMetrics().horizontalAdvance
    label_width = header.fontMetrics().horizontalAdvance
    rows = [model.display_row(row) for row in range(min(model.rowCount(), sample))]
    widths: dict[int, int] = {}
    for index, column in enumerate(model.columns):
        cells = max((text_width(row[index]) for row in rows), default=0)
        wanted = max(cells + 2 * ROW_HEIGHT_PADDING, label_width(column.label) + 32)
        widest = max(column.width, WIDEST_FITTED_COLUMN)
        widths[index] = min(max(column.width, wanted), widest)
    shown = [header.logicalIndex(v) for v in range(header.count())]
    shown = [index for index in shown if not header.isSectionHidden(index)]
    over = sum(widths[index] for index in shown) - room if room else 0
    extra = {
        i: widths[i] - model.columns[i].width for i in shown if widths[i] > model.columns[i].width
    }
    if over > 0 and extra:
        share = min(1.0, over / sum(extra.values()))
        for index, more in extra.items():
            widths[index] -= round(more * share)
    for index, width in widths.items():
        header.resizeSection(index, width)


def rows_as_tsv(
    model: RecordTableModel, rows: Iterable[int], columns: Sequence[int] | None = None
) -> str:
    """A header line and the rows as shown (``columns``, in that order; all by default),
    tab-separated: pastes cleanly into Excel."""
    wanted = list(range(len(model.columns))) if columns is None else list(columns)
    lines = ["\t".join(model.columns[column].label for column in wanted)]
    for row in rows:
        cells = model.display_row(row)
        lines.append("\t".join(tsv_cell(cells[column]) for column in wanted))
    return "\r\n".join(lines) + "\r\n"


def tsv_cell(text: str) -> str:
    """Tabs and line breaks would split a cell when pasted; quotes are doubled."""
    if any(char in text for char in '\t\r\n"'):
        return '"' + text.replace('"', '""') + '"'
    return text
