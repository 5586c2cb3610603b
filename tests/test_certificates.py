"""Certificates: who gets one, what it says, and the signed credential beside it."""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from joserfc import jws

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import IxdeskError
from ixdesk.services.certificates import credential as vc
from ixdesk.services.certificates import keys
from ixdesk.services.certificates.completion import cohort_completions, skills_of
from ixdesk.services.certificates.issue import (
    CertificatesCancelled,
    IssuedCertificates,
    write_certificates,
)
from ixdesk.services.operations import run_operation
from ixdesk.services.settings import save_settings
from tests.certificate_world import (
    COHORT,
    COMPANY,
    COMPLETED,
    NOT_COMPLETED,
    build_certificate_world,
)

ORGANISATION = "Northwind Micro-internships"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """The one Qt application of the test run (a QApplication the window tests need too)."""


@pytest.fixture
def world(database: Database) -> dict[str, str]:
    ids = build_certificate_world(database)
    save_settings(database, {"organisation_name": ORGANISATION})
    return ids


def _issue(database: Database, world: dict[str, str], folder: Path) -> IssuedCertificates:
    return write_certificates(database, world["cohort"], folder, paper="a4")


def test_only_completed_students_with_their_hours_and_group(
    database: Database, world: dict[str, str]
) -> None:
    cohort = cohort_completions(database, world["cohort"])
    by_name = {c.name: c for c in cohort.completions}
    assert sorted(by_name) == sorted(COMPLETED)
    assert cohort.others == len(NOT_COMPLETED)
    # Present or late count; absent does not; sessions of the cohort and of the group.
    assert by_name["Zoë Åkesson"].hours_attended == pytest.approx(7)
    assert by_name["Omar Haddad"].hours_attended == pytest.approx(5)
    assert by_name["Lena Berg"].hours_attended is None  # no attendance taken
    zoe = by_name["Zoë Åkesson"]
    assert (zoe.company, zoe.problem, zoe.lead_instructor) == (
        COMPANY,
        "Churn dashboard",
        "Ada Lovelace",
    )
    assert zoe.skills == ("SQL", "dashboards", "storytelling")
    assert (cohort.cohort, cohort.organisation) == (COHORT, ORGANISATION)


def test_a_deleted_session_or_enrolment_counts_no_more(
    database: Database, world: dict[str, str]
) -> None:
    def work(context: object) -> None:
        session = context.session  # type: ignore[attr-defined]
        session.get(m.CohortSession, world["workshop"]).deleted_at = m.utcnow()
        for enrolment in session.query(m.Enrolment).filter_by(student_id=world["Lena Berg"]):
            enrolment.status = EnrolmentStatus.WITHDRAWN

    run_operation(database, work)
    cohort = cohort_completions(database, world["cohort"])
    hours = {c.name: c.hours_attended for c in cohort.completions}
    assert hours == {"Zoë Åkesson": pytest.approx(4), "Omar Haddad": pytest.approx(2)}


def test_skills_are_split_on_commas_semicolons_and_lines() -> None:
    assert skills_of("SQL,  dashboards;storytelling\nSQL\n") == (
        "SQL",
        "dashboards",
        "storytelling",
    )
    assert skills_of(None) == () and skills_of(" , ") == ()


