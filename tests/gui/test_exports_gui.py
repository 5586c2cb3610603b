"""Exports from the window: where to save, off the interface thread, Cancel, errors, menus."""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui import exports
from ixdesk.gui.chooser import ChooserDialog
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.record_view import RecordView
from ixdesk.gui.tasks import BackgroundTask
from ixdesk.services import atomic
from ixdesk.services import export as ex
from ixdesk.services.export import workbook as wb
from tests.gui.conftest import ScriptedDialogs
from tests.gui.helpers import open_view
from tests.test_export_rosters import fill, table

SIGNIN_HEADER = ["#", "Group", "Last name", "First name", "Signature"]


@pytest.fixture
def filled(sqlite_database: Database) -> dict[str, Any]:
    return fill(sqlite_database)


def outcome(qtbot: QtBot, dialogs: ScriptedDialogs) -> tuple[str, str, str]:
    """The first message after an export: ("offer_file" | "error", title, text)."""
    qtbot.waitUntil(lambda: bool({"offer_file", "error"} & set(dialogs.kinds())), timeout=15_000)
    return next(asked for asked in dialogs.asked if asked[0] in ("offer_file", "error"))


def suggested(dialogs: ScriptedDialogs) -> Path:
    return Path(next(text for kind, _title, text in dialogs.asked if kind == "save_file"))


def row_showing(view: RecordView, text: str) -> int:
    """The first row with ``text`` in one of its cells."""
    model = view.model
    return next(row for row in range(model.rowCount()) if text in model.display_row(row))


def export_action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


