"""Exports from the window: ask where to save, write off the interface thread, offer the file.

Every workbook the window writes goes through :func:`run_export`: a save
dialog in the folder used last, the export on a worker thread behind a
progress dialog with Cancel, then "Open / Show in folder". The public
``export_*`` functions take the workbench and the record's id (``None`` asks
which one), so any view can offer an export::

    exports.export_cohort_roster(workbench, cohort_id)

Each returns the running :class:`~ixdesk.gui.tasks.BackgroundTask`, or
``None`` when nothing was started (the person cancelled a question).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ixdesk.errors import RecordNotFoundError
from ixdesk.gui.settings import remember, remembered_folder
from ixdesk.gui.tasks import BackgroundTask, Report
from ixdesk.gui.workbench import Workbench
from ixdesk.services import editing
from ixdesk.services.kinds import KINDS
from ixdesk.services.privacy.profiles import (
    COORDINATOR,
    HANDOVER,
    INSTRUCTOR,
    PARTNER,
    PHOTOGRAPHER,
    SCHOOL,
    ExportProfile,
    describe,
)
from ixdesk.services.record_kinds import Kind
from ixdesk.targets import file_name

if TYPE_CHECKING:
    from ixdesk.gui.record_view import RecordView

FILTER = "Excel workbook (*.xlsx)"
FOLDER_KEY = "exports/folder"
CANCELLED_MESSAGE = "Export cancelled; no file was written."
FAILED_TITLE = "Nothing was exported"
# The record a view shows may lead to the one an export needs: a group to its cohort.
VIA: dict[Kind, dict[Kind, str]] = {
    Kind.COHORTS: {Kind.GROUPS: "cohort_id"},
    Kind.COMPANIES: {Kind.PROBLEMS: "company_id"},
    Kind.INSTRUCTORS: {},
    Kind.GROUPS: {},
}

# As the export services take them (ixdesk.services.export is imported only when
# an export runs: the Excel libraries stay out of the window's start-up).
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
# write(path, progress, cancelled) → the path written: one export service call.
Write = Callable[[Path, Progress, Cancelled], Path]


# --- where to save ---------------------------------------------------------------------


def export_folder() -> Path:
    """The folder the last export went to, else the Documents folder."""
    return remembered_folder(FOLDER_KEY)


def ask_target(workbench: Workbench, title: str, suggested: str) -> Path | None:
    """Where to save: asked in the last export folder; ``.xlsx`` added when left out."""
    answer = workbench.dialogs.save_file(title, str(export_folder() / file_name(suggested)), FILTER)
    if not answer:
        return None
    target = Path(answer)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    remember(FOLDER_KEY, str(target.parent))
    return target


# --- running one export ----------------------------------------------------------------


def run_export(
    workbench: Workbench,
    title: str,
    suggested: str,
    what: str,
    write: Write,
    profile: ExportProfile,
    notes: list[str] | None = None,
) -> BackgroundTask | None:
    """Show the export's profile, ask where to save, then write on a worker thread; the
    outcome is told on screen.

    ``what`` names the workbook in sentences ("The roster of Spring 2026");
    ``write(path, progress, cancelled)`` calls one export service; ``notes`` are the
    sentences it told (students left out), shown with the outcome.
    """
    if not workbench.dialogs.confirm(title, describe(profile), "Continue"):
        return None
    target = ask_target(workbench, title, suggested)
    if target is None:
        return None

    def work(report: Report, stop: Cancelled) -> Path:
        def progress(done: int, total: int) -> None:
            report(done, total, f"Writing {target.name}: {done:,} of {total:,} rows…")

        return write(target, progress, stop)

    task = workbench.operations.start(
        work,
        title=title,
        label=f"Writing {target.name}…",
        failure=FAILED_TITLE,
        then=lambda written: _written(workbench, title, what, Path(written), notes or []),
        cancelled=CANCELLED_MESSAGE,
    )
    if task.dialog is not None:
        task.dialog.setMinimumWidth(420)
    return task


def _written(workbench: Workbench, title: str, what: str, path: Path, notes: list[str]) -> None:
    workbench.status(f"{what} was written to {path}.", 8000)
    told = "".join(f"\n\n{note}" for note in notes)
    workbench.dialogs.offer_file(title, f"{what} was written to\n{path}{told}", str(path))


# --- which record ----------------------------------------------------------------------


def record_for(view: RecordView, kind: Kind) -> str | None:
    """The ``kind`` record ``view`` points at: selected, or linked (a group's cohort)."""
    if view.kind == kind:
        return view.selected_record()
    link = VIA[kind].get(view.kind)
    record_id = view.selected_record() if link else None
    if link is None or record_id is None:
        return None
    try:
        value = editing.load_values(view.database, view.kind, record_id).values.get(link)
    except RecordNotFoundError:
        return None
    return str(value) if value else None


def selected_record(workbench: Workbench, kind: Kind) -> str | None:
    """The ``kind`` record the record view shown points at, if any."""
    view = workbench.navigator.current_view()
    return None if view is None else record_for(view, kind)


def choose_record(workbench: Workbench, kind: Kind, title: str, text: str) -> str | None:
    spec = KINDS[kind]
    options = editing.choices(workbench.database, kind)
    if not options:
        workbench.dialogs.info(
            title, f"There are no {spec.plural} yet, so there is nothing to export."
        )
        return None
    return workbench.dialogs.choose(title, text, options)


def record_name(workbench: Workbench, kind: Kind, record_id: str) -> str | None:
    """The record's name for file names and sentences; None (after saying so) if it is gone."""
    database = workbench.database
    record = workbench.operations.read(
        lambda: editing.load_values(database, kind, record_id), title=FAILED_TITLE
    )
    return None if record is None else KINDS[kind].title(record.values)


# --- the exports -------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordExport:
    """An export of one record: what to ask, how to name the file, which service writes it."""

    kind: Kind  # the record type it needs
    title: str
    question: str
    suggested: str  # file name, with {name}
    what: str  # the workbook in a sentence, with {name}
    service: str  # the function of ixdesk.services.export that writes it
    profile: ExportProfile  # who reads it, and the fields it carries


COHORT_ROSTER = RecordExport(
    Kind.COHORTS,
    "Export cohort roster",
    "Which cohort's roster?",
    "{name} roster.xlsx",
    "The roster of {name}",
    "export_cohort_roster",
    COORDINATOR,
)
SIGNIN_SHEET = RecordExport(
    Kind.COHORTS,
    "Export sign-in sheet",
    "A sign-in sheet for which cohort?",
    "{name} sign-in sheet.xlsx",
    "The sign-in sheet for {name}",
    "export_signin_sheet",
    SCHOOL,
)
INSTRUCTOR_ROSTER = RecordExport(
    Kind.INSTRUCTORS,
    "Export instructor roster",
    "Which instructor's roster?",
    "{name} roster.xlsx",
    "The roster for {name}",
    "export_instructor_roster",
    INSTRUCTOR,
)
PARTNER_BRIEF = RecordExport(
    Kind.COMPANIES,
    "Export partner brief",
    "A brief for which partner company?",
    "{name} partner brief.xlsx",
    "The partner brief for {name}",
    "export_partner_brief",
    PARTNER,
)
PHOTO_LIST = RecordExport(
    Kind.COHORTS,
    "Export photo list",
    "A photo list for which cohort?",
    "{name} photo list.xlsx",
    "The photo list of {name}",
    "export_photo_list",
    PHOTOGRAPHER,
)
GROUP_PHOTO_LIST = RecordExport(
    Kind.GROUPS,
    "Export photo list",
    "A photo list for which group?",
    "{name} photo list.xlsx",
    "The photo list of {name}",
    "export_group_photo_list",
    PHOTOGRAPHER,
)


def export_record(
    workbench: Workbench, export: RecordExport, record_id: str | None = None
) -> BackgroundTask | None:
    """Run ``export`` for ``record_id``; ``None`` asks which record first."""
    record_id = record_id or choose_record(workbench, export.kind, export.title, export.question)
    if record_id is None:
        return None
    name = record_name(workbench, export.kind, record_id)
    if name is None:
        return None
    database, chosen = workbench.database, record_id
    notes: list[str] = []
    # Only an export whose profile needs a consent can leave students out and say so.
    told = {"told": notes.append} if export.profile.needs is not None else {}

    def write(path: Path, progress: Progress, cancelled: Cancelled) -> Path:
        from ixdesk.services import export as ex

        notes.clear()
        service: Callable[..., Path] = getattr(ex, export.service)
        return service(database, chosen, path, progress=progress, cancelled=cancelled, **told)

    return run_export(
        workbench,
        export.title,
        export.suggested.format(name=name),
        export.what.format(name=name),
        write,
        export.profile,
        notes,
    )


def export_cohort_roster(
    workbench: Workbench, cohort_id: str | None = None
) -> BackgroundTask | None:
    """The coordinator's roster of one cohort: overview and one sheet per group."""
    return export_record(workbench, COHORT_ROSTER, cohort_id)


def export_signin_sheet(
    workbench: Workbench, cohort_id: str | None = None
) -> BackgroundTask | None:
    """A printable sign-in sheet for one cohort, with numbered rows for walk-ins."""
    return export_record(workbench, SIGNIN_SHEET, cohort_id)


def export_instructor_roster(
    workbench: Workbench, instructor_id: str | None = None
) -> BackgroundTask | None:
    """One instructor's groups in current cohorts, with only what an instructor needs."""
    return export_record(workbench, INSTRUCTOR_ROSTER, instructor_id)


def export_partner_brief(
    workbench: Workbench, company_id: str | None = None
) -> BackgroundTask | None:
    """For one partner company: its business problems and the groups working on them."""
    return export_record(workbench, PARTNER_BRIEF, company_id)


def export_everything(workbench: Workbench) -> BackgroundTask | None:
    """Every record of every type, every field: for hand-over or archive."""
    database = workbench.database

    def write(path: Path, progress: Progress, cancelled: Cancelled) -> Path:
        from ixdesk.services import export as ex

        return ex.export_everything(database, path, progress=progress, cancelled=cancelled)

    return run_export(
        workbench,
        "Export everything",
        f"ixdesk full export {date.today().isoformat()}.xlsx",
        "The full export",
        write,
        HANDOVER,
    )
