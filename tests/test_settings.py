"""Organisation settings: stored in the database, checked, used by the import and the exports,
and shown and changed with ``ixdesk settings``."""

from __future__ import annotations

import io
from pathlib import Path
from zipfile import ZipFile

import openpyxl
import pytest

from ixdesk.cli import main
from ixdesk.db import Database, open_database
from ixdesk.db.models import Cohort, Student
from ixdesk.errors import ValidationError
from ixdesk.services import settings as st
from ixdesk.services import validation
from ixdesk.services.export import export_cohort_roster
from ixdesk.services.importing import commit_import, plan_import, read_table
from ixdesk.services.operations import create_record
from ixdesk.services.validation.regional import use_regional
from tests.test_import_support import rows_of, write_csv

# The smallest PNG there is (1x1 pixel): real image bytes for a logo.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_settings_are_stored_cleared_and_refused_in_words(database: Database) -> None:
    assert st.load_settings(database) == st.OrganisationSettings()
    before = st.save_settings(
        database,
        {
            "organisation_name": st.parse_setting("organisation_name", "  Harbour  Youth "),
            "country": st.parse_setting("country", "za"),
            "paper_size": st.parse_setting("paper_size", "Letter"),
            "date_order": st.parse_setting("date_order", "month-first"),
            "default_group_size": st.parse_setting("default_group_size", "6"),
            "logo": st.check_logo(PNG),
        },
    )
    assert before == st.OrganisationSettings()
    saved = st.load_settings(database)
    assert saved == st.OrganisationSettings("Harbour Youth", "ZA", "letter", "month-first", PNG, 6)
    assert (saved.region, saved.paper, saved.day_first, saved.group_size) == (
        "ZA",
        "letter",
        False,
        6,
    )
    st.save_settings(database, {"country": None, "logo": None})
    cleared = st.load_settings(database)
    assert (cleared.country, cleared.logo, cleared.paper_size) == (None, None, "letter")
    for key, text, words in (
        ("country", "Narnia", "not a country code"),
        ("paper_size", "A3", "use a4 or letter"),
        ("date_order", "year-first", "use day-first or month-first"),
        ("default_group_size", "1", "from 2 to 50"),
        ("default_group_size", "five", "from 2 to 50"),
        ("organisation_name", "   ", "1 to 200 characters"),
        ("colour", "red", "not a setting"),
    ):
        with pytest.raises(ValidationError, match=words):
            st.parse_setting(key, text)
    with pytest.raises(ValidationError, match="not a PNG or JPEG"):
        st.check_logo(b"<svg/>")


def test_the_settings_come_before_the_environment_and_the_locale(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IXDESK_PHONE_REGION", "US")
    monkeypatch.setenv("IXDESK_DATE_ORDER", "month-first")
    assert (validation.default_region(), validation.default_day_first()) == ("US", False)
    st.save_settings(database, {"country": "ZA", "date_order": "day-first"})
    organisation = st.load_settings(database)
    assert (organisation.region, organisation.day_first) == ("ZA", True)
    use_regional(organisation.regional())  # what the window and the command line do on open
    assert (validation.default_region(), validation.default_day_first()) == ("ZA", True)
    assert validation.phone_problem("021 555 0101") is None  # an editor's phone field


def test_the_import_reads_numbers_without_a_country_code_as_from_the_organisation(
    database: Database, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "signups.csv",
        [["First name", "Last name", "Phone"], ["Thandi", "Mokoena", "021 555 0101"]],
    )
    refused = plan_import(database, "students", read_table(path))  # GB, from the environment
    assert refused.counts["invalid"] == 1
    st.save_settings(database, {"country": "ZA"})
    plan = plan_import(database, "students", read_table(path))
    assert plan.region == "ZA" and plan.counts["new"] == 1
    commit_import(database, plan)
    assert rows_of(database, Student, "phone") == [("+27215550101",)]


def test_rosters_print_on_the_organisation_paper_with_its_logo(
    database: Database, tmp_path: Path
) -> None:
    cohort = create_record(database, Cohort, {"name": "Spring"})
    for paper, size in (("a4", 9), ("letter", 1)):  # Excel's numbers for the two papers
        st.save_settings(database, {"paper_size": paper})
        path = export_cohort_roster(database, cohort.id, tmp_path / f"{paper}.xlsx")
        assert openpyxl.load_workbook(path)["Overview"].page_setup.paperSize == size
        assert not any(name.startswith("xl/media/") for name in ZipFile(path).namelist())
    st.save_settings(database, {"logo": PNG, "organisation_name": "Harbour & Co"})
    asked = export_cohort_roster(database, cohort.id, tmp_path / "asked.xlsx", paper="a4")
    overview = openpyxl.load_workbook(asked)["Overview"]
    assert overview.page_setup.paperSize == 9  # asked for: stronger than the setting
    assert "Harbour && Co" in overview.oddHeader.left.text
    assert ZipFile(asked).read("xl/media/image1.png") == PNG  # the logo, on the overview
    assert "drawing" in ZipFile(asked).read("xl/worksheets/_rels/sheet1.xml.rels").decode()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "ixdesk.db"
    open_database(path).close()
    return path


def _settings(db_path: Path, *args: str) -> int:
    return main(["--database", str(db_path), "settings", *args])


def test_ixdesk_settings_lists_sets_and_clears(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _settings(db_path) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == list(st.KEYS)
    assert "(not set; GB from this computer)" in listed[1]
    assert _settings(db_path, "country", "za") == 0
    assert capsys.readouterr().out == "Country of phone numbers set to ZA.\n"
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    assert _settings(db_path, "logo", str(logo)) == 0
    assert capsys.readouterr().out == f"Logo set to png image, {len(PNG)} bytes.\n"
    assert _settings(db_path, "country") == 0
    assert capsys.readouterr().out == "country  ZA\n"
    assert _settings(db_path, "country", "--clear") == 0
    assert capsys.readouterr().out == "Country of phone numbers cleared.\n"
    database = open_database(db_path)
    try:
        assert st.load_settings(database).country is None
        assert st.load_settings(database).logo == PNG
    finally:
        database.close()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("paper_size", "A3"), "“A3” is not a paper size; use a4 or letter."),
        (("size", "5"), "“size” is not a setting; the settings are organisation_name,"),
        (("country", "ZA", "--clear"), "Give either a value or --clear, not both."),
        (("logo", "missing.png"), "The logo missing.png could not be read"),
    ],
)
def test_ixdesk_settings_refuses_with_one_clear_line(
    db_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], said: str
) -> None:
    assert _settings(db_path, *args) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"ixdesk: error: {said}") and len(err.splitlines()) == 1


def test_ixdesk_settings_does_not_start_a_database_to_show_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.db"
    assert main(["--database", str(missing), "settings"]) == 1
    assert "nothing was created" in capsys.readouterr().err
    assert not missing.exists()
    assert main(["--database", str(missing), "settings", "paper_size", "a4"]) == 0
    assert missing.exists()


def test_a_logo_is_checked_as_an_image() -> None:
    assert st.logo_kind(PNG) == "png"
    assert st.logo_kind(io.BytesIO(b"GIF89a").getvalue()) is None


def test_the_light_list_of_keys_is_the_settings_fields() -> None:
    from dataclasses import fields

    from ixdesk.services.setting_keys import HELP, KEYS, LABELS
    from ixdesk.services.settings import OrganisationSettings

    assert tuple(each.name for each in fields(OrganisationSettings)) == KEYS
    assert set(LABELS) == set(HELP) == set(KEYS)
