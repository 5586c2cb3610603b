"""``ixdesk sessions plan``: a cohort's schedule from a weekly pattern.

    ixdesk sessions plan --cohort NAME --days tue,thu --time 16:00-18:00 [--weeks N]
                         [--from DATE] [--skip DATE]... [--title TOPIC] [--location PLACE]
                         [--instructor EMAIL] [--json]

Times are on this computer's clock. ``ixdesk list sessions --cohort NAME`` lists them.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from ixdesk.commands import whole_number

EXIT_OK = 0


def _day(text: str) -> date:
    from ixdesk.errors import IxdeskError
    from ixdesk.services.validation.dates import parse_date

    try:
        return parse_date(text, field="date", typed=True)
    except (IxdeskError, ValueError):
        message = f"'{text}' is not a date; give one like 2027-03-02"
        raise argparse.ArgumentTypeError(message) from None


def add_parsers(commands: Any) -> None:
    sessions = commands.add_parser(
        "sessions",
        help="plan a cohort's sessions",
        description="Work with a cohort's sessions.",
    )
    actions = sessions.add_subparsers(dest="sessions_action", metavar="ACTION", required=True)
    plan = actions.add_parser(
        "plan",
        help="add sessions from a weekly pattern",
        description="Add sessions on the given days and times for a number of weeks, "
        "skipping the dates given (holidays). Sessions a cohort already has at the same "
        "moment are not added twice.",
    )
    plan.add_argument("--cohort", required=True, metavar="NAME")
    plan.add_argument("--days", required=True, metavar="DAYS", help="e.g. tue,thu")
    plan.add_argument("--time", required=True, metavar="HH:MM-HH:MM", help="e.g. 16:00-18:00")
    plan.add_argument(
        "--weeks", type=whole_number(1, 52), default=1, metavar="N", help="1 to 52 (default 1)"
    )
    plan.add_argument(
        "--from", dest="first_day", type=_day, metavar="DATE",
        help="the first day of the plan (default: the cohort's start, else today)",
    )  # fmt: skip
    plan.add_argument(
        "--skip", type=_day, action="append", default=[], metavar="DATE",
        help="a date to leave out (a holiday); give it once per date",
    )  # fmt: skip
    plan.add_argument("--title", default="Session", metavar="TOPIC", help="numbered: TOPIC 1, 2…")
    plan.add_argument("--location", metavar="PLACE", help="a place or an online link")
    plan.add_argument("--instructor", metavar="EMAIL", help="who teaches these sessions")
    plan.add_argument("--json", action="store_true", help="print the new sessions as JSON")


def creates_database(args: argparse.Namespace) -> bool:
    return False  # a plan is for a cohort, which must exist already


def run(args: argparse.Namespace, database: Any) -> int:
    from ixdesk.services.attention import cohort_name
    from ixdesk.services.read.finding import find_cohort, find_instructor
    from ixdesk.services.running import sessions as ss

    cohort_id = find_cohort(database, args.cohort)
    instructor_id = find_instructor(database, args.instructor) if args.instructor else None
    starts, ends = ss.parse_times(args.time)
    pattern = ss.Pattern(
        days=ss.parse_days(args.days),
        starts=starts,
        ends=ends,
        first_day=args.first_day or ss.default_first_day(database, cohort_id),
        weeks=args.weeks,
        skip=frozenset(args.skip),
    )
    made = set(
        ss.plan_sessions(
            database, cohort_id, pattern, title=args.title, location=args.location,
            instructor_id=instructor_id,
        )
    )  # fmt: skip
    rows = [row for row in ss.list_sessions(database, cohort_id) if row.id in made]
    if args.json:
        document = [row.as_json() for row in rows]
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    noun = "session" if len(rows) == 1 else "sessions"
    print(f"{len(rows)} {noun} added to {cohort_name(database, cohort_id)}:")
    for row in rows:
        print(f"  {row.when}  {row.title}")
    return EXIT_OK
