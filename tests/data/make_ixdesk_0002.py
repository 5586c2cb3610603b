"""Make tests/data/ixdesk-0002.db: a database as ixdesk's second schema (0002) left it.

Run once from the repository root (the file is committed; run again only to
change its rows):

    .venv/bin/python tests/data/make_ixdesk_0002.py

The rows of the first release's file (``make_ixdesk_0001.py``), plus what the
second schema added: sessions of a cohort and of a group, and attendance at
them. An import of that time also invented a track from a free-text answer
("data analytics ") beside the coordinator's own "Data & analytics", as
imports did: one student and one instructor point at it. Every table holds
rows. All people are invented.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from make_ixdesk_0001 import (
    AMARA,
    GROUP_1,
    GROUP_2,
    ROWS,
    SPRING,
    STUDENTS,
    _id,
    build,
)

TARGET = Path(__file__).resolve().parent / "ixdesk-0002.db"
SECOND = "0002"
TRACK_IMPORTED = _id("a1", 3)
KICK_OFF, GROUP_1_CHECK_IN, GROUP_2_CHECK_IN = _id("c5", 1), _id("c5", 2), _id("c5", 3)


def rows() -> dict[str, list[dict[str, object]]]:
    second = copy.deepcopy(ROWS)
    second["tracks"].append({"id": TRACK_IMPORTED, "name": "data analytics ", "description": None})
    second["students"][2]["track_interest_id"] = TRACK_IMPORTED
    second["instructor_expertise"].append(
        {"id": _id("c9", 4), "instructor_id": AMARA, "track_id": TRACK_IMPORTED}
    )
    second["sessions"] = [
        {
            "id": KICK_OFF,
            "cohort_id": SPRING,
            "group_id": None,
            "title": "Kick-off",
            "starts_at": "2026-03-02 16:00:00.000000",
            "ends_at": "2026-03-02 18:00:00.000000",
            "location": "Leeds Central Library, room 2",
        },
        {
            "id": GROUP_1_CHECK_IN,
            "cohort_id": SPRING,
            "group_id": GROUP_1,
            "title": "Week 2 check-in",
            "starts_at": "2026-03-10 16:00:00.000000",
            "ends_at": None,
            "location": None,
        },
        {
            "id": GROUP_2_CHECK_IN,
            "cohort_id": SPRING,
            "group_id": GROUP_2,
            "title": "Week 2 check-in",
            "starts_at": None,
            "ends_at": None,
            "location": "Online",
        },
    ]
    second["attendance"] = [
        {"id": _id("d6", n + 1), "session_id": session, "student_id": student, "status": status}
        for n, (session, student, status) in enumerate(
            [
                (KICK_OFF, STUDENTS[0], "present"),
                (KICK_OFF, STUDENTS[1], "late"),
                (KICK_OFF, STUDENTS[2], "absent"),
                (GROUP_1_CHECK_IN, STUDENTS[0], "present"),
                (GROUP_1_CHECK_IN, STUDENTS[1], "excused"),
            ]
        )
    ]
    return second


def main() -> int:
    build(TARGET, SECOND, rows())
    return 0


if __name__ == "__main__":
    sys.exit(main())
