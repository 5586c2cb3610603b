"""The ixdesk command line: listings, check, backup and error lines."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ixdesk import __version__
from ixdesk.cli import main
from ixdesk.db import open_database
from ixdesk.db.models import Instructor, InstructorExpertise, PartnerCompany, Student, Track
from ixdesk.services.operations import run_operation

STUDENT_FIELDS = {
    "id",
    "first_name",
    "last_name",
    "preferred_name",
    "email",
    "phone",
    "school",
    "grade",
    "date_of_birth",
    "track_interest",
    "guardian_name",
    "guardian_email",
    "guardian_phone",
    "guardian_consent_by",
    "guardian_consent_at",
    "messaging_opt_in",
    "notes",
}


def _fill(url: str) -> None:
    from datetime import date

    database = open_database(url)

    def work(context):  # type: ignore[no-untyped-def]
        track = Track(name="UX design")
        context.session.add(track)
        context.session.flush()
        context.session.add(
            Student(
                first_name="Zoë",
                last_name="Ørsted",
                email="zoe@example.org",
                grade=11,
                date_of_birth=date(2009, 3, 4),
                track_interest_id=track.id,
                guardian_name="Ida Ørsted",
            )
        )
        instructor = Instructor(first_name="Ravi", last_name="Shah", email="ravi@example.com")
        context.session.add(instructor)
        context.session.flush()
        context.session.add(InstructorExpertise(instructor_id=instructor.id, track_id=track.id))
        context.session.add(PartnerCompany(name="Acme Analytics", status="active"))

    run_operation(database, work)
    database.close()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out.strip() == f"ixdesk {__version__}"


def test_list_students_as_json_uses_canonical_field_names(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(database_url)
    assert main(["--database", database_url, "list", "students", "--json"]) == 0
    students = json.loads(capsys.readouterr().out)
    assert len(students) == 1
    student = students[0]
    assert set(student) == STUDENT_FIELDS
    assert student["first_name"] == "Zoë"
    assert student["date_of_birth"] == "2009-03-04"
    assert student["track_interest"] == "UX design"
    assert isinstance(student["id"], str) and len(student["id"]) == 36


def test_list_instructors_and_companies_carry_their_linked_records(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(database_url)
    assert main(["--database", database_url, "list", "instructors", "--json"]) == 0
    instructors = json.loads(capsys.readouterr().out)
    assert instructors[0]["expertise"] == ["UX design"]
    assert instructors[0]["safeguarding_status"] == "not_started"
    assert main(["--database", database_url, "list", "companies", "--json"]) == 0
    companies = json.loads(capsys.readouterr().out)
    assert companies[0]["name"] == "Acme Analytics"
    assert companies[0]["status"] == "active"
    assert companies[0]["contacts"] == []


@pytest.mark.parametrize("kind", ["companies", "problems", "cohorts", "groups", "students"])
def test_every_kind_lists_as_a_table_and_as_json(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "ixdesk.db")
    _fill(path)
    assert main(["--database", path, "list", kind]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[1].startswith("---")
    assert table[-1].endswith("row)") or table[-1].endswith("rows)")
    assert main(["--database", path, "list", kind, "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_table_shows_readable_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "ixdesk.db")
    _fill(path)
    assert main(["--database", path, "list", "students"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "last",
        "name",
        "first",
        "name",
        "email",
        "school",
        "grade",
        "date",
        "of",
        "birth",
    ]
    assert "Ørsted" in lines[2] and "zoe@example.org" in lines[2]
    assert lines[-1] == "(1 row)"


def test_check_passes_on_a_sound_database_and_fails_on_a_broken_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    _fill(str(path))
    assert main(["--database", str(path), "check"]) == 0
    assert "is sound" in capsys.readouterr().out
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute(
            "UPDATE students SET track_interest_id = 'ffffffffffffffffffffffffffffffff'"
        )
    assert main(["--database", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert "points at a missing tracks row" in err


def test_backup_writes_a_sound_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ixdesk.db"
    _fill(str(path))
    target = tmp_path / "copies" / "monday.db"
    assert main(["--database", str(path), "backup", str(target)]) == 0
    assert "Backup written" in capsys.readouterr().out
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT first_name FROM students").fetchall() == [("Zoë",)]


def test_backup_refuses_to_overwrite_the_database_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    _fill(str(path))
    assert main(["--database", str(path), "backup", str(path)]) == 1
    assert "another file" in capsys.readouterr().err


def test_backup_of_postgresql_points_at_pg_dump(
    postgres_server: object, capsys: pytest.CaptureFixture[str]
) -> None:
    with postgres_server.fresh_database() as url:  # type: ignore[attr-defined]
        assert main(["--database", url, "backup", "/tmp/never.db"]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_usage_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["list", "pets"])
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'pets'" in err
    assert "Traceback" not in err


def test_default_database_lives_in_the_user_data_folder(
    _isolated_user_folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--students", "3"]) == 0  # a command that writes starts it
    assert (_isolated_user_folders / "ixdesk.db").exists()
    capsys.readouterr()
    assert main(["list", "students", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


def test_ixdesk_database_variable_selects_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = tmp_path / "from-env.db"
    monkeypatch.setenv("IXDESK_DATABASE", str(chosen))
    assert main(["demo", "--students", "3"]) == 0
    assert chosen.exists()
    assert main(["list", "cohorts"]) == 0
    assert not (tmp_path / "user-data" / "ixdesk.db").exists()  # the default was not used


def test_unexpected_failures_are_logged_not_shown(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    _isolated_user_folders: Path,
) -> None:
    import ixdesk.services.listing as listing

    student = "Lea " + "Rossi <lea@example.com>"  # never spelt out on a line a traceback shows

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"could not list {student}")

    monkeypatch.setattr(listing, "iter_records", explode)
    open_database(tmp_path / "x.db").close()
    assert main(["--database", str(tmp_path / "x.db"), "list", "students"]) == 1
    err = capsys.readouterr().err
    log_file = _isolated_user_folders / "logs" / "ixdesk.log"
    assert err == f"ixdesk: unexpected problem (RuntimeError); details are in {log_file}\n"
    log = log_file.read_text()
    # Where it happened, and its kind; not its message, which could quote a student's data.
    assert "Traceback" in log and "in explode" in log and "\nRuntimeError\n" in log
    assert "Rossi" not in log and "lea@example.com" not in log


def test_the_console_script_runs_as_a_module(tmp_path: Path) -> None:
    open_database(tmp_path / "m.db").close()
    result = subprocess.run(
        [sys.executable, "-m", "ixdesk", "--database", str(tmp_path / "m.db"), "list", "groups"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "(0 rows)"


def test_the_parser_and_the_window_frame_load_no_database_library() -> None:
    code = (
        "import sys\n"
        "from ixdesk.cli import build_parser\n"
        "build_parser().parse_args(['import', 'students', 'x.xlsx'])\n"
        "import ixdesk.gui.app\n"
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'phonenumbers', 'openpyxl') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
