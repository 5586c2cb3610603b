"""The organisation's regional settings in use in this process, for code with no database.

Where a phone number written without a country code is from, which way dates
written in numbers are read, and the paper rosters print on are organisation
settings, stored in the database (:mod:`ixdesk.services.settings`). Code that
has the database reads them there. An editor's phone or date field has no
database at hand, so whoever opens one (the window, the command line) hands
the settings over here with :func:`use_regional`, and the one source function
of each default asks here first: ``validation.default_region()``,
``validation.default_day_first()`` and ``export.target.default_paper()``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Regional:
    """The organisation's choices; None where it has made none (the computer decides)."""

    country: str | None = None  # two letters, ZA
    date_order: str | None = None  # "day-first" or "month-first"
    paper_size: str | None = None  # "a4" or "letter"


_in_use = Regional()


def regional() -> Regional:
    return _in_use


def use_regional(settings: Regional) -> None:
    """The organisation settings of the database this process works on now."""
    global _in_use
    _in_use = settings
