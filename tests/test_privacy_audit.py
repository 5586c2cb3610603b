"""The audit log: every export, in order, on the command line and as a file."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from ixdesk.cli import main
from ixdesk.db import Database, open_database
from ixdesk.services import export as ex
from ixdesk.services.privacy import audit
from tests import privacy_world


def test_the_audit_log_lists_every_export_the_test_made_in_order(
    database: Database, tmp_path: Path
) -> None:
    world = privacy_world.build(database)
    made = [
        ex.export_partner_brief(database, world["acme"], tmp_path / "1.xlsx"),
        ex.export_cohort_roster(database, world["cohort"], tmp_path / "2.xlsx"),
        ex.export_signin_sheet(database, world["cohort"], tmp_path / "3.xlsx"),
        ex.export_everything(database, tmp_path / "4.xlsx"),
        ex.export_records(database, "students", tmp_path / "5.xlsx"),
        ex.export_partner_brief(database, world["acme"], tmp_path / "6.xlsx"),
    ]
    entries = audit.audit_entries(database)
    assert [Path(e.file_name or "") for e in entries] == made
    assert [e.profile for e in entries] == [
        "partner", "coordinator", "school", "handover", "handover", "partner"
    ]  # fmt: skip
    assert {e.action for e in entries} == {"export"} and all(e.who for e in entries)
    assert [e.records for e in entries][:3] == [2, 3, 3]  # Kofi is left out of the brief
    assert entries[0].what == "Acme: business problems and groups"
    assert [e.at for e in entries] == sorted(e.at for e in entries)


def test_ixdesk_audit_prints_the_log_as_a_table_or_json_and_it_saves_as_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ixdesk.db"
    database = open_database(path)
    try:
        world = privacy_world.build(database)
    finally:
        database.close()
    assert main(["--database", str(path), "export", "partner", "--company", "acme",
                 "-o", str(tmp_path / "brief.xlsx")]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert "1 student under 18 was left out" in err
    assert main(["--database", str(path), "audit", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["action"] == "export" and entry["profile"] == "partner"
    assert entry["records"] == 2 and entry["file_name"] == str(tmp_path / "brief.xlsx")
    assert main(["--database", str(path), "audit"]) == 0
    out = capsys.readouterr().out
    assert "partner" in out and "(1 row)" in out
    database = open_database(path)
    try:
        written = audit.export_audit_log(database, tmp_path / "log.csv")
        assert [e.action for e in audit.audit_entries(database)] == ["export", "export"]
    finally:
        database.close()
    with open(written, encoding="utf-8-sig") as stream:
        rows: list[Any] = list(csv.reader(stream))
    assert rows[0] == list(audit.COLUMNS) and rows[1][4] == "partner" and len(rows) == 2
    assert world["acme"] not in " ".join(map(str, rows))


def test_imports_bulk_deletions_and_bulk_status_changes_are_noted(
    database: Database, tmp_path: Path
) -> None:
    from ixdesk.db import models as m
    from ixdesk.services import editing
    from ixdesk.services.deletion import delete_records
    from ixdesk.services.importing import commit_import, plan_import, read_table
    from ixdesk.services.operations import create_record
    from ixdesk.services.record_kinds import Kind
    from tests.test_import_support import write_csv

    sheet = write_csv(
        tmp_path / "signup.csv",
        [["First name", "Last name", "Email"], ["Lebo", "Dlamini", "lebo@example.com"],
         ["Sipho", "Nkosi", "sipho@example.com"], ["Thandi", "Zulu", "thandi@example.com"]],
    )  # fmt: skip
    commit_import(database, plan_import(database, Kind.STUDENTS, read_table(sheet)))
    world = privacy_world.build(database)
    other = create_record(database, m.PartnerCompany, {"name": "Globex"}).id
    editing.set_statuses(database, Kind.COMPANIES, {world["acme"]: "active"})  # one: no entry
    editing.set_statuses(database, Kind.COMPANIES, {world["acme"]: "past", other: "past"})
    delete_records(database, Kind.STUDENTS, [world["zoe"]])  # one: no entry
    delete_records(database, Kind.STUDENTS, [world["ada"], world["kofi"]])
    entries = audit.audit_entries(database)
    assert [(e.action, e.records) for e in entries] == [
        ("import", 3), ("status", 2), ("delete", 2)
    ]  # fmt: skip
    assert entries[0].what == "Import of students" and entries[0].file_name == str(sheet)


def test_an_audit_entry_adds_no_id_views_would_take_for_a_record(database: Database) -> None:
    import uuid

    from ixdesk.services.deletion import delete_records
    from ixdesk.services.operations import ChangeHub, Changes
    from ixdesk.services.record_kinds import Kind

    world = privacy_world.build(database)
    heard: list[Changes] = []
    hub = ChangeHub()
    hub.subscribe(heard.append)
    delete_records(database, Kind.STUDENTS, [world["zoe"], world["kofi"]], hub=hub)
    (changes,) = heard
    assert "audit_log" in changes.tables and {world["zoe"], world["kofi"]} <= changes.ids
    assert all(str(uuid.UUID(each)) == each for each in changes.ids)


@pytest.mark.sqlite_only
def test_in_a_file_the_audit_log_names_the_computer_s_account(database: Database) -> None:
    import getpass

    audit.record_action(database, audit.EXPORT, "Roster", profile="coordinator", records=1)
    assert [entry.who for entry in audit.audit_entries(database)] == [getpass.getuser()]


@pytest.mark.parametrize("limit", ["0", "-2"])
def test_ixdesk_audit_refuses_a_limit_below_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    """A negative limit listed the whole log on SQLite and failed on PostgreSQL."""
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    with pytest.raises(SystemExit) as usage:
        main(["--database", str(path), "audit", "--limit", limit])
    assert usage.value.code == 2
    assert "must be between 1 and" in capsys.readouterr().err
