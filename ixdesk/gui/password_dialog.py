"""The password box for an encrypted database file, with "Remember this password on
this computer" (kept in the operating system's keyring, services/file_password.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ixdesk.services.file_password import Answer

REMEMBER = "&Remember this password on this computer"


class PasswordDialog(QDialog):
    """Asks for the password of ``path``; ``why`` (when given) says first why it is asked
    again."""

    def __init__(self, path: Path, why: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Encrypted database")
        layout = QVBoxLayout(self)
        self.why = QLabel(why or "")
        self.why.setWordWrap(True)
        self.why.setVisible(why is not None)
        layout.addWidget(self.why)
        self.label = QLabel(f"{path.name} is encrypted. Its &password:")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.label.setBuddy(self.password)
        layout.addWidget(self.label)
        layout.addWidget(self.password)
        self.remember = QCheckBox(REMEMBER)
        self.remember.setToolTip(
            "Kept in this computer's keyring; ixdesk then opens the file without asking."
        )
        layout.addWidget(self.remember)
        layout.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def answer(self) -> Answer | None:
        if not self.password.text():
            return None
        return Answer(self.password.text(), self.remember.isChecked())


def ask_file_password(path: Path, why: str | None, parent: QWidget | None = None) -> Answer | None:
    """The password typed for ``path`` (None when cancelled)."""
    dialog = PasswordDialog(path, why, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()


def tell_not_remembered(notice: str, parent: QWidget | None = None) -> None:
    QMessageBox.information(parent, "Password not remembered", notice)
