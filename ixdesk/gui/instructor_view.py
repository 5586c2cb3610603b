"""One instructor's groups, read-only: what an instructor reviewing their group lists sees.

In the coordinator's window, choose an instructor by name or email (type to
search); ``ixdesk --instructor EMAIL`` shows one instructor's groups alone,
with no chooser (see ``instructor_window``). Each group shows its cohort,
meeting slot, the instructor's role, the partner company and business
problem, and its members with only the fields of an instructor roster;
nothing here can be edited. "Copy members" puts a group's member table on
the clipboard as tab-separated text for a spreadsheet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db.engine import Database
from ixdesk.gui.dashboard import heading
from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.kind_views import ViewColumn
from ixdesk.gui.record_model import RecordTableModel, display_text
from ixdesk.gui.record_table import ROW_HEIGHT_PADDING, rows_as_tsv
from ixdesk.gui.workbench import Workbench
from ixdesk.services.instructor_view import (
    LEAD,
    InstructorChoice,
    InstructorGroup,
    find_instructor_by_email,
    instructor_choices,
    instructor_groups,
)
from ixdesk.services.kinds import DATE, NUMBER, status_label
from ixdesk.services.reads import reads_of
from ixdesk.services.tables import TableRows

MEMBER_COLUMNS = (
    ViewColumn("name", "Name", width=220),
    ViewColumn("school", "School", width=220),
    ViewColumn("grade", "Grade", NUMBER, width=70),
    ViewColumn("email", "Email", width=260),
)
CHOOSE = "Choose an instructor above (type a name or an email address) to see their groups."


def _dates(group: InstructorGroup) -> str:
    first, last = display_text(group.starts_on, DATE), display_text(group.ends_on, DATE)
    return " – ".join(part for part in (first, last) if part)


def _value(text: str | None) -> QLabel:
    label = QLabel(text or "—")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class GroupSection(QFrame):
    """A group's facts on top, its members below, and a copy button."""

    def __init__(self, group: InstructorGroup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        top = QHBoxLayout()
        title = heading(f"{group.name} · {group.cohort}", 1.2)
        title.setWordWrap(True)
        top.addWidget(title, 1)
        self.copy_button = QPushButton(icon("copy"), "Copy members")
        self.copy_button.setAccessibleName(f"Copy the members of {group.name}")
        self.copy_button.clicked.connect(self.copy_members)
        top.addWidget(self.copy_button)
        layout.addLayout(top)

        facts = QFormLayout()
        facts.setHorizontalSpacing(16)
        role = "Lead instructor" if group.role == LEAD else "Assistant instructor"
        others = f"Lead: {group.lead_instructor}" if group.role != LEAD else ""
        if group.assistants:
            others = "; ".join(part for part in (others, f"Assistants: {group.assistants}") if part)
        for label, text in (
            ("Your role", role + (f" ({others})" if others else "")),
            ("Meeting slot", group.meeting_slot),
            ("Dates", f"{_dates(group)}  ({status_label(group.cohort_status).lower()})"),
            ("Location", group.location),
            ("Partner company", group.partner_company),
            ("Business problem", group.business_problem),
            ("The problem", group.problem_summary),
            ("Deliverables", group.deliverables),
        ):
            if label in ("The problem", "Deliverables") and not text:
                continue
            facts.addRow(f"{label}:", _value(text))
        layout.addLayout(facts)

        self.model = RecordTableModel(MEMBER_COLUMNS)
        rows = [(m.name, m.school, m.grade, m.email) for m in group.members]
        self.model.set_rows(TableRows([str(i) for i in range(len(rows))], rows))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(f"Members of {group.name}")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + ROW_HEIGHT_PADDING)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for index, column in enumerate(MEMBER_COLUMNS):
            header.resizeSection(index, column.width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        frame = self.table.frameWidth() * 2
        height = header.sizeHint().height() + vertical.defaultSectionSize() * max(len(rows), 1)
        height += frame
        self.table.setFixedHeight(height)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        copy = QAction("Copy members", self.table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_members)
        self.table.addAction(copy)
        layout.addWidget(self.table)
        if not rows:
            empty = QLabel("No students in this group yet.")
            empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(empty)

    def tsv(self) -> str:
        return rows_as_tsv(self.model, range(self.model.rowCount()))

    def copy_members(self) -> None:
        QGuiApplication.clipboard().setText(self.tsv())


class InstructorGroups(QWidget):
    """One instructor's groups, read-only, with no way to choose another instructor.

    Instructor mode (``ixdesk --instructor EMAIL``) shows this alone; the
    coordinator's :class:`InstructorView` adds a chooser in front of it.
    """

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.instructor_id: str | None = None
        self.who = ""
        self.sections: list[GroupSection] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.top_bar = QHBoxLayout()
        self.archived = QCheckBox("Include &archived cohorts")
        self.archived.setAccessibleName("Include groups of archived cohorts")
        self.archived.toggled.connect(lambda _on: self.reload_groups())
        self.top_bar.addWidget(self.archived)
        layout.addLayout(self.top_bar)
        self.summary = QLabel(CHOOSE)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary of the instructor's groups")
        layout.addWidget(self.summary)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.scroll_area, 1)
        self._show_groups([])

    def show_instructor(self, choice: InstructorChoice) -> None:
        self.instructor_id, self.who = choice.instructor_id, choice.label
        self.reload_groups()

    def reload_groups(self) -> None:
        if self.instructor_id is None:
            self.summary.setText(CHOOSE)
            self._show_groups([])
            return
        groups = instructor_groups(
            self.database, self.instructor_id, include_archived=self.archived.isChecked()
        )
        self._show_groups(groups)
        who = self.who or "This instructor"
        if not groups:
            where = "" if self.archived.isChecked() else " in a current cohort"
            self.summary.setText(f"{who} leads or assists no groups{where}.")
            return
        leads = sum(group.role == LEAD for group in groups)
        students = sum(len(group.members) for group in groups)
        self.summary.setText(
            f"{who}: {len(groups)} group{'s' if len(groups) != 1 else ''} "
            f"({leads} as lead, {len(groups) - leads} as assistant), "
            f"{students} student{'s' if students != 1 else ''}. Read-only."
        )

    def _show_groups(self, groups: list[InstructorGroup]) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(12)
        self.sections = [GroupSection(group) for group in groups]
        for section in self.sections:
            column.addWidget(section)
        column.addStretch(1)
        old = self.scroll_area.takeWidget()
        self.scroll_area.setWidget(page)
        if old is not None:
            old.deleteLater()


