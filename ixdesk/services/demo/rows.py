"""The demo generator's random source and the rows it has made so far.

:mod:`~ixdesk.services.demo.generate` puts the generator together from this base:
:mod:`~ixdesk.services.demo.partners` adds the tracks, partner companies and
instructors, :mod:`~ixdesk.services.demo.cohorts` the cohorts, students,
enrolments and groups. Every value is drawn from one seeded
``random.Random`` in a fixed order, which is what makes a seed repeatable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from ixdesk.db.base import Record
from ixdesk.db.enums import Audience, CohortSchedule, CohortStatus
from ixdesk.services.demo import data as d

Row = dict[str, Any]
T = TypeVar("T")
BATCH = 5_000


@dataclass
class DemoCohort:
    """What later steps need to know about a cohort already made."""

    id: str
    track: int
    status: CohortStatus
    audience: Audience
    schedule: CohortSchedule
    city: int
    online: bool
    capacity: int
    group_size: int
    starts_on: date
    ends_on: date


class DemoRows:
    """The random source and the rows made so far; one per demo run."""

    def __init__(self, seed: int, today: date, existing_tracks: dict[str, str]) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.stamp = datetime.combine(today, time(6, 0), tzinfo=UTC)
        self.existing_tracks = existing_tracks
        self.used: dict[str, int] = {}
        self.rows: dict[type[Record], list[Row]] = {}
        self.city_weights = [city[2] for city in d.CITIES]
        self.track_ids: list[str] = []
        self.problems: dict[int, list[str]] = {}  # approved problems per track
        self.teachers: dict[int, list[str]] = {}  # active instructors per track
        self.cohorts: list[DemoCohort] = []
        self.placed: list[list[int]] = []  # each student's cohorts, as indices
        self.student_ids: list[str] = []

    def uid(self) -> str:
        return d.random_uuid(self.rng)

    def row(self, model: type[Record], **values: Any) -> Row:
        """A row of ``model`` with id, timestamps and version; kept for inserting."""
        row = {"id": values.pop("id", None) or self.uid(), "created_at": self.stamp}
        row.update(updated_at=self.stamp, version=1, **values)
        self.rows.setdefault(model, []).append(row)
        return row

    def email(self, table: str, first: str, last: str, domain: str) -> str:
        """An address unique in ``table``: a number goes before the @ on a clash."""
        local = f"{d.ascii_slug(first)}.{d.ascii_slug(last)}"
        key = f"{table}:{local}@{domain}"
        count = self.used[key] = self.used.get(key, 0) + 1
        return f"{local}@{domain}" if count == 1 else f"{local}{count}@{domain}"

    def phone(self, city: int) -> str:
        prefixes, digits = d.MOBILE_PHONES[d.CITIES[city][1]]
        return self.rng.choice(prefixes) + str(self.rng.randrange(10 ** (digits - 1), 10**digits))

    def name(self) -> tuple[str, str]:
        return self.rng.choice(d.FIRST_NAMES), self.rng.choice(d.LAST_NAMES)

    def city(self) -> int:
        return self.rng.choices(range(len(d.CITIES)), self.city_weights)[0]

    def moment(self, day: date) -> datetime:
        rng = self.rng
        return datetime.combine(day, time(rng.randint(8, 18), rng.choice((0, 15, 30, 45))), UTC)

    def maybe(self, chance: float, value: T) -> T | None:
        return value if self.rng.random() < chance else None
