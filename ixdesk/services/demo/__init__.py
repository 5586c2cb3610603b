"""Realistic, repeatable demo data, so a coordinator can explore ixdesk safely.

:mod:`.generate` writes it in one transaction (``generate_demo``);
:mod:`.rows` is the seeded random source and the rows made so far,
:mod:`.partners` adds tracks, partner companies and instructors,
:mod:`.cohorts` the cohorts, students, enrolments and groups, and
:mod:`.data` holds the word lists and weights they draw from.
"""

from __future__ import annotations

from ixdesk.services.demo.generate import DemoSummary, Progress, generate_demo

__all__ = ["DemoSummary", "Progress", "generate_demo"]
