"""Ways into the import wizard: an Import… action (Ctrl+I) the window places in its
File menu and toolbar, :meth:`ImportLauncher.open_wizard` for the welcome page's
button, and a spreadsheet dropped on the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from ixdesk.gui.icons import icon
from ixdesk.gui.workbench import Workbench

if TYPE_CHECKING:
    from ixdesk.gui.import_wizard.wizard import ImportWizard

IMPORTABLE = (".xlsx", ".xlsm", ".csv", ".txt")
STATUS_MILLISECONDS = 6000


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local spreadsheet being dragged, or None."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in IMPORTABLE else None


class ImportLauncher(QObject):
    """Opens one import wizard at a time over ``window``, which takes dropped files."""

    def __init__(self, workbench: Workbench, window: QWidget) -> None:
        super().__init__(window)
        self.workbench, self.window = workbench, window
        self.wizard: ImportWizard | None = None
        self.action = QAction(icon("import"), "&Import…", window)
        self.action.setObjectName("actionImport")
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setStatusTip(
            "Import students, instructors or partner companies from an .xlsx or CSV file"
        )
        self.action.triggered.connect(lambda _checked=False: self.open_wizard())
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def open_wizard(self, path: str | Path | None = None) -> ImportWizard:
        if self.wizard is not None:  # it is window-modal: already in front of the window
            self.wizard.activateWindow()
            return self.wizard
        # Imported when first asked for: the spreadsheet libraries stay out of the first paint.
        from ixdesk.gui.import_wizard.wizard import ImportWizard

        wizard = ImportWizard(self.workbench, self.window, path=path)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.finished.connect(self._closed)
        wizard.imported.connect(self._imported)
        self.wizard = wizard
        wizard.open()
        return wizard

    def _closed(self, _result: int = QDialog.DialogCode.Rejected) -> None:
        self.wizard = None

    def _imported(self, result: object) -> None:
        describe = getattr(result, "describe", None)
        if describe is not None:
            self.workbench.status(f"Imported: {describe()}.", STATUS_MILLISECONDS)

    # --- drag and drop ---
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        kind = event.type()
        if not isinstance(event, QDropEvent):  # drag enter and move events are drop events too
            return False
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            return self._drag(event)
        if kind == QEvent.Type.Drop:
            return self._drop(event)
        return False

    def _drag(self, event: QDropEvent) -> bool:
        path = dropped_file(event.mimeData())
        if path is None:
            if event.type() == QEvent.Type.DragEnter:
                self._say_what_can_be_dropped(event.mimeData())
            event.ignore()
            return True
        if event.type() == QEvent.Type.DragEnter:
            self.workbench.status(f"Drop to import {path.name}.", 0)  # until dropped
        event.acceptProposedAction()
        return True

    def _drop(self, event: QDropEvent) -> bool:
        path = dropped_file(event.mimeData())
        if path is None:
            self._say_what_can_be_dropped(event.mimeData())
            event.ignore()
            return True
        event.acceptProposedAction()
        self.workbench.status("", 0)
        # Open after the drop returns, so the program the file came from is not kept waiting.
        QTimer.singleShot(0, lambda: self.open_wizard(path))
        return True

    def _say_what_can_be_dropped(self, mime: QMimeData) -> None:
        urls = mime.urls() if mime.hasUrls() else []
        if len(urls) > 1:
            text = "Drop one file at a time to import it."
        elif urls and urls[0].isLocalFile():
            text = (
                f"{Path(urls[0].toLocalFile()).name} cannot be imported: drop an .xlsx "
                "workbook or a CSV file."
            )
        else:
            text = "Drop an .xlsx workbook or a CSV file from your computer to import it."
        self.workbench.status(text, STATUS_MILLISECONDS)
