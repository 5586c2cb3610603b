"""File ▸ Purge expired students…: the retention purge from the window.

It says first how many students of which archived cohorts would be anonymised
(a dry run), asks, then anonymises them and shows the report. Not undoable: the
data is gone on purpose.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ixdesk.gui.workbench import Workbench
from ixdesk.services.privacy import erasure

TITLE = "Purge expired students"


def purge_action(workbench: Workbench, parent: QWidget) -> QAction:
    action = QAction("&Purge expired students…", parent)
    action.setObjectName("actionPurgeExpired")
    action.setToolTip(
        "Anonymise the students of cohorts archived longer ago than the retention setting"
    )
    action.setEnabled(workbench.writable)
    action.triggered.connect(lambda: purge(workbench))
    return action


def purge(workbench: Workbench) -> bool:
    """Ask, then purge; True when students were anonymised."""
    database, hub = workbench.database, workbench.hub
    planned = workbench.operations.read(
        lambda: erasure.purge_expired(database, dry_run=True), title=TITLE
    )
    if planned is None:
        return False
    if not planned.students:
        workbench.dialogs.info(TITLE, planned.lines()[0])
        return False
    question = "\n".join(planned.lines()) + "\n\nThis cannot be undone."
    if not workbench.dialogs.confirm(TITLE, question, "Anonymise"):
        return False
    return workbench.operations.run(
        lambda: erasure.purge_expired(database, hub=hub),
        title=TITLE,
        then=lambda report: workbench.dialogs.info(TITLE, "\n".join(report.lines())),
        status=lambda report: f"{report.students:,} student(s) anonymised.",
    )
