"""Every date field of every editor: typed as people write dates, saved as shown.

Each field is typed into with the keyboard, saved with the editor's Save
button, and read back from the database (SQLite and PostgreSQL).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateEdit,
    QLineEdit,
    QTableView,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import Date, inspect

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.db.base import UTCDateTime
from ixdesk.gui.date_field import DateField
from ixdesk.gui.editor import RecordEditor
from ixdesk.gui.workbench import Workbench
from ixdesk.services import editing
from ixdesk.services.kinds import KINDS
from tests.gui.conftest import ScriptedDialogs, bench_on
from tests.gui.helpers import activate
from tests.gui.world import build_world


@dataclass(frozen=True)
class DateCase:
    kind: str
    name: str
    record: str  # the World field naming the record edited
    year: int  # dates of birth and consent lie in the past; the others may not


DATE_CASES = [
    DateCase("students", "date_of_birth", "students", 2010),
    DateCase("students", "guardian_consent_at", "students", 2025),
    DateCase("cohorts", "starts_on", "cohort", 2027),  # the cohort ends on 26 March 2027
    DateCase("cohorts", "ends_on", "cohort", 2027),  # and starts on 1 March 2027
    DateCase("instructors", "safeguarding_expires_on", "instructor", 2027),
]
CASE_IDS = [case.name for case in DATE_CASES]

EditorFactory = Callable[[str], RecordEditor]


@pytest.fixture
def make_editor(
    qtbot: QtBot, database: Database, dialogs: ScriptedDialogs
) -> Iterator[EditorFactory]:
    with bench_on(database, dialogs) as bench:
        yield lambda kind: _editor(qtbot, bench, kind)


def _editor(qtbot: QtBot, bench: Workbench, kind: str) -> RecordEditor:
    editor = RecordEditor(kind, bench)
    qtbot.addWidget(editor)
    editor.resize(900, 900)
    editor.show()
    activate(qtbot, editor)
    return editor


def _open_record(
    database: Database, make_editor: EditorFactory, case: DateCase
) -> tuple[RecordEditor, str]:
    """The linked records of tests/gui/world.py, and an editor showing the case's record."""
    value = getattr(build_world(database), case.record)
    record_id = str(value[0] if isinstance(value, tuple) else value)
    editor = make_editor(case.kind)
    editor.load(record_id)
    return editor, record_id


def _stored(database: Database, case: DateCase, record_id: str) -> date | None:
    model = KINDS[case.kind].model
    with database.read() as session:
        value = getattr(session.get(model, record_id), case.name)
    return value.date() if isinstance(value, datetime) else value


def _field(editor: RecordEditor, name: str) -> DateField:
    widget = editor.fields[name]
    assert isinstance(widget, DateField)
    return widget


