"""The detail editor beside each table: one Designer form, bound by field names.

It validates as the person types and says what is wrong at the field, in words,
once they have left that field or tried to save (never on a form not touched
yet); it saves through an undoable command, and never loses edits silently:
leaving a changed record asks first, and a record changed elsewhere is never
overwritten. With no record chosen it says what to do instead of showing an
empty form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ixdesk.errors import ChangedElsewhereError, RecordNotFoundError
from ixdesk.gui import binding
from ixdesk.gui.consent_panel import ConsentPanel
from ixdesk.gui.dialogs import Button
from ixdesk.gui.editor_parts import (
    LINK_SOURCES,
    SOURCE_TABLES,
    duplicate_message,
    fill_choice_lists,
    load_form,
    placeholder_page,
    section_sizes,
)
from ixdesk.gui.field_problems import FieldProblems
from ixdesk.gui.kind_views import KIND_VIEWS
from ixdesk.gui.linked_records import LinkedRecords
from ixdesk.gui.problem_choices import ProblemChoices
from ixdesk.gui.undo import SaveStep
from ixdesk.gui.workbench import Workbench
from ixdesk.services import editing, links, rules, stale_edits
from ixdesk.services.kinds import KINDS
from ixdesk.services.privacy.consent import consent_card
from ixdesk.services.reads import reads_of
from ixdesk.services.record_kinds import CONTACTS, Kind
from ixdesk.services.validation import quoted


class RecordEditor(QWidget):
    saved = Signal(str)  # the record's id
    open_linked = Signal(str, str)  # kind, id
    add_contact = Signal()
    edit_contact = Signal(str)
    dirty_changed = Signal(bool)
    new_requested = Signal()  # "New …" on the placeholder shown when nothing is chosen

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
        self.show_nothing()

    # --- construction ---
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.placeholder, self.placeholder_new = placeholder_page(self.spec.singular)
        self.placeholder_new.clicked.connect(self.new_requested)
        self.pages.addWidget(self.placeholder)
        self.body = QWidget()
        self.pages.addWidget(self.body)
        layout = self.body_layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
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
        for name in (*editing.EDITABLE[self.kind], editing.EXPERTISE):
            widget = self.form.findChild(QWidget, name)
            if widget is None:
                if name == editing.EXPERTISE:
                    continue
                raise LookupError(f"{form_name}.ui has no field named {name}")
            self.fields[name] = widget
            binding.on_change(widget, self._changed)
        self.field_problems = FieldProblems(self.fields, self)
        self.error_labels = self.field_problems.labels
        self.field_problems.revealed.connect(self._refresh_state)
        for label in self.error_labels.values():
            label.linkActivated.connect(self._open_link_url)
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
        self.consents: ConsentPanel | None = None
        if self.kind == Kind.STUDENTS:
            self.consents = ConsentPanel(self.workbench, self.fields["messaging_opt_in"])
            self.sections.addWidget(self.consents)

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

    def showing_nothing(self) -> bool:
        return self.pages.currentWidget() is self.placeholder

    def show_nothing(self) -> None:
        """No record chosen: the placeholder instead of an empty form."""
        self.show_record(editing.empty_values(self.kind))
        self.pages.setCurrentWidget(self.placeholder)

    def reads(self) -> frozenset[str]:
        """The tables behind the lists of choices and the linked records it shows."""
        lists = [SOURCE_TABLES[LINK_SOURCES[name]] for name in self.fields if name in LINK_SOURCES]
        consents = reads_of(consent_card) if self.consents is not None else frozenset()
        choices = self.problem_choices.READS if self.problem_choices else frozenset()
        return reads_of(links.linked_records).union(consents, choices, *lists)

    def fill_choices(self, tables: frozenset[str] | None = None) -> None:
        """(Re)load the lists of linked records offered by combo boxes.

        With ``tables``, only the lists read from those tables are refilled.
        """
        loaded = getattr(self, "loaded", None)  # none yet while the form is being built
        fill_choice_lists(self.database, self.spec, self.fields, loaded, tables)

    # --- loading and state ---
    def load(self, record_id: str | None) -> None:
        record = (
            editing.empty_values(self.kind)
            if record_id is None
            else editing.load_values(self.database, self.kind, record_id)
        )
        self.show_record(record)

    def show_record(self, record: editing.RecordValues) -> None:
        if self.showing_nothing():  # the form comes back: lay it out before filling it
            self.pages.setCurrentWidget(self.body)
            self.body_layout.activate()
            self.form.updateGeometry()  # the scroll area sizes it afresh
            self.fit_sections()
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
        self.field_problems.start_again()
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
        if self.consents is not None:
            self.consents.show_for(self.loaded.id)
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
        consents = None if self.consents is None else self.consents.minimumSizeHint().height()
        self.sections.setSizes(section_sizes(total, wanted, linked, consents))

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
            self.problems[duplicate.field] = duplicate_message(self.kind, duplicate)
        self.field_problems.show(self.problems, rules.record_warnings(self.kind, values))
        self._refresh_state()

    def _refresh_state(self) -> None:
        dirty = self.is_dirty()
        # Saving shows the problems not shown yet; the ones shown must be mended first.
        self.save_button.setEnabled(dirty and not self.field_problems.shown())
        self.revert_button.setEnabled(dirty)
        self.dirty_changed.emit(dirty)

    # --- actions ---
    def save(self) -> bool:
        """Save if valid; returns whether the record is now saved."""
        self.field_problems.reveal_all()
        self._changed()
        if self.problems:
            first = next(name for name in self.fields if name in self.problems)
            self.fields[first].setFocus()
            return False
        if not self.is_dirty():
            return True
        before = self.loaded
        wanted = editing.RecordValues(self.kind, before.id, before.version, self.current_values())
        database, hub = self.database, self.workbench.hub

        def changed_elsewhere(error: ChangedElsewhereError) -> None:
            mine = self.changed_fields()
            theirs, both = stale_edits.saved_since(database, before, mine)
            if self.dialogs.reload_or_keep("Changed elsewhere", f"{error}{both}") and before.id:
                self.load(before.id)
            elif theirs is not None:  # keep mine, over their version: saving is now a choice
                self.show_record(theirs)
                for name, value in mine.items():
                    binding.set_value(self.fields[name], value)
                self._changed()

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
            status=lambda after: f"Saved {quoted(self.spec.title(after.values))}.",
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
            self.show_nothing()

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
