"""The first page: a welcome on an empty database, an overview otherwise."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db.engine import Database
from ixdesk.gui.icons import icon
from ixdesk.services.overview import record_counts

OVERVIEW = (
    ("Cohorts", "cohorts", "cohort"),
    ("Groups", "groups", "group"),
    ("Students", "students", "student"),
    ("Instructors", "instructors", "instructor"),
    ("Partner companies", "companies", "company"),
    ("Business problems", "problems", "problem"),
)


def _heading(text: str, scale: float = 1.8) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def _big_button(text: str, icon_name: str, accessible: str) -> QPushButton:
    button = QPushButton(icon(icon_name), text)
    button.setAccessibleName(accessible)
    button.setMinimumHeight(56)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    button.setFont(font)
    return button


class HomePage(QWidget):
    """Welcome (empty database) or overview; both lead somewhere in one click."""

    create_cohort = Signal()
    open_demo = Signal()
    open_view = Signal(str)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(32, 28, 32, 28)
        self.refresh()

    def is_empty(self) -> bool:
        return not any(record_counts(self.database).values())

    def refresh(self) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        counts = record_counts(self.database)
        if any(counts.values()):
            self._overview(counts)
        else:
            self._welcome()

    def _welcome(self) -> None:
        self.layout_.addWidget(_heading("Welcome to ixdesk"))
        intro = QLabel(
            "ixdesk keeps your micro-internship programme in one place: partner companies and "
            "their business problems, cohorts and their students, groups and industry-pro "
            "instructors. This database is empty. Where would you like to start?"
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        first = _big_button("Create your first cohort", "cohort", "Create the first cohort")
        first.clicked.connect(self.create_cohort.emit)
        demo = _big_button(
            "Explore with demo data (in a separate database)", "dashboard", "Open demo data"
        )
        demo.clicked.connect(self.open_demo.emit)
        for button in (first, demo):
            self.layout_.addWidget(button)
        note = QLabel(
            "Demo data lives in its own file, so it never mixes with your records. "
            "Go back to your database with File ▸ Open your database."
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        self.layout_.addWidget(note)
        self.layout_.addStretch(1)

    def _overview(self, counts: dict[str, int]) -> None:
        self.layout_.addWidget(_heading("Overview"))
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setSpacing(16)
        for index, (label, kind, icon_name) in enumerate(OVERVIEW):
            button = _big_button(
                f"{counts.get(label, 0):,}  {label.lower()}", icon_name, f"Open {label.lower()}"
            )
            button.setMinimumHeight(84)
            button.clicked.connect(lambda _=False, k=kind: self.open_view.emit(k))
            grid.addWidget(button, index // 3, index % 3)
        self.layout_.addWidget(grid_host)
        hint = QLabel(
            "Ctrl+1 … Ctrl+7 switch views · Ctrl+F searches · Ctrl+N adds · Ctrl+Z undoes"
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignLeft)
        hint.setEnabled(False)
        self.layout_.addWidget(hint)
        self.layout_.addStretch(1)
