"""The records linked to the one being edited, one Enter or double-click away.

A student's application answers are read rather than opened: they show in
full below the list, question and answer, a heading per cohort.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db.engine import Database
from ixdesk.services import links
from ixdesk.services.record_kinds import Kind

LINK_ID_ROLE = Qt.ItemDataRole.UserRole + 10
SHOWN_ROWS = 6  # the list never shrinks below this many rows
SHARED_ROWS = 4  # the same, with another section below
ANSWER_LINES = 12  # lines of application answers shown before they scroll
SHARED_ANSWER_LINES = 6  # the same, with another section below them


class LinkedRecords(QWidget):
    open_record = Signal(str, str)  # kind ("contacts" for a company's contact), id

    def __init__(self, database: Database, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.kind = database, kind
        self.answer_lines = ANSWER_LINES
        layout = self.sections = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.title = QLabel("Linked records")
        layout.addWidget(self.title)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Record", "Detail"])
        self.tree.setAccessibleName("Linked records")
        self.tree.setAccessibleDescription("Press Enter or double-click to open a record")
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.itemActivated.connect(self._activated)
        self._fit_tree(SHOWN_ROWS)
        layout.addWidget(self.tree, 1)
        self.title.setBuddy(self.tree)
        self.answers_title = QLabel("Application answers")
        layout.addWidget(self.answers_title)
        self.answers = QTextBrowser()
        self.answers.setAccessibleName("Application answers")
        self.answers.setOpenLinks(False)
        layout.addWidget(self.answers, 2)
        self.answers_title.setBuddy(self.answers)
        self._show_answers([])

    def add_below(self, widget: QWidget) -> None:
        """Another section read with the links (a student's ranking of business problems)."""
        self.sections.addWidget(widget, 2)
        self.answer_lines = SHARED_ANSWER_LINES
        self._fit_tree(SHARED_ROWS)

    def _fit_tree(self, shown: int) -> None:
        rows = self.tree.fontMetrics().height() + 4
        self.tree.setMinimumHeight(rows * (shown + 1) + 2 * self.tree.frameWidth())

    def show_for(self, record_id: str | None) -> None:
        tree = self.tree
        tree.clear()
        if record_id is None:
            self.title.setText("Linked records (save first)")
            return
        sections: dict[str, QTreeWidgetItem] = {}
        found = links.linked_records(self.database, self.kind, record_id)
        self._show_answers([item for item in found if item.answer])
        for item in (item for item in found if not item.answer):
            section = sections.get(item.section)
            if section is None:
                section = QTreeWidgetItem([item.section, ""])
                section.setFlags(Qt.ItemFlag.ItemIsEnabled)
                sections[item.section] = section
                tree.addTopLevelItem(section)
            child = QTreeWidgetItem([item.label, item.detail])
            child.setData(0, LINK_ID_ROLE, (item.kind, item.id))
            child.setToolTip(0, f"{item.label} — press Enter or double-click to open")
            child.setToolTip(1, item.detail)
            section.addChild(child)
        tree.expandAll()
        tree.resizeColumnToContents(0)
        # The label column may take up to two thirds; details are elided, not the names.
        width = tree.viewport().width() or tree.width()
        tree.setColumnWidth(0, min(tree.columnWidth(0) + 12, max(width * 2 // 3, 120)))
        count = sum(section.childCount() for section in sections.values())
        self.title.setText(f"Linked records ({count})" if count else "No linked records yet")

    def _show_answers(self, answers: list[links.Linked]) -> None:
        """The application answers in full, a heading per cohort (hidden when none)."""
        parts: list[str] = []
        section = None
        for item in answers:
            if item.section != section:
                section = item.section
                heading = section.partition(" · ")[2] or "No cohort"
                parts.append(f"<h4>{html.escape(heading)}</h4>")
            question, answer = html.escape(item.label), html.escape(item.detail)
            parts.append(f"<p><b>{question}</b><br>{answer.replace(chr(10), '<br>')}</p>")
        self.answers.setHtml("".join(parts))
        lines = self.answers.fontMetrics().lineSpacing()
        self.answers.setMinimumHeight(lines * self.answer_lines if answers else 0)
        self.answers.setVisible(bool(answers))
        self.answers_title.setVisible(bool(answers))
        self.answers_title.setText(f"Application answers ({len(answers)})")

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, LINK_ID_ROLE)
        if target:
            kind, record_id = target
            self.open_record.emit(kind, record_id)
