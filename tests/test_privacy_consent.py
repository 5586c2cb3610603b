"""Consent records: given, withdrawn, imported, and what the partner brief leaves out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import ConsentMethod, ConsentPurpose
from ixdesk.errors import ValidationError
from ixdesk.services import export as ex
from ixdesk.services.privacy import consent as cs
from ixdesk.services.privacy.profiles import PARTNER, PROFILES, describe
from tests import privacy_world


@pytest.fixture
def world(database: Database) -> dict[str, Any]:
    return privacy_world.build(database)


_cells = privacy_world.workbook_text


def test_a_partner_export_contains_no_student_contact_data(
    database: Database, world: dict[str, Any], tmp_path: Path
) -> None:
    told: list[str] = []
    path = ex.export_partner_brief(database, world["acme"], tmp_path / "a.xlsx", told=told.append)
    text = _cells(path)
    assert "Zoë O." in text and "Ada L." in text  # an adult needs no guardian's consent
    with database.read() as session:
        students = session.scalars(select(m.Student)).all()
    for student in students:
        for value in (student.email, student.phone, student.guardian_name, student.guardian_phone,
                      student.last_name, str(student.date_of_birth)):  # fmt: skip
            assert value not in text
    assert told == [
        "1 student under 18 was left out: no guardian's consent for sharing work with the "
        "partner company is on record."
    ]


def test_withdrawing_consent_removes_the_student_from_the_next_export_that_needs_it(
    database: Database, world: dict[str, Any], tmp_path: Path
) -> None:
    before = _cells(ex.export_partner_brief(database, world["acme"], tmp_path / "1.xlsx"))
    assert "Zoë O." in before
    (sharing,) = [
        row for row in cs.student_consents(database, world["zoe"])
        if row.purpose == ConsentPurpose.PARTNER_SHARING
    ]  # fmt: skip
    cs.withdraw_consent(database, sharing.id, sharing.version, withdrawn_by="Mother")
    told: list[str] = []
    after = _cells(
        ex.export_partner_brief(database, world["acme"], tmp_path / "2.xlsx", told=told.append)
    )
    assert "Zoë" not in after and "Ada L." in after
    assert told and told[0].startswith("2 students under 18 were left out")
    withdrawn = next(row for row in cs.student_consents(database, world["zoe"]) if not row.valid)
    assert withdrawn.withdrawn_by == "Mother" and withdrawn.withdrawn_at is not None
    with pytest.raises(ValidationError, match="already withdrawn"):
        cs.withdraw_consent(database, sharing.id, withdrawn_by="Mother")


def test_given_consent_is_kept_with_who_when_how_and_the_notice(
    database: Database, world: dict[str, Any], tmp_path: Path
) -> None:
    cs.give_consent(
        database,
        world["kofi"],
        [ConsentPurpose.PARTNER_SHARING, ConsentPurpose.PHOTOS],
        given_by="  Ama   Mensah ",
        relation="mother",
        method=ConsentMethod.EMAIL,
        notice_version="2026-01",
    )
    rows = [r for r in cs.student_consents(database, world["kofi"]) if r.given_by == "Ama Mensah"]
    assert {r.purpose for r in rows} == {ConsentPurpose.PARTNER_SHARING, ConsentPurpose.PHOTOS}
    assert all(r.relation == "mother" and r.method == ConsentMethod.EMAIL for r in rows)
    assert all(r.notice_version == "2026-01" and r.valid for r in rows)
    told: list[str] = []
    text = _cells(
        ex.export_partner_brief(database, world["acme"], tmp_path / "k.xlsx", told=told.append)
    )
    assert "Kofi M." in text and told == []
    with pytest.raises(ValidationError, match="at least one purpose"):
        cs.give_consent(database, world["kofi"], [], given_by="Ama")


def test_the_full_export_carries_the_consent_records(
    database: Database, world: dict[str, Any], tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(ex.export_everything(database, tmp_path / "all.xlsx"))
    rows = list(book["consents"].iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "student_id", "purpose")
    assert sorted(row[2] for row in rows[1:]) == [
        "participation", "participation", "partner_sharing"
    ]  # fmt: skip


def test_profiles_name_their_fields_and_the_partner_needs_sharing_consent() -> None:
    assert set(PROFILES) == {
        "coordinator", "instructor", "partner", "school", "handover", "certificate", "event_copy",
        "photographer",
    }  # fmt: skip
    assert PARTNER.needs == ConsentPurpose.PARTNER_SHARING
    assert "email" not in PARTNER.student_fields and "phone" not in PARTNER.student_fields
    text = describe(PARTNER)
    assert "initial of the last name" in text and "left out" in text


def test_a_sign_up_sheet_consent_column_and_the_form_leave_consent_records(
    database: Database, tmp_path: Path
) -> None:
    from ixdesk.services import editing
    from ixdesk.services.importing import commit_import, plan_import, read_table
    from ixdesk.services.record_kinds import Kind
    from tests.test_import_support import write_csv

    sheet = write_csv(
        tmp_path / "signup.csv",
        [
            ["First name", "Last name", "Email", "Parental consent", "Consent given by"],
            ["Lebo", "Dlamini", "lebo@example.com", "yes", "Thandi Dlamini"],
            ["Sipho", "Nkosi", "sipho@example.com", "no", ""],
        ],
    )
    commit_import(database, plan_import(database, Kind.STUDENTS, read_table(sheet)))
    with database.read() as session:
        found = session.execute(
            select(m.Student.email, m.Consent.purpose, m.Consent.given_by).join(
                m.Consent, m.Consent.student_id == m.Student.id
            )
        ).all()
        sipho = session.scalars(select(m.Student).where(m.Student.first_name == "Sipho")).one()
    assert found == [("lebo@example.com", ConsentPurpose.PARTICIPATION, "Thandi Dlamini")]
    record = editing.load_values(database, Kind.STUDENTS, sipho.id)
    values = {**record.values, "guardian_consent_at": privacy_world.CONSENTED}
    editing.save_values(
        database, editing.RecordValues(Kind.STUDENTS, sipho.id, record.version, values)
    )
    (row,) = cs.student_consents(database, sipho.id)
    assert row.purpose == ConsentPurpose.PARTICIPATION and row.valid


def test_a_withdrawn_consent_stays_withdrawn_when_the_form_or_the_sheet_is_saved_again(
    database: Database, tmp_path: Path
) -> None:
    """The consent date on the student's form (or a sign-up sheet's consent column) is the
    consent a withdrawal took back: saving the form again, or importing the same sheet
    again, records no new consent; a consent dated after the withdrawal is a new one."""
    from datetime import UTC, datetime

    from ixdesk.services import editing
    from ixdesk.services.importing import commit_import, plan_import, read_table
    from ixdesk.services.record_kinds import Kind
    from tests.test_import_support import write_csv

    sheet = write_csv(
        tmp_path / "signup.csv",
        [
            ["First name", "Last name", "Email", "Parental consent", "Consent given by"],
            ["Lebo", "Dlamini", "lebo@example.com", "2025-01-10", "Thandi Dlamini"],
        ],
    )
    commit_import(database, plan_import(database, Kind.STUDENTS, read_table(sheet)))
    with database.read() as session:
        lebo = session.scalars(select(m.Student.id)).one()
    (given,) = cs.student_consents(database, lebo)
    withdrawn = datetime(2025, 2, 1, 9, tzinfo=UTC)
    cs.withdraw_consent(database, given.id, withdrawn_by="Thandi Dlamini", withdrawn_at=withdrawn)

    def save_form(**changes: Any) -> None:
        record = editing.load_values(database, Kind.STUDENTS, lebo)
        values = {**record.values, **changes}
        editing.save_values(
            database, editing.RecordValues(Kind.STUDENTS, lebo, record.version, values)
        )

    def valid() -> list[datetime]:
        return [row.given_at for row in cs.student_consents(database, lebo) if row.valid]

    save_form(notes="New phone number")
    assert valid() == []
    commit_import(database, plan_import(database, Kind.STUDENTS, read_table(sheet)))
    assert valid() == []
    assert len(cs.student_consents(database, lebo)) == 1

    renewed = datetime(2025, 3, 1, 12, tzinfo=UTC)
    save_form(guardian_consent_at=renewed)
    assert valid() == [renewed]


def test_an_import_asks_about_consent_only_for_the_rows_that_give_it(
    database: Database, tmp_path: Path
) -> None:
    from sqlalchemy import event

    from ixdesk.services.importing import commit_import, plan_import, read_table
    from ixdesk.services.record_kinds import Kind
    from tests.test_import_support import write_csv

    asked: list[Any] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if "consents" in statement and statement.lstrip().upper().startswith("SELECT"):
            asked.append(parameters)

    header = ["First name", "Last name", "Email"]
    rows = [[f"Kea{n}", "Moloi", f"kea{n}@example.com"] for n in range(30)]
    without = write_csv(tmp_path / "plain.csv", [header, *rows])
    event.listen(database.engine, "before_cursor_execute", note)
    try:
        commit_import(database, plan_import(database, Kind.STUDENTS, read_table(without)))
        assert asked == []  # no row gives consent: nothing to look up
        given = [[f"Lwazi{n}", "Nkosi", f"lwazi{n}@example.com", "no"] for n in range(30)]
        given[7][3] = "yes"
        sheet = write_csv(tmp_path / "consent.csv", [[*header, "Parental consent"], *given])
        commit_import(database, plan_import(database, Kind.STUDENTS, read_table(sheet)))
    finally:
        event.remove(database.engine, "before_cursor_execute", note)
    with database.read() as session:
        found = (
            session.execute(
                select(m.Student.first_name).join(m.Consent, m.Consent.student_id == m.Student.id)
            )
            .scalars()
            .all()
        )
        ids = {
            name: id_ for name, id_ in session.execute(select(m.Student.first_name, m.Student.id))
        }
    assert found == ["Lwazi7"]
    text = str(asked).replace("-", "")  # ids as each driver binds them
    looked_up = {name for name, id_ in ids.items() if id_.replace("-", "") in text}
    assert looked_up == {"Lwazi7"}
