"""``ixdesk import students|instructors|companies FILE``: the import, from a terminal or a script.

(``ixdesk import attendance FILE`` reads an instructor's workbook back: ``attendance.py``.)

Reads, checks and previews like the wizard; writes only when every row is
valid, or with ``--skip-invalid``, in one transaction. Exit status: 0 when
imported (or a clean ``--dry-run``), 1 when rows are invalid and nothing was
written or the file cannot be imported, 2 for a usage mistake.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ixdesk.commands import file_to_write
from ixdesk.commands.attendance import add_import_parser, run_import
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import IxdeskError
from ixdesk.services.record_kinds import Kind

if TYPE_CHECKING:
    from ixdesk.db import Database

EXIT_OK, EXIT_REFUSED = 0, 1
TEXT_PROBLEM_LIMIT = 50


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="import students, instructors or partner companies from .xlsx or CSV",
        description="Import from an .xlsx workbook or a CSV file. Nothing is written unless "
        "every row is valid (or --skip-invalid is given); then all rows in one transaction.",
    )
    kinds = parser.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    for kind, what in (
        (Kind.STUDENTS, "students, optionally enrolling them into a cohort"),
        (Kind.INSTRUCTORS, "instructors"),
        (Kind.COMPANIES, "partner companies and their contacts"),
    ):
        sub = kinds.add_parser(kind, help=f"import {what}")
        sub.add_argument("file", type=Path, metavar="FILE", help=".xlsx or .csv file")
        if kind == Kind.STUDENTS:
            sub.add_argument("--cohort", metavar="NAME", help="enrol every imported student")
            sub.add_argument(
                "--enrolment-status",
                choices=[status.value for status in EnrolmentStatus],
                default=EnrolmentStatus.APPLIED.value,
                help="status of the new enrolments (default: applied)",
            )
            sub.add_argument(
                "--keep-answers",
                action="store_true",
                help="keep the columns that go into no field as the students' application "
                "answers (for the cohort)",
            )
        _add_common(sub)
    add_import_parser(kinds)


def _add_common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--sheet", metavar="NAME", help="sheet to read (default: first visible)")
    sub.add_argument("--mapping", type=Path, metavar="FILE", help="a saved column mapping")
    sub.add_argument(
        "--save-mapping", type=file_to_write, metavar="FILE", help="save the mapping used"
    )
    sub.add_argument("--dry-run", action="store_true", help="check and preview; write nothing")
    sub.add_argument(
        "--on-duplicate",
        choices=["skip", "fill", "update"],
        default="skip",
        help="rows matching a record: skip (default), fill empty fields, or update",
    )
    sub.add_argument("--skip-invalid", action="store_true", help="import the valid rows only")
    sub.add_argument(
        "--rejected",
        type=file_to_write,
        metavar="OUT.xlsx",
        help="save invalid rows here (.xlsx or .csv)",
    )
    sub.add_argument("--json", action="store_true", help="print the summary and problems as JSON")
    order = sub.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="day_first", action="store_true", default=None)
    order.add_argument("--month-first", dest="day_first", action="store_false")
    sub.add_argument("--encoding", metavar="NAME", help="CSV text encoding (default: detected)")
    sub.add_argument("--delimiter", metavar="CHAR", help="CSV separator (default: detected)")
    sub.add_argument("--region", metavar="CC", help="country of phone numbers without +")
    sub.add_argument("--header-row", type=_row_number, metavar="N", help="row of the headers")
    sub.add_argument(
        "--leave-out",
        action="append",
        default=[],
        metavar="COLUMN",
        help="do not import this column (its header; may be given more than once)",
    )


def _row_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a row number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("rows are numbered from 1")
    return value


def creates_database(args: argparse.Namespace) -> bool:
    """An import may start a new database; a dry run writes nothing, so it may not, and an
    attendance workbook needs the database it was written from."""
    return not args.dry_run and args.import_kind != "attendance"


def run(args: argparse.Namespace, database: Database) -> int:
    work = run_import if args.import_kind == "attendance" else _run
    try:
        return work(args, database, sys.stdout)
    except IxdeskError as error:
        if not args.json:
            raise
        json.dump({"error": str(error), "committed": False}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_REFUSED


def _run(args: argparse.Namespace, database: Database, out: TextIO) -> int:
    from ixdesk.services import importing as imp

    kind = Kind(args.import_kind)
    _check_targets(args)
    table = imp.read_table(
        args.file,
        sheet=args.sheet,
        encoding=args.encoding,
        delimiter=args.delimiter,
        header_row=args.header_row,
    )
    if args.mapping:
        mapping = imp.load_mapping(args.mapping, table.headers)
        if mapping.kind != kind:
            raise IxdeskError(f"The mapping {args.mapping} is for {mapping.kind}, not {kind}.")
    else:
        mapping = imp.propose_mapping(kind, table.headers)
    for header in args.leave_out:
        mapping.set(header, None)
    if getattr(args, "keep_answers", False):
        mapping.keep_unmatched_as_answers()
    day_first, order_source = _day_order(args, kind, table, mapping, imp)
    plan = imp.plan_import(
        database,
        kind,
        table,
        mapping,
        cohort=getattr(args, "cohort", None),
        day_first=day_first,
        region=args.region,
        on_duplicate=args.on_duplicate,
        enrolment_status=getattr(args, "enrolment_status", EnrolmentStatus.APPLIED.value),
    )
    mapping.day_first = day_first
    if args.save_mapping:
        imp.save_mapping(mapping, args.save_mapping, keep=[args.file])
    rejected = imp.write_rejected(plan, args.rejected) if args.rejected else None
    invalid = plan.counts["invalid"]
    refused = invalid > 0 and not args.skip_invalid
    result = None
    if not refused and not args.dry_run and plan.has_changes:
        result = imp.commit_import(
            database, plan, progress=_progress(args), skip_invalid=args.skip_invalid
        )
    if args.json:
        _print_json(plan, result, refused, args, rejected, order_source, out)
    else:
        _print_text(plan, result, refused, args, rejected, order_source, out)
    return EXIT_REFUSED if refused else EXIT_OK


def _check_targets(args: argparse.Namespace) -> None:
    """Refuse a file to write that may not be written, before reading or writing anything."""
    from ixdesk.services.importing.rejected import check_rejected_target
    from ixdesk.targets import refuse

    if args.rejected:
        check_rejected_target(args.rejected, args.file)
    if args.save_mapping:
        refuse(args.save_mapping, keep=[args.file])


def _day_order(
    args: argparse.Namespace, kind: Kind, table: Any, mapping: Any, imp: Any
) -> tuple[bool, str]:
    if args.day_first is not None:
        return args.day_first, "as asked"
    if mapping.day_first is not None:
        return mapping.day_first, "from the saved mapping"
    detected = imp.detect_day_first(kind, table, mapping)
    if detected is not None:
        return detected, "detected from the file's dates"
    from ixdesk.services.validation import default_day_first

    return default_day_first(), "the default"


def _progress(args: argparse.Namespace) -> Any:
    if args.json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\rWriting {done:,} of {total:,}…")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _column_notes(plan: Any) -> list[str]:
    """What the command line did not decide by itself: suggestions and unreadable columns."""
    from ixdesk.services.importing.fields import FIELD_BY_NAME
    from ixdesk.services.validation import quoted

    specs = FIELD_BY_NAME[plan.kind]
    notes = [
        f"The column {quoted(header)} may be {specs[name].label.lower()}; it was left out. "
        "To import it, send it there in a saved mapping (--mapping)."
        for header, name in plan.mapping.suggestions.items()
    ]
    notes += [
        f"No value of the column {quoted(header)} could be read; leave it out "
        f"(--leave-out {quoted(header)}) to import the rest."
        for header in plan.unreadable_columns()
    ]
    return notes


def _print_json(
    plan: Any,
    result: Any,
    refused: bool,
    args: argparse.Namespace,
    rejected: int | None,
    order_source: str,
    out: TextIO,
) -> None:
    summary = plan.summary()
    summary.update(
        {
            "column_notes": _column_notes(plan),
            "day_order": "day first" if plan.day_first else "month first",
            "day_order_source": order_source,
            "dry_run": args.dry_run,
            "committed": result is not None,
            "refused": refused,
            "rejected_file": str(args.rejected) if args.rejected else None,
            "mapping_file": str(args.save_mapping) if args.save_mapping else None,
            "rejected_rows": rejected,
            "result": result.as_dict() if result is not None else None,
        }
    )
    document = {
        "summary": summary,
        "problems": [problem.as_dict() for problem in plan.problems],
        "duplicates": [duplicate.as_dict() for duplicate in plan.duplicates],
    }
    json.dump(document, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _print_text(
    plan: Any,
    result: Any,
    refused: bool,
    args: argparse.Namespace,
    rejected: int | None,
    order_source: str,
    out: TextIO,
) -> None:
    from ixdesk.services.validation import brief

    table = plan.table
    out.write(table.describe() + ".\n")
    out.write(f"Dates: {'day' if plan.day_first else 'month'} first ({order_source}).\n")
    mapped = ", ".join(f"{brief(h)} → {f}" for f, h in plan.mapping.mapped().items())
    answers = plan.mapping.answer_headers()
    ignored = [brief(h) for h, f in plan.mapping.columns.items() if not f]
    out.write(f"Columns: {mapped}.\n")
    if answers:
        out.write(f"Kept as application answers: {', '.join(brief(h) for h in answers)}.\n")
    if ignored:
        out.write(f"Not imported: {', '.join(ignored)}.\n")
    for note in plan.notes + _column_notes(plan):
        out.write(f"Note: {note}\n")
    problems = plan.problems
    for problem in problems[:TEXT_PROBLEM_LIMIT]:
        where = f"Row {problem.row}" + (f", {brief(problem.column)}" if problem.column else "")
        out.write(f"{where}: {problem.severity}: {problem.message}\n")
    if len(problems) > TEXT_PROBLEM_LIMIT:
        out.write(f"… and {len(problems) - TEXT_PROBLEM_LIMIT:,} more (--json lists all).\n")
    counts = plan.counts
    statuses = ("new", "updated", "unchanged", "repeated", "skipped")
    line = ", ".join(f"{counts[s]:,} {s}" for s in statuses)
    line += f", {counts['invalid']:,} invalid"
    if plan.cohort_name:
        line += f"; {len(plan.enrolments):,} to enrol in {plan.cohort_name}"
    out.write(f"Rows: {line}.\n")
    if rejected is not None:
        out.write(f"{rejected:,} invalid row(s) saved to {args.rejected}.\n")
    if args.save_mapping:
        out.write(f"Mapping saved to {args.save_mapping}.\n")
    if refused:
        sys.stderr.write(
            f"ixdesk: nothing was imported: {counts['invalid']:,} row(s) are invalid. Fix them, "
            "or run again with --skip-invalid (--rejected FILE.xlsx saves them to fix).\n"
        )
    elif args.dry_run:
        out.write("Dry run: nothing was imported; the database was not changed.\n")
    elif result is None:
        out.write("Nothing to change: the database already holds these rows.\n")
    else:
        out.write(f"Imported: {result.describe()}.\n")
