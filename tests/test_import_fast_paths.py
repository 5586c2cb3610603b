"""The import's fast paths give exactly what the one-value checks give, only sooner.

Whole-column checks of emails, phone numbers and text against the one-cell
checks (the authority); a plan made with and without them; the SQLite batch
writer's stand-ins for NULL; sorted ids; the paused cycle collector; the
formula scan across chunk boundaries; shared text cells keeping their types.
"""

from __future__ import annotations

import gc
import random
import re
import threading
import uuid
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
    create_engine,
)
from sqlalchemy import text as sql_text

from ixdesk.db import Database, open_database
from ixdesk.db.models import Cohort, Student
from ixdesk.errors import ValidationError
from ixdesk.services import validation as v
from ixdesk.services.importing import (
    columns,
    commit_import,
    plan_import,
    read_table,
    rows,
    sqlite_rows,
)
from ixdesk.services.importing.bulk import collector_paused
from ixdesk.services.importing.ids import new_ids
from ixdesk.services.importing.safety import _has_formula, stream_member
from ixdesk.services.importing.sqlite_rows import insert_sqlite
from ixdesk.services.importing.table import build_table
from ixdesk.services.operations import create_record
from ixdesk.services.validation import InvalidValue
from ixdesk.services.validation.phone import _fast_e164
from tests.test_import_support import write_xlsx


def _or_none(check: Any, *args: Any) -> Any:
    try:
        return check(*args)
    except InvalidValue:
        return None


# --- emails, phones, text ------------------------------------------------------------


def _random_addresses(count: int) -> list[str]:
    rnd = random.Random(4)
    alphabet = "abcXYZ019._+-"
    domains = ["example.org", "Mail.Example.COM", "x", "a-.org", "b.test", "c.co.uk", "a--b.org"]
    return [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 20))) + "@" + rnd.choice(domains)
        for _ in range(count)
    ]


def test_column_emails_agree_with_check_email() -> None:
    texts = _random_addresses(3000)
    texts += ["", " ava@example.org", "a" * 65 + "@example.org", "b@" + "c" * 250 + ".org"]
    texts += ["zoë@example.org", "a@localhost", "ava@example.org", "Ava@Mail.Example.COM"]
    found = columns.simple_emails(texts)
    for text, value in zip(texts, found, strict=True):
        if value is not None:  # None leaves the cell to check_email
            assert value == v.check_email(text), text
    assert found[-2:] == ["ava@example.org", "Ava@mail.example.com"]
    assert sum(value is not None for value in found) > 1000  # plainly valid ones are settled


def test_a_column_of_short_addresses_is_read_as_one_with_a_long_address_is() -> None:
    # Lines of at most 64 characters are matched without looking at their lengths.
    texts = [*_random_addresses(2000), "", "zoë@example.org", "a" * 40 + "@" + "b" * 19 + ".org"]
    assert max(map(len, texts)) == 64
    longer = "b@" + "c" * 250 + ".org"
    found = columns.simple_emails(texts)
    assert found == columns.simple_emails([*texts, longer])[:-1]
    assert found[-1] == texts[-1] and sum(value is not None for value in found) > 700


def test_a_line_break_in_a_cell_leaves_the_column_to_the_one_cell_checks() -> None:
    assert columns.simple_emails(["ava@example.org", "ben@\nexample.org"]) == [None, None]
    assert columns.simple_e164s(["07412 345678", "0741\n2345678"], "GB") == [None, None]
    assert columns.simple_emails([]) == [] and columns.simple_e164s([], "GB") == []


def _phone_samples(region: str, rnd: random.Random) -> list[str]:
    """Numbers of the region and of the regions sharing its country code, and noise."""
    code = phonenumbers.country_code_for_region(region)
    prefix = phonenumbers.PhoneMetadata.metadata_for_region(region).national_prefix or ""
    examples = [
        example.national_number
        for sibling in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
        if (example := phonenumbers.example_number_for_type(sibling, kind)) is not None
    ]
    texts = []
    for _ in range(400):
        digits = str(rnd.choice(examples)) if rnd.random() < 0.6 else ""
        if not digits or rnd.random() < 0.4:  # an example with its last digits changed, or noise
            tail = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 10)))
            digits = digits[: -len(tail)] + tail if digits else tail
        text = rnd.choice([prefix + digits, f"+{code} {digits}", f"+{code}{prefix}{digits}"])
        texts.append(rnd.choice([text, text[:4] + " " + text[4:], f"({text[:3]}) {text[3:]}"]))
    return texts


