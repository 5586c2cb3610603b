"""``ixdesk certificates``: writing a cohort's, checking one, the public key; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ixdesk.cli import EXIT_ERROR, EXIT_OK, main
from ixdesk.db import open_database
from ixdesk.services.settings import save_settings
from tests.certificate_world import COHORT, COMPLETED, build_certificate_world


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """The one Qt application of the test run (a QApplication the window tests need too)."""


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "ixdesk.db"
    database = open_database(path)
    build_certificate_world(database)
    save_settings(database, {"organisation_name": "Northwind"})
    database.close()
    return str(path)


def _write(db: str, folder: Path) -> int:
    return main(
        ["--database", db, "certificates", "--cohort", "data spring 2027", "-o", str(folder)]
    )


def test_write_verify_and_reject_a_changed_character(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    assert _write(db, folder) == EXIT_OK
    said = capsys.readouterr().out
    assert f"3 certificates written to {folder}." in said
    assert "None for the 2 students who have not completed it." in said
    tokens = sorted(folder.glob("*.jwt"))
    assert [t.name.split(" - ")[0] for t in tokens] == sorted(COMPLETED)
    for token in tokens:
        assert main(["certificates", "verify", str(token)]) == EXIT_OK
        assert capsys.readouterr().out.startswith("Valid: “Micro-internship: Churn dashboard”")
    text = tokens[0].read_text("ascii")
    middle = len(text) // 2
    changed = text[:middle] + ("A" if text[middle] != "A" else "B") + text[middle + 1 :]
    tampered = tmp_path / "tampered.jwt"
    tampered.write_text(changed)
    assert main(["certificates", "verify", str(tampered)]) == EXIT_ERROR
    assert capsys.readouterr().out.startswith("Not valid: ")


def test_the_exported_public_key_checks_credentials_without_a_database(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _write(db, tmp_path / "out") == EXIT_OK
    public = tmp_path / "northwind.jwk"
    assert main(["certificates", "key", "--export", str(public)]) == EXIT_OK
    assert "fingerprint" in capsys.readouterr().out
    assert json.loads(public.read_text())["kty"] == "RSA"
    token = next((tmp_path / "out").glob("*.jwt"))
    # Another computer: no database and no signing key of its own.
    other = tmp_path / "elsewhere"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IXDESK_DATA_DIR", str(other))
        assert main(["certificates", "verify", str(token), "--key", str(public)]) == EXIT_OK
        assert main(["certificates", "verify", str(token)]) == EXIT_ERROR
    assert "give the issuer's public key with --key FILE" in capsys.readouterr().err
    assert not other.exists()


def test_mistakes_are_one_line(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database", db, "certificates", "--cohort", "Nope", "-o", str(tmp_path)]) == 1
    assert "No cohort is called 'Nope'" in capsys.readouterr().err
    assert main(["--database", db, "certificates", "--cohort", COHORT]) == EXIT_ERROR
    assert "ixdesk certificates --cohort NAME -o DIR" in capsys.readouterr().err
    assert main(["certificates"]) == EXIT_ERROR  # said before looking for a database
    assert "Name the cohort and the folder" in capsys.readouterr().err
    missing = tmp_path / "missing.jwt"
    assert main(["certificates", "verify", str(missing)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("ixdesk: error: ") and "could not be read" in err
    assert "Traceback" not in err
