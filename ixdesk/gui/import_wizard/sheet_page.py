"""Page 2: which sheet, which encoding and separator, which row holds the headers.

The file is read on a worker thread whenever one of these changes; a file
that cannot be imported shows the reason here and Next stays disabled.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from ixdesk.gui.bugs import explain
from ixdesk.gui.import_wizard.common import MessageBar, RowsModel
from ixdesk.services.importing import SourceTable
from ixdesk.services.importing.session import ReadCancelled, ReadOutcome, read_source
from ixdesk.services.importing.table import ENCODING_LABELS

if TYPE_CHECKING:
    from ixdesk.gui.import_wizard.wizard import ImportWizard

PREVIEW_ROWS = 50
SEPARATORS = {",": "Comma", ";": "Semicolon", "\t": "Tab", "|": "Vertical bar"}
# What a file's name suggests, for the choices shown before it could be read.
SUFFIX_FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".txt": "csv"}


class SheetPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Sheet and encoding")
        self.setSubTitle(
            "Check that ixdesk reads the file as your spreadsheet program shows it: the right "
            "sheet, accented letters intact, and the headers in the row you expect."
        )
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What was read")
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        layout.addWidget(self.summary)

        controls = QHBoxLayout()
        self.sheet_combo = self._combo("Sheet", controls, "&Sheet:", self._sheet_changed)
        self.encoding_combo = self._combo(
            "Text encoding", controls, "&Encoding:", self._encoding_changed
        )
        for code, label in ENCODING_LABELS.items():
            self.encoding_combo.addItem(label, code)
        self.separator_combo = self._combo(
            "Column separator", controls, "Se&parator:", self._separator_changed
        )
        for char, label in SEPARATORS.items():
            self.separator_combo.addItem(label, char)
        self.header_label = header_label = QLabel("&Header row:")
        self.header_spin = QSpinBox()
        self.header_spin.setRange(0, 1_048_576)
        self.header_spin.setSpecialValueText("not found")  # 0: no header row was found
        self.header_spin.setKeyboardTracking(False)
        self.header_spin.setAccessibleName("Row that holds the headers")
        header_label.setBuddy(self.header_spin)
        self.header_spin.valueChanged.connect(self._header_changed)
        self.find_button = QPushButton("Find &automatically")
        self.find_button.setAccessibleName("Find the header row automatically")
        self.find_button.clicked.connect(self._find_header)
        self.retry_button = QPushButton("&Read again")
        self.retry_button.setAccessibleName("Read the file again")
        self.retry_button.clicked.connect(self.read)
        for widget in (header_label, self.header_spin, self.find_button, self.retry_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        layout.addLayout(controls)

        self.problem = MessageBar("Why the file cannot be imported")
        layout.addWidget(self.problem)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Notes about the file")
        layout.addWidget(self.notes)
        self.rows_model = RowsModel()
        self.table = QTableView()
        self.table.setModel(self.rows_model)
        self.table.setAccessibleName("The first rows of the file")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(140)
        layout.addWidget(self.table, 1)
        layout.addStretch()  # keeps the sentences at the top when there is no table
        self._shown_for: SourceTable | None = None
        self._format: str | None = None

    @staticmethod
    def _combo(name: str, layout: QHBoxLayout, text: str, changed: Callable[[], None]) -> QComboBox:
        label = QLabel(text)
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setMinimumContentsLength(12)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label.setBuddy(combo)
        combo.activated.connect(lambda _index: changed())
        layout.addWidget(label)
        layout.addWidget(combo)
        combo.setProperty("label", label)
        return combo

    # --- reading ---
    def initializePage(self) -> None:
        if self.owner.session.table is None:
            self.read()
        else:
            self._show_table(self.owner.session.table)

    def read(self) -> None:
        session = self.owner.session
        source = dataclasses.replace(session.source)
        previous = session.mapping
        name = source.path.name if source.path else "the file"

        def work(report: Callable[[int, int, str], None], stop: Callable[[], bool]) -> Any:
            report(0, 0, f"Reading {name}…")
            outcome = read_source(source, previous)
            if stop():
                raise ReadCancelled("Reading was stopped.")
            return outcome

        self.problem.clear()
        self.owner.run_task(
            "read", f"Reading {name}…", work, self._read, self._failed, self._cancelled
        )

    def _read(self, outcome: ReadOutcome) -> None:
        self.owner.session.take_read(outcome)
        self._show_table(outcome.table)

    def _failed(self, error: BaseException) -> None:
        self._lose_table()
        self.problem.show_problem(explain(error))

    def _cancelled(self) -> None:
        self._lose_table()
        self.problem.show_problem(
            "Reading was stopped. Read the file again, change a setting above, or go back and "
            "choose another file."
        )

    def _lose_table(self) -> None:
        session = self.owner.session
        session.table = session.plan = session.planned_for = None
        self._shown_for = None
        self.summary.clear()
        self.notes.clear()
        self.rows_model.set_rows([], [], [])
        if session.source.header_row is None:
            self._set_header_spin(0)
        self._show_controls()

    # --- showing ---
    def _show_table(self, table: SourceTable) -> None:
        self._format = table.format
        self.problem.clear()
        if self._shown_for is not table:
            self._shown_for = table
            self.summary.setText(table.describe())
            self.notes.setText("\n".join(table.notes))
            self.notes.setVisible(bool(table.notes))
            self.rows_model.set_rows(
                table.headers, table.rows[:PREVIEW_ROWS], table.row_numbers[:PREVIEW_ROWS]
            )
        self._fill_sheets(table)
        if table.format == "csv":
            source = self.owner.session.source
            self._select(self.encoding_combo, table.encoding, source.encoding)
            self._select(self.separator_combo, table.delimiter, source.delimiter)
        self._set_header_spin(table.header_row)
        self._show_controls()
        self.completeChanged.emit()

    def _set_header_spin(self, row: int) -> None:
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(row)
        self.header_spin.blockSignals(False)

    def _fill_sheets(self, table: SourceTable) -> None:
        combo = self.sheet_combo
        combo.clear()
        for info in table.sheets:
            combo.addItem(f"{info.name} (hidden)" if info.hidden else info.name, info.name)
        combo.setCurrentIndex(max(combo.findData(table.sheet), 0))

    @staticmethod
    def _select(combo: QComboBox, value: str | None, asked: str | None) -> None:
        for index in range(combo.count()):
            label = combo.itemText(index).removesuffix(" (detected)")
            detected = combo.itemData(index) == value and asked is None
            combo.setItemText(index, f"{label} (detected)" if detected else label)
        index = combo.findData(value)
        if index < 0 and value:
            combo.addItem(value, value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _show_controls(self) -> None:
        source = self.owner.session.source
        kind = self._format
        if kind is None and source.path is not None:
            kind = SUFFIX_FORMATS.get(source.path.suffix.lower())
        has_table = self.owner.session.table is not None
        for combo, shown in (
            (self.sheet_combo, kind == "xlsx" and self.sheet_combo.count() > 0),
            (self.encoding_combo, kind == "csv"),
            (self.separator_combo, kind == "csv"),
        ):
            combo.setVisible(shown)
            combo.property("label").setVisible(shown)
        for widget in (self.header_label, self.header_spin, self.find_button):
            widget.setVisible(kind is not None)  # not for a file that is no spreadsheet at all
        self.find_button.setEnabled(source.header_row is not None)
        self.retry_button.setVisible(not has_table)
        self.table.setVisible(has_table)

    # --- changes ---
    def _sheet_changed(self) -> None:
        source = self.owner.session.source
        source.sheet = self.sheet_combo.currentData()
        source.header_row = None  # another sheet has its own header row
        self.read()

    def _encoding_changed(self) -> None:
        self.owner.session.source.encoding = self.encoding_combo.currentData()
        self.read()

    def _separator_changed(self) -> None:
        self.owner.session.source.delimiter = self.separator_combo.currentData()
        self.read()

    def _header_changed(self, value: int) -> None:
        self.owner.session.source.header_row = value or None
        self.read()

    def _find_header(self) -> None:
        self.owner.session.source.header_row = None
        self.read()

    def isComplete(self) -> bool:
        return not self.owner.busy and self.owner.session.table is not None
