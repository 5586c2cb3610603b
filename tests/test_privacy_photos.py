"""The photo list: only students who may be photographed, names, group and cohort only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from ixdesk.cli import main
from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import ConsentPurpose
from ixdesk.errors import IxdeskError
from ixdesk.services import export as ex
from ixdesk.services.operations import OperationContext, run_operation
from ixdesk.services.privacy import audit
from ixdesk.services.privacy import consent as cs
from ixdesk.services.privacy.profiles import PHOTOGRAPHER, describe
from tests import privacy_world

ONE_LEFT_OUT = "1 student under 18 was left out: no guardian's consent for photos is on record."


@pytest.fixture
def world(database: Database) -> dict[str, Any]:
    """Zoë (minor) with consent for photos, Kofi (minor) without, Ada (adult) with no
    consent records at all; and Lin (minor, photos allowed) enrolled but in no group."""
    ids = privacy_world.build(database)
    cs.give_consent(database, ids["zoe"], [ConsentPurpose.PHOTOS], given_by="A guardian")

    def work(context: OperationContext) -> None:
        lin = m.Student(
            first_name="Lin",
            last_name="Chen-Privat",
            email="lin@example.com",
            phone="+27 74 999 8888",
            date_of_birth=privacy_world.MINOR_BORN,
        )
        context.session.add(lin)
        context.session.flush()
        context.session.add(m.Enrolment(student_id=lin.id, cohort_id=ids["cohort"],
                                        status="enrolled"))  # fmt: skip
        ids["lin"] = lin.id

    run_operation(database, work)
    cs.give_consent(database, ids["lin"], [ConsentPurpose.PHOTOS], given_by="A guardian")
    return ids


def _rows(path: Path) -> list[tuple[Any, ...]]:
    sheet = openpyxl.load_workbook(path)["Photo list"]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[:2] == ("#", "Last name"))
    return [row[:5] for row in rows[start + 1 :] if row[0] is not None]


_text = privacy_world.workbook_text


def test_the_photo_list_has_who_may_be_photographed_and_says_who_was_left_out(
    database: Database, world: dict[str, Any], tmp_path: Path
) -> None:
    told: list[str] = []
    path = ex.export_photo_list(database, world["cohort"], tmp_path / "p.xlsx", told=told.append)
    assert _rows(path) == [
        (1, "Chen-Privat", "Lin", "Not in a group", "Spring 2026"),
        # An adult needs no guardian's consent, as in the partner brief.
        (2, "Lovelace-Privat", "Ada", "Group 1", "Spring 2026"),
        (3, "Okonkwo-Privat", "Zoë", "Group 1", "Spring 2026"),
    ]
    assert told == [ONE_LEFT_OUT]  # Kofi: a minor without consent for photos
    (entry,) = audit.audit_entries(database)
    assert entry.action == audit.EXPORT and entry.profile == PHOTOGRAPHER.key
    assert entry.records == 3 and entry.what == "Spring 2026: photo list"
    assert "Kofi" not in entry.what


def test_a_minor_whose_photo_consent_is_withdrawn_leaves_the_next_photo_list(
    database: Database, world: dict[str, Any], tmp_path: Path
) -> None:
    assert "Zoë" in _text(ex.export_photo_list(database, world["cohort"], tmp_path / "1.xlsx"))
    (photos,) = [
        row for row in cs.student_consents(database, world["zoe"])
        if row.purpose == ConsentPurpose.PHOTOS
    ]  # fmt: skip
    cs.withdraw_consent(database, photos.id, photos.version, withdrawn_by="Mother")
    told: list[str] = []
    path = ex.export_photo_list(database, world["cohort"], tmp_path / "2.xlsx", told=told.append)
    assert [row[2] for row in _rows(path)] == ["Lin", "Ada"]
    assert told == [
        "2 students under 18 were left out: no guardian's consent for photos is on record."
    ]


def test_the_photo_list_carries_no_contact_data(
    database: Database, world: dict[str, Any], tmp_path: Path
) -> None:
    text = _text(ex.export_photo_list(database, world["cohort"], tmp_path / "p.xlsx"))
    with database.read() as session:
        students = session.scalars(select(m.Student)).all()
    for student in students:
        for value in (student.email, student.phone, student.guardian_name,
                      student.guardian_phone, str(student.date_of_birth)):  # fmt: skip
            assert value is None or value not in text
    assert "@" not in text and "+27" not in text
    assert PHOTOGRAPHER.needs == ConsentPurpose.PHOTOS
    assert not {"email", "phone", "date_of_birth"} & set(PHOTOGRAPHER.student_fields)
    words = describe(PHOTOGRAPHER)
    assert "last name, first name, preferred name, group, cohort" in words
    assert "consent for photos are left out" in words


def test_a_group_s_photo_list_has_only_its_members(
    database: Database, world: dict[str, Any], tmp_path: Path
) -> None:
    told: list[str] = []
    path = ex.export_group_photo_list(
        database, world["group"], tmp_path / "g.xlsx", told=told.append
    )
    assert [row[2:4] for row in _rows(path)] == [("Ada", "Group 1"), ("Zoë", "Group 1")]
    assert told == [ONE_LEFT_OUT]
    assert audit.audit_entries(database)[-1].what == "Spring 2026 – Group 1: photo list"


def test_the_command_line_writes_the_photo_list_and_says_who_was_left_out(
    database: Database,
    database_url: str,
    world: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = database_url
    out = tmp_path / "photos.xlsx"
    args = ["--database", target, "export", "photos", "--cohort", "spring 2026"]
    assert main([*args, "--group", "group 1", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"ixdesk: note: {ONE_LEFT_OUT}" in captured.err
    assert "Photo list of group 1 written to" in captured.out
    assert [row[2] for row in _rows(out)] == ["Ada", "Zoë"]
    assert main([*args, "--group", "Group 9", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "This cohort has no group called 'Group 9'. Its groups include 'Group 1'." in err
    with pytest.raises(IxdeskError, match="no session called"):
        ex.find_session(database, world["cohort"], "Kick-off")
