"""What a merge says it did: per copy, what came in, what merged, what waits for review."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ixdesk.services.events.state import (
    CONFLICT,
    DELETED_HERE,
    DELETED_THERE,
    DUPLICATE,
    GUARDIAN,
    KINDS,
)
from ixdesk.services.events.values import plain

COUNTS = (
    "new_students", "enrolments", "already_enrolled", "answers", "updated", "deleted",
    "duplicates", "review", "tracks", "unchanged", "rankings",
)  # fmt: skip
KIND_WORDS = {
    DUPLICATE: ("duplicate pair", "duplicate pairs"),
    CONFLICT: ("field changed on both sides", "fields changed on both sides"),
    GUARDIAN: ("guardian or consent field to choose", "guardian or consent fields to choose"),
    DELETED_HERE: (
        "record deleted here but changed at an event",
        "records deleted here but changed at an event",
    ),
    DELETED_THERE: (
        "record deleted at an event but changed here",
        "records deleted at an event but changed here",
    ),
}


@dataclass
class CopyReport:
    copy_id: str
    name: str
    file: str
    packed_at: datetime | None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.copy_id,
            "event": self.name,
            "file": self.file,
            "packed_at": plain(self.packed_at),
            "counts": dict(self.counts),
        }

    def describe(self) -> str:
        c = self.counts
        parts = [
            f"{c['new_students']:,} new students",
            f"{c['enrolments']:,} enrolments",
            f"{c['updated']:,} records updated",
            f"{c['deleted']:,} deleted",
        ]
        if c["already_enrolled"]:
            parts.append(f"{c['already_enrolled']:,} already enrolled")
        if c["rankings"]:
            parts.append(f"{c['rankings']:,} rankings of business problems")
        if c["tracks"]:
            parts.append(f"{c['tracks']:,} new tracks")
        if c["unchanged"]:
            parts.append(f"{c['unchanged']:,} already merged")
        return f"{self.name} ({self.file}): " + ", ".join(parts) + "."


@dataclass
class MergeReport:
    """A merge's report; ``merge_id`` is None when it changed nothing (or was a dry run)."""

    merge_id: str | None
    dry_run: bool
    copies: list[CopyReport] = field(default_factory=list)
    reviews: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    @property
    def counts(self) -> dict[str, int]:
        total = dict.fromkeys(COUNTS, 0)
        for copy in self.copies:
            for name, count in copy.counts.items():
                total[name] += count
        return total

    @property
    def changed(self) -> bool:
        counts = self.counts
        return any(counts[name] for name in COUNTS if name != "unchanged")

    def as_dict(self) -> dict[str, Any]:
        return {
            "merge_id": self.merge_id,
            "dry_run": self.dry_run,
            "copies": [copy.summary() for copy in self.copies],
            "counts": self.counts,
            "review": dict(self.reviews),
        }

    def review_line(self) -> str:
        waiting = [
            f"{count:,} {KIND_WORDS[kind][count != 1]}"
            for kind, count in self.reviews.items()
            if count
        ]
        return (
            "Waiting for review: " + ", ".join(waiting) + "."
            if waiting
            else "Nothing waits for review."
        )

    def describe(self) -> str:
        lines = [copy.describe() for copy in self.copies]
        lines.append(self.review_line())
        if self.dry_run:
            lines.append("Dry run: nothing was merged; the database was not changed.")
        elif self.merge_id is None:
            lines.append("Nothing to merge: these copies were merged already.")
        else:
            lines.append(f"Merged in one step; to undo it: ixdesk merge --undo {self.merge_id}")
        return "\n".join(lines)
