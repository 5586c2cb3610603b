"""The ixdesk main window: the open database and what it holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHeaderView, QMainWindow, QMessageBox, QTableWidgetItem, QWidget

from ixdesk import __version__
from ixdesk.db import Database
from ixdesk.gui.generated.ui_main_window import Ui_MainWindow
from ixdesk.paths import resource_path
from ixdesk.services.overview import record_counts


class MainWindow(QMainWindow):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowIcon(QIcon(str(resource_path("icons", "ixdesk.svg"))))
        self.setWindowTitle(f"ixdesk — {database.location}")
        font = self.ui.titleLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.ui.titleLabel.setFont(font)
        self.ui.databaseLabel.setText(f"Database: {database.location}")
        header = self.ui.countsTable.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ui.refreshButton.clicked.connect(self.refresh)
        self.ui.actionRefresh.triggered.connect(self.refresh)
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionAbout.triggered.connect(self.show_about)
        self.refresh()

    def refresh(self) -> None:
        counts = record_counts(self.database)
        table = self.ui.countsTable
        table.setRowCount(len(counts))
        for row, (label, count) in enumerate(counts.items()):
            table.setItem(row, 0, QTableWidgetItem(label))
            number = QTableWidgetItem(f"{count:,}")
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 1, number)
        total = sum(counts.values())
        self.statusBar().showMessage(f"{total:,} records in {self.database.location}")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About ixdesk",
            f"ixdesk {__version__}\n\nRun micro-internship cohorts: partner companies, "
            "business problems, student groups and industry-pro instructors.",
        )
