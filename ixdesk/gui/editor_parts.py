"""What the record editor is built from: its Designer form, the lists its choice fields
offer, and the placeholder shown while no record is chosen."""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ixdesk.db import enums
from ixdesk.gui.icons import icon
from ixdesk.services import editing
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
