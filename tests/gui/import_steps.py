"""Steps the import wizard tests share: open it, go forward, wait for its background work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard
from pytestqt.qtbot import QtBot

from ixdesk.db import Database
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.import_wizard.wizard import VALUES, ImportWizard
from ixdesk.gui.workbench import Workbench

WAIT_MS = 20_000
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
BACK = QWizard.WizardButton.BackButton


def open_wizard(
    qtbot: QtBot,
    database: Database,
    dialogs: DialogService,
    path: Path | None = None,
    kind: str | None = None,
) -> ImportWizard:
    wizard = ImportWizard(Workbench(database, dialogs), None, path=path, kind=kind)
    qtbot.addWidget(wizard)
    wizard.resize(1100, 720)
    wizard.show()
    return wizard


def click(qtbot: QtBot, wizard: ImportWizard, button: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)


def click_and_wait(
    qtbot: QtBot, wizard: ImportWizard, button: QWizard.WizardButton, work: str
) -> None:
    """Click a wizard button and wait for the background work it starts."""
    with qtbot.waitSignal(wizard.work_done, timeout=WAIT_MS, check_params_cb=work.__eq__):
        click(qtbot, wizard, button)


def to_mapping(qtbot: QtBot, wizard: ImportWizard) -> None:
    """From the file page: read the file, then on to the mapping."""
    click_and_wait(qtbot, wizard, NEXT, "read")
    assert wizard.sheet_page.problem.text() == ""
    click(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.mapping_page


def to_preview(qtbot: QtBot, wizard: ImportWizard, region: str | None = None) -> None:
    """From the file page to the checked preview, phones read as from ``region``."""
    to_mapping(qtbot, wizard)
    if region is not None:
        choose(wizard.mapping_page.region_combo, region)
    next_page(qtbot, wizard)


def next_page(qtbot: QtBot, wizard: ImportWizard) -> None:
    """From the mapping on to the checked preview, through the typed answers if asked."""
    if wizard.mapping_page.nextId() == VALUES:
        click(qtbot, wizard, NEXT)
        assert wizard.currentPage() is wizard.values_page
    click_and_wait(qtbot, wizard, NEXT, "plan")
    assert wizard.currentPage() is wizard.preview_page


def choose(combo: QComboBox, data: object) -> None:
    """Pick an entry by its data, as a person would (the change signals fire)."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def counts(wizard: ImportWizard) -> dict[str, int]:
    """The counts the preview's filter buttons show, e.g. {"new": 8, ...}."""
    shown = {}
    for key, button in wizard.preview_page.filter_buttons.items():
        shown[key] = int(button.text().split()[-1].replace(",", ""))
    return shown
