"""``ixdesk export ...``: rosters and other workbooks from the command line.

    ixdesk export roster --cohort NAME -o FILE
    ixdesk export instructor --instructor EMAIL [--cohort NAME] -o FILE
    ixdesk export signin --cohort NAME [--session TITLE] [--blank-rows N] -o FILE
    ixdesk export partner --company NAME -o FILE
    ixdesk export photos --cohort NAME [--group NAME] -o FILE
    ixdesk export attendance --instructor EMAIL [--cohort NAME] -o FILE
    ixdesk export all -o FILE

Names and emails match in any case; an unknown one is one error line with
the closest matches. The workbook appears only when complete.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ixdesk.commands import file_to_write, whole_number
from ixdesk.commands.attendance import add_export_parser

EXIT_OK = 0


_blank_rows = whole_number(0, 1000)


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=file_to_write,
        required=True,
        metavar="FILE",
        help="the .xlsx file to write (replaced if it exists)",
    )
    parser.add_argument(
        "--paper",
        choices=["a4", "letter"],
        help="paper size for printing (default: from your computer's settings)",
    )


def add_parsers(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="write a roster, sign-in sheet, partner brief, photo list or full export (.xlsx)",
        description="Write an Excel workbook. It appears only once complete.",
    )
    kinds = export.add_subparsers(dest="export_kind", metavar="WHAT", required=True)

    roster = kinds.add_parser("roster", help="a cohort: overview and one sheet per group")
    roster.add_argument("--cohort", required=True, metavar="NAME")
    _output(roster)

    instructor = kinds.add_parser(
        "instructor", help="an instructor's groups, with only what an instructor needs"
    )
    instructor.add_argument("--instructor", required=True, metavar="EMAIL")
    instructor.add_argument("--cohort", metavar="NAME", help="only this cohort's groups")
    instructor.add_argument(
        "--include-archived", action="store_true", help="also groups of archived cohorts"
    )
    _output(instructor)

    signin = kinds.add_parser("signin", help="a printable sign-in sheet for a session or event")
    signin.add_argument("--cohort", required=True, metavar="NAME")
    signin.add_argument("--session", metavar="TITLE", help="one of the cohort's sessions")
    signin.add_argument(
        "--blank-rows",
        type=_blank_rows,
        default=10,
        metavar="N",
        help="numbered empty rows for walk-ins (default 10)",
    )
    _output(signin)

    partner = kinds.add_parser("partner", help="a partner company's problems and groups")
    partner.add_argument("--company", required=True, metavar="NAME")
    _output(partner)

    photos = kinds.add_parser(
        "photos",
        help="who of a cohort may be photographed: names, group and cohort (students under "
        "18 without a guardian's consent for photos are left out)",
    )
    photos.add_argument("--cohort", required=True, metavar="NAME")
    photos.add_argument("--group", metavar="NAME", help="only this group of the cohort")
    _output(photos)

    add_export_parser(kinds, _output)

    everything = kinds.add_parser("all", help="every record type, every field (hand-over)")
    _output(everything)


class Meter:
    """A percentage on stderr while a long export runs, when a person is watching."""

    def __init__(self) -> None:
        self.shown = -1
        self.active = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if self.active and percent != self.shown:
            self.shown = percent
            print(f"\rWriting… {percent}%", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.active and self.shown >= 0:
            print("\r" + " " * 20 + "\r", end="", file=sys.stderr, flush=True)


def _tell(sentence: str) -> None:
    print(f"ixdesk: note: {sentence}", file=sys.stderr)


def run(args: argparse.Namespace, database: Any) -> int:
    from ixdesk.services import export as ex

    meter = Meter()
    common: dict[str, Any] = {"paper": args.paper, "progress": meter}
    kind = args.export_kind
    try:
        if kind == "roster":
            cohort_id = ex.find_cohort(database, args.cohort)
            written = ex.export_cohort_roster(database, cohort_id, args.output, **common)
            what = f"Roster of {args.cohort}"
        elif kind == "instructor":
            instructor_id = ex.find_instructor(database, args.instructor)
            only_cohort = ex.find_cohort(database, args.cohort) if args.cohort else None
            written = ex.export_instructor_roster(
                database,
                instructor_id,
                args.output,
                cohort_id=only_cohort,
                include_archived=args.include_archived,
                **common,
            )
            what = f"Roster for {args.instructor}"
        elif kind == "signin":
            cohort_id = ex.find_cohort(database, args.cohort)
            session_id = (
                ex.find_session(database, cohort_id, args.session) if args.session else None
            )
            written = ex.export_signin_sheet(
                database,
                cohort_id,
                args.output,
                session_id=session_id,
                blank_rows=args.blank_rows,
                **common,
            )
            what = f"Sign-in sheet for {args.cohort}"
        elif kind == "attendance":
            from ixdesk.services.running.attendance_book import export_attendance_workbook

            instructor_id = ex.find_instructor(database, args.instructor)
            only_cohort = ex.find_cohort(database, args.cohort) if args.cohort else None
            written = export_attendance_workbook(
                database, instructor_id, args.output, cohort_id=only_cohort, progress=meter
            )
            what = f"Attendance workbook for {args.instructor}"
        elif kind == "partner":
            company_id = ex.find_company(database, args.company)
            written = ex.export_partner_brief(
                database, company_id, args.output, told=_tell, **common
            )
            what = f"Partner brief for {args.company}"
        elif kind == "photos":
            cohort_id = ex.find_cohort(database, args.cohort)
            group_id = ex.find_group(database, cohort_id, args.group) if args.group else None
            written = ex.export_photo_list(
                database, cohort_id, args.output, group_id=group_id, told=_tell, **common
            )
            what = f"Photo list of {args.group or args.cohort}"
        else:
            written = ex.export_everything(database, args.output, **common)
            what = "Full export"
    finally:
        meter.close()
    print(f"{what} written to {written}.")
    return EXIT_OK
