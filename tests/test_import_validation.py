"""Field checks shared by the import and the editors: email, phone, dates, grades, yes/no."""

from __future__ import annotations

import locale
import random
from datetime import date, datetime

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email

from ixdesk.services import validation as v
from ixdesk.services.validation import InvalidValue


def _error(call, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidValue) as caught:
        call(*args, **kwargs)
    assert caught.value.problem.severity == "error"
    return caught.value.problem.message


def test_email_is_normalised_and_bad_ones_are_explained() -> None:
    assert v.check_email("  Ava.Jansen@Student.Example.EDU ") == "Ava.Jansen@student.example.edu"
    assert v.check_email("ebène.dubois@student.example.edu") == "ebène.dubois@student.example.edu"
    assert "@-sign" in _error(v.check_email, "not-an-email")
    assert "period" in _error(v.check_email, "a..b@example.org")
    assert v.email_problem("x@localhost") is not None
    assert v.normalise_email("bad") == "bad"


def test_the_fast_email_path_agrees_with_email_validator() -> None:
    rnd = random.Random(3)
    alphabet = "abcXYZ019._+-@"
    samples = [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(3, 20)))
        + rnd.choice(
            ["@example.org", "@Mail.Example.COM", ".org", "@x", "@a-.org", "@b.test", "@c.co.uk"]
        )
        for _ in range(3000)
    ]
    for text in samples:
        try:
            expected = str(validate_email(text, check_deliverability=False).normalized)
        except EmailNotValidError:
            expected = None
        try:
            found = v.check_email(text)
        except InvalidValue:
            found = None
        assert found == expected, text


@pytest.mark.parametrize("region", ["GB", "ZA", "US", "FR", "DE", "IT", "AU", "IN", "NL", "BR"])
def test_the_fast_phone_path_agrees_with_phonenumbers(region: str) -> None:
    rnd = random.Random(region)
    code = phonenumbers.country_code_for_region(region)
    for _ in range(1500):
        digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(6, 12)))
        text = rnd.choice([digits, "0" + digits, f"+{code} {digits}", f"+{code}{digits}"])
        text = rnd.choice([text, text[:4] + " " + text[4:], text[:3] + "-" + text[3:]])
        try:
            parsed = phonenumbers.parse(text, region)
            valid = phonenumbers.is_valid_number(parsed)
        except phonenumbers.NumberParseException:
            valid = False
        expected = (
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            if valid
            else None
        )
        assert v.e164(text, region) == expected, (region, text)


def test_phones_become_e164_with_the_chosen_region() -> None:
    assert v.normalise_phone("0701234567", "ZA") == "+27701234567"
    assert v.normalise_phone("07412 345678", "GB") == "+447412345678"
    assert v.normalise_phone("+39 347 123 4567", "GB") == "+393471234567"
    assert v.normalise_phone("(202) 555-0143", "US") == "+12025550143"
    assert "ZA" in _error(v.normalise_phone, "12", "ZA")


def test_a_phone_stored_as_a_number_is_reported_not_silently_kept() -> None:
    warnings: list[v.FieldProblem] = []
    assert v.normalise_phone(821112233.0, "ZA", warnings=warnings) == "+27821112233"
    (warning,) = warnings
    assert warning.severity == "warning"
    assert "stored as a number" in warning.message and "+27821112233" in warning.message
    # Not a number of the region with or without the lost 0: refused, with the reason.
    assert "stored as a number" in _error(v.normalise_phone, 821112233.0, "GB")


def test_dates_from_cells_and_text_with_a_chosen_day_month_order() -> None:
    assert v.parse_date(date(2009, 6, 1)) == date(2009, 6, 1)
    assert v.parse_date(datetime(2009, 6, 1, 12, 30)) == date(2009, 6, 1)
    assert v.parse_date("2010-03-14") == date(2010, 3, 14)
    assert v.parse_date("14/03/2010", day_first=True) == date(2010, 3, 14)
    assert v.parse_date("3/14/2010", day_first=False) == date(2010, 3, 14)
    assert v.parse_date("14 mars 2010") == date(2010, 3, 14)
    assert v.parse_date("March 14, 2010") == date(2010, 3, 14)
    assert v.parse_date("10/3/2026 9:10:42", day_first=False) == date(2026, 10, 3)
    warnings: list[v.FieldProblem] = []
    assert v.parse_date("04/03/2009", day_first=True, warnings=warnings) == date(2009, 3, 4)
    assert (
        warnings and "4 March 2009" in warnings[0].message and "3 April 2009" in warnings[0].message
    )
    assert v.parse_date("05/05/2010", warnings=(none := [])) == date(2010, 5, 5) and not none


def test_impossible_dates_are_refused_with_a_reason() -> None:
    assert "February has no day 30" in _error(v.parse_date, "2/30/2010", day_first=False)
    assert "no month 13" in _error(v.parse_date, "2011-13-01")
    assert "month first" in _error(v.parse_date, "3/14/2010", day_first=True)
    assert "not a date" in _error(v.parse_date, 39965.0)
    assert "future" in _error(v.check_past_date, date(2999, 1, 1), "date_of_birth")


@pytest.mark.parametrize(
    ("value", "grade"),
    [(11, 11), (11.0, 11), ("10", 10), ("Grade 9", 9), ("12th", 12), ("Seconde", 10),
     ("Première", 11), ("terminale", 12), ("1", 1)],
)  # fmt: skip
def test_grades_in_many_wordings(value: object, grade: int) -> None:
    assert v.check_grade(value) == grade


@pytest.mark.parametrize("value", [13, "13", 0, 10.5, "eleven", True])
def test_grades_outside_1_to_12_are_refused(value: object) -> None:
    _error(v.check_grade, value)


@pytest.mark.parametrize(
    ("value", "answer"),
    [("Yes", True), ("y", True), ("TRUE", True), ("1", True), (1.0, True), ("oui", True),
     ("x", True), ("✓", True), (True, True), ("No", False), ("n", False), ("false", False),
     ("0", False), ("non", False), ("nein", False), (False, False)],
)  # fmt: skip
def test_yes_no_answers_in_common_wordings(value: object, answer: bool) -> None:
    assert v.parse_yes_no(value) is answer


def test_an_answer_neither_yes_nor_no_is_reported() -> None:
    assert "“Maybe” is not a yes/no answer" in _error(v.parse_yes_no, "Maybe")


def test_the_default_region_comes_from_the_setting_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IXDESK_PHONE_REGION", "za")
    assert v.default_region() == "ZA"
    monkeypatch.setenv("IXDESK_PHONE_REGION", "nowhere")
    monkeypatch.setattr(locale, "getlocale", lambda: ("en_US", "UTF-8"))
    assert v.default_region() == "US"
    monkeypatch.setattr(locale, "getlocale", lambda: (None, None))
    assert v.default_region() == "GB"
    with pytest.raises(ValueError, match="country code"):
        v.check_region("XX")