@pytest.mark.parametrize("region", ["GB", "ZA", "US", "AU", "FR", "IT", "DE", "IN", "BR"])
def test_column_phones_agree_with_normalise_phone(region: str) -> None:
    texts = _phone_samples(region, random.Random(region))
    found = columns.simple_e164s(texts, region)
    for text, value in zip(texts, found, strict=True):
        if value is not None:  # None leaves the cell to normalise_phone
            assert value == _or_none(v.normalise_phone, text, region), text


def test_numbers_of_regions_sharing_the_country_code_take_the_fast_path_too() -> None:
    # An Isle of Man, a Jersey and a Guernsey mobile, typed the British way.
    texts = ["07624 123456", "07797 712345", "07781 123456", "07400 123456"]
    expected = [v.normalise_phone(text, "GB") for text in texts]
    assert columns.simple_e164s(texts, "GB") == expected
    # The one-number fast path leaves the first three to the library.
    assert [_fast_e164(text, "GB") for text in texts] == [None, None, None, expected[3]]


def test_tidy_text_cells_are_kept_as_they_are_and_the_rest_left_to_the_converter() -> None:
    cells: list[Any] = ["Ava", "Grey College", "", " Ava", "Ava  Jansen", "Zoë\tM", "x" * 101, 12.0]
    assert columns.tidy_texts(100, cells) == ["Ava", "Grey College", *[None] * 6]
    tidy = ["Ava", "Zoë Müller", "Grey College", ""]
    assert columns.tidy_texts(100, tidy) == ["Ava", "Zoë Müller", "Grey College", None]
    assert columns.tidy_texts(None, tidy)[1] is tidy[1]  # the cell's own string, not a copy


def test_a_column_check_over_distinct_cells_gives_each_cell_its_own_result() -> None:
    cells = ["+27 82 123 4567", 1, True, 1.0, "", "12", "+27 82 123 4567", "07412 345678"] * 4
    check = rows.column_check(rows.FIELD_BY_NAME["students"]["phone"], "GB")
    assert check is not None
    assert rows._each_distinct_once(check, cells) == check(cells)
    assert rows._each_distinct_once(check, cells)[:2] == ["+27821234567", None]


