"""Page 1: what the file holds, the file, a cohort to enrol students into, a saved mapping."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ixdesk.gui.import_wizard.memory import import_folder
from ixdesk.services import editing
from ixdesk.services.importing import KINDS, load_mapping
from ixdesk.services.importing.session import KIND_LABELS
from ixdesk.services.record_kinds import Kind

if TYPE_CHECKING:
    from ixdesk.gui.import_wizard.wizard import ImportWizard

FILE_FILTERS = "Spreadsheets (*.xlsx *.xlsm *.csv *.txt);;All files (*)"
MAPPING_FILTERS = "Saved mappings (*.json);;All files (*)"
MNEMONICS = {
    Kind.STUDENTS: "&Students",
    Kind.INSTRUCTORS: "&Instructors",
    Kind.COMPANIES: "&Partner companies with contacts",
}


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("What to import")
        self.setSubTitle(
            "Choose what the file holds and the file itself. Nothing is written until you "
            "confirm on the last page."
        )
        form = QFormLayout(self)
        kinds = QWidget()
        kinds_layout = QVBoxLayout(kinds)
        kinds_layout.setContentsMargins(0, 0, 0, 0)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[Kind, QRadioButton] = {}
        for kind in KINDS:
            button = QRadioButton(MNEMONICS[kind])
            button.setAccessibleName(f"Import {KIND_LABELS[kind].lower()}")
            button.toggled.connect(self._kind_toggled)
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kinds_layout.addWidget(button)
        form.addRow("Import:", kinds)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("An .xlsx workbook or a CSV file")
        self.path_edit.setAccessibleName("File to import")
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton("Br&owse…")
        self.browse_button.setAccessibleName("Choose the file to import")
        self.browse_button.clicked.connect(self._browse)
        form.addRow("&File:", self._row(self.path_edit, self.browse_button))

        self.cohort_combo = QComboBox()
        self.cohort_combo.setAccessibleName("Cohort to enrol the students into")
        self.cohort_label = QLabel("&Enrol into:")
        self.cohort_label.setBuddy(self.cohort_combo)
        form.addRow(self.cohort_label, self.cohort_combo)

        self.mapping_edit = QLineEdit()
        self.mapping_edit.setReadOnly(True)
        self.mapping_edit.setPlaceholderText("None: columns are matched by their headers")
        self.mapping_edit.setAccessibleName("Saved mapping")
        self.load_button = QPushButton("&Load…")
        self.load_button.setAccessibleName("Load a saved mapping")
        self.load_button.clicked.connect(self._load_mapping)
        self.clear_button = QPushButton("Clea&r")
        self.clear_button.setAccessibleName("Do not use a saved mapping")
        self.clear_button.clicked.connect(self._clear_mapping)
        form.addRow(
            "Saved &mapping:", self._row(self.mapping_edit, self.load_button, self.clear_button)
        )
        self.mapping_file: Path | None = None
        hint = QLabel(
            "Tip: drop a file on the ixdesk window to start an import with it. Sign-up sheets "
            "from web forms, events and schools work as they are: ixdesk finds the header row, "
            "the encoding and the columns, and shows everything before importing."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form.addRow(hint)
        self.setTabOrder(self.kind_buttons[Kind.COMPANIES], self.path_edit)
        self.setTabOrder(self.path_edit, self.browse_button)
        self.setTabOrder(self.browse_button, self.cohort_combo)
        self.setTabOrder(self.cohort_combo, self.load_button)
        self.setTabOrder(self.load_button, self.clear_button)

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        host = QWidget()
        layout = QHBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, widget in enumerate(widgets):
            layout.addWidget(widget, 1 if index == 0 else 0)
        host.setFocusProxy(widgets[0])  # the row's label mnemonic focuses its first field
        return host

    # --- state ---
    @property
    def kind(self) -> Kind:
        return next(kind for kind, button in self.kind_buttons.items() if button.isChecked())

    def initializePage(self) -> None:
        source = self.owner.session.source
        self.kind_buttons[source.kind].setChecked(True)
        if source.path is not None and not self.path_edit.text():
            self.path_edit.setText(str(source.path))
        self.mapping_file = source.mapping_file
        self.mapping_edit.setText(str(source.mapping_file or ""))
        current = self.cohort_combo.currentData() or self.owner.session.cohort
        self.cohort_combo.clear()
        self.cohort_combo.addItem("Do not enrol them into a cohort", None)
        for name, _cohort_id in editing.choices(self.owner.database, Kind.COHORTS):
            self.cohort_combo.addItem(name, name)
        self.cohort_combo.setCurrentIndex(max(self.cohort_combo.findData(current), 0))
        self._kind_toggled()
        self.path_edit.setFocus()

    def _kind_toggled(self) -> None:
        students = self.kind_buttons[Kind.STUDENTS].isChecked()
        self.cohort_combo.setEnabled(students)
        self.cohort_label.setEnabled(students)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        session = self.owner.session
        source = session.source
        path = Path(self.path_edit.text().strip()).expanduser()
        if (self.kind, path, self.mapping_file) != (source.kind, source.path, source.mapping_file):
            session.forget_file()
            if path != source.path:
                source.sheet = source.encoding = source.delimiter = None
                source.header_row = None
        source.kind, source.path, source.mapping_file = self.kind, path, self.mapping_file
        session.cohort = self.cohort_combo.currentData() if self.kind == Kind.STUDENTS else None
        return True

    # --- buttons ---
    def _folder(self) -> Path:
        """The folder of the file typed in, else the last import's (never the program's)."""
        typed = Path(self.path_edit.text().strip()).expanduser()
        if self.path_edit.text().strip() and typed.parent.is_dir() and typed.is_absolute():
            return typed.parent
        return import_folder()

    def _browse(self) -> None:
        chosen = self.owner.dialogs.open_file(
            "Choose the file to import", FILE_FILTERS, str(self._folder())
        )
        if chosen:
            self.path_edit.setText(chosen)

    def _load_mapping(self) -> None:
        chosen = self.owner.dialogs.open_file(
            "Load a saved mapping", MAPPING_FILTERS, str(self._folder())
        )
        if not chosen:
            return
        mapping = self.owner.workbench.operations.read(
            lambda: load_mapping(chosen), title="Cannot use this mapping"
        )
        if mapping is None:
            return
        self.mapping_file = Path(chosen)
        self.mapping_edit.setText(chosen)
        self.kind_buttons[mapping.kind].setChecked(True)

    def _clear_mapping(self) -> None:
        self.mapping_file = None
        self.mapping_edit.clear()
