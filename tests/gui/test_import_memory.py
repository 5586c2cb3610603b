"""The import wizard remembers, on this computer, the folder of its last file, the cohort
and the country of phone numbers; its file dialogs never open in the program's folder."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.db.models import Cohort
from ixdesk.services.operations import create_record
from tests.gui.conftest import ScriptedDialogs
from tests.gui.import_steps import NEXT, choose, click_and_wait, open_wizard, to_mapping
from tests.test_import_support import write_csv


def test_the_import_wizard_remembers_its_folder_cohort_and_country(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    create_record(sqlite_database, Cohort, {"name": "Spring 2026"})
    folder = tmp_path / "sign-ups"
    folder.mkdir()
    path = write_csv(folder / "fair.csv", [["First name", "Last name"], ["Thandi", "Mokoena"]])
    wizard = open_wizard(qtbot, sqlite_database, dialogs)
    wizard.file_page.browse_button.click()
    first = dialogs.opened_in[-1]  # never the program's own folder (what "" means)
    assert first and Path(first).is_absolute() and Path(first).is_dir()
    assert Path(first) != Path.cwd()
    wizard.file_page.path_edit.setText(str(path))
    choose(wizard.file_page.cohort_combo, "Spring 2026")
    to_mapping(qtbot, wizard)
    wizard.mapping_page.save_button.click()  # offered beside the imported file
    assert dialogs.asked[-1] == ("save_file", "Save the mapping", str(folder / "fair-mapping.json"))
    choose(wizard.mapping_page.region_combo, "ZA")
    click_and_wait(qtbot, wizard, NEXT, "plan")
    wizard.close()

    again = open_wizard(qtbot, sqlite_database, dialogs)
    assert again.session.region == "ZA"
    assert again.file_page.cohort_combo.currentData() == "Spring 2026"
    again.file_page.browse_button.click()
    assert Path(dialogs.opened_in[-1]) == folder.resolve()
    again.file_page.load_button.click()
    assert Path(dialogs.opened_in[-1]) == folder.resolve()
