"""Phone numbers from any country: the fast path agrees with the library, and an import
of a sheet with numbers from many countries comes out as the library alone makes it."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.services.importing import columns, commit_import, plan_import, read_table, rows
from ixdesk.services.read.full import table_select
from ixdesk.services.validation import phone
from tests.test_import_support import write_xlsx

KINDS = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE)
COUNTRIES = ("ZA", "NG", "KE", "IN", "US", "CA", "DE", "FR", "IT", "BR", "AU", "JE", "GB")


def _examples(regions: Any = None) -> list[phonenumbers.PhoneNumber]:
    found = []
    for region in sorted(regions or phonenumbers.SUPPORTED_REGIONS):
        for kind in KINDS:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                found.append(example)
    return found


def _variants(number: phonenumbers.PhoneNumber, rnd: random.Random) -> list[str]:
    """The number as people type it, and near misses: a digit changed, added or dropped,
    the national prefix left in."""
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    code = str(number.country_code)
    national = e164[1 + len(code) :]
    meta = phonenumbers.PhoneMetadata.metadata_for_region(
        phonenumbers.region_code_for_number(number) or "ZZ"
    )
    prefix = (meta.national_prefix if meta is not None else None) or "0"
    changed = national[:-1] + str((int(national[-1]) + rnd.randint(1, 9)) % 10)
    return [
        e164,
        phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        f"+{code} ({national[:3]}) {national[3:]}",
        f"+{code}{changed}",
        f"+{code}{national}{rnd.randint(0, 9)}",
        f"+{code}{national[:-1]}",
        f"+{code}{prefix}{national}",
        f"+{code[:-1]}{national}",
    ]


@pytest.mark.parametrize("default", ["GB", "US", "ZA", "JE"])
def test_numbers_with_a_country_code_agree_with_the_library_whatever_the_country(
    default: str,
) -> None:
    rnd = random.Random(default)
    texts = [text for number in _examples() for text in _variants(number, rnd)]
    fast = [phone._fast_e164(text, default) for text in texts]
    for text, value in zip(texts, fast, strict=True):
        if value is not None:  # None leaves the number to the library
            assert value == phone._library_e164(text, default), text
    # Plainly valid numbers of other countries are settled without asking the library.
    examples = [
        phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
        for number in _examples(COUNTRIES)
    ]
    settled = [text for text in examples if phone._fast_e164(text, default) is not None]
    assert len(settled) >= 0.8 * len(examples), sorted(set(examples) - set(settled))
    assert phone._fast_e164("+27 82 123 4567", default) == "+27821234567"


@pytest.mark.parametrize("default", ["GB", "ZA"])
def test_a_column_of_numbers_from_every_country_agrees_with_the_one_number_check(
    default: str,
) -> None:
    rnd = random.Random(default)
    texts = [text for number in _examples() for text in _variants(number, rnd)]
    found = columns.simple_e164s(texts, default)
    for text, value in zip(texts, found, strict=True):
        if value is not None:  # None leaves the cell to normalise_phone
            assert value == phone._library_e164(text, default), text
    assert sum(value is not None for value in found) > len(texts) / 4


def _mixed_country_sheet(path: Path, count: int) -> Path:
    """Sign-ups with numbers from many countries, typed in many ways, some wrong."""
    rnd = random.Random(17)
    pool = _examples(COUNTRIES)
    header = ["First name", "Last name", "Email", "Phone", "Parent or guardian phone"]

    def number() -> Any:
        example = rnd.choice(pool)
        return rnd.choice([*_variants(example, rnd), "07412 345678", 7412345678, "12", ""])

    data = [
        ["Ava", f"Jansen {n}", f"ava.{n}@example.org", number(), number()] for n in range(count)
    ]
    return write_xlsx(path, [header, *data])


def _student_rows(database: Database) -> list[tuple[Any, ...]]:
    fields = ["first_name", "last_name", "email", "phone", "guardian_phone"]
    with database.read() as session:
        return sorted(tuple(row) for row in session.execute(table_select(m.Student, fields)))


def test_an_import_with_numbers_from_many_countries_is_the_same_as_with_the_library_alone(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = read_table(_mixed_country_sheet(tmp_path / "mixed.xlsx", 600))

    def plan() -> Any:
        return plan_import(database, "students", table, region="GB", today=date(2025, 6, 1))

    def summary(made: Any) -> list[tuple[Any, ...]]:
        return [
            (row.row_number, row.status, sorted(row.values.items(), key=str), row.all_problems)
            for row in made.rows
        ]

    fast = plan()
    with monkeypatch.context() as plain:
        plain.setattr(rows, "column_check", lambda spec, region: None)
        plain.setattr(phone, "_fast_e164", lambda text, region: None)
        library = plan()
        assert phone.normalise_phone("+27 82 123 4567", "GB") == "+27821234567"
    assert summary(fast) == summary(library)
    statuses = {status for _number, status, _values, _problems in summary(fast)}
    assert statuses >= {"new", "invalid"}

    commit_import(database, fast, skip_invalid=True)
    other = open_database(tmp_path / "library.db")
    try:
        commit_import(other, library, skip_invalid=True)
        assert _student_rows(database) == _student_rows(other)
        assert len(_student_rows(other)) == fast.counts["new"]
    finally:
        other.close()


@pytest.mark.parametrize(
    ("region", "text"),
    [("IL", "015123456789"), ("IL", "012123456"), ("IL", "0151 23456789"), ("IL", "0512345678")],
)
def test_a_number_starting_with_the_countrys_international_call_prefix_is_read_as_the_library_does(
    region: str, text: str
) -> None:
    # In Israel 012–019 dial abroad (as 00 does): "015 1…" is a call to +1, not a national number.
    expected = phone._library_e164(text, region)
    assert phone._fast_e164(text, region) in (None, expected)
    assert columns.simple_e164s([text], region) in ([None], [expected])
    if expected is None:
        with pytest.raises(phone.InvalidValue):
            phone.normalise_phone(text, region)
    else:
        assert phone.normalise_phone(text, region) == expected


@pytest.mark.parametrize("default", ["ZA", "GB"])
def test_numbers_of_a_code_shared_by_several_regions_are_settled_in_the_column_too(
    default: str,
) -> None:
    # Canada, Jamaica and Jersey share +1 and +44 with the code's main region (the US,
    # Britain): the column's first pattern holds the main regions only, and the rest
    # are read again by every region of their code, as the library decides.
    regions = ["CA", "JM", "US", "JE", "GG", "GB", "CX", "AU"]
    numbers = [phonenumbers.example_number_for_type(r, PhoneNumberType.MOBILE) for r in regions]
    texts = [phonenumbers.format_number(n, PhoneNumberFormat.INTERNATIONAL) for n in numbers]
    texts += ["+1 204 555 019", "12", ""]  # too short, not a number, empty
    expected = [phone._library_e164(text, default) for text in texts]
    assert columns.simple_e164s(texts, default) == [*expected[: len(regions)], None, None, None]
    assert None not in expected[: len(regions)]
