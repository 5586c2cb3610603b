"""The import wizard: file, sheet and encoding, mapping, typed answers, preview, import.

Reading, checking and writing run on a worker thread (through the operation
runner's ``start``) with progress and Cancel, so a 100,000-row sheet never
freezes the window.
Nothing is written before the last page, and then in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from ixdesk.gui.icons import icon
from ixdesk.gui.import_wizard import memory
from ixdesk.gui.import_wizard.file_page import FilePage
from ixdesk.gui.import_wizard.import_page import ImportPage
from ixdesk.gui.import_wizard.mapping_page import MappingPage
from ixdesk.gui.import_wizard.preview_page import PreviewPage
from ixdesk.gui.import_wizard.sheet_page import SheetPage
from ixdesk.gui.import_wizard.values_page import ValuesPage
from ixdesk.gui.tasks import BackgroundTask, Work
from ixdesk.gui.workbench import Workbench
from ixdesk.services.importing.session import ImportSession
from ixdesk.services.record_kinds import Kind

FILE, SHEET, MAPPING, VALUES, PREVIEW, IMPORT = range(6)


class ImportWizard(QWizard):
    """Import students, instructors or partner companies from an .xlsx or CSV file."""

    work_done = Signal(str)  # "read", "plan", "choose", "save" or "import", however it ended
    imported = Signal(object)  # the ImportResult, once committed

    def __init__(
        self,
        workbench: Workbench,
        parent: QWidget | None = None,
        path: str | Path | None = None,
        kind: Kind | None = None,
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.database, self.hub, self.dialogs = workbench.database, workbench.hub, workbench.dialogs
        self.session = ImportSession()
        memory.recall(self.session)
        if kind is not None:
            self.session.source.kind = kind
        if path is not None:
            self.session.source.path = Path(path)
        self.task: BackgroundTask | None = None
        self.setWindowTitle("Import")
        self.setWindowIcon(icon("import"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.values_page = ValuesPage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        for page_id, page in (
            (FILE, self.file_page),
            (SHEET, self.sheet_page),
            (MAPPING, self.mapping_page),
            (VALUES, self.values_page),
            (PREVIEW, self.preview_page),
            (IMPORT, self.import_page),
        ):
            self.setPage(page_id, page)
            page.completeChanged.connect(self._hold_back_while_busy)
        self.currentIdChanged.connect(lambda _id: self._hold_back_while_busy())
        self.currentIdChanged.connect(self._keep_choices)
        self.resize(1040, 720)

    # --- background work ---
    @property
    def busy(self) -> bool:
        return self.task is not None

    def run_task(
        self,
        name: str,
        label: str,
        work: Work,
        succeeded: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
        cancelled: Callable[[], None] | None = None,
        *,
        failure: str = "Import",
    ) -> None:
        """Run ``work`` on a worker thread with a progress dialog; ``work_done`` follows.

        ``failed`` hears of a refusal (a file that cannot be imported, a mapping that
        cannot work) and of a bug, after the bug report; the page shows it in its own
        words (``bugs.explain``). Without it a refusal is a message titled ``failure``.
        """
        task = self.workbench.operations.start(
            work,
            title="Import",
            failure=failure,
            label=label,
            source=self,
            then=succeeded,
            failed=failed,
            cancelled=cancelled or (lambda: None),
            finished=lambda: self._task_finished(task, name),
            parent=self,
        )
        self.task = task
        self._refresh_pages()

    def _task_finished(self, task: BackgroundTask, name: str) -> None:
        if self.task is task:
            self.task = None
        self._refresh_pages()
        self.work_done.emit(name)

    def _refresh_pages(self) -> None:
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()
        self._hold_back_while_busy()

    def _hold_back_while_busy(self) -> None:
        back = self.button(QWizard.WizardButton.BackButton)
        if self.busy:
            back.setEnabled(False)

    def _keep_choices(self, page_id: int) -> None:
        """Past the first page the choices so far are the ones to start from next time."""
        if page_id > FILE:
            memory.keep(self.session)

    # --- closing ---
    def reject(self) -> None:
        """Cancel (or Escape) stops the work in progress first; a second Cancel closes."""
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()
