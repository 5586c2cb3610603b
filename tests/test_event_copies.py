"""Event copies: what goes into one, what is refused at a merge, and the command line."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ixdesk.cli import main as cli
from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.services.events.identity import load_identity
from ixdesk.services.events.merge import merge_event_copies
from ixdesk.services.events.pack import pack_event_copy
from tests.event_world import (
    COHORT,
    PACKED,
    PIN,
    at_the_event,
    build_main,
    one_copy,
    pack,
    sign_up,
)


def _count(database: Database, model: type[m.Base]) -> int:
    with database.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_an_event_copy_holds_no_guardian_contact_phone_or_note_of_anyone_it_packed(
    database: Database, tmp_path: Path
) -> None:
    build_main(database)
    path = tmp_path / "fair.ixdesk"
    result = pack(database, path, "Careers Fair, Table 3")
    assert result.students == PACKED and result.pin is None
    data = path.read_bytes()
    assert b"packed7@school.example" in data  # what a duplicate warning needs is there
    for n in range(PACKED):
        for secret in (
            f"SECRET-GUARDIAN-{n}",
            f"secret-guardian-{n}@home.example",
            f"7700 8{n:05d}",
            f"7700 9{n:05d}",
            f"SECRET-NOTE-{n}",
        ):
            assert secret.encode() not in data, secret
        assert b"SECRET" not in data
    assert not any(path.with_name(path.name + end).exists() for end in ("-wal", "-journal"))
    with at_the_event(path) as copy:
        identity = load_identity(copy)
        assert identity.is_event_copy and identity.event_name == "Careers Fair, Table 3"
        assert identity.origin_id == load_identity(database).id
        assert identity.pin_matches(PIN) and not identity.pin_matches("0000")
        assert PIN.encode() not in path.read_bytes() or identity.pin_hash != PIN


def test_a_copy_made_without_a_pin_gets_one_made_up(database: Database, tmp_path: Path) -> None:
    build_main(database, packed=1)
    result = pack_event_copy(database, tmp_path / "x.ixdesk", [COHORT])
    assert result.pin is not None and len(result.pin) == 4
    with at_the_event(result.path) as copy:
        assert load_identity(copy).pin_matches(result.pin)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _too_new(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()


def _garbage(path: Path) -> None:
    path.write_bytes(b"first_name,last_name\nAda,Lovelace\n" * 100)


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (_truncated, "damaged or incomplete"),
        (_too_new, "newer version of ixdesk"),
        (_garbage, "not an event copy"),
    ],
)
def test_a_spoilt_copy_is_refused_in_one_sentence_and_nothing_is_merged(
    database: Database, tmp_path: Path, spoil: object, words: str
) -> None:
    main = build_main(database, packed=2)
    good, bad = tmp_path / "good.ixdesk", tmp_path / "bad.ixdesk"
    for path in (good, bad):
        pack(database, path, "Fair")
        with at_the_event(path) as copy:
            for n in range(30):
                sign_up(copy, main.cohort, f"P{n}", "Q", email=f"p{n}@mail.example")
    assert callable(spoil)
    spoil(bad)
    before = _count(database, m.Student)
    with pytest.raises(Exception, match=words) as refused:
        merge_event_copies(database, [good, bad])
    message = str(refused.value)
    assert "\n" not in message and "Traceback" not in message and "p1@" not in message
    assert _count(database, m.Student) == before and _count(database, m.EventMerge) == 0


def test_a_database_that_is_no_event_copy_or_a_copy_of_another_is_refused(
    database: Database, tmp_path: Path
) -> None:
    build_main(database, packed=1)
    plain = tmp_path / "plain.db"
    open_database(plain).close()
    other_main = open_database(tmp_path / "other-main.db")
    try:
        build_main(other_main, packed=1)
        pack(other_main, tmp_path / "theirs.ixdesk", "Their fair")
    finally:
        other_main.close()
    with pytest.raises(Exception, match="not an event copy"):
        merge_event_copies(database, [plain])
    with pytest.raises(Exception, match="another ixdesk database"):
        merge_event_copies(database, [tmp_path / "theirs.ixdesk"])
    with pytest.raises(Exception, match="no event copy at"):
        merge_event_copies(database, [tmp_path / "missing.ixdesk"])
    assert _count(database, m.EventMerge) == 0


@pytest.mark.sqlite_only
def test_the_command_line_packs_merges_dry_runs_and_reports_json(
    sqlite_database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main = build_main(sqlite_database, packed=2)
    sqlite_database.close()
    db = str(tmp_path / "ixdesk.db")
    copy_path = tmp_path / "t3.ixdesk"
    assert (
        cli(
            [
                "--database",
                db,
                "event",
                "pack",
                "--cohort",
                COHORT,
                "--event",
                "Table 3",
                "--pin",
                "1234",
                "-o",
                str(copy_path),
            ]
        )
        == 0
    )
    assert "Table 3" in capsys.readouterr().out
    with at_the_event(copy_path) as copy:
        for n in range(3):
            sign_up(copy, main.cohort, f"N{n}", "Q", born=date(2007, 1, 1 + n))
    # An event copy is an ordinary ixdesk database: a paper list can be imported into it.
    sheet = tmp_path / "paper.csv"
    sheet.write_text("first_name,last_name,email\nAna,Bell,ana@mail.example\nBo,Chan,\n")
    copy_args = ["--database", str(copy_path), "import", "students", str(sheet)]
    assert cli([*copy_args, "--cohort", COHORT]) == 0
    capsys.readouterr()
    assert cli(["--database", db, "merge", str(copy_path), "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["dry_run"] and dry["counts"]["new_students"] == 5 and dry["merge_id"] is None
    assert dry["counts"]["enrolments"] == 5
    assert cli(["--database", db, "merge", str(copy_path)]) == 0
    text = capsys.readouterr().out
    assert "5 new students" in text and "merge --undo" in text
    assert cli(["--database", db, "merge", str(copy_path), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["merge_id"] is None and again["counts"]["new_students"] == 0
    assert cli(["--database", db, "merge", str(tmp_path / "ixdesk.db"), "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)
    assert refused["merged"] is False and "not an event copy" in refused["error"]


_SAVING = """
import sys
from datetime import date
from tests.event_world import open_copy, sign_up
copy = open_copy(sys.argv[1])
n = 0
while True:
    sign_up(copy, sys.argv[2], f"Kid{n}", "Table", email=f"kid{n}@mail.example",
            born=date(2008, 1, 1), phone="+44 7700 900123", guardian_name="G")
    n += 1
    print(n, flush=True)
"""


@pytest.mark.sqlite_only
def test_killed_during_a_save_every_sign_up_is_whole_or_absent_and_the_copy_checks_sound(
    sqlite_database: Database, tmp_path: Path
) -> None:
    main, path = one_copy(sqlite_database, tmp_path / "kiosk.ixdesk", packed=3, event="Fair")
    saver = subprocess.Popen(
        [sys.executable, "-c", _SAVING, str(path), main.cohort],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert saver.stdout is not None
    for _ in range(15):
        saver.stdout.readline()
    time.sleep(0.013)  # somewhere inside a later save
    os.kill(saver.pid, signal.SIGKILL)
    saver.wait()
    saver.stdout.close()
    with at_the_event(path) as copy:
        with copy.read() as session:
            students = session.scalars(select(m.Student)).all()
            signed = {s.id: s for s in students if s.first_name.startswith("Kid")}
            enrolled = set(session.scalars(select(m.Enrolment.student_id)))
        assert len(signed) >= 15
        assert set(signed) == enrolled  # no student without a sign-up, nor the reverse
        assert all(s.email and s.phone and s.guardian_name for s in signed.values())
    checked = subprocess.run(
        [sys.executable, "-m", "ixdesk", "--database", str(path), "check"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
