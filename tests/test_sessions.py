"""A cohort's sessions: planned from a weekly pattern, listed, edited one by one."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest

from ixdesk.cli import main
from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.errors import IxdeskError
from ixdesk.services.operations import update_record
from ixdesk.services.running import sessions as ss
from tests.gui.world import build_world

TUE_THU = ss.Pattern(
    days=(1, 3), starts=time(16), ends=time(18), first_day=date(2027, 3, 1), weeks=4
)


def test_a_weekly_pattern_meets_on_its_days_for_its_weeks_skipping_holidays() -> None:
    days = TUE_THU.dates()
    assert len(days) == 8 and days[0] == date(2027, 3, 2) and days[-1] == date(2027, 3, 25)
    assert {day.weekday() for day in days} == {1, 3}
    holiday = ss.Pattern(**{**TUE_THU.__dict__, "skip": frozenset({date(2027, 3, 11)})})
    assert date(2027, 3, 11) not in holiday.dates() and len(holiday.dates()) == 7


def test_one_eight_hour_day() -> None:
    day = ss.Pattern(days=(0,), starts=time(9), ends=time(17), first_day=date(2027, 3, 1))
    ((start, end),) = day.moments()
    assert (end - start).total_seconds() == 8 * 3600 and start.astimezone().hour == 9


@pytest.mark.parametrize(
    ("days", "times"), [("tux", "16:00-18:00"), ("tue", "18:00-16:00"), ("tue", "4pm")]
)
def test_days_and_times_that_do_not_read_are_one_sentence(days: str, times: str) -> None:
    with pytest.raises(IxdeskError) as caught:
        ss.parse_days(days)
        ss.parse_times(times)
    assert "\n" not in str(caught.value) and str(caught.value).endswith(".")


def test_plan_adds_numbered_sessions_once_and_edits_one(database: Database) -> None:
    world = build_world(database)
    made = ss.plan_sessions(database, world.cohort, TUE_THU, title="Workshop", location="Room 4")
    rows = ss.list_sessions(database, world.cohort)
    assert [row.id for row in rows] == made
    assert [row.title for row in rows[:3]] == ["Workshop 1", "Workshop 2", "Workshop 3"]
    assert all(row.hours == 2 and row.location == "Room 4" for row in rows)
    with pytest.raises(IxdeskError, match="already has a session at every time"):
        ss.plan_sessions(database, world.cohort, TUE_THU)
    first = rows[0]
    values = ss.session_values("Kick-off", first.starts_at, first.ends_at, "", world.instructor)
    update_record(database, m.CohortSession, first.id, first.version, values)
    edited = ss.list_sessions(database, world.cohort)[0]
    assert (edited.title, edited.instructor, edited.location) == ("Kick-off", "Zoë Ørsted", None)


def test_plan_and_list_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "ixdesk.db")
    database = open_database(path, create=True)
    try:
        build_world(database)
    finally:
        database.close()
    plan = ["--database", path, "sessions", "plan", "--cohort", "données spring 2027"]
    plan += ["--days", "tue,thu", "--time", "16:00-18:00", "--weeks", "4"]
    plan += ["--skip", "2027-03-11", "--instructor", "ZOE@example.org"]
    assert main(plan) == 0
    assert capsys.readouterr().out.startswith("7 sessions added to Données Spring 2027:")
    listing = ["--database", path, "list", "sessions", "--cohort", "Données Spring 2027"]
    assert main([*listing, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [row["date"] for row in listed][:3] == ["2027-03-02", "2027-03-04", "2027-03-09"]
    assert "2027-03-11" not in [row["date"] for row in listed] and len(listed) == 7
    assert listed[0]["instructor"] == "Zoë Ørsted" and listed[0]["hours"] == 2
    assert listed[0]["starts_at"].startswith("2027-03-02T16:00:00")
    assert main(["--database", path, "list", "sessions"]) == 1
    assert "add --cohort NAME" in capsys.readouterr().err
