"""``ixdesk event pack`` and ``ixdesk merge``: event copies, made and merged back.

    ixdesk event pack --cohort NAME [--cohort NAME2] [--event "Careers Fair, Table 3"]
                      [--pin 1234] [--enrolment-status applied] -o FILE
    ixdesk merge FILE... [--dry-run] [--json]
    ixdesk merge --undo MERGE_ID

A copy that cannot be merged is refused with one sentence and exit status 1;
the database is not changed. What waits for review is decided in the window
(File ▸ Review merged sign-ups…).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ixdesk.commands import file_to_write
from ixdesk.db.enums import EnrolmentStatus

EXIT_OK, EXIT_REFUSED = 0, 1


def add_parsers(commands: Any) -> None:
    event = commands.add_parser(
        "event",
        help="make an event copy: a database file for one laptop taking sign-ups",
        description="Event copies: self-contained database files for laptops taking sign-ups "
        "at an event, merged back with ixdesk merge.",
    )
    actions = event.add_subparsers(dest="event_action", metavar="ACTION", required=True)
    pack = actions.add_parser(
        "pack",
        help="write an event copy for sign-ups to one or more cohorts",
        description="Write an event copy: the cohorts and tracks, the organisation's settings "
        "and, to warn about duplicates, the students' names, emails, schools and dates of "
        "birth (nothing else of them). Opening it starts event mode.",
    )
    pack.add_argument(
        "--cohort", action="append", required=True, metavar="NAME", help="a cohort to sign up for"
    )
    pack.add_argument("--event", metavar="TEXT", help="the event's name, shown in event mode")
    pack.add_argument(
        "--pin", metavar="DIGITS", help="4 to 12 digits to leave event mode (made up if not given)"
    )
    pack.add_argument(
        "--enrolment-status",
        choices=[status.value for status in EnrolmentStatus],
        default=EnrolmentStatus.APPLIED.value,
        help="status of the sign-ups' enrolments (default: applied)",
    )
    pack.add_argument("-o", "--output", required=True, type=file_to_write, metavar="FILE")

    merge = commands.add_parser(
        "merge",
        help="merge event copies back into this database",
        description="Merge event copies into the database they were made from, in one "
        "transaction. Merging a copy again changes nothing; copies merge to the same result "
        "in any order. What cannot be decided alone waits for review in the window.",
    )
    merge.add_argument("files", nargs="*", type=Path, metavar="FILE", help="event copies")
    merge.add_argument(
        "--dry-run", action="store_true", help="say what would happen; change nothing"
    )
    merge.add_argument("--json", action="store_true", help="the report as JSON")
    merge.add_argument("--undo", metavar="MERGE_ID", help="undo a whole merge (the newest one)")


def run(args: argparse.Namespace, database: Any) -> int:
    if args.command == "event":
        return _pack(args, database, sys.stdout)
    return _merge(args, database, sys.stdout)


def _pack(args: argparse.Namespace, database: Any, out: TextIO) -> int:
    from ixdesk.services.events.pack import pack_event_copy

    result = pack_event_copy(
        database,
        args.output,
        args.cohort,
        event_name=args.event,
        pin=args.pin,
        enrolment_status=args.enrolment_status,
    )
    out.write(result.describe() + "\n")
    if result.pin is not None:
        out.write(f"PIN to leave event mode: {result.pin} (no --pin was given; keep it safe).\n")
    out.write(f"Open it on the event's laptop: ixdesk --database {result.path}\n")
    return EXIT_OK


def _merge(args: argparse.Namespace, database: Any, out: TextIO) -> int:
    from ixdesk.errors import IxdeskError

    if args.undo:
        if args.files or args.dry_run:
            raise IxdeskError("--undo takes a merge's id only, no files and no --dry-run.")
        from ixdesk.services.events.undo import undo_merge

        text = undo_merge(database, args.undo)
        if args.json:
            json.dump({"undone": args.undo, "message": text}, out, ensure_ascii=False)
            out.write("\n")
        else:
            out.write(text + "\n")
        return EXIT_OK
    if not args.files:
        raise IxdeskError("Name the event copies to merge: ixdesk merge FILE…")
    from ixdesk.services.events.merge import merge_event_copies

    try:
        report = merge_event_copies(database, args.files, dry_run=args.dry_run)
    except IxdeskError as error:
        if not args.json:
            raise
        json.dump({"error": str(error), "merged": False}, out, ensure_ascii=False)
        out.write("\n")
        return EXIT_REFUSED
    if args.json:
        _print_json(database, report, out)
    else:
        out.write(report.describe() + "\n")
    return EXIT_OK


def _print_json(database: Any, report: Any, out: TextIO) -> None:
    from dataclasses import asdict

    from ixdesk.services.events.review import load_review

    document = report.as_dict()
    document["waiting"] = [] if report.dry_run else [asdict(item) for item in load_review(database)]
    for item in document["waiting"]:
        item.pop("search", None)
    json.dump(document, out, ensure_ascii=False, indent=1)
    out.write("\n")
