"""A guardian's consent ticked at an event becomes a consent record when the copy is merged,
and undoing the merge takes it away again; a consent recorded since keeps the merge."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import ConsentPurpose
from ixdesk.errors import IxdeskError
from ixdesk.services.events.merge import merge_event_copies
from ixdesk.services.events.report import MergeReport
from ixdesk.services.events.signup import SignUp, save_signup
from ixdesk.services.events.undo import CHANGED_SINCE, undo_merge
from ixdesk.services.privacy import consent as cs
from tests.event_world import at_the_event, change_here, one_copy


def _sign_up_at_the_event(copy_path: Path, cohort: str, *, consent: bool) -> None:
    values = {
        "first_name": "Mia",
        "last_name": "Eventsign",
        "email": "mia@mail.example",
        "date_of_birth": date(date.today().year - 15, 3, 1),
        "school": "Leeds Grammar",
        "guardian_name": "Nomsa Eventsign",
        "guardian_email": "nomsa@home.example",
    }
    with at_the_event(copy_path) as copy:
        save_signup(copy, SignUp(values, cohort, consent=consent))


def _mia(database: Database) -> str | None:
    with database.read() as session:
        return session.scalar(select(m.Student.id).where(m.Student.email == "mia@mail.example"))


def _merged(database: Database, tmp_path: Path, *, consent: bool) -> tuple[str, MergeReport]:
    """Mia signed up at the event (with her guardian's consent ticked or not), merged."""
    main, path = one_copy(database, tmp_path / "fair.ixdesk", packed=3)
    _sign_up_at_the_event(path, main.cohort, consent=consent)
    report = merge_event_copies(database, [path])
    mia = _mia(database)
    assert mia is not None
    return mia, report


def test_a_consent_ticked_at_the_event_is_a_consent_record_once_merged(
    database: Database, tmp_path: Path
) -> None:
    mia, report = _merged(database, tmp_path, consent=True)
    (record,) = cs.student_consents(database, mia)
    assert (record.purpose, record.given_by, record.valid) == (
        ConsentPurpose.PARTICIPATION,
        "Nomsa Eventsign",
        True,
    )
    with database.read() as session:
        assert not cs.lacking_consent(session, [mia], ConsentPurpose.PARTICIPATION)

    assert report.merge_id is not None
    undo_merge(database, report.merge_id)
    assert _mia(database) is None
    with database.read() as session:
        assert session.scalars(select(m.Consent)).all() == []


def test_a_merge_is_not_undone_once_a_consent_was_recorded_for_a_student_it_brought(
    database: Database, tmp_path: Path
) -> None:
    mia, report = _merged(database, tmp_path, consent=False)
    assert cs.student_consents(database, mia) == []
    cs.give_consent(database, mia, [ConsentPurpose.PHOTOS], given_by="Nomsa Eventsign")

    assert report.merge_id is not None
    with pytest.raises(IxdeskError) as refused:
        undo_merge(database, report.merge_id)
    assert str(refused.value) == CHANGED_SINCE
    assert _mia(database) == mia
    assert [row.purpose for row in cs.student_consents(database, mia)] == [ConsentPurpose.PHOTOS]


def test_a_merge_of_event_copies_is_noted_in_the_audit_log_and_a_dry_run_is_not(
    database: Database, tmp_path: Path
) -> None:
    from ixdesk.services.privacy.audit import audit_entries

    main, path = one_copy(database, tmp_path / "fair.ixdesk", packed=3, event="Open day")
    _sign_up_at_the_event(path, main.cohort, consent=True)
    merge_event_copies(database, [path], dry_run=True)
    assert [entry.action for entry in audit_entries(database, None)] == ["export"]  # the pack
    merge_event_copies(database, [path])
    entry = audit_entries(database, None)[-1]
    assert (entry.action, entry.what, entry.records, entry.file_name) == (
        "merge",
        "Merge of event copies: Open day",
        2,  # the new student and the enrolment
        str(path),
    )
    assert "Mia" not in entry.what and "mia@" not in (entry.file_name or "")


def test_a_consent_ticked_for_a_packed_student_is_recorded_when_the_review_takes_it(
    database: Database, tmp_path: Path
) -> None:
    """The guardian withdrew here, then consented again at the event: the review decides,
    and taking the event's consent records it (undone with the decision)."""
    from ixdesk.services.events.decide import decide, undo_decisions
    from ixdesk.services.events.review import load_review
    from ixdesk.services.events.state import GUARDIAN, HERE

    main, path = one_copy(database, tmp_path / "fair.ixdesk", packed=1)
    packed = main.students[0]
    with at_the_event(path) as copy:
        with copy.read() as session:
            version = session.scalar(select(m.Student.version).where(m.Student.id == packed))
        values = {"first_name": "Packed0", "last_name": "Student", "guardian_name": "Ann Doe"}
        save_signup(copy, SignUp(values, main.cohort, consent=True, student_id=packed,
                                 version=version))  # fmt: skip
    change_here(database, packed, guardian_consent_at=datetime(2026, 1, 5, tzinfo=UTC))
    (given,) = cs.give_consent(database, packed, [ConsentPurpose.PARTICIPATION], given_by="Ann",
                               given_at=datetime(2026, 1, 5, tzinfo=UTC))  # fmt: skip
    cs.withdraw_consent(database, given, withdrawn_by="Ann",
                        withdrawn_at=datetime(2026, 1, 10, tzinfo=UTC))  # fmt: skip

    def valid() -> list[str | None]:
        return [row.given_by for row in cs.student_consents(database, packed) if row.valid]

    merge_event_copies(database, [path])
    assert valid() == []  # the event's consent waits for review, not taken alone
    items = [item for item in load_review(database) if item.kind == GUARDIAN]
    (item,) = [item for item in items if item.about == "Consent given on"]
    event_side = next(side.source for side in item.sides if side.source != HERE)
    decided = decide(database, {item.id: event_side})
    assert len(valid()) == 1
    undo_decisions(database, decided)
    assert valid() == [] and len(cs.student_consents(database, packed)) == 1
