"""A student's consent records on the student's editor: shown, recorded, withdrawn.

Each change goes through the workbench's runner with an undo step; the panel
reloads when the editor's linked records do (the editor reads what
``consent_card`` reads). For a minor, one line says which purposes lack a valid
consent, and a line under the messaging opt-in says so while the box is ticked
without a consent for messages.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db.enums import ConsentMethod, ConsentPurpose
from ixdesk.gui.field_problems import WARNING_COLOURS, ProblemLine, problem_line_for
from ixdesk.gui.operations import Reversible
from ixdesk.gui.window_parts import read_only_table
from ixdesk.gui.workbench import Workbench
from ixdesk.services.privacy import consent as cs

SHORT = {
    ConsentPurpose.PARTICIPATION: "Taking part",
    ConsentPurpose.PHOTOS: "Photos",
    ConsentPurpose.PARTNER_SHARING: "Partner sharing",
    ConsentPurpose.MESSAGES: "Messages",
}
COLUMNS = ("Purpose", "Given by", "Relation", "Given on", "How", "Notice", "Withdrawn")
ID_ROLE = Qt.ItemDataRole.UserRole + 20


def _day(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().date().isoformat()


class ConsentDialog(QDialog):
    """What a guardian consented to: purposes, who, relation, when, how, the notice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a guardian's consent")
        form = QFormLayout(self)
        self.purposes: dict[ConsentPurpose, QCheckBox] = {}
        box = QVBoxLayout()
        for purpose in ConsentPurpose:
            check = QCheckBox(cs.PURPOSE_LABELS[purpose].capitalize())
            check.setChecked(purpose == ConsentPurpose.PARTICIPATION)
            self.purposes[purpose] = check
            box.addWidget(check)
        form.addRow("For", box)
        self.given_by = QLineEdit()
        self.given_by.setAccessibleName("Guardian's name")
        form.addRow("Given &by", self.given_by)
        self.relation = QLineEdit()
        self.relation.setPlaceholderText("mother, father, legal guardian…")
        form.addRow("&Relation", self.relation)
        self.given_on = QDateEdit(QDate.currentDate())
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat("yyyy-MM-dd")
        form.addRow("Given &on", self.given_on)
        self.method = QComboBox()
        for method in ConsentMethod:
            self.method.addItem(cs.METHOD_LABELS[method].capitalize(), method.value)
        form.addRow("&How", self.method)
        self.notice = QLineEdit()
        self.notice.setPlaceholderText("e.g. 2026-01")
        form.addRow("&Notice version", self.notice)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> list[ConsentPurpose]:
        return [purpose for purpose, check in self.purposes.items() if check.isChecked()]

    def given_at(self) -> datetime:
        day = self.given_on.date()
        return datetime.combine(date(day.year(), day.month(), day.day()), time(12), tzinfo=UTC)


