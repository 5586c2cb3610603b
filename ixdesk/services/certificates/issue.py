"""Writing a cohort's certificates to a folder: a PDF and a signed credential per student.

For each student whose enrolment is completed (:mod:`.completion`), two
files side by side, named after the student and the cohort:

* ``NAME - COHORT.pdf``: the printable certificate (:mod:`.pdf`);
* ``NAME - COHORT.jwt``: the Open Badges 3.0 credential (:mod:`.credential`).

Each file is written whole or not at all (:class:`~ixdesk.services.atomic.PendingFile`).
``cancelled()`` is asked between students: certificates already written stay
(each complete), the rest are not written, and :class:`CertificatesCancelled`
says how many there are.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.atomic import PendingFile
from ixdesk.services.certificates import credential as vc
from ixdesk.services.certificates.completion import (
    CohortCompletions,
    Completion,
    cohort_completions,
)
from ixdesk.services.certificates.keys import signing_key
from ixdesk.services.certificates.pdf import CertificateRenderer, CertificateText, long_date
from ixdesk.services.export.target import default_paper
from ixdesk.services.privacy import audit
from ixdesk.services.privacy.profiles import CERTIFICATE
from ixdesk.services.settings import load_settings
from ixdesk.targets import TargetError, file_name

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class CertificatesCancelled(IxdeskError):
    """Stopped on request; ``written`` certificates were complete by then."""

    def __init__(self, written: int, total: int) -> None:
        super().__init__(
            f"Cancelled: {written} of {total} certificates were written; the rest were not."
        )
        self.written = written
        self.total = total


@dataclass(frozen=True)
class IssuedCertificates:
    folder: Path
    files: tuple[tuple[Path, Path], ...]  # (PDF, credential) per completed student
    not_completed: int  # enrolled in another status: no certificate

    @property
    def count(self) -> int:
        return len(self.files)


def hours_text(hours: float | None) -> str | None:
    """24.0 → "24", 7.5 → "7.5", None → None (no attendance taken)."""
    if hours is None:
        return None
    return f"{round(hours, 1):g}"


def period_text(starts_on: date | None, ends_on: date | None) -> str | None:
    if starts_on and ends_on:
        return f"{long_date(starts_on)} to {long_date(ends_on)}"
    day = starts_on or ends_on
    return long_date(day) if day else None


def write_certificates(
    database: Database,
    cohort_id: str,
    folder: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    paper: str | None = None,
    key_file: Path | None = None,
    now: datetime | None = None,
) -> IssuedCertificates:
    """Write the certificates of ``cohort_id``'s completed students into ``folder``."""
    cohort = cohort_completions(database, cohort_id)
    if not cohort.completions:  # nothing to write: no folder made, no key needed
        return IssuedCertificates(folder, (), cohort.others)
    organisation = cohort.organisation
    if not organisation:
        raise IxdeskError(
            "Certificates are issued in the organisation's name, and none is set; set it in "
            "Settings (or: ixdesk settings organisation_name NAME) and try again."
        )
    _make_folder(folder)
    key = signing_key(key_file)
    issued = now or datetime.now(UTC)
    renderer = CertificateRenderer(
        paper=default_paper(paper or load_settings(database).paper_size), logo=cohort.logo
    )
    total = len(cohort.completions)
    files: list[tuple[Path, Path]] = []
    used: set[str] = set()
    # Files are written (and flushed to the disk) by a few threads while the next
    # certificates are laid out and signed: the disk's waits overlap the work.
    with _Writers(progress, total) as writers:
        for done, completion in enumerate(cohort.completions):
            if cancelled is not None and cancelled():
                writers.finish()
                raise CertificatesCancelled(done, total)
            stem = _unique_stem(f"{completion.name} - {cohort.cohort}", used)
            recipient = vc.Recipient(
                completion.enrolment_id,
                completion.name,
                completion.email,
                _summary(cohort, completion),
            )
            credential = vc.build(
                recipient,
                _achievement(cohort, completion),
                organisation=organisation,
                key=key,
                issued=issued,
            )
            text = _certificate_text(cohort, completion, organisation, issued, credential["id"])
            pair = (folder / f"{stem}.pdf", folder / f"{stem}.jwt")
            token = (vc.sign(credential, key) + "\n").encode("ascii")
            writers.write(pair, renderer.render(text), token)
            files.append(pair)
        writers.finish()
    audit.record_action(
        database, audit.EXPORT, f"Certificates of {cohort.cohort}", profile=CERTIFICATE.key,
        records=len(files), file_name=folder,
    )  # fmt: skip
    return IssuedCertificates(folder, tuple(files), cohort.others)


