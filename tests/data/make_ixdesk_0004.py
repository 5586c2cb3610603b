"""Make tests/data/ixdesk-0004.db: a database as ixdesk's fourth schema (0004) left it.

Run once from the repository root (the file is committed; run again only to
change its rows):

    .venv/bin/python tests/data/make_ixdesk_0004.py

The rows of the second schema's file (``make_ixdesk_0002.py``), plus what the
third and fourth added: the organisation's settings (a name, a country and a
small logo), a retired track, and the application answers two students gave
on a sign-up form (one of them for no cohort). Every table holds rows. The
database has no identity yet: schema 0005 makes one when it upgrades the file.
All people are invented.
"""

from __future__ import annotations

import base64
import sqlite3
import sys
from pathlib import Path

from make_ixdesk_0001 import SPRING, STUDENTS, T, _id, build
from make_ixdesk_0002 import TRACK_IMPORTED
from make_ixdesk_0002 import rows as second_rows

TARGET = Path(__file__).resolve().parent / "ixdesk-0004.db"
FOURTH = "0004"
# A 1x1 transparent PNG: enough for a logo row.
LOGO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
SETTINGS = [
    ("organisation_name", "Leeds Micro-Internships", None),
    ("country", "GB", None),
    ("logo", "png", LOGO),
]


def rows() -> dict[str, list[dict[str, object]]]:
    fourth = second_rows()
    for track in fourth["tracks"]:
        track["retired_at"] = (
            "2026-11-30 09:00:00.000000" if track["id"] == TRACK_IMPORTED else None
        )
    fourth["application_answers"] = [
        {
            "id": _id("e7", n + 1),
            "student_id": student,
            "cohort_id": cohort,
            "position": position,
            "question": question,
            "answer": answer,
        }
        for n, (student, cohort, position, question, answer) in enumerate(
            [
                (STUDENTS[0], SPRING, 1, "Why do you want to join?", "I like puzzles with data."),
                (STUDENTS[0], SPRING, 2, "Which days suit you?", "Tuesdays, Thursdays"),
                (STUDENTS[3], None, 1, "How did you hear about us?", "A poster at school"),
            ]
        )
    ]
    return fourth


def main() -> int:
    build(TARGET, FOURTH, rows())
    connection = sqlite3.connect(TARGET)
    with connection:
        connection.executemany(
            "INSERT INTO settings (key, value, data, updated_at) VALUES (?, ?, ?, ?)",
            [(key, value, data, T) for key, value, data in SETTINGS],
        )
    connection.close()
    print(f"{TARGET}: {TARGET.stat().st_size:,} bytes with settings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
