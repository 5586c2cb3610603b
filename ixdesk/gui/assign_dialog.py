"""Give one group its business problem, lead instructor and assistants.

Recommended choices come first (approved problems of the cohort's track;
active instructors who teach it), then a separator and the others; whatever
is picked shows its warning beside the list, and the dialog grows to show
it. The lead is not offered as an assistant. Saving is one undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db.engine import Database
from ixdesk.errors import ChangedElsewhereError
from ixdesk.gui.dialogs import grow_to_fit
from ixdesk.gui.icons import icon
from ixdesk.gui.workbench import Workbench
from ixdesk.services import assignments as svc
from ixdesk.services.folding import fold
from ixdesk.services.operations import ChangeHub
from ixdesk.services.validation import quoted
from ixdesk.services.validation.dates import day_text

ID_ROLE = Qt.ItemDataRole.UserRole
WARNING_ROLE = Qt.ItemDataRole.UserRole + 1


class AssignStep:
    """Undo puts back the problem, lead and assistants from before the save."""

    def __init__(
        self,
        database: Database,
        hub: ChangeHub,
        group_id: str,
        label: str,
        change: svc.AssignmentChange,
    ) -> None:
        self.text = f"Assign {label}"
        self.database, self.hub, self.group_id = database, hub, group_id
        self.change = change
        self._undone_version = change.current.version

    def _assign(self, wanted: svc.Assignment, version: int) -> svc.Assignment:
        done = svc.assign_group(
            self.database, self.group_id, wanted.business_problem_id,
            wanted.lead_instructor_id, list(wanted.assistant_ids), hub=self.hub,
            expected_version=version,
        )  # fmt: skip
        return done.current

    def undo(self) -> None:
        self._undone_version = self._assign(
            self.change.previous, self.change.current.version
        ).version

    def redo(self) -> None:
        current = self._assign(self.change.current, self._undone_version)
        self.change = svc.AssignmentChange(self.change.previous, current)


class _Note(QWidget):
    """A warning icon and a sentence, hidden while there is nothing to say."""

    def __init__(self, accessible: str, icon_name: str = "warning") -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        badge = QLabel()
        badge.setPixmap(icon(icon_name).pixmap(16, 16))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(badge)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.setAccessibleName(accessible)
        layout.addWidget(self.text, 1)
        self.hide()

    def say(self, text: str | None) -> None:
        self.text.setText(text or "")
        self.setVisible(bool(text))


class AssignDialog(QDialog):
    def __init__(self, workbench: Workbench, group_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.database, self.hub, self.dialogs = workbench.database, workbench.hub, workbench.dialogs
        self.group_id = group_id
        self.setWindowTitle("Assign business problem and instructors")
        self.setMinimumWidth(620)
        self._build()
        self.reload()

    # --- construction ---
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName("Group")
        layout.addWidget(self.heading)
        self.details = QLabel()
        self.details.setAccessibleName("Cohort")
        layout.addWidget(self.details)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.problem_combo = self._combo("Business problem")
        self.problem_combo.currentIndexChanged.connect(self._problem_changed)
        form.addRow("Business &problem:", self.problem_combo)
        self.problem_note = _Note("Warning about the business problem")
        form.addRow("", self.problem_note)
        self.lead_combo = self._combo("Lead instructor")
        self.lead_combo.currentIndexChanged.connect(self._lead_changed)
        form.addRow("&Lead instructor:", self.lead_combo)
        self.lead_note = _Note("Warning about the lead instructor")
        form.addRow("", self.lead_note)
        self.assistant_search = QLineEdit()
        self.assistant_search.setPlaceholderText("Find an instructor…")
        self.assistant_search.setClearButtonEnabled(True)
        self.assistant_search.setAccessibleName("Find an assistant instructor")
        self.assistant_search.textChanged.connect(self._filter_assistants)
        form.addRow("&Assistants:", self.assistant_search)
        self.assistant_list = QListWidget()
        self.assistant_list.setAccessibleName("Assistant instructors (Space ticks one)")
        self.assistant_list.setMinimumHeight(160)
        self.assistant_list.setIconSize(QSize(16, 16))
        self.assistant_list.itemChanged.connect(self._assistants_changed)
        form.addRow("", self.assistant_list)
        self.assistant_note = _Note("Warnings about the assistants")
        form.addRow("", self.assistant_note)
        layout.addLayout(form, 1)

        self.refusal = _Note("Why the assignment cannot be saved", "alert")
        layout.addWidget(self.refusal)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save the assignment")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _combo(self, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(40)
        combo.setMaxVisibleItems(20)
        return combo

    # --- loading ---
    def reload(self) -> None:
        """Read the group, its choices and its assignment afresh (drops unsaved picks)."""
        self.context = svc.group_context(self.database, self.group_id)
        self.assignment = svc.load_assignment(self.database, self.group_id)
        self.problems = svc.problem_choices(self.database, self.group_id)
        self.instructors = svc.instructor_choices(self.database, self.group_id)
        context = self.context
        self.heading.setText(f"{context.group_name} · {context.cohort_name}")
        parts = [f"{context.track_name} track" if context.track_name else "No track"]
        parts.append("high-school students" if context.high_school else "university students")
        if context.starts_on and context.ends_on:
            parts.append(f"{day_text(context.starts_on)} – {day_text(context.ends_on)}")
        self.details.setText(" · ".join(parts))
        self._fill_problems()
        self._fill_leads()
        self._fill_assistants()
        self._problem_changed()
        self._lead_changed()

    def _fill_problems(self) -> None:
        combo = self.problem_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("No business problem", None)
        _add_choices(
            combo,
            [(p.label, p.id, p.warning, p.recommended) for p in self.problems],
        )
        combo.blockSignals(False)
        self.choose_problem(self.assignment.business_problem_id)

    def _fill_leads(self) -> None:
        combo = self.lead_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("No lead instructor", None)
        _add_choices(
            combo,
            [(i.label, i.id, i.warning, _recommended(i)) for i in self.instructors],
        )
        combo.blockSignals(False)
        self.choose_lead(self.assignment.lead_instructor_id)

    def _fill_assistants(self) -> None:
        listing = self.assistant_list
        listing.blockSignals(True)
        listing.clear()
        ticked = set(self.assignment.assistant_ids)
        for choice in self.instructors:
            item = QListWidgetItem(choice.label)
            item.setData(ID_ROLE, choice.id)
            item.setData(WARNING_ROLE, choice.warning)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = choice.id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setIcon(_mark(choice.warning))
            if choice.warning:
                item.setToolTip(choice.warning)
            listing.addItem(item)
        listing.blockSignals(False)
        self.assistant_search.clear()
        self._assistants_changed()

    # --- choosing (also what tests call) ---
    def choose_problem(self, problem_id: str | None) -> None:
        _choose(self.problem_combo, problem_id)

    def choose_lead(self, instructor_id: str | None) -> None:
        _choose(self.lead_combo, instructor_id)

    def set_assistants(self, instructor_ids: list[str]) -> None:
        wanted = set(instructor_ids)
        for row in range(self.assistant_list.count()):
            item = self.assistant_list.item(row)
            checked = item.data(ID_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen_problem(self) -> str | None:
        problem_id: str | None = self.problem_combo.currentData(ID_ROLE)
        return problem_id

    def chosen_lead(self) -> str | None:
        lead_id: str | None = self.lead_combo.currentData(ID_ROLE)
        return lead_id

    def chosen_assistants(self) -> list[str]:
        return [
            item.data(ID_ROLE)
            for item in map(self.assistant_list.item, range(self.assistant_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def problem_order(self) -> list[str]:
        """The problem ids in the order the list offers them."""
        ids = (self.problem_combo.itemData(i, ID_ROLE) for i in range(self.problem_combo.count()))
        return [each for each in ids if each is not None]

    # --- reacting ---
    def _problem_changed(self) -> None:
        self.problem_note.say(self.problem_combo.currentData(WARNING_ROLE))
        grow_to_fit(self)

    def _lead_changed(self) -> None:
        """The lead leaves the assistants' list (unticked) until another lead is chosen."""
        self.lead_note.say(self.lead_combo.currentData(WARNING_ROLE))
        lead = self.chosen_lead()
        listing = self.assistant_list
        listing.blockSignals(True)
        for item in map(listing.item, range(listing.count())):
            if lead is not None and item.data(ID_ROLE) == lead:
                item.setCheckState(Qt.CheckState.Unchecked)
        listing.blockSignals(False)
        self._filter_assistants(self.assistant_search.text())
        self._assistants_changed()

    def _assistants_changed(self) -> None:
        chosen = set(self.chosen_assistants())
        notes = [
            f"{choice.name}: {choice.warning}"
            for choice in self.instructors
            if choice.id in chosen and choice.warning
        ]
        self.assistant_note.say("\n".join(notes))
        lead = self.chosen_lead()
        clash = next((c.name for c in self.instructors if c.id == lead and lead in chosen), None)
        self.refusal.say(
            f"{clash} is the lead instructor; untick them as an assistant." if clash else None
        )
        self.save_button.setEnabled(clash is None)
        grow_to_fit(self)

    def _filter_assistants(self, text: str) -> None:
        terms, lead = fold(text).split(), self.chosen_lead()
        for row in range(self.assistant_list.count()):
            item = self.assistant_list.item(row)
            label = fold(item.text())
            is_lead = lead is not None and item.data(ID_ROLE) == lead
            item.setHidden(is_lead or not all(term in label for term in terms))

    # --- saving ---
    def accept(self) -> None:
        wanted = (
            self.chosen_problem(),
            self.chosen_lead(),
            tuple(sorted(self.chosen_assistants())),
        )
        current = self.assignment
        if wanted == (
            current.business_problem_id,
            current.lead_instructor_id,
            current.assistant_ids,
        ):
            super().accept()
            return
        database, hub, group_id, name = (
            self.database,
            self.hub,
            self.group_id,
            self.context.group_name,
        )

        def changed_elsewhere(error: ChangedElsewhereError) -> None:
            if self.dialogs.reload_or_keep("Changed elsewhere", str(error)):
                self.reload()

        if self.workbench.operations.run(
            lambda: svc.assign_group(
                database, group_id, wanted[0], wanted[1], list(wanted[2]),
                hub=hub, expected_version=current.version,
            ),
            title="The group was not saved",
            source=self,
            undo=lambda change: AssignStep(database, hub, group_id, name, change),
            handle=(ChangedElsewhereError, changed_elsewhere),
            status=f"Assigned {quoted(name)}.",
        ):  # fmt: skip
            super().accept()


