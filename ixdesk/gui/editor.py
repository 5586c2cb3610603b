"""The detail editor beside each table: one Designer form, bound by field names.

It validates as the person types (errors at the field, in words; Save stays
disabled until the record is valid), saves through an undoable command, and
never loses edits silently: leaving a changed record asks first, and a record
changed elsewhere is never overwritten.
"""

from __future__ import annotations

import html
import importlib
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db import enums
from ixdesk.errors import ChangedElsewhereError, RecordNotFoundError
from ixdesk.gui import binding
from ixdesk.gui.dialogs import Button
from ixdesk.gui.kind_views import KIND_VIEWS
from ixdesk.gui.linked_records import LinkedRecords
from ixdesk.gui.problem_choices import ProblemChoices
from ixdesk.gui.undo import SaveStep
from ixdesk.gui.workbench import Workbench
from ixdesk.services import editing, links, rules
from ixdesk.services.kinds import KINDS
from ixdesk.services.reads import reads_of, tables_read
from ixdesk.services.record_kinds import CONTACTS, Kind

LINK_SOURCES: dict[str, editing.ChoiceSource] = {
    "track_interest_id": "tracks",
    "track_id": "tracks",
    "company_id": Kind.COMPANIES,
    "sponsor_contact_id": "contacts",
    "cohort_id": Kind.COHORTS,
    "business_problem_id": Kind.PROBLEMS,
    "lead_instructor_id": Kind.INSTRUCTORS,
    "expertise": "tracks",
}
ENUM_FIELDS = {
    "audience": enums.Audience,
    "format": enums.CohortFormat,
    "schedule": enums.CohortSchedule,
    "safeguarding_status": enums.SafeguardingStatus,
}
# The tables each list of choices is read from (asked of its query): refilled only
# when they change.
SOURCE_TABLES = {
    source: tables_read(editing.choice_query(source)) for source in LINK_SOURCES.values()
}


def load_form(form_name: str, host: QWidget) -> Any:
    """Build a compiled Designer form on ``host``; returns its ``Ui_`` object."""
    module = importlib.import_module(f"ixdesk.gui.generated.ui_{form_name}")
    ui_class = next(getattr(module, n) for n in dir(module) if n.startswith("Ui_"))
    ui = ui_class()
    ui.setupUi(host)
    return ui


