"""View ▸ Audit log: every export and bulk action, read-only, newest last; Save as CSV….

Entries are shown, never edited: the table takes no edits and there is no
action that changes or removes one (docs/privacy.md).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.window_parts import read_only_table
from ixdesk.gui.workbench import Workbench
from ixdesk.services.privacy import audit
from ixdesk.services.reads import reads_of

HEADERS = ("When", "Who", "Action", "What", "Profile", "Records", "File")
CSV_FILTER = "CSV file (*.csv)"


class AuditLogView(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.count = QLabel()
        top.addWidget(self.count, 1)
        self.save_button = QPushButton("Save as &CSV…")
        self.save_button.setAccessibleName("Save the audit log as a CSV file")
        self.save_button.clicked.connect(self.save_csv)
        top.addWidget(self.save_button)
        layout.addLayout(top)
        self.table = read_only_table(HEADERS, "Audit log", single=False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.freshness = Freshness(
            self, workbench, self._refresh, reads=reads_of(audit.audit_entries), stale=True
        )

    def _refresh(self, _burst: Burst | None = None) -> None:
        entries = audit.audit_entries(self.workbench.database)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                entry.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                entry.who,
                entry.action,
                entry.what,
                entry.profile or "",
                f"{entry.records:,}",
                entry.file_name or "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.scrollToBottom()
        noun = "entry" if len(entries) == 1 else "entries"
        self.count.setText(f"{len(entries):,} {noun}: every export and bulk action, oldest first")

    def save_csv(self) -> None:
        from ixdesk.gui.exports import export_folder

        answer = self.workbench.dialogs.save_file(
            "Save the audit log", str(export_folder() / "ixdesk audit log.csv"), CSV_FILTER
        )
        if not answer:
            return
        database, target = self.workbench.database, Path(answer)
        self.workbench.operations.run(
            lambda: audit.export_audit_log(database, target),
            title="Could not save the audit log",
            status=lambda written: f"The audit log was saved to {written}.",
        )
