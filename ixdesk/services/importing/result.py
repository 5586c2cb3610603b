"""What an import wrote, in the words every page of the wizard and the command line use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ixdesk.services.kinds import status_label
from ixdesk.services.validation import quoted


def joining(cohort_name: str | None, enrolment_status: str) -> str:
    """Where imported students go, in the words every page uses: “Spring 2027” as Applied."""
    return f"{quoted(cohort_name or '')} as {status_label(enrolment_status)}"


@dataclass
class ImportResult:
    """What the import wrote, once committed."""

    counts: dict[str, int]
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    enrolled: int = 0  # enrolments made, with the status below
    tracks_created: list[str] = field(default_factory=list)
    cohort_name: str = ""
    enrolment_status: str = ""
    answered: int = 0  # students whose application answers were kept
    ranked: int = 0  # students whose ranking of business problems was kept

    def describe(self) -> str:
        counts = self.counts
        text = (
            f"{counts['new']:,} new, {counts['updated']:,} updated, "
            f"{counts['unchanged']:,} unchanged, "
            + (f"{counts['repeated']:,} repeated, " if counts.get("repeated") else "")
            + f"{counts['skipped']:,} skipped, {counts['invalid']:,} invalid"
        )
        if self.enrolled:
            where = joining(self.cohort_name, self.enrolment_status)
            text += f"; {self.enrolled:,} added to {where}"
        if self.tracks_created:
            text += f"; new tracks: {', '.join(self.tracks_created)}"
        if self.answered:
            text += f"; application answers kept for {self.answered:,}"
        if self.ranked:
            text += f"; rankings of business problems kept for {self.ranked:,}"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "inserted": self.inserted,
            "updated": self.updated,
            "enrolled": self.enrolled,
            "tracks_created": self.tracks_created,
            "answered": self.answered,
            "ranked": self.ranked,
        }
