"""Add or edit one contact of a partner company."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ixdesk.gui import binding
from ixdesk.gui.dialogs import grow_to_fit
from ixdesk.gui.field_problems import FieldProblems
from ixdesk.gui.generated.ui_contact_dialog import Ui_ContactDialog
from ixdesk.gui.workbench import Workbench
from ixdesk.services import contacts, editing, rules
from ixdesk.services.validation import quoted


class ContactDialog(QDialog):
    def __init__(
        self,
        workbench: Workbench,
        company_id: str,
        contact_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per opening
        self.workbench = workbench
        database = self.database = workbench.database
        self.hub, self.dialogs = workbench.hub, workbench.dialogs
        self.company_id, self.contact_id = company_id, contact_id
        self.ui = Ui_ContactDialog()
        self.ui.setupUi(self)
        self.fields: dict[str, QWidget] = {
            name: getattr(self.ui, name) for name in contacts.CONTACT_FIELDS
        }
        self.field_problems = FieldProblems(self.fields, self)
        self.field_problems.revealed.connect(self._enable_save)
        self.field_problems.revealed.connect(lambda: grow_to_fit(self))
        self.error_labels = self.field_problems.labels
        self.problems: dict[str, str] = {}
        self.version: int | None = None
        if contact_id is not None:
            self.version, values = contacts.load_contact(database, contact_id)
            for name, widget in self.fields.items():
                binding.set_value(widget, values.get(name))
            delete = self.ui.buttonBox.addButton(
                "Delete contact", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            delete.setAccessibleName("Delete this contact")
            delete.clicked.connect(self._delete)
        box = self.ui.buttonBox
        for which, name in (
            (QDialogButtonBox.StandardButton.Save, "Save this contact"),
            (QDialogButtonBox.StandardButton.Cancel, "Close without saving"),
        ):
            button = box.button(which)
            if button is not None:
                button.setAccessibleName(name)
        self.setWindowTitle("Edit contact" if contact_id else "New contact")
        for widget in self.fields.values():
            binding.on_change(widget, self._validate)
        self._validate()

    def values(self) -> dict[str, Any]:
        raw = {name: binding.get_value(widget, name) for name, widget in self.fields.items()}
        return rules.normalise_record(raw)

    def _validate(self) -> None:
        values = self.values()
        problems = rules.check_record("contacts", values)
        email = values.get("email")
        if email and "email" not in problems:
            owner = editing.contact_email_owner(self.database, email, self.contact_id)
            if owner is not None:
                problems["email"] = f"Already used by {html.escape(owner)}."
        self.problems = problems
        self.field_problems.show(problems)
        self._enable_save()
        grow_to_fit(self)  # every line of a wrapped problem shows

    def _enable_save(self) -> None:
        """Save shows the problems not shown yet; those shown must be mended first."""
        save = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(not self.field_problems.shown())

    def accept(self) -> None:
        self.field_problems.reveal_all()
        if self.problems:
            first = next(name for name in self.fields if name in self.problems)
            self.fields[first].setFocus()
            return
        database, hub, company_id = self.database, self.hub, self.company_id
        contact_id, version, values = self.contact_id, self.version, self.values()
        name = values.get("name")
        if self.workbench.operations.run(
            lambda: contacts.save_contact(
                database, company_id, contact_id, version, values, hub=hub
            ),
            title="The contact was not saved",
            source=self,
            status=f"Saved the contact {quoted(name)}." if name else "Saved the contact.",
        ):
            super().accept()

    def _delete(self) -> None:
        contact_id, version = self.contact_id, self.version
        assert contact_id is not None and version is not None
        if not self.dialogs.confirm("Delete contact", "Delete this contact?", "Delete"):
            return
        database, hub = self.database, self.hub
        if self.workbench.operations.run(
            lambda: contacts.delete_contact(database, contact_id, version, hub=hub),
            title="The contact was not deleted",
            source=self,
            status="Deleted the contact.",
        ):
            super().accept()
