"""Make tests/data/ixdesk-0001.db: a database as ixdesk's first schema (0001) left it.

Run once from the repository root (the file is committed; run again only to
change its rows):

    .venv/bin/python tests/data/make_ixdesk_0001.py

The schema is made by ixdesk's own migrations stopped at revision 0001; the
rows go in with plain SQL in the values that release stored (ids as 32 hex
characters, booleans as 0/1, moments in UTC). Every table holds rows,
including a deleted (tombstoned) one, so an upgrade test can check that each
survives. All people are invented.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from ixdesk.db import migrate, open_database

TARGET = Path(__file__).resolve().parent / "ixdesk-0001.db"
FIRST = "0001"
T = "2026-01-05 10:00:00.000000"  # created/updated moments
T2 = "2026-01-12 16:30:00.000000"


def _id(prefix: str, number: int) -> str:
    return f"{prefix}{number:0{32 - len(prefix)}d}"


TRACK_DATA, TRACK_DESIGN = _id("a1", 1), _id("a1", 2)
ACME, HARBOUR = _id("b2", 1), _id("b2", 2)
ROSA, KEN, INES = _id("c3", 1), _id("c3", 2), _id("c3", 3)
PROBLEM_CHURN, PROBLEM_MAP = _id("d4", 1), _id("d4", 2)
SPRING, SUMMER = _id("e5", 1), _id("e5", 2)
AMARA, DIEGO, LEA = _id("f6", 1), _id("f6", 2), _id("f6", 3)
STUDENTS = [_id("a7", n) for n in range(1, 7)]
GROUP_1, GROUP_2 = _id("b8", 1), _id("b8", 2)

# fmt: off
STUDENT_COLUMNS = (
    "id", "first_name", "last_name", "preferred_name", "email", "phone", "school", "grade",
    "date_of_birth", "track_interest_id", "guardian_name", "guardian_email", "guardian_phone",
    "guardian_consent_by", "guardian_consent_at", "messaging_opt_in", "notes",
)
STUDENT_VALUES = [
    (STUDENTS[0], "Łukasz", "Nowak", None, "lukasz@example.org", None, "Roundhay School", 11,
     "2009-04-03", TRACK_DATA, "Ewa Nowak", "ewa@example.org", "+44 7700 900101",
     "Ewa Nowak", "2026-01-06 18:00:00.000000", 1, None),
    (STUDENTS[1], "Aisha", "Khan", "Ash", None, "+44 7700 900102", "Roundhay School", 10,
     "2010-09-14", TRACK_DATA, "Imran Khan", None, "+44 7700 900103", None, None,
     0, "No email yet: contact through guardian"),
    (STUDENTS[2], "Tomás", "O'Brien", None, "tomas@example.org", None, "Allerton Grange", 12,
     "2008-01-30", None, "Siobhán O'Brien", "siobhan@example.org", None,
     "Siobhán O'Brien", "2026-01-07 09:15:00.000000", 1, None),
    (STUDENTS[3], "Mei", "Chen", None, "mei@example.org", None, "Allerton Grange", 11,
     "2009-11-02", TRACK_DESIGN, "Li Chen", "li@example.org", "+44 7700 900104",
     None, None, 0, None),
    (STUDENTS[4], "Zoë", "Müller", None, "zoe@example.org", None, "University of Leeds", 2,
     None, TRACK_DESIGN, None, None, None, None, None, 1, "Second-year student"),
    (STUDENTS[5], "Sam", "Taylor", None, "sam@example.org", None, "Roundhay School", 10,
     "2010-02-20", None, "Jo Taylor", "jo@example.org", None, None, None, 0, None),
]
# fmt: on

ROWS: dict[str, list[dict[str, object]]] = {
    "tracks": [
        {"id": TRACK_DATA, "name": "Data & analytics", "description": "Spreadsheets to SQL"},
        {"id": TRACK_DESIGN, "name": "Service design", "description": None},
    ],
    "partner_companies": [
        {
            "id": ACME,
            "name": "Acme Logistics",
            "sector": "Transport",
            "website": "https://acme.example.org",
            "city": "Leeds",
            "country": "United Kingdom",
            "notes": "Prefers Tuesday calls",
            "status": "active",
        },
        {
            "id": HARBOUR,
            "name": "Harbour Café Coöperative",
            "sector": "Food",
            "website": None,
            "city": "Bristol",
            "country": "United Kingdom",
            "notes": None,
            "status": "prospect",
        },
    ],
    "contacts": [
        {
            "id": ROSA,
            "company_id": ACME,
            "name": "Rosa Martín",
            "role": "Operations lead",
            "email": "rosa@acme.example.org",
            "phone": "+44 113 496 0000",
        },
        {
            "id": KEN,
            "company_id": ACME,
            "name": "Ken Okafor",
            "role": "Data manager",
            "email": "ken@acme.example.org",
            "phone": None,
        },
        {
            "id": INES,
            "company_id": HARBOUR,
            "name": "Inès Dubois",
            "role": "Owner",
            "email": "ines@harbour.example.org",
            "phone": "+44 117 496 0001",
        },
    ],
    "business_problems": [
        {
            "id": PROBLEM_CHURN,
            "company_id": ACME,
            "title": "Why do customers leave?",
            "problem_statement": "Find patterns in cancelled contracts.",
            "deliverables": "A 10-minute talk and a one-page summary",
            "skills": "Spreadsheets; curiosity",
            "track_id": TRACK_DATA,
            "effort_hours": 20,
            "sponsor_contact_id": KEN,
            "confidential": 1,
            "status": "approved",
        },
        {
            "id": PROBLEM_MAP,
            "company_id": HARBOUR,
            "title": "Map the morning rush",
            "problem_statement": None,
            "deliverables": None,
            "skills": None,
            "track_id": TRACK_DESIGN,
            "effort_hours": None,
            "sponsor_contact_id": INES,
            "confidential": 0,
            "status": "draft",
        },
    ],
    "cohorts": [
        {
            "id": SPRING,
            "name": "Spring 2026 — Leeds",
            "track_id": TRACK_DATA,
            "starts_on": "2026-03-02",
            "ends_on": "2026-04-24",
            "format": "hybrid",
            "schedule": "after_school",
            "location": "Leeds Central Library",
            "capacity": 24,
            "group_size": 4,
            "audience": "high_school",
            "status": "recruiting",
        },
        {
            "id": SUMMER,
            "name": "Summer 2026 online",
            "track_id": None,
            "starts_on": "2026-07-06",
            "ends_on": None,
            "format": "online",
            "schedule": "holiday",
            "location": None,
            "capacity": None,
            "group_size": None,
            "audience": "university",
            "status": "planning",
        },
    ],
    "instructors": [
        {
            "id": AMARA,
            "first_name": "Amara",
            "last_name": "Nwosu",
            "preferred_name": None,
            "email": "amara@example.org",
            "phone": "+44 7700 900001",
            "employer": "Northwind Analytics",
            "job_title": "Data scientist",
            "bio": "Ten years of dashboards.",
            "availability": "Tuesday evenings",
            "safeguarding_status": "cleared",
            "safeguarding_expires_on": "2027-05-31",
            "status": "active",
            "notes": None,
        },
        {
            "id": DIEGO,
            "first_name": "Diego",
            "last_name": "Fernández",
            "preferred_name": "Dee",
            "email": "diego@example.org",
            "phone": None,
            "employer": None,
            "job_title": "Service designer",
            "bio": None,
            "availability": None,
            "safeguarding_status": "pending",
            "safeguarding_expires_on": None,
            "status": "invited",
            "notes": "Met at the careers fair",
        },
        {
            "id": LEA,
            "first_name": "Léa",
            "last_name": "Moreau",
            "preferred_name": None,
            "email": "lea@example.org",
            "phone": None,
            "employer": "Freelance",
            "job_title": None,
            "bio": None,
            "availability": None,
            "safeguarding_status": "expired",
            "safeguarding_expires_on": "2025-12-31",
            "status": "inactive",
            "notes": None,
        },
    ],
    "instructor_expertise": [
        {"id": _id("c9", 1), "instructor_id": AMARA, "track_id": TRACK_DATA},
        {"id": _id("c9", 2), "instructor_id": DIEGO, "track_id": TRACK_DESIGN},
        {"id": _id("c9", 3), "instructor_id": LEA, "track_id": TRACK_DATA},
    ],
    "students": [dict(zip(STUDENT_COLUMNS, values, strict=True)) for values in STUDENT_VALUES],
    "enrolments": [
        {
            "id": _id("d0", n + 1),
            "student_id": STUDENTS[n],
            "cohort_id": SPRING if n < 5 else SUMMER,
            "status": status,
            "waitlist_position": 1 if status == "waitlisted" else None,
            "status_changed_at": T2,
        }
        for n, status in enumerate(
            ["enrolled", "enrolled", "enrolled", "accepted", "waitlisted", "applied"]
        )
    ],
    "student_groups": [
        {
            "id": GROUP_1,
            "cohort_id": SPRING,
            "name": "Group 1",
            "business_problem_id": PROBLEM_CHURN,
            "lead_instructor_id": AMARA,
            "meeting_slot": "Tuesdays 16:00",
            "status": "working",
        },
        {
            "id": GROUP_2,
            "cohort_id": SPRING,
            "name": "Group 2",
            "business_problem_id": None,
            "lead_instructor_id": None,
            "meeting_slot": None,
            "status": "forming",
        },
    ],
    "group_assistants": [
        {"id": _id("e1", 1), "group_id": GROUP_1, "instructor_id": DIEGO},
    ],
    "group_memberships": [
        {"id": _id("f2", n + 1), "group_id": group, "cohort_id": SPRING, "student_id": student}
        for n, (group, student) in enumerate(
            [(GROUP_1, STUDENTS[0]), (GROUP_1, STUDENTS[1]), (GROUP_2, STUDENTS[2])]
        )
    ],
}

# A tombstone: deleted rows travel with the file too.
ROWS["students"][5]["deleted_at"] = T2


def _insert(connection: sqlite3.Connection, table: str, row: dict[str, object]) -> None:
    values = {"created_at": T, "updated_at": T, "version": 1, "deleted_at": None, **row}
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)


def build(target: Path, revision: str, rows: dict[str, list[dict[str, object]]]) -> None:
    """``target`` made afresh: ixdesk's schema stopped at ``revision``, then ``rows``."""
    for leftover in target.parent.glob(target.name + "*"):
        leftover.unlink()
    database = open_database(target, upgrade=False, rolling_backup=False)
    migrate.upgrade(database, target=revision)
    database.close()
    connection = sqlite3.connect(target)
    with connection:
        connection.execute("PRAGMA foreign_keys = ON")
        for table, table_rows in rows.items():
            for row in table_rows:
                _insert(connection, table, row)
    # Small pages keep the committed file small; the write-ahead log as ixdesk leaves it.
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA page_size = 512")
    connection.execute("VACUUM")
    connection.execute("PRAGMA journal_mode = WAL")
    problems = connection.execute("PRAGMA foreign_key_check").fetchall()
    connection.close()
    assert problems == [], problems
    print(f"{target}: {target.stat().st_size:,} bytes")


def main() -> int:
    build(TARGET, FIRST, ROWS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
