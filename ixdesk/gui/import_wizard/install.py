"""Ways into the import wizard from the main window: File ▸ Import…, the toolbar,
the welcome page's button, and a spreadsheet dropped on the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDialog

from ixdesk.gui.icons import icon

if TYPE_CHECKING:
    from ixdesk.gui.import_wizard.wizard import ImportWizard
    from ixdesk.gui.main_window import MainWindow

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
    """Opens one import wizard at a time over the main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.wizard: ImportWizard | None = None
        self.action = QAction(icon("import"), "&Import…", window)
        self.action.setObjectName("actionImport")
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setStatusTip(
            "Import students, instructors or partner companies from an .xlsx or CSV file"
        )
        self.action.triggered.connect(lambda _checked=False: self.open_wizard())
        self._add_to_file_menu()
        self._add_to_toolbar()
        import_sheet = getattr(getattr(window, "home", None), "import_sheet", None)
        if import_sheet is not None:
            import_sheet.connect(lambda: self.open_wizard())
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def _add_to_file_menu(self) -> None:
        """Above Quit: at the top of File ▸ Export's group if it is there, else in its own."""
        menu, quit_action = self.window.ui.menuFile, self.window.ui.actionQuit
        actions = menu.actions()
        index = actions.index(quit_action)
        if index > 0 and actions[index - 1].isSeparator():
            top = index - 1
            while top > 0 and not actions[top - 1].isSeparator():
                top -= 1
            if any(action.menu() is not None for action in actions[top : index - 1]):
                menu.insertAction(actions[top], self.action)
                return
        menu.insertAction(quit_action, self.action)
        menu.insertSeparator(quit_action)

    def _add_to_toolbar(self) -> None:
        """Beside the Export button if there is one, else after a separator at the end."""
        toolbar = self.window.ui.toolBar
        for action in toolbar.actions():
            widget = toolbar.widgetForAction(action)
            if widget is not None and widget.objectName() == "exportButton":
                toolbar.insertAction(action, self.action)
                return
        toolbar.addSeparator()
        toolbar.addAction(self.action)

    def open_wizard(self, path: str | Path | None = None) -> ImportWizard:
        if self.wizard is not None:  # it is window-modal: already in front of the window
            self.wizard.activateWindow()
            return self.wizard
        # Imported when first asked for: the spreadsheet libraries stay out of the first paint.
        from ixdesk.gui.import_wizard.wizard import ImportWizard

        window = self.window
        wizard = ImportWizard(window.workbench, window, path=path)
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
            self.window.statusBar().showMessage(f"Imported: {describe()}.", STATUS_MILLISECONDS)

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
            self.window.statusBar().showMessage(f"Drop to import {path.name}.")
        event.acceptProposedAction()
        return True

    def _drop(self, event: QDropEvent) -> bool:
        path = dropped_file(event.mimeData())
        if path is None:
            self._say_what_can_be_dropped(event.mimeData())
            event.ignore()
            return True
        event.acceptProposedAction()
        self.window.statusBar().clearMessage()
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
        self.window.statusBar().showMessage(text, STATUS_MILLISECONDS)


def install_imports(window: MainWindow) -> None:
    """Add File ▸ Import… (Ctrl+I), its toolbar button, the welcome page's button and drops."""
    ImportLauncher(window)
