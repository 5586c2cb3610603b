"""The instructor's attendance workbook: written, filled in offline, read back cell by cell."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import openpyxl
import pytest

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import AttendanceStatus
from ixdesk.services.operations import OperationContext, run_operation
from ixdesk.services.running import attendance as at
from ixdesk.services.running import attendance_import as ai
from ixdesk.services.running import feedback as fb
from ixdesk.services.running import sessions as ss
from ixdesk.services.running.attendance_book import export_attendance_workbook
from tests.gui.world import World, build_world

P, L, A = AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT
FIRST_ROW = 8  # the heading takes rows 1-5, a blank row, the header row 7
SKILLS = "Data cleaning, Forecasting; Presenting"


def _world(database: Database) -> tuple[World, list[str]]:
    world = build_world(database)

    def skills(context: OperationContext) -> None:
        problem = context.session.get(m.BusinessProblem, world.problem)
        assert problem is not None
        problem.skills = SKILLS

    run_operation(database, skills)
    pattern = ss.Pattern(
        days=(1, 3), starts=time(16), ends=time(18), first_day=date(2027, 3, 1), weeks=2
    )
    return world, ss.plan_sessions(database, world.cohort, pattern)


def _exported(database: Database, world: World, tmp_path: Path) -> Path:
    return export_attendance_workbook(database, world.instructor, tmp_path / "zoe.xlsx")


def _fill(path: Path, cells: dict[tuple[str, str], object]) -> None:
    """What the instructor does in Excel: type into cells, save."""
    book = openpyxl.load_workbook(path)
    for (sheet, ref), value in cells.items():
        book[sheet][ref] = value
    book.save(path)


def test_the_workbook_is_protected_with_hidden_ids_and_drop_downs(
    database: Database, tmp_path: Path
) -> None:
    world, sessions = _world(database)
    at.set_marks(database, [at.MarkChange(sessions[0], world.students[0], None, P)])
    book = openpyxl.load_workbook(_exported(database, world, tmp_path))
    assert book.sheetnames == ["Équipe Zoë", "Rubric Équipe Zoë", "ixdesk"]
    marks, rubric, hidden = book.worksheets
    assert hidden.sheet_state == "veryHidden"
    for sheet in (marks, rubric):
        assert sheet.protection.sheet and sheet.column_dimensions["A"].hidden
        assert sheet["A7"].value == "ixdesk id (do not change)"
        assert sheet["B8"].protection.locked and not sheet["E8"].protection.locked
    first = marks.data_validations.dataValidation[0]
    assert str(first.sqref) == "E8:E9" and first.formula1 == '"Present,Late,Absent,Excused"'
    assert [c.value for c in rubric[7]][4:] == [
        "Data cleaning",
        "Forecasting",
        "Presenting",
        "Comment",
    ]
    assert marks["A8"].value == world.students[1]  # Nowak, then Silva
    assert marks["E9"].value == "Present"
    # Only names reach an instructor: no email, phone or guardian column.
    assert [c.value for c in marks[7]][1:4] == ["Last name", "First name", "Preferred name"]


def test_the_round_trip_applies_exactly_the_edited_cells_once(
    database: Database, tmp_path: Path
) -> None:
    world, sessions = _world(database)
    silva, nowak = world.students
    path = _exported(database, world, tmp_path)
    typed: dict[tuple[str, str], object] = {("Équipe Zoë", "E8"): "Present"}
    typed |= {("Équipe Zoë", "F9"): "a", ("Rubric Équipe Zoë", "F9"): 3}
    _fill(path, typed | {("Rubric Équipe Zoë", "H8"): "Careful work."})
    found = ai.read_attendance_workbook(database, path)
    assert [(d.sheet, d.cell, d.student, d.workbook) for d in found.changes] == [
        ("Équipe Zoë", "E8", "Łukasz Nowak", "Present"),
        ("Équipe Zoë", "F9", "Ana Silva", "Absent"),
        ("Rubric Équipe Zoë", "H8", "Łukasz Nowak", "Careful work."),
        ("Rubric Équipe Zoë", "F9", "Ana Silva", "3 · Proficient"),
    ]
    assert found.conflicts == [] and found.unchanged == 12
    assert at.attendance_grid(database, world.cohort).marks == {}  # a diff writes nothing
    done = ai.apply_import(database, found)
    assert at.attendance_grid(database, world.cohort).marks == {
        (nowak, sessions[0]): P, (silva, sessions[1]): A,
    }  # fmt: skip
    rubric = {row.student_id: row for row in fb.group_feedback(database, world.group).students}
    assert rubric[silva].ratings == {"Forecasting": 3} and rubric[nowak].comment == "Careful work."
    again = ai.read_attendance_workbook(database, path)
    assert again.changes == [] and again.conflicts == [] and again.unchanged == 16
    assert ai.apply_import(database, again) == ai.CellChanges((), ())
    ai.save_cells(database, done.reversed())  # undo
    assert at.attendance_grid(database, world.cohort).marks == {}
    assert all(
        not row.ratings and not row.comment
        for row in fb.group_feedback(database, world.group).students
    )


def test_a_cell_changed_on_both_sides_is_a_conflict_and_is_not_overwritten(
    database: Database, tmp_path: Path
) -> None:
    world, sessions = _world(database)
    silva, nowak = world.students
    path = _exported(database, world, tmp_path)
    at.set_marks(database, [at.MarkChange(sessions[0], nowak, None, L)])  # in ixdesk since
    _fill(path, {("Équipe Zoë", "E8"): "Absent", ("Équipe Zoë", "E9"): "Present"})
    found = ai.read_attendance_workbook(database, path)
    (conflict,) = found.conflicts
    assert (conflict.cell, conflict.base, conflict.workbook, conflict.current) == (
        "E8", "(empty)", "Absent", "Late",
    )  # fmt: skip
    assert [d.cell for d in found.changes] == ["E9"]
    ai.apply_import(database, found)
    marks = at.attendance_grid(database, world.cohort).marks
    assert marks == {(nowak, sessions[0]): L, (silva, sessions[0]): P}


def test_a_change_in_ixdesk_alone_is_kept(database: Database, tmp_path: Path) -> None:
    world, sessions = _world(database)
    path = _exported(database, world, tmp_path)
    at.set_marks(database, [at.MarkChange(sessions[1], world.students[0], None, L)])
    found = ai.read_attendance_workbook(database, path)
    assert found.changes == [] and found.conflicts == []


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        ("rows", "rows were added to the sheet “Équipe Zoë” (row 10)"),
        ("ids", "the hidden ids of the sheet “Équipe Zoë” were changed (cell A9)"),
        ("mark", "cell F8, holds something that is not a mark"),
        ("damaged", "damaged"),
        ("text", "cannot be imported"),
        ("foreign", "it is not an attendance workbook written by ixdesk."),
        ("garbled", "it names sessions, groups or students this database does not have"),
    ],
)
def test_a_spoilt_file_is_refused_in_one_sentence_and_nothing_is_written(
    database: Database, tmp_path: Path, spoil: str, words: str
) -> None:
    world, _sessions = _world(database)
    path = _exported(database, world, tmp_path)
    _fill(path, {("Équipe Zoë", "E8"): "Present"})  # a real change, which must not be applied
    if spoil == "rows":
        _fill(path, {("Équipe Zoë", "B10"): "Newcomer", ("Équipe Zoë", "E10"): "Present"})
    elif spoil == "ids":
        _fill(path, {("Équipe Zoë", "A9"): world.students[1]})
    elif spoil == "mark":
        _fill(path, {("Équipe Zoë", "F8"): "Maybe"})
    elif spoil == "damaged":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    elif spoil == "garbled":  # the hidden sheet edited to match an edited id
        book = openpyxl.load_workbook(path)
        book["ixdesk"]["D7"] = book["Équipe Zoë"]["A8"] = "not-an-id"
        book["ixdesk"]["E8"] = "not-an-id"
        book.save(path)
    elif spoil == "text":
        path.write_text("last_name,first_name\nSilva,Ana\n", encoding="utf-8")
    else:
        book = openpyxl.load_workbook(path)
        del book["ixdesk"]
        book.save(path)
    with pytest.raises(ai.AttendanceFileError) as refused:
        ai.read_attendance_workbook(database, path)
    message = str(refused.value)
    assert words in message and message.endswith("Nothing was changed.")
    assert "\n" not in message and "Silva" not in message and "Traceback" not in message
    assert at.attendance_grid(database, world.cohort).marks == {}


def test_a_workbook_for_another_cohort_or_database_is_refused(
    database: Database, tmp_path: Path
) -> None:
    world, _sessions = _world(database)
    path = _exported(database, world, tmp_path)
    with pytest.raises(ai.AttendanceFileError, match="a workbook for another cohort"):
        ai.read_attendance_workbook(database, path, cohort_id=world.other_cohort)

    def forget(context: OperationContext) -> None:
        for row in context.session.query(m.CohortSession):
            context.session.delete(row)

    run_operation(database, forget)
    with pytest.raises(ai.AttendanceFileError, match="this database does not have"):
        ai.read_attendance_workbook(database, path)


def test_export_and_import_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ixdesk.cli import main
    from ixdesk.db import open_database

    url = str(tmp_path / "ixdesk.db")
    database = open_database(url, create=True)
    try:
        _world(database)
    finally:
        database.close()
    path = tmp_path / "zoe.xlsx"
    export = ["--database", url, "export", "attendance", "--instructor", "zoe@example.org"]
    assert main([*export, "-o", str(path)]) == 0
    assert "Attendance workbook for zoe@example.org written to" in capsys.readouterr().out
    _fill(path, {("Équipe Zoë", "E8"): "Late"})
    read = ["--database", url, "import", "attendance", str(path)]
    assert main([*read, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("zoe.xlsx: 1 cell changed, 15 unchanged.")
    assert "Équipe Zoë!E8  Łukasz Nowak · Session 1 (Tue 2 Mar): (empty) → Late" in out
    assert out.rstrip().endswith("Nothing was changed (--dry-run).")
    assert main([*read, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["committed"] is True and len(document["changes"]) == 1
    assert main([*read, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["committed"] is False and document["changes"] == []
    assert document["unchanged"] == 16
    other = ["--cohort", "Marketing Winter 2026"]
    assert main([*read, *other]) == 1
    assert capsys.readouterr().err.startswith(
        "ixdesk: error: zoe.xlsx cannot be imported: it is a workbook for another cohort."
    )


def test_a_workbook_of_several_cohorts_is_read_back_on_the_command_line_only(
    database: Database, tmp_path: Path
) -> None:
    world, _sessions = _world(database)

    def second(context: OperationContext) -> None:
        context.session.add(
            m.StudentGroup(
                cohort_id=world.other_cohort,
                name="Team Hopper",
                lead_instructor_id=world.instructor,
            )
        )

    run_operation(database, second)
    path = _exported(database, world, tmp_path)
    assert openpyxl.load_workbook(path).sheetnames[:4] == [
        "Équipe Zoë", "Rubric Équipe Zoë", "Team Hopper", "Rubric Team Hopper",
    ]  # fmt: skip
    with pytest.raises(ai.AttendanceFileError, match="it covers several cohorts"):
        ai.read_attendance_workbook(database, path, cohort_id=world.cohort)
    assert ai.read_attendance_workbook(database, path).unchanged == 16  # Hopper: no members