class RecordEditor(QWidget):
    saved = Signal(str)  # the record's id
    open_linked = Signal(str, str)  # kind, id
    add_contact = Signal()
    edit_contact = Signal(str)
    dirty_changed = Signal(bool)

    def __init__(self, kind: Kind, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.spec = kind, KINDS[kind]
        self.workbench = workbench
        self.database, self.dialogs = workbench.database, workbench.dialogs
        self.loaded = editing.empty_values(kind)
        self.problems: dict[str, str] = {}
        self._loading = False
        self._baseline: dict[str, Any] = {}
        self._build()
        self._baseline = self._widget_values()
        self._refresh_state()

    # --- construction ---
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName(f"{self.spec.singular.capitalize()} being edited")
        layout.addWidget(self.title)

        self.form = QWidget()
        form_name = KIND_VIEWS[self.kind].editor_form
        self.ui = load_form(form_name, self.form)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.form)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the first field
        # The form above its linked records: the form gets the height it needs (and
        # scrolls beyond that), the list the rest, until the person moves the handle.
        self.sections = QSplitter(Qt.Orientation.Vertical)
        self.sections.setChildrenCollapsible(False)
        self.sections.addWidget(self.scroll_area)
        self.sections_moved = False
        self.sections.splitterMoved.connect(self._sections_moved)
        layout.addWidget(self.sections, 1)

        self.fields: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        for name in (*editing.EDITABLE[self.kind], editing.EXPERTISE):
            widget = self.form.findChild(QWidget, name)
            if widget is None:
                if name == editing.EXPERTISE:
                    continue
                raise LookupError(f"{form_name}.ui has no field named {name}")
            self.fields[name] = widget
            binding.on_change(widget, self._changed)
            self.error_labels[name] = binding.error_label_for(widget, name)
            self.error_labels[name].linkActivated.connect(self._open_link_url)
        if "company_id" in self.fields and "sponsor_contact_id" in self.fields:
            binding.on_change(self.fields["company_id"], self._company_changed)
        self.fill_choices()

        self.linked_records = LinkedRecords(self.database, self.kind)
        self.linked_records.open_record.connect(self._open_linked_record)
        self.linked, self.linked_title = self.linked_records.tree, self.linked_records.title
        self.problem_choices: ProblemChoices | None = None
        if self.kind == Kind.STUDENTS:  # the ranking of business problems, below the links
            self.problem_choices = ProblemChoices(self.workbench)
            self.linked_records.add_below(self.problem_choices)
        self.sections.addWidget(self.linked_records)

        buttons = QHBoxLayout()
        if self.kind == Kind.COMPANIES:
            self.add_contact_button = QPushButton("Add &contact…")
            self.add_contact_button.setAccessibleName("Add a contact to this company")
            self.add_contact_button.clicked.connect(self.add_contact.emit)
            buttons.addWidget(self.add_contact_button)
        buttons.addStretch(1)
        self.revert_button = QPushButton("Re&vert")
        self.revert_button.setAccessibleName("Revert unsaved changes")
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName(f"Save this {self.spec.singular}")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self._refresh_state()

    def reads(self) -> frozenset[str]:
        """The tables behind the lists of choices and the linked records it shows."""
        lists = [SOURCE_TABLES[LINK_SOURCES[name]] for name in self.fields if name in LINK_SOURCES]
        choices = self.problem_choices.READS if self.problem_choices else frozenset()
        return reads_of(links.linked_records).union(choices, *lists)

    def fill_choices(self, tables: frozenset[str] | None = None) -> None:
        """(Re)load the lists of linked records offered by combo boxes.

        With ``tables``, only the lists read from those tables are refilled.
        """
        for name, widget in self.fields.items():
            if tables is not None:
                source = LINK_SOURCES.get(name)
                if source is None or not SOURCE_TABLES[source] & tables:
                    continue  # status lists never change; this list's table did not
            if name in LINK_SOURCES:
                scope = {}
                if name == "sponsor_contact_id":  # the chosen company's own contacts
                    scope["company_id"] = binding.get_value(self.fields["company_id"], "")
                options = editing.choices(self.database, LINK_SOURCES[name], **scope)
                options += self._held_choices(name, widget, options)
                binding.fill_choices(widget, options, allow_empty=name != editing.EXPERTISE)
            elif name == "status" and self.spec.status_enum is not None:
                binding.fill_choices(widget, editing.enum_choices(self.spec.status_enum), False)
            elif name in ENUM_FIELDS:
                binding.fill_choices(widget, editing.enum_choices(ENUM_FIELDS[name]), False)

    # --- loading and state ---
    def load(self, record_id: str | None) -> None:
        record = (
            editing.empty_values(self.kind)
            if record_id is None
            else editing.load_values(self.database, self.kind, record_id)
        )
        self.show_record(record)

    def _held_choices(
        self, name: str, widget: QWidget, offered: list[tuple[str, str]]
    ) -> list[tuple[str, str]]:
        """Retired tracks the record (or the form) has: shown and kept, though not offered."""
        held = binding.ids_in(binding.get_value(widget, name))
        loaded = getattr(self, "loaded", None)
        if loaded is not None:
            held |= binding.ids_in(loaded.values.get(name))
        return editing.held_choices(self.database, LINK_SOURCES[name], held, offered)

    def show_record(self, record: editing.RecordValues) -> None:
        self._loading = True
        self.loaded = record
        if any(  # a retired track of this record: shown and kept, though not offered
            binding.ids_in(record.values.get(name)) - binding.offered(widget)
            for name, widget in self.fields.items()
            if LINK_SOURCES.get(name) == "tracks"
        ):
            self.fill_choices(frozenset({"tracks"}))
        for name, widget in self.fields.items():
            if name == "sponsor_contact_id":  # offered once the company is shown
                self.fill_choices(frozenset({"contacts"}))
            binding.set_value(widget, record.values.get(name))
        if self.kind == Kind.GROUPS:
            self._lock_cohort(record.id)
        self._loading = False
        # What the form shows for the record as loaded: edits are measured against
        # this, so a value the form shows less precisely (a consent time) is never
        # taken for a change, nor written back.
        self._baseline = self._widget_values()
        self.title.setText(
            self.spec.title(record.values) if record.id else f"New {self.spec.singular}"
        )
        self._load_links()
        self._changed()

    def _lock_cohort(self, group_id: str | None) -> None:
        fixed = group_id is not None and editing.group_cohort_is_fixed(self.database, group_id)
        cohort = self.fields["cohort_id"]
        cohort.setEnabled(not fixed)
        cohort.setToolTip(editing.GROUP_STAYS_IN_COHORT if fixed else "")

    def refresh_links(self) -> None:
        if self.loaded.id is not None:
            self._load_links()

    def _load_links(self) -> None:
        self.linked_records.show_for(self.loaded.id)
        if self.problem_choices is not None:
            self.problem_choices.show_for(self.loaded.id)
        self.fit_sections()  # application answers may need more of the height

    def _company_changed(self) -> None:
        if not self._loading:
            self.fill_choices(frozenset({"contacts"}))
            self._changed()

    # --- the form and its linked records share the height ---
    def _sections_moved(self) -> None:
        self.sections_moved = True

    def fit_sections(self) -> None:
        """Give the form the height it needs, the linked records at least theirs."""
        total = self.sections.height() - self.sections.handleWidth()
        if self.sections_moved or total <= 0:
            return
        wanted = self.form.sizeHint().height() + 2 * self.scroll_area.frameWidth()
        linked = self.linked_records.minimumSizeHint().height()
        form = max(min(wanted, total - linked), 0)
        self.sections.setSizes([form, total - form])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_sections()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_sections()

    def _widget_values(self) -> dict[str, Any]:
        shown = {name: binding.get_value(widget, name) for name, widget in self.fields.items()}
        return rules.normalise_record(shown)

    def changed_fields(self) -> dict[str, Any]:
        baseline = self._baseline
        return {k: v for k, v in self._widget_values().items() if baseline.get(k) != v}

    def current_values(self) -> dict[str, Any]:
        """The record as it would be saved: loaded values with the person's edits."""
        return {**self.loaded.values, **self.changed_fields()}

    def is_dirty(self) -> bool:
        return bool(self.changed_fields())

    def _changed(self) -> None:
        if self._loading:
            return
        values = self.current_values()
        self.problems = rules.check_record(self.kind, values)
        for name, widget in self.fields.items():
            unreadable = binding.field_problem(widget)
            if unreadable is not None:
                self.problems[name] = unreadable
        duplicate = editing.find_duplicate(self.database, self.kind, values, self.loaded.id)
        if duplicate is not None and duplicate.field not in self.problems:
            self.problems[duplicate.field] = self._duplicate_message(duplicate)
        for name, label in self.error_labels.items():
            message = self.problems.get(name)
            label.setText(message or "")
            label.setVisible(bool(message))
            self.fields[name].setProperty("invalid", bool(message))
        self._refresh_state()

    def _duplicate_message(self, duplicate: editing.Duplicate) -> str:
        link = f"<a href='open:{self.kind}:{duplicate.id}'>{html.escape(duplicate.title)}</a>"
        if duplicate.field == "email":
            return f"Already used by {link}."
        where = " of this cohort" if self.kind == Kind.GROUPS else ""
        return f"Another {self.spec.singular}{where} is already called {link}."

    def _refresh_state(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty and not self.problems)
        self.revert_button.setEnabled(dirty)
        self.dirty_changed.emit(dirty)

    # --- actions ---
    def save(self) -> bool:
        """Save if valid; returns whether the record is now saved."""
        self._changed()
        if self.problems:
            first = next(iter(self.problems))
            self.fields[first].setFocus()
            return False
        if not self.is_dirty():
            return True
        before = self.loaded
        wanted = editing.RecordValues(self.kind, before.id, before.version, self.current_values())
        database, hub = self.database, self.workbench.hub

        def changed_elsewhere(error: ChangedElsewhereError) -> None:
            if self.dialogs.reload_or_keep("Changed elsewhere", str(error)) and before.id:
                self.load(before.id)

        def saved(after: editing.RecordValues) -> None:
            assert after.id is not None
            self.load(after.id)
            self.saved.emit(after.id)

        return self.workbench.operations.run(
            lambda: editing.save_values(database, wanted, hub=hub),
            title=f"The {self.spec.singular} was not saved",
            source=self,
            undo=lambda after: SaveStep(database, hub, before, after),
            handle=(ChangedElsewhereError, changed_elsewhere),
            status=lambda after: f"Saved {self.spec.title(after.values)}.",
            then=saved,
        )

    def revert(self) -> None:
        self.show_record(self.loaded)

    def reload_if_showing(self, ids: frozenset[str]) -> None:
        """Another change touched this record: reload it unless the person is editing."""
        if self.loaded.id is None or self.loaded.id not in ids or self.is_dirty():
            return
        try:
            self.load(self.loaded.id)
        except RecordNotFoundError:
            self.load(None)

    def maybe_leave(self) -> bool:
        """Ask before unsaved edits would be lost; returns whether it is fine to move on."""
        if not self.is_dirty():
            return True
        answer = self.dialogs.save_discard_cancel(
            "Unsaved changes",
            f"Save the changes to {self.spec.title(self.current_values())}?",
        )
        if answer == Button.Save:
            return self.save()
        if answer == Button.Discard:
            self.revert()
            return True
        return False

    def _open_linked_record(self, key: str, record_id: str) -> None:
        """A linked record was chosen: ``key`` is its kind's key, or "contacts"."""
        if key == CONTACTS:
            self.edit_contact.emit(record_id)
        else:
            self.open_linked.emit(key, record_id)

    def _open_link_url(self, url: str) -> None:
        _, kind, record_id = url.split(":", 2)
        self.open_linked.emit(kind, record_id)
