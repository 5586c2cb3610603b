"""Event mode: the sign-up form of an event copy, guarded by its PIN."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from ixdesk.db import Database, open_database
from ixdesk.db import models as m
from ixdesk.gui import app
from ixdesk.gui.event_mode.window import WRONG_PIN, EventWindow
from ixdesk.gui.main_window import MainWindow
from tests.event_world import PIN, Main, build_main, open_copy, pack
from tests.gui.conftest import ScriptedDialogs


@pytest.fixture
def event_copy(tmp_path: Path) -> Iterator[tuple[Database, Main]]:
    main_db = open_database(tmp_path / "main.db")
    try:
        main = build_main(main_db, packed=5)
        pack(main_db, tmp_path / "fair.ixdesk", "Careers Fair, Table 3")
    finally:
        main_db.close()
    copy = open_copy(tmp_path / "fair.ixdesk")
    try:
        yield copy, main
    finally:
        copy.close()


@pytest.fixture
def kiosk(
    qtbot: QtBot, event_copy: tuple[Database, Main], dialogs: ScriptedDialogs
) -> Iterator[EventWindow]:
    window = EventWindow(event_copy[0], dialogs)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    yield window
    window.unlocked = True
    window.close()


def _type(qtbot: QtBot, window: EventWindow, **values: str) -> None:
    for name, text in values.items():
        widget = window.form.born if name == "date_of_birth" else window.form.fields[name]
        widget.setFocus()
        qtbot.keyClicks(widget, text)


def _students(database: Database) -> int:
    with database.read() as session:
        return int(session.scalar(select(func.count()).select_from(m.Student)) or 0)


def test_enter_saves_a_sign_up_at_once_and_starts_the_next(
    qtbot: QtBot, kiosk: EventWindow, event_copy: tuple[Database, Main]
) -> None:
    copy, _main = event_copy
    _type(qtbot, kiosk, first_name="Amara", last_name="Okafor", email="amara@mail.example")
    _type(qtbot, kiosk, school="Leeds Grammar", grade="12")
    qtbot.keyClick(kiosk.form.fields["grade"], Qt.Key.Key_Return)
    assert _students(copy) == 5 + 1  # committed: another connection sees it
    assert kiosk.count.text() == "1 sign-up on this laptop"
    assert kiosk.recent.item(0).text() == "Amara Okafor — Data Spring 2027"
    assert kiosk.form.fields["first_name"].text() == ""
    assert kiosk.form.fields["first_name"].hasFocus() or not QApplication.focusWidget()


def test_a_minor_needs_a_guardian_before_the_sign_up_is_saved(
    qtbot: QtBot, kiosk: EventWindow, event_copy: tuple[Database, Main]
) -> None:
    kiosk.form.cohort.setCurrentIndex(0)
    born = date.today().replace(year=date.today().year - 15, day=1)
    _type(qtbot, kiosk, first_name="Young", last_name="Person")
    kiosk.form.born.set_value(born)
    qtbot.keyClick(kiosk.form.fields["last_name"], Qt.Key.Key_Return)
    assert "guardian" in kiosk.form.problems.text().lower()
    assert _students(event_copy[0]) == 5
    _type(qtbot, kiosk, guardian_name="Pat Person", guardian_phone="07911 123456")
    kiosk.form.consent.setChecked(True)
    qtbot.keyClick(kiosk.form.fields["guardian_phone"], Qt.Key.Key_Return)
    assert kiosk.form.problems.text() == ""
    with event_copy[0].read() as session:
        saved = session.scalars(select(m.Student).where(m.Student.first_name == "Young")).one()
        assert saved.guardian_consent_by == "Pat Person" and saved.guardian_consent_at
        assert saved.guardian_phone == "+447911123456"


def test_a_packed_student_is_recognised_and_the_sign_up_added_to_them(
    qtbot: QtBot, kiosk: EventWindow, event_copy: tuple[Database, Main]
) -> None:
    copy, main = event_copy
    _type(qtbot, kiosk, first_name="Someone", last_name="New", email="packed2@school.example")
    assert kiosk.form.warning.isVisible()
    assert "Packed2 S. (Leeds College)" in kiosk.form.warning.text()
    assert "@" not in kiosk.form.warning.text()  # nothing more of them than needed
    qtbot.keyClick(kiosk.form.fields["email"], Qt.Key.Key_Return)  # not yet: asked first
    assert _students(copy) == 5 and "answer" in kiosk.form.problems.text()
    kiosk.form.them.click()
    qtbot.keyClick(kiosk.form.fields["email"], Qt.Key.Key_Return)
    assert _students(copy) == 5
    with copy.read() as session:
        enrolled = session.scalars(select(m.Enrolment.student_id)).all()
    assert enrolled == [main.students[2]]


def test_a_second_sign_up_of_the_same_person_here_is_caught_too(
    qtbot: QtBot, kiosk: EventWindow
) -> None:
    _type(qtbot, kiosk, first_name="Ben", last_name="Ode", email="ben@mail.example")
    qtbot.keyClick(kiosk.form.fields["email"], Qt.Key.Key_Return)
    _type(qtbot, kiosk, first_name="ben", last_name="ode", email="BEN@mail.example")
    assert kiosk.form.warning.isVisible() and "Ben O." in kiosk.form.warning.text()
    kiosk.form.someone_else.click()
    assert not kiosk.form.warning.isVisible()


def test_leaving_or_closing_event_mode_needs_the_pin(
    qtbot: QtBot, kiosk: EventWindow, dialogs: ScriptedDialogs
) -> None:
    left: list[bool] = []
    kiosk.leave.connect(lambda: left.append(True))
    dialogs.pin_answer = "0000"
    kiosk.request_leave()
    assert kiosk.isVisible() and not left
    assert ("error", "Event mode", WRONG_PIN) in dialogs.asked
    kiosk.close()
    assert kiosk.isVisible()
    dialogs.pin_answer = None
    kiosk.close()
    assert kiosk.isVisible()
    dialogs.pin_answer = PIN
    kiosk.request_leave()
    assert left == [True] and not kiosk.isVisible()


def test_opening_an_event_copy_starts_event_mode_and_the_pin_opens_the_window(
    qtbot: QtBot, tmp_path: Path, event_copy: tuple[Database, Main], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy, _main = event_copy
    copy.close()
    session = app.Session(app.application(), str(tmp_path / "fair.ixdesk"))
    session.start()
    frame = session.window
    assert frame is not None
    qtbot.waitUntil(lambda: session.event_window is not None, timeout=10_000)
    kiosk = session.event_window
    assert isinstance(kiosk, EventWindow) and kiosk.isVisible() and not frame.isVisible()
    scripted = ScriptedDialogs()
    scripted.pin_answer = PIN
    kiosk.workbench.dialogs = scripted
    kiosk.request_leave()
    assert isinstance(session.window, MainWindow) and session.window.isVisible()
    session.window.close()
    assert session.database is not None
    session.database.close()


def test_a_recent_sign_up_is_corrected_in_the_form_or_taken_back(
    qtbot: QtBot, kiosk: EventWindow, event_copy: tuple[Database, Main], dialogs: ScriptedDialogs
) -> None:
    copy, _main = event_copy
    _type(qtbot, kiosk, first_name="Jon", last_name="Smiht", email="jon@mail.example")
    qtbot.keyClick(kiosk.form.fields["email"], Qt.Key.Key_Return)
    kiosk.recent.setCurrentRow(0)
    kiosk.recent.setFocus()
    qtbot.keyClick(kiosk.recent, Qt.Key.Key_Return)
    assert kiosk.form.heading.text() == "Correcting a sign-up"
    assert kiosk.form.fields["last_name"].text() == "Smiht"
    kiosk.form.fields["last_name"].setText("Smith")
    qtbot.keyClick(kiosk.form.fields["last_name"], Qt.Key.Key_Return)
    assert kiosk.recent.item(0).text() == "Jon Smith — Data Spring 2027"
    assert _students(copy) == 5 + 1  # corrected, not added again
    dialogs.confirm_answer = True
    kiosk.recent.setCurrentRow(0)
    kiosk.recent.setFocus()
    qtbot.keyClick(kiosk.recent, Qt.Key.Key_Delete)
    assert kiosk.recent.count() == 0 and kiosk.count.text() == "0 sign-ups on this laptop"
    with copy.read() as session:
        jon = session.scalars(select(m.Student).where(m.Student.first_name == "Jon")).one()
        assert jon.deleted_at is not None  # new here, so taken back with the sign-up


def _ranked(copy: Database, student_id: str) -> list[str]:
    pp = m.ProblemPreference
    with copy.read() as session:
        return [
            str(each)
            for each in session.scalars(
                select(pp.business_problem_id)
                .where(pp.student_id == student_id, pp.deleted_at.is_(None))
                .order_by(pp.rank)
            )
        ]


def test_the_student_ranks_the_cohorts_business_problems_by_keyboard_and_corrects_it(
    qtbot: QtBot, kiosk: EventWindow, event_copy: tuple[Database, Main]
) -> None:
    copy, main = event_copy
    churn, footfall, price = main.problems
    ranking = kiosk.form.ranking
    assert [ranking.lists[0].itemText(i) for i in range(ranking.lists[0].count())] == [
        "(1st choice)",
        "Churn dashboard",
        "Footfall forecasting",
        "Price elasticity",
    ]
    assert ranking.lists[0].itemData(1, Qt.ItemDataRole.ToolTipRole) == (
        "Churn dashboard (Northwind Retail)"
    )
    _type(qtbot, kiosk, first_name="Rae", last_name="Ng", email="rae@mail.example")
    qtbot.keyClicks(ranking.lists[0], "F")  # typing picks a title
    qtbot.keyClicks(ranking.lists[1], "F")
    qtbot.keyClick(ranking.lists[1], Qt.Key.Key_Return)
    assert "once" in kiosk.form.problems.text() and _students(copy) == 5  # a repeat: refused
    assert ranking.lists[1].hasFocus() or not QApplication.focusWidget()
    qtbot.keyClick(ranking.lists[1], Qt.Key.Key_Up)  # the arrow keys move through the list
    qtbot.keyClick(ranking.lists[1], Qt.Key.Key_Return)
    assert _students(copy) == 5 + 1 and ranking.choices() == []  # saved; the form is clear
    with copy.read() as session:
        rae = session.scalars(select(m.Student.id).where(m.Student.first_name == "Rae")).one()
    assert _ranked(copy, str(rae)) == [footfall, churn]
    kiosk.recent.setCurrentRow(0)
    kiosk.recent.setFocus()
    qtbot.keyClick(kiosk.recent, Qt.Key.Key_Return)
    assert ranking.choices() == [footfall, churn]  # back in the form to correct
    ranking.lists[2].setCurrentIndex(ranking.lists[2].findData(price))
    ranking.lists[0].setCurrentIndex(0)
    qtbot.keyClick(kiosk.form.fields["email"], Qt.Key.Key_Return)
    assert _ranked(copy, str(rae)) == [churn, price]
