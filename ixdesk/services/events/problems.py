"""The business problems a cohort offers students to rank at an event.

An event copy packs, of each business problem its cohorts offer, only what a
ranking shows: the title, the partner company's name and the track. A cohort
offers the problems of its track (and those of no track) that are scoped,
approved or assigned; a cohort of no track offers every such problem.
Problems under a confidentiality agreement are never offered at an event.
The same rule picks the problems when packing and in event mode's form, so
the copy offers what the main database would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.enums import ProblemStatus
from ixdesk.services.tables import canonical_id

OFFERED_STATUSES = (ProblemStatus.SCOPED, ProblemStatus.APPROVED, ProblemStatus.ASSIGNED)
# What of a business problem and its company an event copy holds.
PACKED_PROBLEM_COLUMNS = ("id", "company_id", "title", "track_id", "status", "max_groups")
PACKED_COMPANY_COLUMNS = ("id", "name", "status")


@dataclass(frozen=True)
class OfferedProblem:
    id: str
    title: str
    company: str | None

    def describe(self) -> str:
        return f"{self.title} ({self.company})" if self.company else self.title


def offered_problems(
    session: Session, cohort_ids: Sequence[str]
) -> dict[str, list[OfferedProblem]]:
    """{cohort id: the problems it offers, by title} for each of these cohorts."""
    c, p, company = m.Cohort, m.BusinessProblem, m.PartnerCompany
    tracks = {
        canonical_id(cohort_id): track_id and canonical_id(track_id)
        for cohort_id, track_id in session.execute(
            select(c.id, c.track_id).where(c.id.in_(list(cohort_ids)))
        )
    }
    rows = session.execute(
        select(p.id, p.title, company.name, p.track_id)
        .outerjoin(company, company.id == p.company_id)
        .where(
            p.deleted_at.is_(None),
            p.status.in_(OFFERED_STATUSES),
            or_(p.confidential.is_(False), p.confidential.is_(None)),
        )
    ).all()
    ordered = sorted(rows, key=lambda row: (row[1].casefold(), canonical_id(row[0])))
    found: dict[str, list[OfferedProblem]] = {}
    for cohort_id in cohort_ids:
        track = tracks.get(canonical_id(cohort_id))
        found[canonical_id(cohort_id)] = [
            OfferedProblem(canonical_id(problem_id), title, company_name)
            for problem_id, title, company_name, problem_track in ordered
            if track is None or problem_track is None or canonical_id(problem_track) == track
        ]
    return found
