"""Page 5: what will be written, then the import itself: one transaction, with Cancel.

The Finish button reads "Import" until the import is done, then "Close".
Cancelling rolls everything back and the wizard stays open on this page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizard, QWizardPage

from ixdesk.gui.bugs import explain
from ixdesk.gui.import_wizard.common import MessageBar
from ixdesk.services.importing import ImportResult, commit_import
from ixdesk.services.importing.preview import what_will_happen

if TYPE_CHECKING:
    from ixdesk.gui.import_wizard.wizard import ImportWizard

NOTHING = "Nothing was imported"


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Import")
        self.setSubTitle(
            "Check what will happen, then import. Everything is written in one go: all of it, "
            "or nothing if you cancel or something fails."
        )
        layout = QVBoxLayout(self)
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.lines.setAccessibleName("What the import will do")
        layout.addWidget(self.lines)
        self.outcome = MessageBar("What the import did")
        layout.addWidget(self.outcome)
        layout.addStretch(1)

    def initializePage(self) -> None:
        session = self.owner.session
        plan = session.plan
        self.outcome.clear()
        if plan is not None:
            lines = what_will_happen(plan, session.skip_invalid)
            self.lines.setText("\n".join([lines[0], *(f"• {line}" for line in lines[1:])]))
        self.owner.setButtonText(QWizard.WizardButton.FinishButton, "&Import")

    def validatePage(self) -> bool:
        """The first Finish imports (and stays); after a successful import it closes."""
        if self.owner.session.committed is not None:
            return True
        if not self.owner.busy:
            self.start_import()
        return False

    def start_import(self) -> None:
        session = self.owner.session
        plan = session.plan
        if plan is None:
            return
        database, hub, skip_invalid = self.owner.database, self.owner.hub, session.skip_invalid

        def work(report: Callable[[int, int, str], None], stop: Callable[[], bool]) -> Any:
            def progress(done: int, total: int) -> None:
                report(done, total, f"Writing {done:,} of {total:,} records…")

            return commit_import(
                database,
                plan,
                hub=hub,
                progress=progress,
                cancelled=stop,
                skip_invalid=skip_invalid,
            )

        self.outcome.clear()
        self.owner.run_task(
            "import", "Importing…", work, self._imported, self._failed, self._cancelled
        )

    def _imported(self, result: ImportResult) -> None:
        session = self.owner.session
        session.committed = result
        self.lines.hide()
        self.setSubTitle("Done: the records are in ixdesk. Close the wizard to work with them.")
        name = session.plan.table.path.name if session.plan is not None else "the file"
        self.outcome.show_note(f"Imported from {name}: {result.describe()}.")
        wizard = self.owner
        wizard.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        wizard.setOption(QWizard.WizardOption.NoCancelButton, True)
        wizard.setButtonText(QWizard.WizardButton.FinishButton, "&Close")
        wizard.imported.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.owner.session.planned_for = None  # preview again before another try
        text = explain(error)
        if not text.startswith(NOTHING):
            text = f"{NOTHING}. {text}"
        self.outcome.show_problem(f"{text} Go back to preview the import again.")
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self.outcome.show_problem(
            f"The import was cancelled. {NOTHING}: everything was rolled back. Import again "
            "when you are ready, or close the wizard."
        )

    def isComplete(self) -> bool:
        session = self.owner.session
        return not self.owner.busy and (session.committed is not None or session.plan_is_current)
