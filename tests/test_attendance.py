"""Attendance: the grid of marks, its counts, rates and hours, and two absences in a row."""

from __future__ import annotations

from datetime import date, time

import pytest

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import AttendanceStatus, EnrolmentStatus
from ixdesk.errors import ChangedElsewhereError
from ixdesk.services import attention
from ixdesk.services.operations import OperationContext, run_operation
from ixdesk.services.running import attendance as at
from ixdesk.services.running import sessions as ss
from tests.gui.world import World, build_world

P, L, A, E = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT,
              AttendanceStatus.EXCUSED)  # fmt: skip


def _planned(database: Database, weeks: int = 2) -> tuple[World, list[str]]:
    """The world's cohort with Tue + Thu sessions of two hours, and an ungrouped student."""
    world = build_world(database)
    pattern = ss.Pattern(
        days=(1, 3), starts=time(16), ends=time(18), first_day=date(2027, 3, 1), weeks=weeks
    )
    made = ss.plan_sessions(database, world.cohort, pattern)

    def enrol(context: OperationContext) -> None:
        student = m.Student(first_name="Ada", last_name="Zed")
        context.session.add(student)
        context.session.flush()
        context.session.add(
            m.Enrolment(student_id=student.id, cohort_id=world.cohort, status="enrolled")
        )

    run_operation(database, enrol)
    return world, made


def _mark(database: Database, cells: dict[tuple[str, str], AttendanceStatus]) -> None:
    at.set_marks(database, [at.MarkChange(s, st, None, mark) for (st, s), mark in cells.items()])


def test_grid_counts_equal_the_marks_stored(database: Database) -> None:
    world, sessions = _planned(database)
    ana, lukasz = world.students
    _mark(database, {(ana, sessions[0]): P, (ana, sessions[1]): L, (ana, sessions[2]): A,
                     (lukasz, sessions[0]): E, (lukasz, sessions[3]): P})  # fmt: skip
    grid = at.attendance_grid(database, world.cohort)
    assert [s.name for s in grid.students] == ["Łukasz Nowak", "Ana Silva", "Ada Zed"]
    stored = at.attendance_counts(database, world.cohort)
    for student in grid.students:
        assert grid.counts(student) == stored.get(student.id, {})
    nowak, silva, zed = grid.students
    assert grid.counts(silva) == {P: 1, L: 1, A: 1}
    assert grid.rate([silva]) == pytest.approx(2 / 3)
    assert grid.rate([silva, nowak]) == pytest.approx(3 / 4)  # excused counts neither way
    assert grid.rate([zed]) is None
    assert grid.hours(silva) == 4 and grid.hours(nowak) == 2


def test_a_group_session_concerns_its_members_only(database: Database) -> None:
    world, _ = _planned(database, weeks=1)
    pattern = ss.Pattern(days=(4,), starts=time(9), ends=time(17), first_day=date(2027, 3, 1))
    (own,) = ss.plan_sessions(database, world.cohort, pattern, group_id=world.group)
    grid = at.attendance_grid(database, world.cohort)
    session = next(row for row in grid.sessions if row.id == own)
    assert [grid.applies(s, session) for s in grid.students] == [True, True, False]
    group = at.attendance_grid(database, world.cohort, world.group)
    assert [s.name for s in group.students] == ["Łukasz Nowak", "Ana Silva"]
    assert len(group.sessions) == 3


def test_a_cell_changed_elsewhere_is_refused_and_nothing_is_written(database: Database) -> None:
    world, sessions = _planned(database, weeks=1)
    ana, lukasz = world.students
    _mark(database, {(ana, sessions[0]): P})
    stale = [at.MarkChange(sessions[1], lukasz, None, A), at.MarkChange(sessions[0], ana, None, L)]
    with pytest.raises(ChangedElsewhereError):
        at.set_marks(database, stale)
    grid = at.attendance_grid(database, world.cohort)
    assert grid.marks == {(ana, sessions[0]): P}
    done = at.set_marks(database, [at.MarkChange(sessions[0], ana, P, None)])
    assert at.attendance_grid(database, world.cohort).marks == {}
    at.set_marks(database, [change.reversed() for change in done])  # undo
    assert at.attendance_grid(database, world.cohort).marks == {(ana, sessions[0]): P}


def test_two_absences_in_a_row_need_attention(database: Database) -> None:
    world, sessions = _planned(database)
    ana, lukasz = world.students
    # Łukasz: absent, present, absent (never two in a row); Ana: absent, [no mark], absent.
    _mark(database, {(lukasz, sessions[0]): A, (lukasz, sessions[1]): P,
                     (lukasz, sessions[2]): A, (ana, sessions[0]): A, (ana, sessions[2]): A,
                     (ana, sessions[3]): A})  # fmt: skip
    found = [
        c for c in attention.cohort_concerns(database, world.cohort) if c.code == "absent_twice"
    ]
    assert [(c.record_id, c.text) for c in found] == [
        (ana, "Ana Silva was absent from Session 1 and Session 3 in a row in Données Spring 2027.")
    ]
    at.set_marks(database, [at.MarkChange(sessions[2], ana, A, E)])
    found = [
        c for c in attention.cohort_concerns(database, world.cohort) if c.code == "absent_twice"
    ]
    assert found == []


def test_progress_gives_hours_and_completion_for_certificates(database: Database) -> None:
    world, sessions = _planned(database, weeks=1)
    ana, lukasz = world.students
    _mark(database, {(ana, sessions[0]): P, (ana, sessions[1]): L, (lukasz, sessions[0]): A})

    def complete(context: OperationContext) -> None:
        for enrolment in context.session.query(m.Enrolment).filter_by(student_id=ana):
            enrolment.status = EnrolmentStatus.COMPLETED

    run_operation(database, complete)
    progress = at.student_progress(database, world.cohort)
    assert progress[ana] == at.StudentProgress(4.0, 2, 1.0, True)
    assert progress[lukasz] == at.StudentProgress(0.0, 0, 0.0, False)
