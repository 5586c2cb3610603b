"""Event mode: the window an event copy opens in, full screen, showing only the sign-up form.

Beside the form: how many sign-ups this laptop holds and the last few, to
correct one (Enter or double-click) or take it back (Delete). There are no
menus and no other views: leaving event mode, or closing the window, asks for
the PIN the copy was made with, so a student at the table cannot browse other
records. With the PIN, the ordinary ixdesk window opens on the copy.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ixdesk.db import Database
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.event_mode.form import SignUpForm
from ixdesk.gui.freshness import Burst, Freshness
from ixdesk.gui.icons import icon
from ixdesk.gui.workbench import Workbench
from ixdesk.services.events.signup import (
    load_setup,
    load_signup,
    recent_signups,
    remove_signup,
    signup_count,
)
from ixdesk.services.reads import reads_of

WRONG_PIN = "That is not the PIN of this event copy; event mode goes on."


class EventWindow(QMainWindow):
    """The sign-up form of an event copy, and nothing else until the PIN is given."""

    leave = Signal()  # the PIN was given: the ordinary window may open on the copy

    def __init__(
        self,
        database: Database,
        dialogs: DialogService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.workbench = Workbench(
            database, dialogs or DialogService(self), status=self._show_status, parent=self
        )
        self.unlocked = False
        setup = load_setup(database)
        self.identity = setup.identity
        event = self.identity.event_name or "Event"
        self.setWindowTitle(f"ixdesk — event mode: {event}")
        self.setWindowIcon(icon("ixdesk"))
        self.form = SignUpForm(self.workbench, setup)
        self.form.saved.connect(lambda _saved: self.refresh())
        title = QLabel(event)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        self.count = QLabel()
        self.count.setObjectName("signupCount")
        count_font = self.count.font()
        count_font.setPointSizeF(count_font.pointSizeF() * 1.5)
        self.count.setFont(count_font)
        self.leave_button = QPushButton("Leave event mode…")
        self.leave_button.setObjectName("leaveEventMode")
        self.leave_button.clicked.connect(self.request_leave)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.count)
        top.addSpacing(24)
        top.addWidget(self.leave_button)
        self.recent = QListWidget()
        self.recent.setObjectName("recentSignups")
        self.recent.setAccessibleName("Last sign-ups")
        self.recent.itemActivated.connect(self._correct)
        correct = QPushButton("&Correct")
        correct.clicked.connect(lambda: self._correct(self.recent.currentItem()))
        take_back = QPushButton("Take &back")
        take_back.clicked.connect(self._take_back)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.recent)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._take_back)
        side = QVBoxLayout()
        side.addWidget(QLabel("<b>Last sign-ups</b> (Enter to correct one)"))
        side.addWidget(self.recent, 1)
        side_buttons = QHBoxLayout()
        side_buttons.addWidget(correct)
        side_buttons.addWidget(take_back)
        side.addLayout(side_buttons)
        body = QHBoxLayout()
        body.addWidget(self.form, 2)
        body.addLayout(side, 1)
        central = QWidget()
        large = central.font()  # large fields, readable from across the table
        large.setPointSizeF(large.pointSizeF() * 1.4)
        central.setFont(large)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.setAcceptDrops(False)
        self.statusBar()
        self.freshness = Freshness(
            self, self.workbench, self._caught_up, reads=reads_of(recent_signups, signup_count)
        )
        self.refresh()
        self.form.fields["first_name"].setFocus()

    # --- what is shown ---
    def refresh(self) -> None:
        count = signup_count(self.database)
        self.count.setText(f"{count:,} sign-up{'s' if count != 1 else ''} on this laptop")
        self.recent.clear()
        for entry in recent_signups(self.database):
            item = QListWidgetItem(f"{entry.name} — {entry.cohort}")
            item.setData(Qt.ItemDataRole.UserRole, entry.enrolment_id)
            self.recent.addItem(item)

    def _caught_up(self, _burst: Burst | None) -> None:
        self.refresh()

    def _correct(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        signup = self.workbench.operations.read(
            lambda: load_signup(self.database, item.data(Qt.ItemDataRole.UserRole)),
            title="This sign-up cannot be corrected",
        )
        if signup is not None:
            self.form.correct(signup)

    def _take_back(self) -> None:
        item = self.recent.currentItem()
        if item is None:
            return
        if not self.workbench.dialogs.confirm(
            "Take back a sign-up", f"Take back the sign-up of {item.text()}?", "Take back"
        ):
            return
        enrolment_id = item.data(Qt.ItemDataRole.UserRole)
        database, hub = self.database, self.workbench.hub
        self.workbench.operations.run(
            lambda: remove_signup(database, enrolment_id, hub=hub),
            title="The sign-up was not taken back",
            source=self,
            status="Sign-up taken back.",
            then=lambda _none: self.refresh(),
        )

    def _show_status(self, text: str, milliseconds: int) -> None:
        self.statusBar().showMessage(text, milliseconds)

    # --- the PIN ---
    def pin_given(self, action: str) -> bool:
        """Ask for the PIN before ``action``; True when it was given right."""
        pin = self.workbench.dialogs.ask_pin(
            "Event mode", f"The PIN of this event copy, to {action}:"
        )
        if pin is None:
            return False
        if not self.identity.pin_matches(pin):
            self.workbench.dialogs.error("Event mode", WRONG_PIN)
            return False
        return True

    def request_leave(self) -> None:
        if self.unlocked or self.pin_given("leave event mode"):
            self.unlocked = True
            self.leave.emit()  # the ordinary window shows before this one closes
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.unlocked and not self.pin_given("close ixdesk"):
            event.ignore()
            return
        self.unlocked = True
        self.workbench.detach()
        event.accept()
