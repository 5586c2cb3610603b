"""Message boxes and file pickers behind one small service.

Views ask this object instead of calling QMessageBox directly, so tests swap
one object (answers scripted in advance) instead of patching Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from ixdesk.gui.chooser import ChooserDialog

Button = QMessageBox.StandardButton


def grow_to_fit(window: QWidget) -> None:
    """Grow (never shrink) a dialog to the height its layout needs at its width, so a
    wrapped message that appears never squeezes or covers what is below it."""
    if not isValid(window):  # a message said while the dialog is being taken down
        return
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalMinimumHeightForWidth(window.width()))
    if needed > window.height():
        window.resize(window.width(), needed)


class DialogService:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)

    def bug(self, title: str, text: str, details: str) -> None:
        """Say that something went wrong; "Copy details" puts ``details`` on the clipboard."""
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=self.parent)
        box.setDetailedText(details)
        copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is copy:
            QGuiApplication.clipboard().setText(details)

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def confirm(self, title: str, text: str, action: str = "OK") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def save_discard_cancel(self, title: str, text: str) -> Button:
        return QMessageBox.question(
            self.parent,
            title,
            text,
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )

    def reload_or_keep(self, title: str, text: str) -> bool:
        """True to reload the record, False to keep the edits on screen."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        reload_button = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep my edits", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload_button)
        box.exec()
        return box.clickedButton() is reload_button

    def open_file(self, title: str, filters: str, folder: str = "") -> str | None:
        """A file to open, asked in ``folder`` (empty: where the platform chooses)."""
        path, _ = QFileDialog.getOpenFileName(self.parent, title, folder, filters)
        return path or None

    def open_files(self, title: str, filters: str) -> list[str]:
        """Files to open (one or more), or none."""
        paths, _ = QFileDialog.getOpenFileNames(self.parent, title, "", filters)
        return list(paths)

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        """One line of text typed by the person (``text`` to start from), or None."""
        answer, accepted = QInputDialog.getText(
            self.parent, title, label, QLineEdit.EchoMode.Normal, text
        )
        return answer if accepted else None

    def ask_pin(self, title: str, label: str) -> str | None:
        """A PIN typed by the person, hidden as it is typed, or None."""
        answer, accepted = QInputDialog.getText(
            self.parent, title, label, QLineEdit.EchoMode.Password
        )
        return answer if accepted else None

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return path or None

    def choose_folder(self, title: str, folder: str) -> str | None:
        """A folder to write files into, asked starting in ``folder``; None for Cancel."""
        return QFileDialog.getExistingDirectory(self.parent, title, folder) or None

    def choose(self, title: str, text: str, choices: Sequence[tuple[str, str]]) -> str | None:
        """One of ``choices`` ((label, id) pairs) from a searchable list: its id, or None."""
        dialog = ChooserDialog(title, text, choices, self.parent)
        return dialog.chosen() if dialog.exec() == ChooserDialog.DialogCode.Accepted else None

    def review(self, dialog: QDialog) -> bool:
        """Show a dialog a view built (a preview to confirm); True when it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def offer_file(self, title: str, text: str, path: str) -> None:
        """Say a file was written and offer to open it or show its folder."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.parent)
        open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_button)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        elif box.clickedButton() is folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))