def test_plans_are_the_same_with_and_without_the_column_checks(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rnd = random.Random(9)
    header = ["First name", "Last name", "Email", "Phone", "School", "Grade", "Date of birth"]
    header += ["Parent or guardian phone", "Notes"]
    data = [
        [
            rnd.choice(["Ava", " Ava", "Zoë", "Li  Na", ""]),
            rnd.choice(["Jansen", "Müller", "x" * 120]),
            rnd.choice([f"ava.{n}@example.org", f"AVA.{n}@Example.ORG", "bad@", f" b{n}@x.org"]),
            rnd.choice(["07412 345678", "+44 7624 123456", 7412345678, "12", "0044 7412 345678"]),
            rnd.choice(["Grey College", "GREY  COLLEGE", "", "Lycée\u00a0Zoë"]),
            rnd.choice([10, 11.0, "Grade 11", 13, True, ""]),
            rnd.choice([datetime(2009, 3, 14), "04/03/2009", "2/30/2010", ""]),
            rnd.choice(["+27 82 111 2233", "082 111 2233", "", "bad"]),
            rnd.choice(["", "Prefers online", "  spaced  "]),
        ]
        for n in (rnd.randint(0, 150) for _ in range(400))
    ]
    table = read_table(write_xlsx(tmp_path / "messy.xlsx", [header, *data]))

    def summary() -> list[tuple[Any, ...]]:
        plan = plan_import(database, "students", table, region="GB", today=date(2025, 6, 1))
        return [
            (row.row_number, row.status, sorted(row.values.items(), key=str), row.all_problems)
            for row in plan.rows
        ]

    fast = summary()
    monkeypatch.setattr(rows, "column_check", lambda spec, region: None)
    assert summary() == fast
    assert {status for _number, status, _values, _problems in fast} >= {"new", "invalid"}


# --- writing -------------------------------------------------------------------------


def test_the_sqlite_batch_writer_stores_exactly_the_values_given() -> None:
    metadata = MetaData()
    table = Table(
        "things",
        metadata,
        Column("id", Uuid(as_uuid=False), primary_key=True),
        Column("note", String),
        Column("count", Integer),
        Column("day", Date),
        Column("flag", Boolean),
        Column("never", String),
        Column("mixed", String),
    )
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    ids = new_ids(6)
    batches: list[list[list[Any]]] = [
        [
            ids[:3],
            ["0", None, ""],  # text "0" is not the stand-in 0
            [0, None, 5],  # number 0 is not the stand-in ''
            [date(2010, 3, 14), None, date(2010, 3, 14)],
            [True, False, None],
            [None, None, None],
            ["x", 7, None],  # kinds mixed: None bound as it is
        ],
        [ids[3:], [None, None, None], [None, 1, None], [None] * 3, [None] * 3, ["y", None, ""],
         [None] * 3],
    ]  # fmt: skip
    names = [column.name for column in table.columns]
    bound: dict[tuple[str, str], dict[Any, Any]] = {}
    with engine.begin() as connection:
        for batch in batches:
            insert_sqlite(connection, table, names, batch, bound)
        stored = connection.execute(table.select().order_by(table.c.id)).all()
    assert [tuple(row) for row in stored] == [
        (ids[0], "0", 0, date(2010, 3, 14), True, None, "x"),
        (ids[1], None, None, None, False, None, "7"),
        (ids[2], "", 5, date(2010, 3, 14), None, None, None),
        (ids[3], None, None, None, None, "y", None),
        (ids[4], None, 1, None, None, None, None),
        (ids[5], None, None, None, None, "", None),
    ]


def _index_definitions(database: Database) -> list[tuple[str, str]]:
    with database.read() as session:
        found = session.execute(
            sql_text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        )
        return sorted((name, sql) for name, sql in found)


def _written(database: Database) -> tuple[Any, ...]:
    with database.read() as session:
        students = session.execute(
            sql_text(
                "SELECT s.first_name, s.last_name, s.email, s.phone, s.school, s.grade,"
                " s.date_of_birth, t.name, e.status FROM students s"
                " LEFT JOIN tracks t ON t.id = s.track_interest_id"
                " LEFT JOIN enrolments e ON e.student_id = s.id ORDER BY s.email"
            )
        ).all()
        (check,) = session.execute(sql_text("PRAGMA integrity_check")).scalars()
    return [tuple(row) for row in students], check


def test_indexes_built_after_a_large_import_end_as_they_began(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = ["First name", "Last name", "Email", "Phone", "School", "Grade", "Track"]
    data = [
        [f"Ava{n % 7}", f"Jansen{n % 5}", f"ava.{n}@example.org", "+27 82 123 4567",
         f"School {n % 3}", 10 + n % 3, ["UX", "Data"][n % 2]]
        for n in range(60)
    ]  # fmt: skip
    table = read_table(write_xlsx(tmp_path / "many.xlsx", [header, *data]))
    written = []
    for bulk_rows in (10_000, 1):  # row by row, then indexes built after
        monkeypatch.setattr(sqlite_rows, "BULK_ROWS", bulk_rows)
        database = open_database(tmp_path / f"{bulk_rows}.db")
        try:
            create_record(database, Cohort, {"name": "Spring"})
            before = _index_definitions(database)
            plan = plan_import(database, "students", table, cohort="Spring", region="GB")
            commit_import(database, plan)
            assert _index_definitions(database) == before
            written.append(_written(database))
            with pytest.raises(ValidationError, match="Another student already uses"):
                create_record(
                    database,
                    Student,
                    {"first_name": "A", "last_name": "J", "email": "AVA.1@example.org"},
                )
        finally:
            database.close()
    assert written[0] == written[1]
    assert len(written[0][0]) == 60 and written[0][1] == "ok"


def test_new_ids_are_sorted_unique_random_uuids() -> None:
    ids = new_ids(5000)
    assert ids == sorted(ids) and len(set(ids)) == 5000
    assert all(str(uuid.UUID(each)) == each and uuid.UUID(each).version == 4 for each in ids)
    assert new_ids(0) == [] and len(new_ids(1)) == 1


def test_a_large_import_leaves_the_cycle_collector_as_it_found_it(
    sqlite_database: Database, tmp_path: Path
) -> None:
    rows_ = [["First name", "Last name", "Email"]] + [
        ["Ava", f"Jansen{n}", f"ava.{n}@example.org"] for n in range(300)
    ]
    path = write_xlsx(tmp_path / "s.xlsx", rows_)
    assert gc.isenabled()
    commit_import(sqlite_database, plan_import(sqlite_database, "students", read_table(path)))
    assert gc.isenabled()
    gc.disable()
    try:
        read_table(path)
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


def test_pauses_nest_and_overlap_across_threads() -> None:
    assert gc.isenabled()
    inside = threading.Event()
    release = threading.Event()

    def worker() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(5)
    with pytest.raises(RuntimeError), collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        raise RuntimeError("a failing step")
    assert not gc.isenabled()  # the other thread's step is still running
    release.set()
    thread.join(5)
    assert gc.isenabled()


# --- reading -------------------------------------------------------------------------


def _old_has_formula(data: bytes) -> bool:
    if b"<f" not in data and b":f" not in data:
        return False
    return re.search(rb"<(?:\w+:)?f[\s>/]", data) is not None


FORMULA_BITS = [b"f", b"<f>", b"<x:f ", b":f", b"<f", b"f/", b"<ff", b"<x:f/"]


def test_the_formula_scan_agrees_with_a_plain_search() -> None:
    rnd = random.Random(2)
    base = b'<c r="A1" t="s"><v>12</v></c>' * 3000
    for _ in range(400):
        data = bytearray(base)
        for _ in range(rnd.randint(0, 4)):
            at = rnd.randrange(len(data))
            data[at:at] = rnd.choice(
                [b"f", b"<f>", b"<x:f ", b":f", b"<f", b"f/", b"<ff", b"<x:f/"]
            )
        data = data[: rnd.randint(0, len(data))]
        assert _has_formula(bytes(data)) == _old_has_formula(bytes(data))


@pytest.mark.parametrize("split", [1, 3, 6, 8])
def test_a_formula_across_two_chunks_is_found(tmp_path: Path, split: int) -> None:
    tag = b'<x:f t="shared"/>'
    head = b"<worksheet>" + b" " * ((1 << 20) - 11 - split)
    path = tmp_path / "f.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sheet.xml", head + tag + b"</worksheet>")
        archive.writestr("plain.xml", head + b"<c><v>1</v></c></worksheet>")
    assert stream_member(path, "sheet.xml") is True
    assert stream_member(path, "plain.xml") is False


def test_repeated_text_is_shared_and_other_cells_keep_their_type(tmp_path: Path) -> None:
    raw = [["First name", "Messaging opt-in"]]
    raw += [[f"Ava{n % 3}", ["Yes", True, 1, 1.0, "yes"][n % 5]] for n in range(40)]
    raw += [["Total", ""], ["", "Total"]]
    table = build_table(tmp_path / "s.xlsx", "xlsx", [list(row) for row in raw], 1, None, set())
    assert [row[1] for row in table.rows] == [raw[n + 1][1] for n in range(40)]
    assert [type(row[1]) for row in table.rows] == [type(raw[n + 1][1]) for n in range(40)]
    assert len({id(row[0]) for row in table.rows}) == 3  # one string per distinct name
    # Totals rows are left out, also when the word is not in the first cell.
    assert [left.row_number for left in table.left_out] == [42, 43]
