"""File ▸ Settings… (Ctrl+,): the organisation's settings, its tracks, and the look of the window.

* **Organisation**: name, country of phone numbers, paper size, date order,
  logo and default group size, stored in the database (so they travel with
  the file and everyone on a server shares them; ``ixdesk settings`` changes
  the same ones). Each change is saved when it is made, through the operation
  runner, with an undo step.
* **Tracks**: the Tracks view (:mod:`ixdesk.gui.tracks_view`).
* **Appearance**: Light, Dark or as the computer is set: a preference of this
  computer only (:mod:`ixdesk.gui.theme`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui import theme
from ixdesk.gui.import_wizard.mapping_page import region_name
from ixdesk.gui.operations import Reversible
from ixdesk.gui.settings import remember, remembered_folder
from ixdesk.gui.tracks_view import TracksView
from ixdesk.gui.workbench import Workbench
from ixdesk.services import setting_keys as keys
from ixdesk.services import settings as st
from ixdesk.services.importing.session import phone_regions
from ixdesk.services.validation import quoted

ORGANISATION, TRACKS, APPEARANCE = range(3)
LOGO_FILTERS = "Images (*.png *.jpg *.jpeg);;All files (*)"
LOGO_FOLDER = "settings/logo-folder"
LOGO_PREVIEW_HEIGHT = 48
FIELD_WIDTH = 380
PAPERS = {"a4": "A4", "letter": "Letter"}
STORED = (
    "Stored in the database: they travel with the file, and everyone who works on it "
    "shares them. Each change is saved at once; Edit ▸ Undo (Ctrl+Z) takes it back."
)


class SettingsDialog(QDialog):
    def __init__(
        self, workbench: Workbench, parent: QWidget | None = None, tab: int = ORGANISATION
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._organisation_tab(), "&Organisation")
        self.tracks = TracksView(workbench)
        self.tabs.addTab(self.tracks, "&Tracks")
        self.tabs.addTab(self._appearance_tab(), "&Appearance")
        self.tabs.setCurrentIndex(tab)
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        stack = workbench.undo_stack
        if stack is not None:  # Ctrl+Z here too: the window's own is behind this dialog
            undo, redo = stack.createUndoAction(self), stack.createRedoAction(self)
            undo.setShortcut(QKeySequence.StandardKey.Undo)
            redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
            self.addActions([undo, redo])
        workbench.changed.connect(self._changed)
        self.show_settings()
        self.resize(760, 560)

    # --- the organisation tab ---
    def _organisation_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        note = QLabel(STORED)
        note.setWordWrap(True)
        form.addRow(note)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(st.MAX_NAME)
        self.name_edit.setPlaceholderText("Shown at the top of every printed roster")
        self.name_edit.editingFinished.connect(self._name_edited)
        self.country_combo = QComboBox()
        self.country_combo.addItem("", None)  # "as this computer says": named when shown
        for code in sorted(phone_regions(), key=region_name):
            self.country_combo.addItem(region_name(code), code)
        self.paper_combo = self._combo(PAPERS)
        self.order_combo = self._combo(
            {"day-first": "Day first: 14/03/2027", "month-first": "Month first: 03/14/2027"}
        )
        self.size_spin = QSpinBox()
        self.size_spin.setRange(keys.GROUP_SIZE_RANGE[0] - 1, keys.GROUP_SIZE_RANGE[1])
        self.size_spin.setSuffix(" students")
        self.size_spin.editingFinished.connect(self._size_edited)
        for combo, key in (
            (self.country_combo, "country"),
            (self.paper_combo, "paper_size"),
            (self.order_combo, "date_order"),
        ):
            combo.activated.connect(lambda _index, c=combo, k=key: self.save(k, c.currentData()))
        self.logo_preview = QLabel()
        self.logo_preview.setMinimumHeight(LOGO_PREVIEW_HEIGHT)
        self.logo_button = QPushButton("C&hoose…")
        self.logo_button.clicked.connect(self._choose_logo)
        self.logo_remove = QPushButton("Re&move")
        self.logo_remove.clicked.connect(lambda: self.save("logo", None))
        logo = QWidget()
        logo_row = QHBoxLayout(logo)
        logo_row.setContentsMargins(0, 0, 0, 0)
        for part in (self.logo_preview, self.logo_button, self.logo_remove):
            logo_row.addWidget(part)
        logo_row.addStretch(1)
        for label, widget, key in (
            ("Organisation &name:", self.name_edit, "organisation_name"),
            ("&Country of phone numbers:", self.country_combo, "country"),
            ("&Paper size:", self.paper_combo, "paper_size"),
            ("&Dates written in numbers:", self.order_combo, "date_order"),
            ("Logo on rosters:", logo, "logo"),
            ("Default &group size:", self.size_spin, "default_group_size"),
        ):
            widget.setAccessibleName(keys.LABELS[key])
            if widget is not logo:
                widget.setMinimumWidth(FIELD_WIDTH)
            widget.setToolTip(keys.HELP[key][0].upper() + keys.HELP[key][1:] + ".")
            form.addRow(label, widget)
        hint = QLabel(
            "Phone numbers written without a country code are read as from the country "
            "chosen here; the group size is used where a cohort has none of its own."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form.addRow(hint)
        return page

    @staticmethod
    def _combo(choices: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.addItem("", None)
        for value, label in choices.items():
            combo.addItem(label, value)
        return combo

    def show_settings(self) -> None:
        """Show the settings as they are now (the workbench re-reads them on a change)."""
        now = self.workbench.organisation
        if not self.name_edit.hasFocus():
            self.name_edit.setText(now.organisation_name or "")
        defaults = (
            (self.country_combo, now.country, region_name(now.region)),
            (self.paper_combo, now.paper_size, PAPERS[now.paper]),
            (self.order_combo, now.date_order, f"{'Day' if now.day_first else 'Month'} first"),
        )
        for combo, value, default in defaults:
            combo.setItemText(0, f"As this computer says: {default}")
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.size_spin.setSpecialValueText(f"Not set ({st.FALLBACK_GROUP_SIZE} students)")
        self.size_spin.setValue(now.default_group_size or self.size_spin.minimum())
        self._show_logo(now.logo)

    def _show_logo(self, logo: bytes | None) -> None:
        pixmap = QPixmap()
        if logo is not None and pixmap.loadFromData(QByteArray(logo)):
            scaled = pixmap.scaledToHeight(
                LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation
            )
            self.logo_preview.setPixmap(scaled)
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("No logo")
        self.logo_remove.setEnabled(logo is not None)

    def _changed(self, changes: Any, _source: object) -> None:
        if changes.touches("settings"):
            self.show_settings()

    # --- saving ---
    def save(self, key: str, value: Any) -> bool:
        """Save one setting (None clears it), with an undo step."""
        bench = self.workbench
        before = getattr(bench.organisation, key)
        if value == before:
            return True
        label = keys.LABELS[key]

        def put(new: Any) -> object:
            return st.save_settings(bench.database, {key: new}, hub=bench.hub)

        said = st.text_of(st.OrganisationSettings(**{key: value}), key) if value else ""
        return bench.operations.run(
            lambda: put(value),
            title="The setting was not saved",
            source=self,
            undo=lambda _before: Reversible(
                f"Change {label.lower()}", lambda: put(before), lambda: put(value)
            ),
            status=f"{label}: {quoted(said)}." if said else f"{label} cleared.",
        )

    def _save_text(self, key: str, text: str, title: str) -> None:
        """``text`` checked as ``key`` asks, then saved; a refusal is said under ``title``."""
        value = self.workbench.operations.read(lambda: st.parse_setting(key, text), title=title)
        if value is not None:
            self.save(key, value)

    def _name_edited(self) -> None:
        text = self.name_edit.text()
        if text.strip():
            self._save_text("organisation_name", text, "The name was not saved")
        else:
            self.save("organisation_name", None)

    def _size_edited(self) -> None:
        value = self.size_spin.value()
        self.save("default_group_size", None if value == self.size_spin.minimum() else value)

    def _choose_logo(self) -> None:
        folder = remembered_folder(LOGO_FOLDER)
        chosen = self.workbench.dialogs.open_file("Choose the logo", LOGO_FILTERS, str(folder))
        if chosen:
            remember(LOGO_FOLDER, str(Path(chosen).parent))
            self._save_text("logo", chosen, "This image cannot be the logo")

    # --- the appearance tab ---
    def _appearance_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(
            "Colours of the window on this computer only: others working on the same "
            "database keep their own."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.theme_group = QButtonGroup(self)
        self.theme_buttons: dict[str, QRadioButton] = {}
        chosen = theme.saved_theme()
        for key, label in theme.THEMES.items():
            button = QRadioButton(label)
            button.setChecked(key == chosen)
            button.toggled.connect(lambda on, k=key: self.choose_theme(k) if on else None)
            self.theme_group.addButton(button)
            self.theme_buttons[key] = button
            layout.addWidget(button)
        layout.addStretch(1)
        return page

    def choose_theme(self, key: str) -> None:
        theme.save_theme(key)
        dark = theme.apply_theme(key)
        now = f" ({'dark' if dark else 'light'} now)" if key == theme.SYSTEM else ""
        self.workbench.status(f"Colours: {theme.THEMES[key].lower()}{now}.")
