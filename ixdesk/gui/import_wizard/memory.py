"""What the import wizard remembers on this computer between imports: the folder the
last file came from (file dialogs open there, never in the program's own folder), the
cohort students were enrolled into and the country of their phone numbers."""

from __future__ import annotations

from pathlib import Path

import phonenumbers

from ixdesk.gui.settings import app_settings, remember, remembered_folder
from ixdesk.services.importing.session import ImportSession

FOLDER, COHORT, REGION = "import/folder", "import/cohort", "import/region"


def import_folder() -> Path:
    """Where the import's file dialogs open: the last import's folder, else Documents."""
    return remembered_folder(FOLDER)


def recall(session: ImportSession) -> None:
    """Start ``session`` from the last import's cohort and country."""
    settings = app_settings()
    region = str(settings.value(REGION, "") or "")
    if region in phonenumbers.SUPPORTED_REGIONS:
        session.region = region
    cohort = str(settings.value(COHORT, "") or "")
    if cohort and session.cohort is None:
        session.cohort = cohort


def keep(session: ImportSession) -> None:
    """Remember this import's folder, cohort and country for the next one."""
    path = session.source.path
    if path is not None and path.parent.is_dir():
        remember(FOLDER, str(path.parent.resolve()))
    remember(COHORT, session.cohort)
    remember(REGION, session.region)
