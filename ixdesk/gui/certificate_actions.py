"""Certificates from the window: a cohort's, into a folder, with progress and Cancel.

File ▸ Export ▸ Certificates of completion… (and the cohorts view's menu) asks
which cohort (the selected one when there is one) and which folder, then
writes ``COHORT certificates/`` there on a worker thread: a PDF and a signed
Open Badges credential per student who completed. File ▸ Export ▸ Public key
for credentials… saves the key others check the credentials with.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ixdesk.gui.exports import (
    FOLDER_KEY,
    choose_record,
    export_folder,
    record_name,
    selected_record,
)
from ixdesk.gui.icons import icon
from ixdesk.gui.settings import remember
from ixdesk.gui.tasks import BackgroundTask, Report
from ixdesk.gui.workbench import Workbench
from ixdesk.services.privacy.profiles import CERTIFICATE, describe
from ixdesk.services.record_kinds import Kind
from ixdesk.targets import file_name

TITLE = "Write certificates"
KEY_TITLE = "Export public key"
KEY_FILTER = "JSON Web Key (*.jwk);;PEM public key (*.pem)"


def certificates_action(
    workbench: Workbench, parent: QWidget, text: str, name: str = "actionWriteCertificates"
) -> QAction:
    """An action writing the certificates of the selected cohort (or one asked for)."""
    action = QAction(icon("export"), text, parent)
    action.setObjectName(name)
    action.setToolTip(
        "A PDF certificate and a signed Open Badges credential for every student who "
        "completed the selected cohort, written to a folder"
    )
    action.triggered.connect(
        lambda: write_certificates(workbench, selected_record(workbench, Kind.COHORTS))
    )
    return action


def public_key_action(workbench: Workbench, parent: QWidget) -> QAction:
    action = QAction("Public &key for credentials…", parent)
    action.setObjectName("actionExportPublicKey")
    action.setToolTip("Save the public key anyone can check this organisation's credentials with")
    action.triggered.connect(lambda: export_public_key(workbench))
    return action


def write_certificates(workbench: Workbench, cohort_id: str | None = None) -> BackgroundTask | None:
    """Ask for the cohort (when not given) and the folder, then write on a worker thread."""
    cohort_id = cohort_id or choose_record(
        workbench, Kind.COHORTS, TITLE, "Certificates for which cohort?"
    )
    if cohort_id is None:
        return None
    name = record_name(workbench, Kind.COHORTS, cohort_id)
    if name is None or not workbench.dialogs.confirm(TITLE, describe(CERTIFICATE), "Continue"):
        return None
    chosen = workbench.dialogs.choose_folder(
        f"{TITLE}: choose a folder for “{name} certificates”", str(export_folder())
    )
    if chosen is None:
        return None
    remember(FOLDER_KEY, chosen)
    folder = Path(chosen) / file_name(f"{name} certificates")
    database, written = workbench.database, [0]

    def work(report: Report, stop: Callable[[], bool]) -> object:
        from ixdesk.services.certificates.issue import write_certificates as write

        def progress(done: int, total: int) -> None:
            written[0] = done
            report(done, total, f"Writing certificate {done:,} of {total:,}…")

        return write(database, cohort_id, folder, progress=progress, cancelled=stop)

    def cancelled() -> None:
        from ixdesk.services.importing.session import counted

        workbench.status(
            f"Cancelled: {counted(written[0], 'certificate')} written so far, in {folder}; "
            "no others were written.",
            8000,
        )

    return workbench.operations.start(
        work,
        title=TITLE,
        label=f"Writing the certificates of {name}…",
        failure="Not all certificates were written",
        then=lambda issued: _written(workbench, name, issued),
        cancelled=cancelled,
    )


def _written(workbench: Workbench, cohort: str, issued: object) -> None:
    from ixdesk.services.certificates.issue import IssuedCertificates
    from ixdesk.services.importing.session import counted

    assert isinstance(issued, IssuedCertificates)
    others = (
        f"\n{counted(issued.not_completed, 'other student')} of the cohort did not complete "
        "it: no certificate for them."
        if issued.not_completed
        else ""
    )
    if not issued.files:
        workbench.dialogs.info(
            TITLE,
            f"No student of {cohort} has completed it yet, so no certificate was written. "
            "Mark an enrolment Completed on the cohort's enrolment board first.",
        )
        return
    certificates = counted(issued.count, "certificate")
    text = f"{certificates} of {cohort} written to\n{issued.folder}{others}"
    workbench.status(f"{certificates} written to {issued.folder}.", 8000)
    workbench.dialogs.offer_file(TITLE, text, str(issued.files[0][0]))


def export_public_key(workbench: Workbench) -> Path | None:
    """Save the organisation's public key (made the first time) where the person says."""
    answer = workbench.dialogs.save_file(
        KEY_TITLE, str(export_folder() / "credentials public key.jwk"), KEY_FILTER
    )
    if not answer:
        return None
    target = Path(answer)
    if target.suffix.lower() not in (".jwk", ".pem", ".json"):
        target = target.with_name(target.name + ".jwk")

    def export() -> Path:
        from ixdesk.services.certificates import keys

        return keys.export_public_key(keys.signing_key(), target)

    written = workbench.operations.read(export, title=KEY_TITLE)
    if written is not None:
        workbench.status(f"The public key was written to {written}.", 8000)
    return written
