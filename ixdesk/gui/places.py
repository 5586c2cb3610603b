"""Where the window can be: a view and the record it shows.

Plain data with no Qt and no database behind it, so the window's frame can
light the last view in the side bar before anything else loads.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME = "dashboard"
WORKSPACE = "workspace"  # a cohort's workspace
TEACHING = "teaching"  # the read-only instructor view


@dataclass(frozen=True)
class Place:
    """A view of the window and the record it shows (None: none in particular)."""

    view: str
    record_id: str | None = None

    def includes(self, other: Place) -> bool:
        """``other`` is already shown here (the same view; its record, or any)."""
        return self.view == other.view and other.record_id in (None, self.record_id)
