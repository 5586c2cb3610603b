"""Page 4: every row checked and matched, before anything is written.

Counts double as filters; the table is a model over the plan's rows; the
selected row shows beside it in full, with the record it matches side by
side and its duplicate choice. Checking runs on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from ixdesk.gui.bugs import explain
from ixdesk.gui.icons import icon
from ixdesk.gui.import_wizard.common import MessageBar
from ixdesk.gui.import_wizard.preview_model import (
    ALL,
    CHOICE,
    DUPLICATE,
    DUPLICATES,
    FILTERS,
    LOOK,
    WIDTHS,
    PreviewModel,
)
from ixdesk.gui.import_wizard.row_details import RowDetails
from ixdesk.services.importing import ImportPlan, write_rejected
from ixdesk.services.importing.preview import PreviewText, blocked_reason
from ixdesk.services.importing.session import CHOICE_LABELS, STATUS_LABELS, ReadCancelled, counted

if TYPE_CHECKING:
    from ixdesk.gui.import_wizard.wizard import ImportWizard

FILTER_LABELS = {ALL: "All", **STATUS_LABELS, DUPLICATES: "Duplicates", LOOK: "Need a look"}
# Changing a duplicate choice matches every row again; past this many rows that
# takes long enough to run on a worker thread.
CHOOSE_IN_BACKGROUND = 20_000
ROW_PADDING = 8


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Preview")
        self.setSubTitle("What importing each row would do. Nothing has been written yet.")
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Preview summary")
        layout.addWidget(self.summary)

        self.model = PreviewModel()
        self.model.modelReset.connect(self._selection_lost)

        bar = QHBoxLayout()
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[str, QPushButton] = {}
        for key in FILTERS:
            button = QPushButton(FILTER_LABELS[key])
            button.setCheckable(True)
            button.setAccessibleName(f"Show {FILTER_LABELS[key].lower()} rows")
            button.clicked.connect(lambda _checked=False, k=key: self.model.set_filter(show=k))
            self.filter_group.addButton(button)
            self.filter_buttons[key] = button
            bar.addWidget(button)
        self.filter_buttons[ALL].setChecked(True)
        bar.addStretch(1)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search rows…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName("Search the rows")
        self.search.textChanged.connect(lambda text: self.model.set_filter(search=text))
        bar.addWidget(self.search)
        layout.addLayout(bar)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Rows of the file")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measure 100,000 rows
        vertical.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.details = RowDetails()
        self.details.choice_made.connect(self._choose_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([660, 380])
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        all_label = QLabel("&For all duplicates:")
        self.all_combo = QComboBox()
        self.all_combo.setAccessibleName("Choice for all duplicates")
        for key, label in CHOICE_LABELS.items():
            self.all_combo.addItem(label, key)
        self.all_combo.activated.connect(lambda _index: self._choose_all())
        all_label.setBuddy(self.all_combo)
        bottom.addWidget(all_label)
        bottom.addWidget(self.all_combo)
        bottom.addSpacing(16)
        self.skip_invalid = QCheckBox("&Leave out the invalid rows and import the valid ones")
        self.skip_invalid.setAccessibleName("Import the valid rows and leave out the invalid ones")
        self.skip_invalid.toggled.connect(self._skip_invalid_toggled)
        bottom.addWidget(self.skip_invalid)
        bottom.addStretch(1)
        self.save_invalid = QPushButton("Save in&valid rows…")
        self.save_invalid.setAccessibleName("Save the invalid rows to a workbook to fix them")
        self.save_invalid.clicked.connect(self._save_invalid)
        bottom.addWidget(self.save_invalid)
        layout.addLayout(bottom)
        self.unreadable = MessageBar("Columns that could not be read")
        self.leave_out = self.unreadable.add_button(
            "Leave &out and check again", "Leave the unreadable columns out and check again"
        )
        self.leave_out.clicked.connect(self._leave_out_unreadable)
        layout.addWidget(self.unreadable)
        self.blocked = MessageBar("Why Import is not possible yet")
        layout.addWidget(self.blocked)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.details)
        self.setTabOrder(self.details, self.all_combo)
        self.setTabOrder(self.all_combo, self.skip_invalid)
        self.setTabOrder(self.skip_invalid, self.save_invalid)
        self._search_texts: list[str] = []

    @property
    def plan(self) -> ImportPlan | None:
        return self.owner.session.plan

    # --- checking ---
    def initializePage(self) -> None:
        session = self.owner.session
        if session.plan_is_current:
            self._show_plan()
            return
        self.model.set_plan(None, [])
        self.summary.setText("Checking every row…")
        self.blocked.clear()
        inputs = session.plan_inputs()

        def work(report: Callable[[int, int, str], None], stop: Callable[[], bool]) -> Any:
            def progress(done: int, total: int) -> None:
                report(done, total, f"Checking row {done:,} of {total:,}…")
                if stop():
                    raise ReadCancelled("Checking was stopped.")

            plan = session.make_plan(self.owner.database, progress)
            report(0, 0, "Preparing the preview…")
            return plan, PreviewText(plan).search_texts()

        def checked(result: tuple[ImportPlan, list[str]]) -> None:
            session.take_plan(result[0], inputs)
            self._search_texts = result[1]
            self._show_plan()

        self.owner.run_task(
            "plan", "Checking every row…", work, checked, self._failed, self._stopped
        )

    def _failed(self, error: BaseException) -> None:
        self.summary.setText("The rows could not be checked.")
        self.blocked.show_problem(explain(error) + " Go back to change the mapping.")

    def _stopped(self) -> None:
        self.summary.setText("Checking was stopped.")
        self.blocked.show_problem("Checking was stopped. Go back, then Next to check again.")

    # --- showing ---
    def _show_plan(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.all_combo.setCurrentIndex(self.all_combo.findData(plan.on_duplicate))
        self.model.set_plan(plan, self._search_texts, self.search.text())
        self.skip_invalid.blockSignals(True)
        self.skip_invalid.setChecked(self.owner.session.skip_invalid)
        self.skip_invalid.blockSignals(False)
        self._refresh_counts()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _refresh_counts(self) -> None:
        plan = self.plan
        if plan is None:
            return
        counts, near = self.model.counts()
        self.table.setColumnHidden(DUPLICATE, not (counts[DUPLICATES] or near))
        self.table.setColumnHidden(CHOICE, not counts[DUPLICATES])
        self.all_combo.setEnabled(counts[DUPLICATES] > 0)
        for key, button in self.filter_buttons.items():
            button.setText(f"{FILTER_LABELS[key]}  {counts[key]:,}")
        text = f"{counted(len(plan.rows), 'row')} of {plan.table.path.name} checked."
        if plan.tracks_to_create:
            text += f" New tracks: {', '.join(sorted(plan.tracks_to_create.values()))}."
        if plan.notes:
            text += " " + " ".join(plan.notes)
        self.summary.setText(text)
        invalid = counts["invalid"]
        self.skip_invalid.setVisible(invalid > 0)
        self.save_invalid.setEnabled(invalid > 0)
        unreadable = plan.unreadable_columns()
        if unreadable:
            names = ", ".join(f"“{header}”" for header in unreadable)
            self.unreadable.show_problem(
                f"No value of {names} could be read. Leave "
                f"{'it' if len(unreadable) == 1 else 'them'} out to import the rest."
            )
        else:
            self.unreadable.clear()
        reason = blocked_reason(plan, self.owner.session.skip_invalid)
        if reason:
            self.blocked.show_problem(reason)
        else:
            self.blocked.clear()
        self.completeChanged.emit()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.show_row(self.model.row_at(current.row()), self.model.text)

    def _selection_lost(self) -> None:
        self.details.show_row(None, None)

    # --- choices ---
    def _choose_row(self, row_number: int, choice: str | None) -> None:
        plan = self.plan
        if plan is not None:
            self._apply(lambda: plan.choose(row_number, choice), row_number)

    def _choose_all(self) -> None:
        plan = self.plan
        choice = self.all_combo.currentData()
        if plan is not None and choice != plan.on_duplicate:
            self.owner.session.on_duplicate = choice
            self._apply(lambda: plan.choose_all(choice), None)

    def _apply(self, change: Callable[[], None], row_number: int | None) -> None:
        """Match again with the new choice; statuses and counts follow."""
        plan = self.plan
        assert plan is not None
        current = self.model.row_at(self.table.currentIndex().row())
        keep = row_number if row_number is not None else (current.row_number if current else None)

        def applied(_result: object = None) -> None:
            self.model.refilter()
            self._refresh_counts()
            view_row = self.model.view_row_of(keep) if keep is not None else -1
            if view_row >= 0:
                self.table.selectRow(view_row)

        if len(plan.rows) <= CHOOSE_IN_BACKGROUND:
            change()
            applied()
            self.owner.work_done.emit("choose")
            return
        self.owner.run_task(
            "choose",
            "Applying the choice to every row…",
            lambda _report, _stop: change(),
            applied,
            self._failed,
        )

    def _leave_out_unreadable(self) -> None:
        session = self.owner.session
        plan = self.plan
        if plan is None or session.mapping is None or self.owner.busy:
            return
        for header in plan.unreadable_columns():
            session.mapping.set(header, None)
        self.owner.mapping_page.initializePage()  # the mapping page shows the change too
        self.initializePage()

    def _skip_invalid_toggled(self, checked: bool) -> None:
        self.owner.session.skip_invalid = checked
        self._refresh_counts()

    # --- invalid rows ---
    def _save_invalid(self) -> None:
        plan = self.plan
        if plan is None:
            return
        chosen = self.owner.dialogs.save_file(
            "Save the invalid rows",
            str(plan.table.path.parent / f"{plan.table.path.stem}-invalid-rows.xlsx"),
            "Excel workbooks (*.xlsx);;CSV files, UTF-8 (*.csv)",
        )
        if not chosen:
            return
        path = Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(".xlsx")

        def saved(count: int) -> None:
            self.owner.dialogs.offer_file(
                "Invalid rows saved",
                f"{counted(count, 'invalid row')} saved to {path.name}, with a column saying "
                "what is wrong. Fix them there and import that workbook again.",
                str(path),
            )

        self.owner.run_task(
            "save",
            f"Saving the invalid rows to {path.name}…",
            lambda _report, _stop: write_rejected(plan, path),
            saved,
            failure="Cannot save the invalid rows",
        )

    def isComplete(self) -> bool:
        plan = self.plan
        return (
            not self.owner.busy
            and plan is not None
            and self.owner.session.plan_is_current
            and blocked_reason(plan, self.owner.session.skip_invalid) is None
        )