class ConsentPanel(QWidget):
    def __init__(
        self, workbench: Workbench, opt_in: QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.student_id: str | None = None
        self.rows: list[cs.ConsentRow] = []
        self.card = cs.ConsentCard([], False, {})
        self.status = ProblemLine("consent_status")
        self.status.setAccessibleName("Purposes without a guardian's consent")
        # Under the messaging opt-in (a line of its own, as the form's problems have).
        self.opt_in = opt_in if isinstance(opt_in, QCheckBox) else None
        self.opt_in_flag = problem_line_for(opt_in or self, "messages_consent")
        self.opt_in_flag.setAccessibleName("Messages without a guardian's consent")
        if self.opt_in is not None:
            self.opt_in.toggled.connect(self._flag_opt_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel("Guardian's consent")
        top.addWidget(self.title, 1)
        self.record_button = QPushButton("Record c&onsent…")
        self.record_button.setAccessibleName("Record a guardian's consent")
        self.record_button.clicked.connect(self.record)
        self.withdraw_button = QPushButton("&Withdraw…")
        self.withdraw_button.setAccessibleName("Withdraw the selected consent")
        self.withdraw_button.clicked.connect(self.withdraw)
        top.addWidget(self.record_button)
        top.addWidget(self.withdraw_button)
        layout.addLayout(top)
        layout.addWidget(self.status)
        self.table = read_only_table(COLUMNS, "Consent records")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        rows = self.table.fontMetrics().height() + 6
        self.table.verticalHeader().setDefaultSectionSize(rows)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setMinimumHeight(header + rows * 2 + 2 * self.table.frameWidth())
        layout.addWidget(self.table, 1)
        self.title.setBuddy(self.table)
        self.show_for(None)

    def show_for(self, student_id: str | None) -> None:
        self.student_id = student_id
        self.card = (
            cs.ConsentCard([], False, {})
            if student_id is None
            else cs.consent_card(self.workbench.database, student_id)
        )
        self.rows = self.card.rows
        self.status.forget()
        self.opt_in_flag.forget()
        self.status.say(self.card.status(), WARNING_COLOURS)
        self.status.setVisible(bool(self.card.minor))
        self._flag_opt_in()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            withdrawn = _day(row.withdrawn_at)
            if withdrawn and row.withdrawn_by:
                withdrawn += f" by {row.withdrawn_by}"
            cells = (
                SHORT[row.purpose],
                row.given_by or "",
                row.relation or "",
                _day(row.given_at),
                cs.METHOD_LABELS[row.method] if row.method else "",
                row.notice_version or "",
                withdrawn,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row.id)
                item.setToolTip(cs.PURPOSE_LABELS[row.purpose].capitalize())
                if not row.valid:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(index, column, item)
        valid = sum(row.valid for row in self.rows)
        self.title.setText(
            "Guardian's consent (save the student first)"
            if student_id is None
            else f"Guardian's consent ({valid} valid)"
            if self.rows
            else "Guardian's consent: none on record"
        )
        self._update_buttons()

    def _flag_opt_in(self) -> None:
        """Beside a ticked opt-in: a minor without a valid consent for messages."""
        messages = ConsentPurpose.MESSAGES
        state = self.card.gaps.get(messages)
        ticked = self.opt_in is not None and self.opt_in.isChecked()
        text = cs.gap_sentence(messages, state) if ticked and state else ""
        self.opt_in_flag.say(text, WARNING_COLOURS)

    def _selected(self) -> cs.ConsentRow | None:
        index = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.rows[index] if selected and 0 <= index < len(self.rows) else None

    def _update_buttons(self) -> None:
        writable = self.workbench.writable and self.student_id is not None
        self.record_button.setEnabled(writable)
        chosen = self._selected()
        self.withdraw_button.setEnabled(writable and chosen is not None and chosen.valid)

    def record(self) -> None:
        student_id = self.student_id
        if student_id is None:
            return
        dialog = ConsentDialog(self)
        if not self.workbench.dialogs.review(dialog):
            return
        database, hub = self.workbench.database, self.workbench.hub
        purposes, given_at = dialog.chosen(), dialog.given_at()
        method = ConsentMethod(dialog.method.currentData())

        def call() -> list[str]:
            return cs.give_consent(
                database,
                student_id,
                purposes,
                given_by=dialog.given_by.text(),
                relation=dialog.relation.text(),
                given_at=given_at,
                method=method,
                notice_version=dialog.notice.text(),
                hub=hub,
            )

        self.workbench.operations.run(
            call,
            title="Could not record the consent",
            undo=lambda ids: Reversible(
                "Record consent",
                undo=lambda: cs.remove_consents(database, ids, hub=hub),
                redo=lambda: cs.restore_removed(database, ids, hub=hub),
            ),
            status="Consent recorded.",
        )

    def withdraw(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        by = self.workbench.dialogs.ask_text(
            "Withdraw consent",
            f"Withdraw the consent for {cs.PURPOSE_LABELS[chosen.purpose]}. Who withdrew it?",
        )
        if by is None:
            return
        database, hub, consent_id = self.workbench.database, self.workbench.hub, chosen.id
        self.workbench.operations.run(
            lambda: cs.withdraw_consent(
                database, consent_id, chosen.version, withdrawn_by=by, hub=hub
            ),
            title="Could not withdraw the consent",
            undo=lambda _: Reversible(
                "Withdraw consent",
                undo=lambda: cs.restore_consent(database, consent_id, hub=hub),
                redo=lambda: cs.withdraw_consent(database, consent_id, withdrawn_by=by, hub=hub),
            ),
            status="Consent withdrawn: exports that need it leave the student out from now on.",
        )
