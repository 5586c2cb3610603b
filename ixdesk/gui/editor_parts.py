"""What the record editor is built from: its Designer form, the lists its choice fields
offer, the placeholder shown while no record is chosen, how its form and linked records
share the height, and the words for a duplicate."""

from __future__ import annotations

import html
import importlib
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ixdesk.db import enums
from ixdesk.db.engine import Database
from ixdesk.gui import binding
from ixdesk.gui.icons import icon
from ixdesk.services import editing
from ixdesk.services.kinds import KINDS, KindSpec
from ixdesk.services.reads import tables_read
from ixdesk.services.record_kinds import Kind

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


def placeholder_page(singular: str) -> tuple[QWidget, QPushButton]:
    """What shows while no record is chosen: what to do, and a button to add one."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    text = QLabel(
        f"Choose a {singular} in the table to see and change it here, or add a new {singular}."
    )
    text.setWordWrap(True)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    text.setAccessibleName(f"No {singular} chosen")
    layout.addWidget(text)
    button = QPushButton(icon("new"), f"New {singular}")
    button.setAccessibleName(f"Add a new {singular}")
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(2)
    return page, button


def fill_choice_lists(
    database: Database,
    spec: KindSpec,
    fields: Mapping[str, QWidget],
    loaded: editing.RecordValues | None,
    tables: frozenset[str] | None = None,
) -> None:
    """(Re)load the lists the form's choice fields offer (only those read from ``tables``,
    when given); ``loaded``: the record shown, whose retired tracks stay on offer."""
    for name, widget in fields.items():
        if tables is not None:
            source = LINK_SOURCES.get(name)
            if source is None or not SOURCE_TABLES[source] & tables:
                continue  # status lists never change; this list's table did not
        if name in LINK_SOURCES:
            scope = {}
            if name == "sponsor_contact_id":  # the chosen company's own contacts
                scope["company_id"] = binding.get_value(fields["company_id"], "")
            options = editing.choices(database, LINK_SOURCES[name], **scope)
            options += _held_choices(database, name, widget, loaded, options)
            binding.fill_choices(widget, options, allow_empty=name != editing.EXPERTISE)
        elif name == "status" and spec.status_enum is not None:
            binding.fill_choices(widget, editing.enum_choices(spec.status_enum), False)
        elif name in ENUM_FIELDS:
            binding.fill_choices(widget, editing.enum_choices(ENUM_FIELDS[name]), False)


def _held_choices(
    database: Database,
    name: str,
    widget: QWidget,
    loaded: editing.RecordValues | None,
    offered: list[tuple[str, str]],
) -> list[tuple[str, str]]:
    """Retired tracks the record (or the form) has: shown and kept, though not offered."""
    held = binding.ids_in(binding.get_value(widget, name))
    if loaded is not None:
        held |= binding.ids_in(loaded.values.get(name))
    return editing.held_choices(database, LINK_SOURCES[name], held, offered)


def section_sizes(total: int, wanted: int, linked: int, consents: int | None) -> list[int]:
    """The heights of the form (``wanted`` at most), its linked records (at least
    ``linked``) and, on a student, the consent records (``consents`` at least, and a third
    of what the form leaves), in ``total``."""
    form = max(min(wanted, total - linked - (consents or 0)), 0)
    rest = total - form
    if consents is None:
        return [form, rest]
    consents = max(consents, rest // 3)
    return [form, rest - consents, consents]


def duplicate_message(kind: Kind, duplicate: editing.Duplicate) -> str:
    """What the field says of a record that already has its email or name."""
    link = f"<a href='open:{kind}:{duplicate.id}'>{html.escape(duplicate.title)}</a>"
    if duplicate.field == "email":
        return f"Already used by {link}."
    where = " of this cohort" if kind == Kind.GROUPS else ""
    return f"Another {KINDS[kind].singular}{where} is already called {link}."
