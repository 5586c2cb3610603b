"""The Tracks view: the programme's tracks, how much each is used, and what to do with them.

New track…, Rename…, Merge into… (everything that has the track moves to
another, which an import's "data", "Data Analytics " and "DA" need), Retire
(offered in no list any more, kept on the records that have it) and Bring
back. Every change goes through the operation runner with an undo step. An
empty list offers **Add the usual tracks**: the tracks most programmes run,
which the person can rename, merge or retire like any other.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.operations import Reversible
from ixdesk.gui.workbench import Workbench
from ixdesk.services import tracks as svc
from ixdesk.services.reads import reads_of
from ixdesk.services.validation import quoted

COLUMNS = ("Track", "Students", "Instructors", "Cohorts", "Business problems", "In lists")
ID_ROLE = Qt.ItemDataRole.UserRole
EMPTY = (
    "There are no tracks yet. Tracks are what your programme teaches (data analytics, "
    "UX design, marketing…): students say which interests them, instructors which they "
    "teach, and cohorts and business problems belong to one. Start from the usual tracks, "
    "or make your own."
)


class MergeStep:
    """Undo puts back exactly what the merge moved; redo merges again."""

    def __init__(self, workbench: Workbench, merge: svc.Merge) -> None:
        self.workbench, self.merge = workbench, merge
        self.text = f"Merge track {quoted(merge.source_name)} into {quoted(merge.target_name)}"

    def undo(self) -> None:
        svc.unmerge(self.workbench.database, self.merge, hub=self.workbench.hub)

    def redo(self) -> None:
        bench = self.workbench
        self.merge = svc.merge_tracks(
            bench.database, self.merge.source_id, self.merge.target_id, hub=bench.hub
        )


class TracksView(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.rows: list[svc.TrackRow] = []
        layout = QVBoxLayout(self)
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Tracks")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.rename())
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.usual_button = self._button("Add the &usual tracks", self.add_usual, buttons)
        self.usual_button.setToolTip(
            ", ".join(name for name, _ in svc.usual_tracks())
            + ": add those the list lacks, to rename, merge or retire as you like."
        )
        self.new_button = self._button("&New track…", self.new, buttons)
        self.rename_button = self._button("&Rename…", self.rename, buttons)
        self.merge_button = self._button("&Merge into…", self.merge, buttons)
        self.retire_button = self._button("Re&tire", self.toggle_retired, buttons)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.rename_button.setShortcut(QKeySequence("F2"))
        self.freshness = Freshness(self, workbench, self.refresh, reads=reads_of(svc.track_rows))
        self.refresh(None)

    def _button(self, text: str, slot: object, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # --- showing ---
    def refresh(self, _burst: Burst | None = None) -> None:
        chosen = self.selected()
        rows = self.workbench.operations.read(
            lambda: svc.track_rows(self.workbench.database), title="The tracks could not be read"
        )
        self.rows = rows or []
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            values = (row.name, row.students, row.instructors, row.cohorts, row.problems)
            cells = [*map(str, values), "Retired" if row.retired else "Yes"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row.id)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if row.retired:
                    item.setForeground(
                        self.palette().color(self.palette().ColorRole.PlaceholderText)
                    )
                    item.setToolTip("Retired: offered in no list; records that have it keep it.")
                self.table.setItem(index, column, item)
        self.empty.setVisible(not self.rows)
        self.usual_button.setVisible(not self.rows)
        if chosen is not None:
            self.select(chosen)
        self._update_buttons()

    def selected(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(ID_ROLE)) if items else None

    def selected_row(self) -> svc.TrackRow | None:
        chosen = self.selected()
        return next((row for row in self.rows if row.id == chosen), None)

    def select(self, track_id: str) -> None:
        for index, row in enumerate(self.rows):
            if row.id == track_id:
                self.table.selectRow(index)
                return

    def _update_buttons(self) -> None:
        row = self.selected_row()
        for button in (self.rename_button, self.merge_button, self.retire_button):
            button.setEnabled(row is not None and self.workbench.writable)
        self.merge_button.setEnabled(
            row is not None and len(self.rows) > 1 and self.workbench.writable
        )
        self.retire_button.setText("Bring &back" if row is not None and row.retired else "Re&tire")

    # --- changes ---
    def new(self) -> None:
        name = self.workbench.dialogs.ask_text("New track", "Name of the new track:")
        if not name:
            return
        bench = self.workbench
        bench.operations.run(
            lambda: svc.create_track(bench.database, name, hub=bench.hub),
            title="The track was not added",
            source=self,
            undo=lambda track_id: Reversible(
                f"Add track {quoted(name.strip())}",
                undo=lambda: svc.delete_tracks(bench.database, [track_id], hub=bench.hub),
                redo=lambda: svc.restore_tracks(bench.database, [track_id], hub=bench.hub),
            ),
            status=f"Added the track {quoted(name.strip())}.",
            then=self.select,
        )

    def rename(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        bench = self.workbench
        name = bench.dialogs.ask_text("Rename track", f"New name for {quoted(row.name)}:", row.name)
        if not name or name.strip() == row.name:
            return
        bench.operations.run(
            lambda: svc.rename_track(bench.database, row.id, name, hub=bench.hub),
            title="The track was not renamed",
            source=self,
            undo=lambda before: Reversible(
                f"Rename track {quoted(before)} to {quoted(name.strip())}",
                undo=lambda: svc.rename_track(bench.database, row.id, before, hub=bench.hub),
                redo=lambda: svc.rename_track(bench.database, row.id, name, hub=bench.hub),
            ),
            status=f"Renamed to {quoted(name.strip())}.",
        )

    def merge(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        bench = self.workbench
        others = [(other.name, other.id) for other in self.rows if other.id != row.id]
        uses, name = _uses(row), quoted(row.name)
        moves = (
            f"{uses} move to the track you choose, and {name} is removed."
            if uses
            else f"Nothing has {name}: it is simply removed."
        )
        target = bench.dialogs.choose(
            "Merge tracks",
            f"Merge {name} into which track? {moves} Edit ▸ Undo takes it back.",
            others,
        )
        if target is None:
            return
        bench.operations.run(
            lambda: svc.merge_tracks(bench.database, row.id, target, hub=bench.hub),
            title="The tracks were not merged",
            source=self,
            undo=lambda merge: MergeStep(bench, merge),
            status=lambda merge: (
                f"Merged {quoted(merge.source_name)} into {quoted(merge.target_name)}."
            ),
            then=lambda merge: self.select(merge.target_id),
        )

    def toggle_retired(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        bench, retire = self.workbench, not row.retired
        verb = "Retire" if retire else "Bring back"
        bench.operations.run(
            lambda: svc.set_retired(bench.database, row.id, retire, hub=bench.hub),
            title=f"The track was not {'retired' if retire else 'brought back'}",
            source=self,
            undo=lambda _none: Reversible(
                f"{verb} track {quoted(row.name)}",
                undo=lambda: svc.set_retired(bench.database, row.id, not retire, hub=bench.hub),
                redo=lambda: svc.set_retired(bench.database, row.id, retire, hub=bench.hub),
            ),
            status=(
                f"Retired {quoted(row.name)}: it is offered in no list; records keep it."
                if retire
                else f"{quoted(row.name)} is offered in the lists again."
            ),
        )

    def add_usual(self) -> None:
        bench = self.workbench
        bench.operations.run(
            lambda: svc.add_usual_tracks(bench.database, hub=bench.hub),
            title="The usual tracks were not added",
            source=self,
            undo=lambda ids: Reversible(
                "Add the usual tracks",
                undo=lambda: svc.delete_tracks(bench.database, ids, hub=bench.hub),
                redo=lambda: svc.restore_tracks(bench.database, ids, hub=bench.hub),
            ),
            status=lambda ids: f"Added {len(ids)} tracks.",
        )


def _uses(row: svc.TrackRow) -> str:
    """ "2 students' interests, 1 cohort and 3 instructors' expertise" (empty: nothing)."""
    parts = [
        f"{count} {word if count == 1 else plural}"
        for count, word, plural in (
            (row.students, "student's interest", "students' interests"),
            (row.instructors, "instructor's expertise", "instructors' expertise"),
            (row.cohorts, "cohort", "cohorts"),
            (row.problems, "business problem", "business problems"),
        )
        if count
    ]
    if not parts:
        return ""
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return text[0].upper() + text[1:]
