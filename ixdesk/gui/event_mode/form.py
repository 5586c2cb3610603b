"""Event mode's sign-up form: large fields, keyboard first, Enter saves and starts the next.

As a name, email or date of birth is typed, the form looks the person up
among the students packed into the copy and the sign-ups already made here
(a dictionary look-up, so instantly) and asks "is this them?" with as little
of the other person as a table may see. Enter saves only once that question
is answered; "It's them" adds the sign-up to that student instead of making a
second one. Each sign-up is saved (committed) on its own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ixdesk.gui.date_field import DateField
from ixdesk.gui.event_mode.ranking import ProblemRanking
from ixdesk.gui.workbench import Workbench
from ixdesk.services.events.people import Match, PeopleIndex
from ixdesk.services.events.signup import (
    EventCohort,
    EventSetup,
    SavedSignUp,
    SignUp,
    check_signup,
    describe_match,
    load_people,
    needs_guardian,
    save_signup,
)

TEXT_FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("school", "School or university"),
    ("grade", "Grade or year"),
)
GUARDIAN_FIELDS = (
    ("guardian_name", "Guardian's name"),
    ("guardian_email", "Guardian's email"),
    ("guardian_phone", "Guardian's phone"),
)
LOOKED_UP = ("first_name", "last_name", "email")
SAVE_FAILED = "The sign-up was not saved"


class SignUpForm(QWidget):
    """The fields of one sign-up; emits ``saved`` once it is committed."""

    saved = Signal(object)  # SavedSignUp

    def __init__(self, workbench: Workbench, setup: EventSetup) -> None:
        super().__init__()
        self.workbench = workbench
        self.setup = setup
        self.people: PeopleIndex = load_people(workbench.database)
        self.correcting: SignUp | None = None
        self.match: Match | None = None
        self.chosen: Match | None = None  # "it's them"
        self.dismissed: set[str] = set()  # "someone else"
        self.fields: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        self.heading = QLabel("New sign-up")
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        layout.addWidget(self.heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.cohort = QComboBox()
        for cohort in setup.cohorts:
            self.cohort.addItem(cohort.name, cohort.id)
        form.addRow("&Signing up for", self.cohort)
        for name, label in TEXT_FIELDS:
            self.fields[name] = self._line(name)
            form.addRow(label, self.fields[name])
        self.born = DateField()
        self.born.setObjectName("date_of_birth")
        self.born.edited.connect(self._look_up)
        form.insertRow(form.rowCount() - 1, "Date of birth", self.born)
        self.track = QComboBox()
        self.track.addItem("(no preference)", None)
        for name, track_id in setup.tracks:
            self.track.addItem(name, track_id)
        form.addRow("Track interest", self.track)
        self.opt_in = QCheckBox("Messages about the programme by SMS are fine")
        form.addRow("", self.opt_in)
        self.ranking = ProblemRanking(form)
        self.cohort.currentIndexChanged.connect(self._offer_problems)
        self._offer_problems()
        self.guardian_note = QLabel("For students under 18:")
        form.addRow(self.guardian_note)
        for name, label in GUARDIAN_FIELDS:
            self.fields[name] = self._line(name)
            form.addRow(label, self.fields[name])
        self.consent = QCheckBox("The guardian consents to the programme")
        form.addRow("", self.consent)
        layout.addLayout(form)
        self.warning = QLabel()
        self.warning.setObjectName("duplicateWarning")
        self.warning.setWordWrap(True)
        _tint(self.warning, QPalette.ColorRole.Window, "#fff4ce")
        _tint(self.warning, QPalette.ColorRole.WindowText, "#222222")
        self.warning.setAutoFillBackground(True)
        self.warning.setMargin(8)
        self.them = QPushButton("It's &them: add this sign-up to them")
        self.them.clicked.connect(self._its_them)
        self.someone_else = QPushButton("S&omeone else")
        self.someone_else.clicked.connect(self._someone_else)
        answers = QHBoxLayout()
        answers.addWidget(self.them)
        answers.addWidget(self.someone_else)
        answers.addStretch(1)
        layout.addWidget(self.warning)
        layout.addLayout(answers)
        self.problems = QLabel()
        self.problems.setObjectName("signupProblems")
        self.problems.setWordWrap(True)
        _tint(self.problems, QPalette.ColorRole.WindowText, "#a4262c")
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Save and start the next (Enter)")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton("Clear")
        self.clear_button.clicked.connect(self.clear)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        self._show_match(None)

    def _line(self, name: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setAccessibleName(name.replace("_", " "))
        if name in LOOKED_UP:
            line.textEdited.connect(self._look_up)
        return line

    def _offer_problems(self, *_args: object) -> None:
        self.ranking.offer(self.setup.problems.get(self.cohort.currentData(), []))

    # --- the values ---
    def cohort_chosen(self) -> EventCohort:
        wanted = self.cohort.currentData()
        return next(c for c in self.setup.cohorts if c.id == wanted)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: line.text() for name, line in self.fields.items()}
        values["date_of_birth"] = self.born.value()
        values["track_interest_id"] = self.track.currentData()
        values["messaging_opt_in"] = self.opt_in.isChecked()
        return values

    def signup(self) -> SignUp:
        values = self.values()
        if self.correcting is not None:
            return SignUp(
                values,
                self.cohort.currentData(),
                consent=self.consent.isChecked(),
                student_id=self.correcting.student_id,
                version=self.correcting.version,
                enrolment_id=self.correcting.enrolment_id,
                choices=self.ranking.choices(),
            )
        return SignUp(
            values,
            self.cohort.currentData(),
            consent=self.consent.isChecked(),
            student_id=None if self.chosen is None else self.chosen.id,
            choices=self.ranking.choices(),
        )

    # --- duplicates ---
    def _look_up(self, *_args: object) -> None:
        if self.chosen is not None:
            return
        values = self.values()
        own = None if self.correcting is None else self.correcting.student_id
        found = self.people.find(
            values["email"].strip() or None,
            values["first_name"].strip() or None,
            values["last_name"].strip() or None,
            values["date_of_birth"],
            exclude=own,
        )
        fresh = [match for match in found if match.id not in self.dismissed]
        self._show_match(fresh[0] if fresh else None)

    def _show_match(self, match: Match | None) -> None:
        self.match = match
        if match is not None:
            who = describe_match(self.workbench.database, match)
            self.warning.setText(
                f"<b>Already signed up?</b> This may be {who}: {match.reason}. "
                "Is it the same person?"
            )
        self.warning.setVisible(match is not None)
        self.them.setVisible(match is not None)
        self.someone_else.setVisible(match is not None)

    def _its_them(self) -> None:
        if self.match is None:
            return
        self.chosen = self.match
        who = describe_match(self.workbench.database, self.match)
        self._show_match(None)
        self.heading.setText(f"Sign-up for {who}, already known")
        self.fields["first_name"].setFocus()

    def _someone_else(self) -> None:
        if self.match is None:
            return
        self.dismissed.add(self.match.id)
        self._look_up()
        self.fields["first_name"].setFocus()

    # --- saving ---
    def save(self) -> None:
        focused = QApplication.focusWidget()
        if focused in (self.them, self.someone_else, self.clear_button):
            assert isinstance(focused, QPushButton)
            focused.click()  # Enter on a button presses it
            return
        if self.match is not None:
            self.problems.setText("First answer whether this is the person already signed up.")
            self.them.setFocus()
            return
        if self.born.problem() is not None:
            self._refuse({"date_of_birth": str(self.born.problem())})
            return
        repeat = self.ranking.problem()
        if repeat is not None:
            self.problems.setText(repeat)
            (self.ranking.first_repeat() or self.ranking.lists[0]).setFocus()
            return
        signup = self.signup()
        problems = check_signup(signup, self.cohort_chosen())
        if problems:
            self._refuse(problems)
            return
        database, hub = self.workbench.database, self.workbench.hub
        self.workbench.operations.run(
            lambda: save_signup(database, signup, hub=hub),
            title=SAVE_FAILED,
            source=self,
            status=lambda saved: "Correction saved." if signup.enrolment_id else "Saved.",
            then=lambda saved: self._saved(signup, saved),
        )

    def _refuse(self, problems: dict[str, str]) -> None:
        self.problems.setText(" ".join(problems.values()))
        first = next(iter(problems))
        widget = self.born if first == "date_of_birth" else self.fields.get(first)
        if widget is not None:
            widget.setFocus()

    def _saved(self, signup: SignUp, saved: SavedSignUp) -> None:
        values = signup.values
        self.people.remove(saved.student_id)
        self.people.add(
            saved.student_id,
            (values.get("email") or "").strip() or None,
            values["first_name"],
            values["last_name"],
            values.get("date_of_birth"),
        )
        self.saved.emit(saved)
        self.clear()

    def clear(self) -> None:
        for line in self.fields.values():
            line.clear()
        self.born.set_value(None)
        self.track.setCurrentIndex(0)
        self.opt_in.setChecked(False)
        self.ranking.set_choices([])
        self.consent.setChecked(False)
        self.correcting = self.chosen = None
        self.dismissed.clear()
        self.problems.clear()
        self.heading.setText("New sign-up")
        self._show_match(None)
        self.fields["first_name"].setFocus()

    def correct(self, signup: SignUp) -> None:
        """Put a saved sign-up back in the form, to correct it."""
        self.clear()
        self.correcting = signup
        values = signup.values
        for name, line in self.fields.items():
            value = values.get(name)
            line.setText("" if value is None else str(value))
        born = values.get("date_of_birth")
        self.born.set_value(born if isinstance(born, date) else None)
        self.track.setCurrentIndex(max(0, self.track.findData(values.get("track_interest_id"))))
        self.cohort.setCurrentIndex(max(0, self.cohort.findData(signup.cohort_id)))
        self.ranking.set_choices(signup.choices)
        self.opt_in.setChecked(bool(values.get("messaging_opt_in")))
        self.consent.setChecked(signup.consent)
        self.heading.setText("Correcting a sign-up")
        self.fields["first_name"].setFocus()

    def guardian_needed(self) -> bool:
        return needs_guardian(self.born.value(), self.cohort_chosen())


def _tint(widget: QWidget, role: QPalette.ColorRole, colour: str) -> None:
    """A colour of the widget's own (a style sheet would reset its font)."""
    palette = widget.palette()
    palette.setColor(role, QColor(colour))
    widget.setPalette(palette)