@pytest.mark.parametrize(
    ("action", "record", "file", "sheets", "first_header"),
    [
        (
            "actionExportCohortRoster",
            "spring",
            "Spring Data 2025 roster.xlsx",
            ["Overview", "Group 2", "Group 10 A B", "Not in a group"],
            "Group",
        ),
        (
            "actionExportSigninSheet",
            "spring",
            "Spring Data 2025 sign-in sheet.xlsx",
            ["Sign-in"],
            "#",
        ),
        (
            "actionExportInstructorRoster",
            "lead",
            "Ravi Shah roster.xlsx",
            ["My groups", "Group 2", "Group 10 A B"],
            "Cohort",
        ),
        (
            "actionExportPartnerBrief",
            "acme",
            "Acme & Sons partner brief.xlsx",
            ["Business problems", "Groups"],
            "Title",
        ),
        ("actionExportEverything", None, "ixdesk full export", ["About", *ex.RECORD_TYPES], None),
    ],
)
def test_each_export_from_the_file_menu_writes_its_workbook(
    qtbot: QtBot,
    filled: dict[str, Any],
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
    action: str,
    record: str | None,
    file: str,
    sheets: list[str],
    first_header: str | None,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dialogs.choose_answer = filled[record] if record else None
    dialogs.save_file_answer = str(out / "workbook")  # typed without .xlsx
    export_action(window, action).trigger()  # nothing selected: the dashboard is showing

    kind, title, text = outcome(qtbot, dialogs)
    assert kind == "offer_file", text
    written = out / "workbook.xlsx"
    assert f"was written to\n{written}" in text
    assert title.startswith("Export")
    asked = ["choose", "confirm", "save_file"] if record else ["confirm", "save_file"]
    assert dialogs.kinds()[: len(asked)] == asked
    # Before anything is written: the profile and the fields it carries.
    shown = next(text for kind, _title, text in dialogs.asked if kind == "confirm")
    assert shown.startswith("Profile: ") and "Of each student it carries:" in shown
    if record:  # the list offered every live record of the kind, the answer among them
        assert filled[record] in {record_id for _label, record_id in dialogs.offered}
    assert suggested(dialogs).name.startswith(file)
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == sheets
    if first_header is not None:
        header, rows = table(book.worksheets[0])
        assert header[0] == first_header and rows
    assert sorted(path.name for path in out.iterdir()) == ["workbook.xlsx"]  # no leftovers
    qtbot.waitUntil(lambda: "was written to" in window.statusBar().currentMessage())


def test_the_last_export_folder_is_offered_next_time(
    qtbot: QtBot,
    filled: dict[str, Any],
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:
    first = exports.export_folder()
    assert first.is_dir()
    dialogs.save_file_answer = str(tmp_path / "roster.XLSX")  # any case of the suffix is kept
    task = exports.export_signin_sheet(window.workbench, filled["spring"])
    assert task is not None and "choose" not in dialogs.kinds()
    outcome(qtbot, dialogs)
    header, _rows = table(openpyxl.load_workbook(tmp_path / "roster.XLSX").active)
    assert header == SIGNIN_HEADER
    dialogs.asked.clear()
    dialogs.save_file_answer = None  # the person closes the save dialog: nothing happens
    assert exports.export_cohort_roster(window.workbench, filled["spring"]) is None
    assert suggested(dialogs) == tmp_path / "Spring Data 2025 roster.xlsx"
    assert dialogs.kinds() == ["confirm", "save_file"]


def test_file_names_are_made_safe() -> None:
    assert exports.file_name('Q3: "A/B" test?.xlsx') == "Q3 A B test .xlsx"
    assert exports.file_name("...") == "export"


def test_cancelling_half_way_writes_nothing_and_says_so(
    qtbot: QtBot,
    filled: dict[str, Any],
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The export waits at its first step until Cancel: only the interface thread can free it."""
    real = ex.export_everything
    threads: list[int] = []

    def waiting(database: Database, path: Path, **options: Any) -> Path:
        report, stop = options["progress"], options["cancelled"]

        def progress(done: int, total: int) -> None:
            threads.append(threading.get_ident())
            report(done, total)
            freed = threading.Event()
            while not stop() and not freed.wait(0.01):
                pass

        return real(database, path, **{**options, "progress": progress})

    monkeypatch.setattr(ex, "export_everything", waiting)
    out = tmp_path / "out"
    out.mkdir()
    (out / "everything.xlsx").write_bytes(b"last week's export")
    dialogs.save_file_answer = str(out / "everything.xlsx")
    task = exports.export_everything(window.workbench)
    assert isinstance(task, BackgroundTask)
    with qtbot.waitSignal(task.progressed, timeout=10_000) as progressed:
        pass
    done, total, text = progressed.args
    assert 0 < done <= total and "Writing everything.xlsx" in text
    assert threads and threads[0] != threading.get_ident()  # the work runs on another thread
    dialog = task.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)  # shown while the export is held up
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == exports.CANCELLED_MESSAGE
    assert (out / "everything.xlsx").read_bytes() == b"last week's export"
    assert sorted(path.name for path in out.iterdir()) == ["everything.xlsx"]
    assert not {"offer_file", "error"} & set(dialogs.kinds())


def _read_only_file(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target.write_bytes(b"kept")
    target.chmod(0o444)


def _unwritable_folder(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic, "create_beside", refuse)


def _full_disk(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: Any, **__: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(wb.Sheet, "_write_xml", full)


@pytest.mark.parametrize(
    ("problem", "sentence"),
    [
        (_read_only_file, "is read-only, so it was not replaced"),
        (_unwritable_folder, "could not be written in"),
        (_full_disk, "The disk is full"),
    ],
)
def test_a_target_that_cannot_be_written_gives_the_clear_error(
    qtbot: QtBot,
    filled: dict[str, Any],
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    problem: Callable[[Path, pytest.MonkeyPatch], None],
    sentence: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "roster.xlsx"
    problem(target, monkeypatch)
    before = sorted(path.name for path in out.iterdir())
    dialogs.save_file_answer = str(target)
    exports.export_cohort_roster(window.workbench, filled["spring"])
    kind, title, text = outcome(qtbot, dialogs)
    assert (kind, title) == ("error", exports.FAILED_TITLE)
    assert sentence in text
    assert sorted(path.name for path in out.iterdir()) == before


def test_an_instructor_without_groups_is_told_so(
    qtbot: QtBot,
    filled: dict[str, Any],
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:
    idle = ex.find_instructor(window.database, "idle@example.com")
    dialogs.save_file_answer = str(tmp_path / "idle.xlsx")
    exports.export_instructor_roster(window.workbench, idle)
    kind, _title, text = outcome(qtbot, dialogs)
    assert kind == "error" and "Idle One leads or assists no groups" in text
    assert not (tmp_path / "idle.xlsx").exists()


def test_the_views_offer_exports_of_the_selected_record(
    qtbot: QtBot,
    filled: dict[str, Any],
    window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
) -> None:
    texts = {
        kind: [a.text() for a in view.extra_actions if a.text().startswith("Export")]
        for kind, view in window.views.items()
    }
    assert texts["cohorts"] == ["Export roster…", "Export sign-in sheet…", "Export photo list…"]
    assert texts["groups"] == ["Export cohort roster…", "Export the group's photo list…"]
    assert texts["instructors"] == ["Export instructor roster…"]
    assert texts["companies"] == ["Export partner brief…"]
    assert texts["students"] == texts["problems"] == []

    cases = [
        ("groups", "Group 2", 0, "Spring Data 2025 roster.xlsx", "Overview"),
        ("instructors", "Ravi", 0, "Ravi Shah roster.xlsx", "My groups"),
        ("companies", "Acme & Sons", 0, "Acme & Sons partner brief.xlsx", "Business problems"),
        ("cohorts", "Spring Data 2025", 1, "Spring Data 2025 sign-in sheet.xlsx", "Sign-in"),
        ("cohorts", "Spring Data 2025", 2, "Spring Data 2025 photo list.xlsx", "Photo list"),
        ("groups", "Group 2", 1, "Group 2 photo list.xlsx", "Photo list"),
    ]
    for kind, shown, action, name, first_sheet in cases:
        view = open_view(window, kind)
        view.table.selectRow(row_showing(view, shown))
        dialogs.asked.clear()
        dialogs.save_file_answer = str(tmp_path / name)
        exports = [a for a in view.extra_actions if a.text().startswith("Export")]
        exports[action].trigger()
        kind_asked, _title, text = outcome(qtbot, dialogs)
        assert kind_asked == "offer_file", text
        assert "choose" not in dialogs.kinds()  # the selected record was used
        assert suggested(dialogs).name == name
        assert openpyxl.load_workbook(tmp_path / name).sheetnames[0] == first_sheet


def test_file_export_menu_sits_above_quit_and_names_the_selection(
    qtbot: QtBot, filled: dict[str, Any], window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    file_menu = window.ui.menuFile
    menu = window.findChild(QMenu, "menuExport")
    assert menu is not None
    actions = file_menu.actions()
    position = actions.index(menu.menuAction())
    assert actions.index(window.ui.actionQuit) > position
    assert actions[position + 1].isSeparator()
    before = actions[position - 1]  # a separator, or Import… in the same group
    assert before.isSeparator() or before.objectName() == "actionImport"
    button = window.findChild(QToolButton, "exportButton")
    assert button is not None and button.menu() is menu and button.accessibleName() == "Export"

    groups = open_view(window, "groups")
    groups.table.selectRow(row_showing(groups, "Group 2"))
    menu.aboutToShow.emit()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts == [
        "&Cohort roster: Spring Data 2025…",  # the selected group's cohort
        "&Sign-in sheet: Spring Data 2025…",
        "&Instructor roster…",
        "&Partner brief…",
        "P&hoto list: Spring Data 2025…",
        "Certificates of &completion: Spring Data 2025…",
        "Public &key for credentials…",
        "&Everything…",
    ]


def test_with_nothing_to_export_or_no_choice_nothing_happens(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    assert exports.export_partner_brief(window.workbench) is None
    assert dialogs.asked == [
        (
            "info",
            "Export partner brief",
            "There are no partner companies yet, so there is nothing to export.",
        )
    ]


def test_chooser_searches_as_you_type_and_returns_the_id(qtbot: QtBot) -> None:
    choices = [("Zoë's cohort", "id-1"), ("Spring data", "id-2"), ("Summer data", "id-3")]
    dialog = ChooserDialog("Export cohort roster", "Which cohort's roster?", choices)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.chosen() == "id-1" and ok.isEnabled()
    qtbot.keyClicks(dialog.search, "data")
    assert dialog.chosen() == "id-2"
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # moves through the list from the search box
    assert dialog.chosen() == "id-3" and dialog.focusWidget() is dialog.search
    dialog.search.setText("zoe")  # accents and case ignored
    assert dialog.chosen() == "id-1"
    dialog.search.setText("nothing like it")
    assert dialog.chosen() is None and not ok.isEnabled()
    dialog.search.setText("summer")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.chosen() == "id-3"
