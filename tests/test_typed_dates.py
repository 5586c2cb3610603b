"""Dates people type in the editors: the organisation's order, one reader, one way of showing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ixdesk.db import Database
from ixdesk.services import rules
from ixdesk.services import validation as v
from ixdesk.services.importing import plan_import, read_table
from ixdesk.services.importing.session import ImportSession
from tests.test_import_support import write_csv


def test_the_organisation_order_is_day_first_unless_set_to_month_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert v.default_day_first() is True
    assert ImportSession().day_first is True  # the import starts from the same order
    monkeypatch.setenv("IXDESK_DATE_ORDER", " Month-First ")
    assert v.default_day_first() is False
    assert ImportSession().day_first is False
    monkeypatch.setenv("IXDESK_DATE_ORDER", "day-first")
    assert v.default_day_first() is True


@pytest.mark.parametrize("day_first", [True, False])
def test_a_shown_date_reads_back_as_the_same_date_in_either_order(day_first: bool) -> None:
    for month in range(1, 13):
        moment = date(2027, month, 9)
        shown = v.day_text(moment)
        assert shown.split()[0] == "9" and len(shown.split()[1]) == 3
        assert v.read_typed_date(shown, day_first, "starts_on") == moment
    assert v.day_text(date(2027, 3, 26)) == "26 Mar 2027"


def test_typed_dates_blank_readable_and_unreadable() -> None:
    assert v.read_typed_date("", True, "starts_on") is None
    assert v.read_typed_date("   ", True, "starts_on") is None
    assert v.read_typed_date(" 3/26/2027 ", False, "starts_on") == date(2027, 3, 26)
    assert v.read_typed_date("26/03/2027", True, "starts_on") == date(2027, 3, 26)
    assert v.read_typed_date("1 Mar 2027", True, "starts_on") == date(2027, 3, 1)
    assert v.read_typed_date("2027-03-01", False, "starts_on") == date(2027, 3, 1)
    with pytest.raises(v.InvalidValue) as caught:
        v.read_typed_date("3/26/2027", True, "starts_on")
    assert caught.value.problem.message == (
        "“3/26/2027” is not a real date when read as day/month/year; "
        "for 26 March 2027, type 26 Mar 2027 or 2027-03-26."
    )
    with pytest.raises(v.InvalidValue) as caught:  # the import keeps its own advice
        v.parse_date("3/26/2027", True, "starts_on")
    assert "if this file writes the month first, choose that order" in str(caught.value)


def test_two_digit_years_are_recent_or_up_to_ten_years_ahead() -> None:
    this_year = date.today().year
    ahead, behind = (this_year + 10) % 100, (this_year + 11) % 100
    assert v.read_typed_date(f"1 Mar {ahead:02d}", True, "ends_on") == date(this_year + 10, 3, 1)
    assert v.read_typed_date(f"1/3/{behind:02d}", True, "date_of_birth") == date(
        this_year - 89, 3, 1
    )


def test_year_zero_is_named_as_the_reason() -> None:
    for text in ("1/1/0000", "0000-01-01", "1 Jan 0000"):
        with pytest.raises(v.InvalidValue) as caught:
            v.read_typed_date(text, True, "starts_on")
        assert caught.value.problem.message == f"“{text}” is not a real date: there is no year 0."


def test_a_typed_date_takes_no_time_and_a_file_no_impossible_time() -> None:
    for text in ("2027-03-01 25:99", "2027-03-01 10:30", "1/3/2027 9:15 pm"):
        with pytest.raises(v.InvalidValue, match="has more than a date in it"):
            v.read_typed_date(text, True, "starts_on")
    # A file's timestamps keep their date; a time that cannot exist is an error there too.
    assert v.parse_date("2027-03-01 10:30") == date(2027, 3, 1)
    assert v.parse_date("01/03/2027 11:59:59 PM") == date(2027, 3, 1)
    for text in ("2027-03-01 25:99", "2027-03-01 10:60", "01/03/2027 13:00 pm"):
        with pytest.raises(v.InvalidValue, match="ends in a time of day that does not exist"):
            v.parse_date(text)


def test_planned_dates_lie_between_2000_and_twenty_years_ahead() -> None:
    today = date(2026, 6, 1)
    assert v.check_planned_date(date(2000, 1, 1), "starts_on", today=today) == date(2000, 1, 1)
    assert v.check_planned_date(date(2046, 12, 31), "ends_on", today=today) == date(2046, 12, 31)
    with pytest.raises(v.InvalidValue, match="1 March 227 is before 2000; check the year"):
        v.check_planned_date(date(227, 3, 1), "starts_on", today=today)
    with pytest.raises(v.InvalidValue, match="more than 20 years ahead"):
        v.check_planned_date(date(2047, 1, 1), "safeguarding_expires_on", today=today)
    problems = rules.check_record(
        "cohorts", {"name": "C", "starts_on": date(1, 1, 1), "ends_on": date(9999, 12, 31)}
    )
    assert set(problems) == {"starts_on", "ends_on"}
    assert "is before 2000" in problems["starts_on"]
    assert "more than 20 years ahead" in problems["ends_on"]


def test_an_import_refuses_a_safeguarding_expiry_in_an_implausible_year(
    sqlite_database: Database, tmp_path: Path
) -> None:
    rows = [["First name", "Last name", "Email", "Safeguarding check expires on"]]
    rows += [["A", "B", f"{n}@example.org", when] for n, when in enumerate(EXPIRIES)]
    table = read_table(write_csv(tmp_path / "instructors.csv", rows))
    plan = plan_import(sqlite_database, "instructors", table)
    messages = {row.row_number: [p.message for p in row.errors] for row in plan.rows}
    assert messages[2] == []  # 2027 is fine
    assert messages[3] == ["1 January 1 is before 2000; check the year."]
    assert messages[4] == ["31 December 9999 is more than 20 years ahead; check the year."]


EXPIRIES = ["2027-03-01", "0001-01-01", "9999-12-31"]
