"""The audit log notes an instructor's attendance workbook, certificates and event copies,
each under its export profile, without a student's name."""

from __future__ import annotations

from pathlib import Path

from ixdesk.db import Database
from ixdesk.services.certificates.issue import write_certificates
from ixdesk.services.privacy import audit
from ixdesk.services.privacy.profiles import PROFILES
from ixdesk.services.settings import save_settings
from tests.certificate_world import COHORT, COMPLETED, build_certificate_world
from tests.event_world import build_main, pack
from tests.test_attendance_workbook import _exported, _world


def _only_entry(database: Database) -> audit.AuditRow:
    (entry,) = audit.audit_entries(database)
    assert entry.action == audit.EXPORT and entry.profile in PROFILES
    return entry


def test_an_instructor_s_attendance_workbook_is_noted_under_the_instructor_profile(
    database: Database, tmp_path: Path
) -> None:
    world, _sessions = _world(database)
    written = _exported(database, world, tmp_path)
    entry = _only_entry(database)
    assert entry.profile == "instructor" and entry.file_name == str(written)
    assert entry.what.endswith(": attendance") and entry.records == 2


def test_certificates_are_noted_with_their_folder_and_count(
    database: Database, tmp_path: Path, qapp: object
) -> None:
    ids = build_certificate_world(database)
    save_settings(database, {"organisation_name": "Northwind"})
    folder = tmp_path / "certificates"
    write_certificates(database, ids["cohort"], folder, paper="a4")
    entry = _only_entry(database)
    assert (entry.profile, entry.records) == ("certificate", len(COMPLETED))
    assert entry.what == f"Certificates of {COHORT}" and entry.file_name == str(folder)


def test_an_event_copy_is_noted_with_the_students_it_carries(
    database: Database, tmp_path: Path
) -> None:
    build_main(database)
    result = pack(database, tmp_path / "fair.ixdesk", "Careers Fair")
    entry = _only_entry(database)
    assert (entry.profile, entry.records) == ("event_copy", result.students)
    assert entry.what == "Event copy for Careers Fair"
