"""Dates people type in the editors: the organisation's order, one reader, one way of showing."""

from __future__ import annotations

from datetime import date

import pytest

from ixdesk.services import validation as v
from ixdesk.services.importing.session import ImportSession


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
