"""Message boxes and file pickers behind one small service.

Views ask this object instead of calling QMessageBox directly, so tests swap
one object (answers scripted in advance) instead of patching Qt.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

Button = QMessageBox.StandardButton


class DialogService:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)

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

    def open_file(self, title: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, title, "", filters)
        return path or None

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return path or None
