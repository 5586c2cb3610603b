"""File ▸ Settings… (Ctrl+,) and View ▸ Tracks…: the actions the window places, and the
colours the window starts in (:mod:`ixdesk.gui.theme`)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ixdesk.gui import theme
from ixdesk.gui.workbench import Workbench


class SettingsActions:
    """Settings… opens the dialog on its first tab, Tracks… on its Tracks tab."""

    def __init__(self, workbench: Workbench, parent: QWidget) -> None:
        self.workbench, self.parent = workbench, parent
        self.settings_action = QAction("Se&ttings…", parent)
        self.settings_action.setObjectName("actionSettings")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.setToolTip(
            "The organisation's name, country, paper, dates, logo and group size; tracks; "
            "colours (Ctrl+,)"
        )
        self.settings_action.triggered.connect(lambda: self.open())
        self.tracks_action = QAction("&Tracks…", parent)
        self.tracks_action.setObjectName("actionTracks")
        self.tracks_action.setToolTip("Add, rename, merge and retire tracks")
        self.tracks_action.triggered.connect(lambda: self.open(tracks=True))
        for action in (self.settings_action, self.tracks_action):
            action.setEnabled(workbench.writable)
        theme.apply_theme()

    def open(self, tracks: bool = False) -> None:
        from ixdesk.gui.settings_dialog import ORGANISATION, TRACKS, SettingsDialog

        dialog = SettingsDialog(self.workbench, self.parent, TRACKS if tracks else ORGANISATION)
        self.dialog = dialog  # for tests, and so it lives while shown
        self.workbench.dialogs.review(dialog)
