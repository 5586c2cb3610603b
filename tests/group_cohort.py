"""A cohort with enrolled students, made fast, for the group builder's tests and benchmark."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.base import new_id

SCHOOLS = ("Hollins Park Academy", "Kingsmead Academy", "Lycée Victor Hugo", "Riverside High")
FIRST = ("Ana", "Ben", "Chloé", "Dev", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea")


@dataclass
class CohortIds:
    cohort_id: str
    track_id: str
    other_track_id: str
    students: list[str]


def make_cohort(
    database: Database,
    count: int = 12,
    *,
    group_size: int | None = 4,
    name: str = "Data analytics Spring 2027",
    statuses: Mapping[int, str] | None = None,
) -> CohortIds:
    """``count`` students enrolled in a new cohort (``statuses``: index -> other status).

    Student i is at school ``SCHOOLS[i % 4]`` in grade ``9 + i // 4 % 4``; two
    of three chose the cohort's track, one in six another track, the rest
    gave none. Written with Core inserts, so 2,000 students take a moment.
    """
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    track_id, other_id, cohort_id = new_id(), new_id(), new_id()
    students, enrolments = [], []
    for index in range(count):
        interest = (track_id, track_id, other_id, track_id, track_id, None)[index % 6]
        student_id = new_id()
        students.append(
            {"id": student_id, "first_name": FIRST[index % len(FIRST)],
             "last_name": f"Student{index:04d}", "school": SCHOOLS[index % len(SCHOOLS)],
             "grade": 9 + index // len(SCHOOLS) % 4, "track_interest_id": interest,
             "email": f"s{index}.{cohort_id[:8]}@example.org", **stamp}
        )  # fmt: skip
        status = (statuses or {}).get(index, "enrolled")
        enrolments.append(
            {"id": new_id(), "student_id": student_id, "cohort_id": cohort_id,
             "status": status, **stamp}
        )  # fmt: skip
    with database.write() as session:
        tracks: list[dict[str, Any]] = [
            {"id": track_id, "name": f"Data analytics {cohort_id[:6]}", **stamp},
            {"id": other_id, "name": f"Marketing {cohort_id[:6]}", **stamp},
        ]
        session.execute(insert(m.Track.__table__), tracks)
        session.execute(
            insert(m.Cohort.__table__),
            [{"id": cohort_id, "name": name, "track_id": track_id, "group_size": group_size,
              "status": "running", "capacity": count, **stamp}],
        )  # fmt: skip
        for start in range(0, count, 5_000):
            session.execute(insert(m.Student.__table__), students[start : start + 5_000])
            session.execute(insert(m.Enrolment.__table__), enrolments[start : start + 5_000])
    return CohortIds(cohort_id, track_id, other_id, [row["id"] for row in students])