def test_one_certificate_and_credential_per_completed_student(
    database: Database, world: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "certificates"
    issued = _issue(database, world, folder)
    assert issued.count == len(COMPLETED) and issued.not_completed == len(NOT_COMPLETED)
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted(f"{n} - {COHORT}.{ext}" for n in COMPLETED for ext in ("pdf", "jwt"))
    for pdf, _token in issued.files:
        assert pdf.read_bytes().startswith(b"%PDF")
    everything = b"".join(path.read_bytes() for path in folder.iterdir())
    for name in NOT_COMPLETED:
        assert name.split()[1].encode() not in everything


@needs_poppler
def test_a_certificate_s_text_holds_the_student_and_the_company(
    database: Database, world: dict[str, str], tmp_path: Path
) -> None:
    issued = _issue(database, world, tmp_path)
    for pdf, _token in issued.files:
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        student = pdf.name.split(" - ")[0]
        assert student in text, student
        assert COMPANY in text  # "Fine Films": no ligature in place of "fi"
        assert ORGANISATION in text
        assert "Ada Lovelace" in text and "Churn dashboard" in text
    zoe = next(p for p, _ in issued.files if p.name.startswith("Zoë"))
    assert "Hours attended: 7" in _text(zoe)
    lena = next(p for p, _ in issued.files if p.name.startswith("Lena"))
    assert "Hours attended" not in _text(lena)


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")


def test_verify_accepts_every_issued_credential_and_rejects_any_changed_character(
    database: Database, world: dict[str, str], tmp_path: Path
) -> None:
    issued = _issue(database, world, tmp_path)
    trusted = keys.public_key(keys.signing_key())
    for _pdf, token_file in issued.files:
        token = token_file.read_text(encoding="ascii")
        verified = vc.verify(token, trusted)
        assert verified.holder == token_file.name.split(" - ")[0]
        assert verified.issuer == ORGANISATION
    token = issued.files[0][1].read_text(encoding="ascii").strip()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for position in range(0, len(token), 13):  # header, payload and signature alike
        if token[position] == ".":
            continue
        changed = alphabet[(alphabet.index(token[position]) + 1) % len(alphabet)]
        with pytest.raises(vc.CredentialInvalid):
            vc.verify(token[:position] + changed + token[position + 1 :], trusted)


def test_a_credential_is_an_open_badge_naming_the_student_but_not_their_email(
    database: Database, world: dict[str, str], tmp_path: Path
) -> None:
    issued = _issue(database, world, tmp_path)
    token = next(t for p, t in issued.files if p.name.startswith("Zoë")).read_text("ascii")
    signed = jws.extract_compact(token.strip().encode(), registry=vc.REGISTRY)
    header, claims = signed.protected, json.loads(signed.payload)
    assert header["alg"] == "RS256" and header["jwk"]["kty"] == "RSA" and "d" not in header["jwk"]
    assert claims["@context"] == list(vc.CONTEXTS)
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["iss"] == claims["issuer"]["id"] and claims["jti"] == claims["id"]
    subject = claims["credentialSubject"]
    assert subject["achievement"]["tag"] == ["SQL", "dashboards", "storytelling"]
    assert subject["achievement"]["achievementType"] == "CertificateOfCompletion"
    identities = {i["identityType"]: i for i in subject["identifier"]}
    assert identities["name"]["identityHash"] == "Zoë Åkesson"
    assert identities["emailAddress"]["hashed"] is True
    assert "zoe@example.org" not in signed.payload.decode("utf-8")
    # Issued again: the same credential id for the same enrolment.
    again = _issue(database, world, tmp_path / "again")
    token_again = next(t for p, t in again.files if p.name.startswith("Zoë")).read_text("ascii")
    assert vc.verify(token_again, keys.signing_key()).credential["id"] == claims["id"]


def test_a_credential_signed_with_another_key_is_refused(
    database: Database, world: dict[str, str], tmp_path: Path
) -> None:
    other_key = tmp_path / "other.pem"
    issued = write_certificates(database, world["cohort"], tmp_path / "out", key_file=other_key)
    token = issued.files[0][1].read_text("ascii")
    with pytest.raises(vc.CredentialInvalid, match="another key"):
        vc.verify(token, keys.public_key(keys.signing_key()))
    assert vc.verify(token, keys.read_public_key(other_key)).holder


def test_the_signing_key_is_made_once_and_readable_by_its_owner_only(tmp_path: Path) -> None:
    first = keys.signing_key()
    assert keys.signing_key().thumbprint() == first.thumbprint()
    if sys.platform != "win32":
        assert stat.S_IMODE(keys.key_path().stat().st_mode) == 0o600
    for name in ("public.pem", "public.jwk"):
        exported = keys.export_public_key(first, tmp_path / name)
        text = exported.read_text()
        assert "PRIVATE" not in text and '"d"' not in text
        assert keys.read_public_key(exported).thumbprint() == first.thumbprint()


def test_a_damaged_key_file_is_one_sentence_and_never_replaced(tmp_path: Path) -> None:
    path = keys.key_path()
    path.parent.mkdir(parents=True)
    path.write_text("not a key")
    with pytest.raises(keys.SigningKeyError, match="damaged; restore it"):
        keys.signing_key()
    assert path.read_text() == "not a key"


def test_no_organisation_name_no_certificates(database: Database, tmp_path: Path) -> None:
    ids = build_certificate_world(database)
    with pytest.raises(IxdeskError, match="organisation's name"):
        write_certificates(database, ids["cohort"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_cancel_keeps_the_certificates_written_and_says_how_many(
    database: Database, world: dict[str, str], tmp_path: Path
) -> None:
    steps: list[int] = []
    asked: list[bool] = []

    def cancelled() -> bool:  # Cancel pressed after the first certificate
        asked.append(True)
        return len(asked) > 1

    with pytest.raises(CertificatesCancelled) as stopped:
        write_certificates(
            database,
            world["cohort"],
            tmp_path,
            progress=lambda done, total: steps.append(done),
            cancelled=cancelled,
        )
    assert steps == [1]  # the one handed over was written to the end, and said so
    assert (stopped.value.written, stopped.value.total) == (1, 3)
    assert "1 of 3 certificates" in str(stopped.value)
    assert len(list(tmp_path.glob("*.pdf"))) == 1 and len(list(tmp_path.glob("*.jwt"))) == 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_file_that_cannot_be_written_is_one_sentence(
    database: Database, world: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / f"Omar Haddad - {COHORT}.pdf").mkdir()  # a folder where a certificate goes
    with pytest.raises(IxdeskError, match="folder or other special file") as refused:
        write_certificates(database, world["cohort"], tmp_path)
    assert "Omar" not in str(refused.value)  # students are named in no error message
    assert not list(tmp_path.glob(".*.tmp"))
    blocked = tmp_path / "a file"
    blocked.write_text("")
    with pytest.raises(IxdeskError, match="is a file, not a folder"):
        write_certificates(database, world["cohort"], blocked)


@needs_poppler
def test_a_long_certificate_is_shrunk_to_fit_not_cut_off(tmp_path: Path) -> None:
    from datetime import date

    from ixdesk.services.certificates.pdf import CertificateRenderer, CertificateText

    skills = tuple(f"Skill number {n}" for n in range(1, 251))
    text = CertificateText(
        organisation=ORGANISATION,
        student="Zoë Åkesson",
        cohort=COHORT,
        period=None,
        company=COMPANY,
        problem="Churn dashboard",
        skills=skills,
        hours="7",
        lead_instructor="Ada Lovelace",
        issued_on=date(2027, 3, 26),
        credential_id="urn:uuid:00000000-0000-5000-8000-000000000000",
    )
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(CertificateRenderer().render(text))
    said = " ".join(_text(pdf).split())
    assert "Skill number 250" in said and "Ada Lovelace" in said
    # Every word lies inside the border (10 mm from the page's edge, in points).
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', layout)
    assert page is not None
    width, height = float(page[1]), float(page[2])
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', layout
    )
    border = 10 / 25.4 * 72
    assert len(words) > 100
    for x_min, y_min, x_max, y_max in words:
        assert border < float(x_min) and float(x_max) < width - border
        assert border < float(y_min) and float(y_max) < height - border