def _type(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Replace the field's text with ``text`` from the keyboard, and stay in the field."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def _type_and_save(qtbot: QtBot, editor: RecordEditor, name: str, text: str) -> str:
    """Type, press Enter, click Save; returns what the field showed when saving."""
    field = _field(editor, name)
    _type(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    shown = field.text()
    assert editor.problems == {}, (text, editor.problems)
    assert editor.save_button.isEnabled(), text
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.is_dirty()
    return shown


def test_every_date_column_an_editor_edits_is_a_date_field(
    database: Database, make_editor: EditorFactory
) -> None:
    dated = {
        (kind, column.key)
        for kind, names in editing.EDITABLE.items()
        for column in inspect(KINDS[kind].model).columns
        if column.key in names and isinstance(column.type, Date | UTCDateTime)
    }
    assert dated == {(case.kind, case.name) for case in DATE_CASES}
    for kind in editing.EDITABLE:
        editor = make_editor(kind)
        assert editor.findChildren(QDateEdit) == []
        fields = {name for name, widget in editor.fields.items() if isinstance(widget, DateField)}
        assert fields == {name for k, name in dated if k == kind}


@pytest.mark.parametrize("case", DATE_CASES, ids=CASE_IDS)
def test_a_typed_date_is_saved_as_shown_in_either_day_month_order(
    qtbot: QtBot,
    database: Database,
    make_editor: EditorFactory,
    monkeypatch: pytest.MonkeyPatch,
    case: DateCase,
) -> None:
    editor, record_id = _open_record(database, make_editor, case)
    year = case.year
    typed = {  # in the default order: day first
        f"25/03/{year}": date(year, 3, 25),
        f"{year}-03-02": date(year, 3, 2),
        f"1 Mar {year}": date(year, 3, 1),
        f"01/03/{year}": date(year, 3, 1),
        f"March 20, {year}": date(year, 3, 20),
        f"14/3/{year % 100:02d}": date(year, 3, 14),
    }
    for text, wanted in typed.items():
        _save_typed(qtbot, editor, case, record_id, text, wanted)

    monkeypatch.setenv("IXDESK_DATE_ORDER", "month-first")
    editor = make_editor(case.kind)
    editor.load(record_id)
    for text, wanted in {
        f"3/26/{year}": date(year, 3, 26),
        f"03/04/{year}": date(year, 3, 4),
        f"{year}-03-05": date(year, 3, 5),
        f"2 Mar {year}": date(year, 3, 2),
    }.items():
        _save_typed(qtbot, editor, case, record_id, text, wanted)


def _save_typed(
    qtbot: QtBot, editor: RecordEditor, case: DateCase, record_id: str, text: str, wanted: date
) -> None:
    """Type ``text``, save, and find ``wanted`` shown and in the database."""
    if _stored(editor.database, case, record_id) == wanted:  # so that saving changes it
        _type_and_save(qtbot, editor, case.name, f"{wanted.year}-03-03")
    shown = _type_and_save(qtbot, editor, case.name, text)
    assert shown == f"{wanted.day} Mar {wanted.year}", text
    assert _stored(editor.database, case, record_id) == wanted, text
    assert _field(editor, case.name).text() == shown  # as reloaded after saving


@pytest.mark.parametrize("case", DATE_CASES, ids=CASE_IDS)
def test_clearing_a_date_saves_no_date_and_an_empty_field_stays_empty(
    qtbot: QtBot, database: Database, make_editor: EditorFactory, case: DateCase
) -> None:
    editor, record_id = _open_record(database, make_editor, case)
    field = _field(editor, case.name)
    _type_and_save(qtbot, editor, case.name, f"2 Mar {case.year}")
    assert _stored(database, case, record_id) == date(case.year, 3, 2)
    # The field's clear button (the cross), then Save.
    (clear,) = [
        button
        for button in field.findChildren(QToolButton)
        if button.defaultAction().objectName() == "_q_qlineeditclearaction"
    ]
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert field.text() == "" and field.value() is None and editor.is_dirty()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert _stored(database, case, record_id) is None
    assert field.text() == ""
    # Deleting the text from the keyboard does the same.
    _type_and_save(qtbot, editor, case.name, f"3 Mar {case.year}")
    _type_and_save(qtbot, editor, case.name, "")
    assert _stored(database, case, record_id) is None
    # Arrow keys in an empty field invent no date (no 1 January 1900).
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
        qtbot.keyClick(field, key)
    assert field.text() == "" and field.value() is None
    assert not editor.is_dirty()


@pytest.mark.parametrize("case", DATE_CASES, ids=CASE_IDS)
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("3/26/2027", "for 26 March 2027, type 26 Mar 2027 or 2027-03-26"),
        ("31/02/2027", "February has no day 31"),
        ("next tuesday", "is not a date ixdesk can read"),
        ("1/3", "is not a date ixdesk can read"),
        ("1/1/0000", "there is no year 0"),
        ("2027-03-01 25:99", "has more than a date in it; type the date alone"),
        ("2027-03-01 10:30", "has more than a date in it; type the date alone"),
    ],
    ids=["month-first", "no-such-day", "words", "no-year", "year-0", "bad-time", "time"],
)
def test_an_unreadable_date_is_shown_at_the_field_and_nothing_is_saved(
    qtbot: QtBot,
    database: Database,
    make_editor: EditorFactory,
    case: DateCase,
    text: str,
    words: str,
) -> None:
    editor, record_id = _open_record(database, make_editor, case)
    before = _stored(database, case, record_id)
    version = editor.loaded.version
    field = _field(editor, case.name)
    _type(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving keeps the text as typed
    label = editor.error_labels[case.name]
    assert field.text() == text
    assert words in label.text() and label.isVisible()
    assert editor.is_dirty() and not editor.save_button.isEnabled()
    assert editor.save() is False
    assert editor.focusWidget() is field  # Save sends the person to the field at fault
    assert (editor.loaded.version, _stored(database, case, record_id)) == (version, before)
    _type(qtbot, field, "")  # an empty field is fine again
    assert label.text() == "" and case.name not in editor.problems


PLANNED = [case for case in DATE_CASES if case.name not in ("date_of_birth", "guardian_consent_at")]


@pytest.mark.parametrize("case", DATE_CASES, ids=CASE_IDS)
@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "1/3/0227", "1/3/1999"])
def test_a_date_in_an_implausible_year_is_refused_at_the_field(
    qtbot: QtBot, database: Database, make_editor: EditorFactory, case: DateCase, text: str
) -> None:
    editor, record_id = _open_record(database, make_editor, case)
    before = _stored(database, case, record_id)
    field = _field(editor, case.name)
    _type(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    message = editor.error_labels[case.name].text()
    if case in PLANNED:
        words = "is before 2000" if text[-4] in "01" else "more than 20 years ahead"
    elif text.startswith("9"):
        words = "is in the future"
    else:
        words = "more than 100 years ago" if text != "1/3/1999" else None
    if words is None:  # 1999 is a fine date of birth or consent
        assert message == "" and editor.save_button.isEnabled()
        return
    assert words in message and editor.error_labels[case.name].isVisible(), message
    assert not editor.save_button.isEnabled() and editor.save() is False
    assert _stored(database, case, record_id) == before
    _type(qtbot, field, f"2 Mar {case.year}")  # a plausible year is fine again
    assert case.name not in editor.problems and editor.save_button.isEnabled()


def _zone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()


@pytest.fixture
def restore_zone() -> Iterator[None]:
    yield
    os.environ.pop("TZ", None)  # monkeypatch puts TZ back after this runs; tzset then too
    time.tzset()


@pytest.mark.usefixtures("restore_zone")
@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Kiritimati", "UTC"])
def test_the_consent_date_is_the_day_it_was_where_ixdesk_runs(
    qtbot: QtBot,
    database: Database,
    make_editor: EditorFactory,
    monkeypatch: pytest.MonkeyPatch,
    zone: str,
) -> None:
    _zone(monkeypatch, zone)
    case = next(case for case in DATE_CASES if case.name == "guardian_consent_at")
    student = str(build_world(database).students[0])
    # Consent given on a Californian evening: already the next day in UTC.
    evening = datetime(2025, 3, 1, 20, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    with database.write() as session:
        session.get(m.Student, student).guardian_consent_at = evening
    editor = make_editor("students")
    editor.load(student)
    field = _field(editor, case.name)
    assert field.text() == f"{evening.astimezone().day} Mar 2025"
    assert not editor.is_dirty()
    _type_and_save(qtbot, editor, case.name, "14 Mar 2025")
    with database.read() as session:
        stored = session.get(m.Student, student).guardian_consent_at
    assert stored.astimezone().date() == date(2025, 3, 14)  # the day typed, here
    editor.load(student)
    assert field.text() == "14 Mar 2025"


def test_a_new_record_with_empty_dates_saves_none(
    qtbot: QtBot, database: Database, make_editor: EditorFactory
) -> None:
    editor = make_editor("cohorts")
    editor.load(None)
    name = editor.fields["name"]
    assert isinstance(name, QLineEdit)
    name.setFocus()
    qtbot.keyClicks(name, "UX design Summer 2027")
    assert _field(editor, "starts_on").text() == ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.loaded.id is not None
    with database.read() as session:
        cohort = session.get(m.Cohort, editor.loaded.id)
        assert (cohort.starts_on, cohort.ends_on) == (None, None)


# The offscreen platform cannot raise a popup nor give it the keyboard; Qt says so.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
@pytest.mark.parametrize("case", DATE_CASES, ids=CASE_IDS)
def test_the_calendar_opens_on_today_or_on_the_date_and_a_pick_is_saved(
    qtbot: QtBot, database: Database, make_editor: EditorFactory, case: DateCase
) -> None:
    editor, record_id = _open_record(database, make_editor, case)
    field = _field(editor, case.name)
    _type(qtbot, field, "")
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    today = date.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    assert calendar.selectedDate().toPython() == today
    qtbot.keyClick(_calendar_grid(calendar), Qt.Key.Key_Escape)  # closes, chooses nothing
    assert not calendar.isVisible() and field.text() == ""

    _type(qtbot, field, f"2 Mar {case.year}")
    qtbot.keyClick(field, Qt.Key.Key_F4)
    assert calendar.isVisible()
    assert (calendar.yearShown(), calendar.monthShown()) == (case.year, 3)
    grid = _calendar_grid(calendar)
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert field.text() == f"3 Mar {case.year}"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert _stored(database, case, record_id) == date(case.year, 3, 3)


def _calendar_grid(calendar: QCalendarWidget) -> QWidget:
    grid = calendar.findChild(QTableView)
    assert grid is not None
    return grid


@pytest.mark.parametrize("case", DATE_CASES, ids=CASE_IDS)
def test_up_and_down_move_a_date_by_a_day_and_page_keys_by_a_month(
    qtbot: QtBot, database: Database, make_editor: EditorFactory, case: DateCase
) -> None:
    editor, record_id = _open_record(database, make_editor, case)
    field = _field(editor, case.name)
    _type(qtbot, field, f"{case.year}-03-02")
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == f"3 Mar {case.year}"
    qtbot.keyClick(field, Qt.Key.Key_PageUp)
    assert field.text() == f"3 Apr {case.year}"
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageDown):
        qtbot.keyClick(field, key)
    assert field.text() == f"3 Mar {case.year}"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert _stored(database, case, record_id) == date(case.year, 3, 3)
