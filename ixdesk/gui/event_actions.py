"""File ▸ New event copy…, Merge event copies… and Review merged sign-ups….

New event copy asks for the event's name, the cohorts it signs up for, a PIN
and the status its enrolments get, then where to write the copy; the copy is
made on a worker thread. Merge event copies takes one or more copies, merges
them in one transaction behind a progress dialog, says what came in, puts the
whole merge on the undo stack, and opens the review when something waits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db.enums import EnrolmentStatus
from ixdesk.gui.icons import icon
from ixdesk.gui.operations import ServiceCommand
from ixdesk.gui.tasks import Report
from ixdesk.gui.workbench import Workbench
from ixdesk.services.events.identity import PIN_DIGITS

if TYPE_CHECKING:  # the services load the import's libraries: only when first used
    from ixdesk.services.events.pack import PackResult
    from ixdesk.services.events.report import MergeReport

COPY_FILTER = "Event copies (*.ixdesk *.db);;All files (*)"


class PackDialog(QDialog):
    """What an event copy is for: the event, its cohorts, the PIN, the enrolments' status."""

    def __init__(self, cohorts: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New event copy")
        self.event_name = QLineEdit()
        self.event_name.setObjectName("eventName")
        self.event_name.setPlaceholderText("Careers Fair, Table 3")
        self.cohorts = QListWidget()
        self.cohorts.setObjectName("eventCohorts")
        for name in cohorts:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.cohorts.addItem(item)
        low, high = PIN_DIGITS
        self.pin = QLineEdit()
        self.pin.setObjectName("eventPin")
        self.pin.setMaxLength(high)
        self.pin.setPlaceholderText(f"{low} to {high} digits; left empty, one is made up")
        self.status = QComboBox()
        for status in EnrolmentStatus:
            self.status.addItem(status.value.replace("_", " ").capitalize(), status.value)
        form = QFormLayout()
        form.addRow("&Event", self.event_name)
        form.addRow("&Cohorts to sign up for", self.cohorts)
        form.addRow("&PIN to leave event mode", self.pin)
        form.addRow("&Enrolments come in as", self.status)
        note = QLabel(
            "The copy holds these cohorts, the tracks and the organisation's settings, and of "
            "the students only names, emails, schools and dates of birth (to warn about "
            "duplicates): no phone numbers, guardian details or notes."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 440)

    def chosen_cohorts(self) -> list[str]:
        items = (self.cohorts.item(row) for row in range(self.cohorts.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]


class EventActions:
    """The three actions of the File menu about event copies."""

    def __init__(self, workbench: Workbench, parent: QWidget) -> None:
        self.workbench, self.parent = workbench, parent
        self.review_window: QWidget | None = None
        self.pack_action = QAction(icon("export"), "New &event copy…", parent)
        self.pack_action.setObjectName("actionNewEventCopy")
        self.pack_action.setToolTip("A database file for one laptop taking sign-ups at an event")
        self.pack_action.triggered.connect(lambda: self.pack())
        self.merge_action = QAction(icon("import"), "&Merge event copies…", parent)
        self.merge_action.setObjectName("actionMergeEventCopies")
        self.merge_action.setToolTip("Bring the sign-ups of event copies into this database")
        self.merge_action.triggered.connect(lambda: self.merge())
        self.review_action = QAction("Re&view merged sign-ups…", parent)
        self.review_action.setObjectName("actionReviewMerge")
        self.review_action.setToolTip("Duplicates and conflicts that merges left to decide")
        self.review_action.triggered.connect(lambda: self.review())
        for action in (self.pack_action, self.merge_action, self.review_action):
            action.setEnabled(workbench.writable)

    @property
    def actions(self) -> list[QAction]:
        return [self.pack_action, self.merge_action, self.review_action]

    # --- packing ---
    def pack(self) -> None:
        from ixdesk.services.events.pack import cohort_choices, pack_event_copy

        bench = self.workbench
        cohorts = bench.operations.read(
            lambda: cohort_choices(bench.database), title="No event copy was made"
        )
        if cohorts is None:
            return
        dialog = PackDialog(cohorts, self.parent)
        self.dialog = dialog  # for tests, and so it lives while shown
        if not bench.dialogs.review(dialog):
            return
        chosen, event = dialog.chosen_cohorts(), dialog.event_name.text()
        pin, status = dialog.pin.text().strip() or None, dialog.status.currentData()
        target = bench.dialogs.save_file(
            "Save the event copy", f"{(event.strip() or 'event')}.ixdesk", COPY_FILTER
        )
        if not target:
            return

        def work(_report: Report, _stop: Callable[[], bool]) -> PackResult:
            return pack_event_copy(
                bench.database,
                Path(target),
                chosen,
                event_name=event,
                pin=pin,
                enrolment_status=status,
            )

        bench.operations.start(
            work, title="No event copy was made", label="Making the event copy…", then=self._packed
        )

    def _packed(self, result: PackResult) -> None:
        text = result.describe()
        if result.pin is not None:
            text += f"\n\nThe PIN to leave event mode is {result.pin}; keep it safe."
        self.workbench.dialogs.info("Event copy made", text)

    # --- merging ---
    def merge(self, paths: list[str] | None = None) -> None:
        from ixdesk.services.events.merge import merge_event_copies

        bench = self.workbench
        chosen = paths or bench.dialogs.open_files("Merge event copies", COPY_FILTER)
        if not chosen:
            return
        database, hub = bench.database, bench.hub

        def work(report: Report, _stop: Callable[[], bool]) -> MergeReport:
            return merge_event_copies(
                database,
                chosen,
                hub=hub,
                progress=lambda done, total: report(
                    done, total, f"{done} of {total} copies merged"
                ),
            )

        bench.operations.start(
            work,
            title="Nothing was merged",
            label="Merging event copies…",
            source=self.parent,
            then=lambda merged: self._merged(chosen, merged),
        )

    def _merged(self, paths: list[str], report: MergeReport) -> None:
        bench = self.workbench
        if report.merge_id is not None and bench.undo_stack is not None:
            bench.undo_stack.push(
                ServiceCommand(_MergeStep(bench, paths, report), bench.operations)
            )
        bench.dialogs.info("Event copies merged", report.describe().split("\nMerged in")[0])
        if any(report.reviews.values()):
            self.review()

    def review(self) -> None:
        from ixdesk.gui.merge_review import MergeReview

        if self.review_window is None:
            self.review_window = MergeReview(self.workbench, self.parent)
            self.review_window.resize(1280, 800)
        self.review_window.show()
        self.review_window.activateWindow()


class _MergeStep:
    """Undo takes the whole merge back; redo merges the same copies again."""

    def __init__(self, workbench: Workbench, paths: list[str], report: MergeReport) -> None:
        self.workbench, self.paths, self.report = workbench, paths, report
        count = len(report.copies)
        self.text = f"Merge {count} event cop{'y' if count == 1 else 'ies'}"

    def undo(self) -> None:
        from ixdesk.services.events.undo import undo_merge

        assert self.report.merge_id is not None
        undo_merge(self.workbench.database, self.report.merge_id, hub=self.workbench.hub)

    def redo(self) -> None:
        from ixdesk.services.events.merge import merge_event_copies

        self.report = merge_event_copies(
            self.workbench.database, self.paths, hub=self.workbench.hub
        )
