"""The group builder: a cohort's enrolled students not in a group beside its groups.

Students move by drag and drop or by keyboard (select, then Ctrl+M). Every
change goes through the group services (by the operation runner) and is
pushed on the shared undo stack. The views follow the changes
(:mod:`ixdesk.gui.freshness`): a change naming a few students and groups
re-reads only those (``builder_update``), anything broader reloads the
cohort; while the builder is hidden it only notes that it is stale and
reloads when shown again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.group_builder.actions import BuilderActions
from ixdesk.gui.group_builder.common import GRADE_COLUMN, ID_ROLE, KIND_ROLE
from ixdesk.gui.group_builder.delegate import GroupRowDelegate
from ixdesk.gui.group_builder.group_model import GroupTreeModel
from ixdesk.gui.group_builder.unassigned_model import UnassignedModel
from ixdesk.gui.icons import icon
from ixdesk.gui.search_keys import down_into_results
from ixdesk.gui.workbench import Workbench
from ixdesk.services import groups as g
from ixdesk.services.attention import group_marks
from ixdesk.services.kinds import grade_word
from ixdesk.services.matching.loading import cohort_choices, cohort_pairs
from ixdesk.services.matching.plan import choice_counts
from ixdesk.services.reads import reads_of
from ixdesk.services.record_kinds import Kind

# Changes to these alter many rows at once (names shown in headers, who is enrolled).
RELOAD_ON = frozenset(
    {"enrolments", "cohorts", "tracks", "business_problems", "instructors", "partner_companies",
     "problem_preferences", "student_pairs", "consents"}
)  # fmt: skip
BULK = 500
WIDTHS = {"unassigned": (165, 160, 48), "groups": (230, 220, 56)}
_MISSING = object()


class GroupBuilder(BuilderActions):
    open_record = Signal(str, str)  # kind ("students" or "groups"), id

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.database, self.hub, self.dialogs = workbench.database, workbench.hub, workbench.dialogs
        self.cohort_id: str | None = None
        self.cohort: g.CohortInfo | None = None
        self.where: dict[str, str | None] = {}  # student id -> group id (None: not in one)
        self.choices: dict[str, dict[str, int]] = {}  # student -> {problem: rank}
        self._side = "unassigned"
        self._build()
        self.build_actions()
        self.freshness = Freshness(
            self,
            workbench,
            self._catch_up,
            reads=reads_of(
                g.builder_data, g.builder_update, group_marks, cohort_choices, cohort_pairs
            ),
        )
        self._update_labels()

    # --- construction ---
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.toolbar = QToolBar("Group builder")
        self.toolbar.setAccessibleName("Group builder actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        layout.addWidget(self.toolbar)
        self.summary = QLabel()
        self.summary.setAccessibleName("Cohort summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.unassigned_model = UnassignedModel()
        self.unassigned_model.students_dropped.connect(self.move_students)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search students not in a group…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search students not in a group")
        self.search.textChanged.connect(self._search_changed)
        self.table = QTableView()
        self.table.setModel(self.unassigned_model)
        self.table.setAccessibleName("Students not in a group")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        down_into_results(self.search, self.table)
        self.unassigned_label = QLabel()
        self.splitter.addWidget(self._panel(self.unassigned_label, self.search, self.table))

        self.tree_model = GroupTreeModel()
        self.tree_model.students_dropped.connect(self.move_students)
        self.tree_model.rename_requested.connect(self.rename_group)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        # After the view's own handlers, which forget spans on a reset.
        self.tree_model.rowsInserted.connect(self._rows_inserted)
        self.tree_model.modelReset.connect(self._span_groups)
        self.tree.setAccessibleName("Groups and their members")
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setAlternatingRowColors(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        # For the whole view, not one column: Qt detaches only the view's own
        # delegate from an editor whose row goes away.
        self.tree.setItemDelegate(GroupRowDelegate(self.tree))
        self.groups_label = QLabel()
        self.splitter.addWidget(self._panel(self.groups_label, None, self.tree))
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout.addWidget(self.splitter, 1)
        for view in (self.table, self.tree):
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setDragEnabled(True)
            view.setAcceptDrops(True)
            view.setDropIndicatorShown(True)
            view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            view.setDefaultDropAction(Qt.DropAction.MoveAction)
            view.setDragDropOverwriteMode(False)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self._context_menu)
            view.doubleClicked.connect(self._double_clicked)
            view.installEventFilter(self)
            view.selectionModel().selectionChanged.connect(self.update_actions)
            if isinstance(view, QTreeView):
                header, widths = view.header(), WIDTHS["groups"]
            else:
                header, widths = view.horizontalHeader(), WIDTHS["unassigned"]
            for column, width in enumerate(widths):
                header.resizeSection(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.tree)
        self._update_tint()

    def _panel(self, title: QLabel, search: QLineEdit | None, view: QWidget) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        row.addWidget(title)
        row.addStretch(1)
        box.addLayout(row)
        if search is not None:
            box.addWidget(search)
        box.addWidget(view, 1)
        return panel

    def _update_tint(self) -> None:
        """Group rows get a faint wash of the highlight colour, from the system palette."""
        palette = self.palette()
        base, accent = (
            palette.color(QPalette.ColorRole.Base),
            palette.color(QPalette.ColorRole.Highlight),
        )
        mix = 0.12
        self.tree_model.tint = QColor(
            round(base.red() * (1 - mix) + accent.red() * mix),
            round(base.green() * (1 - mix) + accent.green() * mix),
            round(base.blue() * (1 - mix) + accent.blue() * mix),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._update_tint()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._side = "groups" if watched is self.tree else "unassigned"
            self.update_actions()
        return super().eventFilter(watched, event)

    # --- loading ---
    def set_cohort(self, cohort_id: str | None) -> None:
        """Show this cohort's students and groups (None: show nothing)."""
        self.cohort_id = cohort_id
        self.reload()

    def reload(self) -> None:
        self.freshness.clear()
        if self.cohort_id is None:
            self.cohort, self.where = None, {}
            self.keeping.pairs = []
            self.unassigned_model.set_students([])
            self.tree_model.set_groups([], None)
            self._update_labels()
            return
        data = g.builder_data(self.database, self.cohort_id)
        self.choices = cohort_choices(self.database, self.cohort_id)
        self.keeping.pairs = cohort_pairs(self.database, self.cohort_id)
        collapsed = {
            group_id
            for group_id in self.tree_model.group_ids()
            if not self.tree.isExpanded(self.tree_model.group_index(group_id))
        }
        scroll = self.tree.verticalScrollBar().value(), self.table.verticalScrollBar().value()
        self.cohort = data.cohort
        word = grade_word(data.cohort.audience)
        for model in (self.unassigned_model, self.tree_model):
            if model.grade_word != word:
                model.grade_word = word
                model.headerDataChanged.emit(Qt.Orientation.Horizontal, GRADE_COLUMN, GRADE_COLUMN)
        self.where = {s.id: None for s in data.unassigned}
        self.where.update({s.id: group.id for group in data.groups for s in group.members})
        self.unassigned_model.set_students(data.unassigned)
        self.tree_model.set_groups(data.groups, data.cohort.group_size)
        self.tree_model.set_concerns(group_marks(self.database, self.cohort_id))
        self.tree.expandAll()
        for group_id in collapsed:
            self.tree.collapse(self.tree_model.group_index(group_id))
        self.tree.verticalScrollBar().setValue(scroll[0])
        self.table.verticalScrollBar().setValue(scroll[1])
        self._update_labels()

    def _catch_up(self, burst: Burst | None) -> None:
        """Follow committed changes: the rows they name, or everything when they are broad."""
        if self.cohort_id is None:
            return
        if burst is None:
            self.reload()
            return
        changes = burst.changes
        if changes.touches(*RELOAD_ON) or len(changes.ids) > BULK:
            self.reload()
            return
        # Moves leave the marks the group's own row cannot tell (safeguarding, approval)
        # as they were; an assignment may change them.
        marks = changes.touches("student_groups", "group_assistants")
        self._apply_update(g.builder_update(self.database, self.cohort_id, changes.ids), marks)

    def _apply_update(self, update: g.BuilderUpdate, refresh_marks: bool = False) -> None:
        model = self.tree_model
        known_groups = set(model.group_ids())
        for group in update.groups:
            model.upsert_group(group)
            if group.id not in known_groups:
                self.tree.expand(model.group_index(group.id))
        if refresh_marks and self.cohort_id is not None:
            model.set_concerns(group_marks(self.database, self.cohort_id))
        members: dict[str, dict[str, g.StudentRow]] = {}
        live = set(model.group_ids())

        def group_members(group_id: str) -> dict[str, g.StudentRow]:
            if group_id not in members:
                members[group_id] = {s.id: s for s in model.members(group_id)}
            return members[group_id]

        changed: set[str] = set()
        leaving: set[str] = set()
        arriving: list[g.StudentRow] = []

        def take_out(student_id: str) -> None:
            old = self.where.pop(student_id, _MISSING)
            if old is None:
                leaving.add(student_id)
            elif isinstance(old, str) and old in live:
                group_members(old).pop(student_id, None)
                changed.add(old)

        for placement in update.students:
            student = placement.student
            take_out(student.id)
            self.where[student.id] = placement.group_id
            if placement.group_id is None:
                arriving.append(student)
            elif placement.group_id in live:
                group_members(placement.group_id)[student.id] = student
                changed.add(placement.group_id)
            else:  # a group this view has not seen: read everything again
                self.reload()
                return
        for record_id in update.gone:
            take_out(record_id)
            if record_id in live:
                if group_members(record_id):
                    self.reload()  # its members went somewhere this change did not say
                    return
                model.remove_group(record_id)
                changed.discard(record_id)
        self.unassigned_model.remove(leaving)
        self.unassigned_model.add(arriving)
        model.set_members({gid: list(members[gid].values()) for gid in changed})
        self._update_labels()

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.tree.setFirstColumnSpanned(row, QModelIndex(), True)

    def _span_groups(self) -> None:
        for row in range(self.tree_model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)

    def _update_labels(self) -> None:
        unassigned = self.unassigned_model.total
        groups = self.tree_model.group_ids()
        self.unassigned_label.setText(f"Not in a group ({unassigned:,})")
        self.groups_label.setText(f"Groups ({len(groups):,})")
        if self.cohort is None:
            self.summary.setText("Choose a cohort to build its groups.")
        else:
            placed = sum(len(self.tree_model.members(gid)) for gid in groups)
            attention = sum(1 for gid in groups if self.tree_model.warnings(gid))
            size = self.cohort.group_size
            parts = [
                f"<b>{_html(self.cohort.name)}</b>",
                f"{placed:,} students in {len(groups):,} groups",
                f"{unassigned:,} enrolled not in a group",
                f"group size {size}" if size else "no group size set",
            ]
            if attention:
                parts.append(f"{attention:,} {'group needs' if attention == 1 else 'groups need'}"
                             " attention")  # fmt: skip
            if self.choices:
                parts.append(self._choice_figures())
            if self.keeping.pairs:
                parts.append(self.keeping.summary())
            self.summary.setText(" · ".join(parts))
        self.update_actions()

    def _choice_figures(self) -> str:
        """ "Choices: 1st 120 · 2nd 30 …" for everyone here, kept live as students move."""
        problem_of: dict[str, str | None] = {}
        for student_id, group_id in self.where.items():
            group = self.tree_model.group(group_id) if group_id else None
            problem_of[student_id] = group.business_problem_id if group else None
        rows = choice_counts(self.choices, problem_of)
        shown = [f"{label.removesuffix(' choice')} {count:,}" for label, count in rows if count]
        return "choices: " + ", ".join(shown)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.unassigned_model.set_search(text)

    def _double_clicked(self, index: QModelIndex) -> None:
        kind = index.data(KIND_ROLE)
        record_id = index.data(ID_ROLE)
        if record_id:
            self.open_record.emit(
                Kind.STUDENTS if kind == "student" else Kind.GROUPS, str(record_id)
            )

    def _context_menu(self, position: QPoint) -> None:
        view = self.sender()
        self._side = "groups" if view is self.tree else "unassigned"
        self.update_actions()
        menu = QMenu(self)
        menu.addActions([self.move_action, self.remove_action])
        if view is self.tree:
            menu.addSeparator()
            menu.addActions([self.new_action, self.rename_action, self.merge_action])
            menu.addActions([self.dissolve_action, self.assign_action])
        menu.addSeparator()
        menu.addActions(self.keeping.actions())
        menu.addSeparator()
        menu.addAction(icon("link"), "Open", self._open_current)
        assert isinstance(view, QAbstractItemView)
        menu.exec(view.viewport().mapToGlobal(position))

    def _open_current(self) -> None:
        view = self.tree if self._side == "groups" else self.table
        self._double_clicked(view.currentIndex())


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
