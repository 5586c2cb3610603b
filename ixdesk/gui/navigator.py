"""Where the window is, where it can go, and the way back.

Any part of the window asks the navigator (``workbench.navigator``) to open a
place instead of reaching into the main window::

    navigator.open_record(Kind.STUDENTS, student_id)  # the students view, on one student
    navigator.open_cohort(cohort_id)                  # the cohort workspace (None: asks which)
    navigator.open_instructor(instructor_id)          # the read-only instructor view
    navigator.show_view(Kind.GROUPS)                  # a view (or "dashboard")

A widget that offers to open a record says so with a ``Signal(str, str)`` (the
kind's key and the id), connected to :meth:`Navigator.follow`.

Each move that arrives somewhere new remembers where the window was, so Back
(Alt+Left) and Forward (Alt+Right) return there, like a web browser's. A
place is a :class:`Place` (:mod:`ixdesk.gui.places`): a view and the record
shown in it (the cohort of the workspace, the instructor of the instructor
view). The window that shows places is the navigator's *host*; until one is
attached (a widget tested on its own, instructor mode) the navigator goes
nowhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ixdesk.gui.icons import icon
from ixdesk.gui.places import HOME as HOME
from ixdesk.gui.places import TEACHING, WORKSPACE, Place
from ixdesk.services.editing import choices
from ixdesk.services.kinds import KINDS
from ixdesk.services.record_kinds import Kind

if TYPE_CHECKING:
    from ixdesk.gui.record_view import RecordView
    from ixdesk.gui.workbench import Workbench

HISTORY = 50  # places remembered each way


class Host(Protocol):
    """The window that shows places."""

    def current_place(self) -> Place: ...

    def show_place(self, place: Place) -> bool:
        """Show ``place``; False when it could not (unsaved edits the person kept)."""
        ...

    def current_view(self) -> RecordView | None: ...


class Navigator(QObject):
    """Opens places for the window's parts and keeps the way back; see the module text."""

    def __init__(self, workbench: Workbench) -> None:
        super().__init__(workbench)
        self.workbench = workbench
        self.host: Host | None = None
        self._back: list[Place] = []
        self._forward: list[Place] = []
        self._actions: tuple[QAction, QAction] | None = None

    def actions(self) -> tuple[QAction, QAction]:
        """Back and Forward, for the window to place (made when first asked for)."""
        if self._actions is None:
            back = self._action("&Back", "back", QKeySequence.StandardKey.Back, "Left")
            back.triggered.connect(self.back)
            forward = self._action("&Forward", "forward", QKeySequence.StandardKey.Forward, "Right")
            forward.triggered.connect(self.forward)
            self._actions = (back, forward)
            self._update_actions()
        return self._actions

    def _action(
        self, text: str, name: str, standard: QKeySequence.StandardKey, arrow: str
    ) -> QAction:
        action = QAction(icon(name), text, self)
        action.setObjectName(f"action{name.capitalize()}")
        keys = [QKeySequence(f"Alt+{arrow}")]
        keys += [key for key in QKeySequence.keyBindings(standard) if key not in keys]
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{text.replace('&', '')} to the place before (Alt+{arrow})")
        if name == "forward":
            action.setToolTip("Forward again to the place you went back from (Alt+Right)")
        return action

    def attach(self, host: Host) -> None:
        self.host = host

    # --- where the window is ---
    def current_place(self) -> Place | None:
        return self.host.current_place() if self.host is not None else None

    def current_view(self) -> RecordView | None:
        """The record view shown, if one is (exports use its selection)."""
        return self.host.current_view() if self.host is not None else None

    # --- going somewhere ---
    def go(self, place: Place) -> bool:
        """Show ``place``, remembering where the window was; False if it could not."""
        host = self.host
        if host is None:
            return False
        here = host.current_place()
        if here.includes(place):
            return host.show_place(place)
        if not host.show_place(place):
            return False
        self._remember(self._back, here)
        self._forward.clear()
        self._update_actions()
        return True

    def back(self) -> bool:
        return self._step(self._back, self._forward)

    def forward(self) -> bool:
        return self._step(self._forward, self._back)

    def _step(self, source: list[Place], target: list[Place]) -> bool:
        host = self.host
        if host is None or not source:
            return False
        here = host.current_place()
        if not host.show_place(source[-1]):
            return False
        source.pop()
        self._remember(target, here)
        self._update_actions()
        return True

    def _remember(self, places: list[Place], place: Place) -> None:
        if not places or places[-1] != place:
            places.append(place)
        del places[:-HISTORY]

    def _update_actions(self) -> None:
        if self._actions is not None:  # made: their state follows the history
            back, forward = self._actions
            back.setEnabled(bool(self._back))
            forward.setEnabled(bool(self._forward))

    # --- what the parts of the window ask for ---
    def show_view(self, view: str) -> bool:
        return self.go(Place(view))

    def open_record(self, kind: Kind, record_id: str) -> bool:
        """A record in its view."""
        return self.go(Place(kind, record_id))

    def follow(self, key: str, record_id: str) -> bool:
        """What a widget's ``open_record(key, id)`` signal asks for: a record in the view
        of the kind ``key`` names (``"workspace"``: a cohort's workspace)."""
        if key == WORKSPACE:
            return self.open_cohort(record_id)
        return self.open_record(Kind(key), record_id)

    def open_cohort(self, cohort_id: str | None = None) -> bool:
        """The cohort workspace on ``cohort_id``; None asks which cohort."""
        if cohort_id is None:
            cohort_id = self._ask(Kind.COHORTS, "Open a cohort", "Which cohort?")
            if cohort_id is None:
                return False
        return self.go(Place(WORKSPACE, cohort_id))

    def open_instructor(self, instructor_id: str | None = None) -> bool:
        """The read-only instructor view, on ``instructor_id`` when given."""
        return self.go(Place(TEACHING, instructor_id))

    def _ask(self, kind: Kind, title: str, text: str) -> str | None:
        dialogs = self.workbench.dialogs
        options = choices(self.workbench.database, kind)
        if not options:
            dialogs.info(title, f"There are no {KINDS[kind].plural} yet.")
            return None
        return dialogs.choose(title, text, options)