class InstructorView(InstructorGroups):
    """The coordinator's instructor view: a chooser of every instructor, and the groups
    of the one chosen."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench.database, parent)
        self.workbench = workbench
        self.dialogs = workbench.dialogs
        self.choices: list[InstructorChoice] = []
        self._loaded = False
        self._build_chooser()
        # Loaded when first shown; then fresh with the instructors and their groups.
        self.freshness = Freshness(
            self,
            workbench,
            self._catch_up,
            reads=reads_of(instructor_choices, instructor_groups),
            stale=True,
        )

    def _build_chooser(self) -> None:
        label = QLabel("&Instructor:")
        self.chooser = QComboBox()
        self.chooser.setEditable(True)
        self.chooser.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.chooser.setMinimumContentsLength(40)
        self.chooser.setAccessibleName("Choose an instructor")
        typed = self.chooser.lineEdit()
        assert typed is not None  # an editable combo box has one
        typed.setPlaceholderText("Type a name or an email address…")
        completer = QCompleter(self.chooser.model(), self.chooser)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.chooser.setCompleter(completer)
        self.chooser.activated.connect(self._chosen)
        typed.returnPressed.connect(lambda: self._typed(self.chooser.currentText()))
        label.setBuddy(self.chooser)
        self.top_bar.insertWidget(0, label)
        self.top_bar.insertWidget(1, self.chooser, 1)
        self.setTabOrder(self.chooser, self.archived)

    # --- choosing -------------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.freshness.refresh_now()

    def reload_choices(self) -> None:
        self._loaded = True
        self.choices = instructor_choices(self.database)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for choice in self.choices:
            self.chooser.addItem(icon("instructor"), choice.label, choice.instructor_id)
        index = self.chooser.findData(self.instructor_id) if self.instructor_id else -1
        self.chooser.setCurrentIndex(index)
        if index < 0:
            self.chooser.setEditText("")
        self.chooser.blockSignals(False)
        if self.instructor_id is not None and index < 0:  # deleted meanwhile
            self.instructor_id = None
            self.reload_groups()

    def _chosen(self, index: int) -> None:
        instructor_id = self.chooser.itemData(index)
        if instructor_id:
            self.set_instructor(str(instructor_id))

    def _typed(self, text: str) -> None:
        """Enter in the chooser: an exact label, else a unique match, else an email."""
        wanted = text.strip().casefold()
        current = self.chooser.currentIndex()
        if not wanted or (current >= 0 and self.chooser.itemText(current) == text):
            return  # the combo box itself has chosen that item
        exact = [c for c in self.choices if c.label.casefold() == wanted]
        found = exact or [c for c in self.choices if wanted in c.label.casefold()]
        if len(found) == 1:
            self.set_instructor(found[0].instructor_id)
        else:
            self.set_instructor_email(text.strip())

    def set_instructor(self, instructor_id: str | None) -> None:
        self.ensure_loaded()
        self.instructor_id = instructor_id
        index = self.chooser.findData(instructor_id) if instructor_id else -1
        self.chooser.blockSignals(True)
        self.chooser.setCurrentIndex(index)
        self.chooser.blockSignals(False)
        self.reload_groups()

    def set_instructor_email(self, email: str) -> bool:
        """Show the instructor with this email; False (and a message) if there is none."""
        database = self.database
        instructor_id = self.workbench.operations.read(
            lambda: find_instructor_by_email(database, email), title="No such instructor"
        )
        if instructor_id is None:
            return False
        self.set_instructor(instructor_id)
        return True

    # --- showing --------------------------------------------------------------------
    def _catch_up(self, _burst: Burst | None) -> None:
        self.reload_choices()
        self.reload_groups()

    def reload_groups(self) -> None:
        choice = next((c for c in self.choices if c.instructor_id == self.instructor_id), None)
        self.who = choice.label if choice else ""
        super().reload_groups()