class _Writers:
    """Writes certificate files on worker threads, a bounded number in flight.

    Errors surface in the caller's thread (the next :meth:`write` or
    :meth:`finish`); progress is told from the caller's thread as pairs complete.
    """

    THREADS = 4
    IN_FLIGHT = 16

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.written = 0
        self.pool = ThreadPoolExecutor(self.THREADS, thread_name_prefix="certificates")
        self.pending: deque[Future[None]] = deque()

    def __enter__(self) -> _Writers:
        return self

    def __exit__(self, *_: object) -> None:
        for future in self.pending:
            future.cancel()
        self.pool.shutdown(wait=True)

    def write(self, pair: tuple[Path, Path], pdf: bytes, token: bytes) -> None:
        self.pending.append(self.pool.submit(_write_pair, pair, pdf, token))
        while len(self.pending) >= self.IN_FLIGHT:
            self._settle_one()

    def finish(self) -> None:
        """Wait for every file handed over (raising the first failure)."""
        while self.pending:
            self._settle_one()

    def _settle_one(self) -> None:
        self.pending.popleft().result()
        self.written += 1
        if self.progress is not None:
            self.progress(self.written, self.total)


def _write_pair(pair: tuple[Path, Path], pdf: bytes, token: bytes) -> None:
    _write(pair[0], pdf)
    _write(pair[1], token)


def _achievement(cohort: CohortCompletions, completion: Completion) -> vc.Achievement:
    subject = completion.problem or cohort.cohort
    by = f", a business problem set by {completion.company}" if completion.company else ""
    return vc.Achievement(
        name=f"Micro-internship: {subject}",
        description=f"A project-based micro-internship in {cohort.cohort}: {subject}{by}.",
        criteria=(
            "Took part in the micro-internship's sessions and delivered the group's work on "
            "its business problem, as confirmed by the programme team."
        ),
        skills=completion.skills,
    )


def _summary(cohort: CohortCompletions, completion: Completion) -> str:
    sentence = f"{completion.name} completed the micro-internship {cohort.cohort}"
    if completion.company:
        sentence += f" with {completion.company}"
    hours = hours_text(completion.hours_attended)
    if hours is not None:
        sentence += f", attending {hours} hours"
    return sentence + "."


def _certificate_text(
    cohort: CohortCompletions,
    completion: Completion,
    organisation: str,
    issued: datetime,
    credential_id: str,
) -> CertificateText:
    return CertificateText(
        organisation=organisation,
        student=completion.name,
        cohort=cohort.cohort,
        period=period_text(cohort.starts_on, cohort.ends_on),
        company=completion.company,
        problem=completion.problem,
        skills=completion.skills,
        hours=hours_text(completion.hours_attended),
        lead_instructor=completion.lead_instructor,
        issued_on=issued.astimezone().date(),
        credential_id=credential_id,
    )


def _unique_stem(text: str, used: set[str]) -> str:
    stem = file_name(text)
    candidate, number = stem, 2
    while candidate.casefold() in used:
        candidate, number = f"{stem} ({number})", number + 1
    used.add(candidate.casefold())
    return candidate


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise TargetError(f"{folder} is a file, not a folder; choose a folder for certificates.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or "it cannot be made"
        raise IxdeskError(f"The folder {folder} could not be made ({reason}).") from None


def _write(target: Path, data: bytes) -> Path:
    """Write one file whole; a refusal names the folder, never the student in the file name."""
    try:
        with PendingFile(target) as pending:
            pending.stream.write(data)
            return pending.commit()
    except TargetError:
        problem = "a folder or other special file stands where a certificate goes"
    except OSError as error:
        problem = error.strerror or "it cannot be written"
    raise IxdeskError(
        f"A certificate could not be written in {target.parent} ({problem}); "
        "the certificates written before it are complete."
    )