def _choose(combo: QComboBox, record_id: str | None) -> None:
    """Pick ``record_id`` (the "none" entry at the top when it is None or not offered)."""
    index = combo.findData(record_id, ID_ROLE) if record_id is not None else 0
    combo.setCurrentIndex(max(index, 0))


def _recommended(choice: svc.InstructorChoice) -> bool:
    return choice.status == "active" and choice.teaches_track


def _add_choices(combo: QComboBox, choices: list[tuple[str, str, str | None, bool]]) -> None:
    """Recommended choices, a separator, then the others with a warning icon."""
    recommended = [each for each in choices if each[3]]
    others = [each for each in choices if not each[3]]
    for label, record_id, warning, _ in recommended:
        _add_item(combo, label, record_id, warning)
    if recommended and others:
        combo.insertSeparator(combo.count())
    for label, record_id, warning, _ in others:
        _add_item(combo, label, record_id, warning)


def _add_item(combo: QComboBox, label: str, record_id: str, warning: str | None) -> None:
    combo.addItem(_mark(warning), label, record_id)
    combo.setItemData(combo.count() - 1, warning, WARNING_ROLE)
    if warning:
        combo.setItemData(combo.count() - 1, warning, Qt.ItemDataRole.ToolTipRole)


def _mark(warning: str | None) -> QIcon:
    """The warning icon, or an empty one of the same size so labels line up."""
    if warning:
        return icon("warning")
    blank = QPixmap(16, 16)
    blank.fill(QColor(0, 0, 0, 0))
    return QIcon(blank)
