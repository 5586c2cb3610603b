"""Page 3: which column fills which field; day/month order and the phones' country.

A column ixdesk is not sure of shows a suggestion to confirm ("Use “Email”?"),
never applied by itself; students' other columns can be kept as application
answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ixdesk.errors import IxdeskError
from ixdesk.gui.import_wizard.common import MessageBar
from ixdesk.gui.import_wizard.memory import import_folder
from ixdesk.services.importing import detect_day_first, save_mapping
from ixdesk.services.importing import session as words
from ixdesk.services.importing.fields import APPLICATION_ANSWER, FIELD_BY_NAME, RECORD_WORDS

if TYPE_CHECKING:
    from ixdesk.gui.import_wizard.wizard import ImportWizard

LEAVE_OUT = "Leave out"


def region_name(code: str) -> str:
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return f"{QLocale.territoryToString(territory)} ({code})"


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Columns and fields")
        self.setSubTitle(
            "Each column of the file goes into the field on its right, or is left out. "
            "Fields marked * are needed."
        )
        layout = QVBoxLayout(self)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.scroll_area, 1)
        self.combos: dict[str, QComboBox] = {}
        self.suggested: dict[str, QPushButton] = {}
        self.missing = MessageBar("Fields no column fills")
        layout.addWidget(self.missing)

        options = QHBoxLayout()
        self.order_box = QGroupBox("Dates written as numbers")
        order_layout = QVBoxLayout(self.order_box)
        self.order_group = QButtonGroup(self)
        self.day_first_button = QRadioButton("&Day first: 14/03/2010 is 14 March")
        self.month_first_button = QRadioButton("M&onth first: 03/14/2010 is 14 March")
        for button, day_first in ((self.day_first_button, True), (self.month_first_button, False)):
            button.setAccessibleName(button.text().replace("&", ""))
            button.toggled.connect(
                lambda checked, first=day_first: self._order_chosen(first) if checked else None
            )
            self.order_group.addButton(button)
            order_layout.addWidget(button)
        self.order_note = QLabel()
        self.order_note.setWordWrap(True)
        self.order_note.setAccessibleName("What the file's dates show")
        order_layout.addWidget(self.order_note)
        options.addWidget(self.order_box, 1)
        self.region_box = QGroupBox("Phone numbers without a country code")
        region_layout = QFormLayout(self.region_box)
        self.region_combo = QComboBox()
        self.region_combo.setAccessibleName("Country of phone numbers without a country code")
        for code in sorted(words.phone_regions(), key=region_name):
            self.region_combo.addItem(region_name(code), code)
        self.region_combo.currentIndexChanged.connect(self._region_chosen)
        region_label = QLabel("&Country:")
        region_label.setBuddy(self.region_combo)
        region_layout.addRow(region_label, self.region_combo)
        options.addWidget(self.region_box, 1)
        layout.addLayout(options)

        buttons = QHBoxLayout()
        self.answers_button = QPushButton("Keep the other columns as application &answers")
        self.answers_button.setAccessibleName(
            "Keep every column that goes into no field as the students' application answers"
        )
        self.answers_button.clicked.connect(self._keep_answers)
        buttons.addWidget(self.answers_button)
        self.saved_note = QLabel()
        self.saved_note.setAccessibleName("Where the mapping was saved")
        buttons.addWidget(self.saved_note, 1)
        self.save_button = QPushButton("Sa&ve mapping…")
        self.save_button.setAccessibleName("Save this mapping for the next file like it")
        self.save_button.clicked.connect(self._save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self._built_for: object | None = None

    # --- building ---
    def initializePage(self) -> None:
        session = self.owner.session
        if session.mapping is not None and self._built_for is not session.mapping:
            self._build()
            self._built_for = session.mapping
            self.saved_note.clear()
        self.region_combo.blockSignals(True)
        self.region_combo.setCurrentIndex(max(self.region_combo.findData(session.region), 0))
        self.region_combo.blockSignals(False)
        self._refresh()

    def _build(self) -> None:
        session = self.owner.session
        assert session.table is not None and session.mapping is not None
        host = QWidget()
        grid = QGridLayout(host)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        for column, text in enumerate(("Column in the file", "Sample values", "Goes into", "")):
            title = QLabel(f"<b>{text}</b>")
            grid.addWidget(title, 0, column)
        self.combos, self.suggested = {}, {}
        specs = FIELD_BY_NAME[session.mapping.kind]
        choices = words.field_choices(session.mapping.kind)
        previous: QWidget | None = None
        for row, header in enumerate(session.table.headers, start=1):
            name = QLabel(header)
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            samples = QLabel(" · ".join(words.sample_values(session.table, header)))
            samples.setToolTip(samples.text())
            samples.setEnabled(False)
            # Long values are cut at the column's edge rather than widening the page.
            samples.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            combo = QComboBox()
            combo.setAccessibleName(f"Field for the column “{header}”")
            combo.addItem(LEAVE_OUT, None)
            for label, field_name in choices:
                combo.addItem(label, field_name)
            combo.currentIndexChanged.connect(
                lambda _index, h=header: self._field_chosen(h, self.combos[h].currentData())
            )
            name.setBuddy(combo)
            grid.addWidget(name, row, 0)
            grid.addWidget(samples, row, 1)
            grid.addWidget(combo, row, 2)
            self.combos[header] = combo
            suggestion = session.mapping.suggestions.get(header)
            if suggestion is not None:
                label = specs[suggestion].label
                button = QPushButton(f"Use “{label}”?")
                button.setToolTip(
                    f"This column may be {label.lower()}; ixdesk is not sure, so it is left "
                    "out unless you choose it."
                )
                button.setAccessibleName(f"Use the column “{header}” as {label.lower()}")
                button.clicked.connect(
                    lambda _checked=False, h=header, f=suggestion: self._field_chosen(h, f)
                )
                grid.addWidget(button, row, 3)
                self.suggested[header] = button
            if previous is not None:
                self.setTabOrder(previous, combo)
            previous = combo
        grid.setRowStretch(len(session.table.headers) + 1, 1)
        self.scroll_area.setWidget(host)
        if previous is not None:
            self.setTabOrder(previous, self.day_first_button)

    # --- changes ---
    def _field_chosen(self, header: str, field_name: str | None) -> None:
        session = self.owner.session
        assert session.mapping is not None and session.table is not None
        session.mapping.set(header, field_name)
        detected = detect_day_first(session.mapping.kind, session.table, session.mapping)
        if detected is not None and session.detected_day_first is None:
            session.day_first = detected
        session.detected_day_first = detected
        self._refresh()

    def _order_chosen(self, day_first: bool) -> None:
        self.owner.session.day_first = day_first
        self._refresh_order_note()

    def _region_chosen(self) -> None:
        self.owner.session.region = self.region_combo.currentData()

    def _refresh(self) -> None:
        session = self.owner.session
        mapping = session.mapping
        if mapping is None:
            return
        for header, combo in self.combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(mapping.field_for(header)), 0))
            combo.blockSignals(False)
        for header, button in self.suggested.items():
            button.setVisible(header in mapping.suggestions)
        self.answers_button.setVisible(APPLICATION_ANSWER in FIELD_BY_NAME[mapping.kind])
        missing = words.missing_labels(mapping)
        if missing:
            self.missing.show_problem(
                f"No column goes into {', '.join(missing).lower()}, which every "
                f"{RECORD_WORDS[mapping.kind]} needs: choose the column "
                "that holds it."
            )
        else:
            self.missing.clear()
        self.order_box.setVisible(words.maps_dates(mapping))
        self.region_box.setVisible(words.maps_phones(mapping))
        chosen = self.day_first_button if session.day_first else self.month_first_button
        chosen.blockSignals(True)
        chosen.setChecked(True)
        chosen.blockSignals(False)
        self._refresh_order_note()
        self.completeChanged.emit()

    def _refresh_order_note(self) -> None:
        self.order_note.setText(words.date_order_note(self.owner.session))

    def _save(self) -> None:
        session = self.owner.session
        if session.mapping is None:
            return
        source = session.source.path or import_folder() / "import"
        chosen = self.owner.dialogs.save_file(  # beside the file, not in the program's folder
            "Save the mapping",
            str(source.parent / f"{source.stem}-mapping.json"),
            "Saved mappings (*.json)",
        )
        if not chosen:
            return
        path = Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(".json")
        session.mapping.day_first = session.day_first if words.maps_dates(session.mapping) else None
        mapping = session.mapping
        keep = [p for p in [session.source.path] if p]
        if not self.owner.workbench.operations.run(
            lambda: save_mapping(mapping, path, keep=keep),
            title="Cannot save the mapping",
            source=self,
        ):
            return
        self.saved_note.setText(f"Mapping saved to {path.name}.")

    def _keep_answers(self) -> None:
        mapping = self.owner.session.mapping
        if mapping is not None:
            mapping.keep_unmatched_as_answers()
            self._refresh()

    def nextId(self) -> int:
        """The typed answers' page when some answers need a look, else the preview."""
        from ixdesk.gui.import_wizard.wizard import PREVIEW, VALUES

        session = self.owner.session
        if session.mapping is None or session.mapping.missing_required():
            return PREVIEW
        try:
            questions = session.value_questions(self.owner.database)
        except IxdeskError:  # the cohort went away meanwhile: the preview says so
            return PREVIEW
        return VALUES if questions else PREVIEW

    def isComplete(self) -> bool:
        mapping = self.owner.session.mapping
        return mapping is not None and not mapping.missing_required()
