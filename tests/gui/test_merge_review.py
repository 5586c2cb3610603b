"""File ▸ New event copy…, Merge event copies… and the merge review window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.merge_review import MergeReview
from ixdesk.services.events.identity import load_identity
from ixdesk.services.events.review import load_review
from ixdesk.services.events.state import CONFLICT, DUPLICATE
from tests.event_world import COHORT, at_the_event, build_main, change_here, pack, sign_up
from tests.gui.conftest import ScriptedDialogs, bench_on


def _live_students(database: Database) -> int:
    with database.read() as session:
        return int(session.scalar(select(func.count()).where(m.Student.deleted_at.is_(None))) or 0)


def _copies_with_pairs(database: Database, folder: Path, pairs: int) -> list[Path]:
    """Two copies in which the same ``pairs`` people signed up, and a conflict on one."""
    main = build_main(database, packed=2)
    paths = [folder / "a.ixdesk", folder / "b.ixdesk"]
    for path, table in zip(paths, "AB", strict=True):
        pack(database, path, f"Table {table}")
        with at_the_event(path) as copy:
            for n in range(pairs):
                sign_up(copy, main.cohort, f"Twin{n}", "Person", email=f"twin{n}@mail.example")
            if table == "A":
                sign_up(copy, main.cohort, "Packed0", "S", student_id=main.students[0], school="L")
    change_here(database, main.students[0], school="M")
    return paths


def test_the_file_menu_packs_an_event_copy(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    build_main(window.workbench.database, packed=3)
    names = [a.objectName() for a in window.ui.menuFile.actions()]
    assert {"actionNewEventCopy", "actionMergeEventCopies", "actionReviewMerge"} <= set(names)
    target = tmp_path / "fair.ixdesk"

    def fill(dialog: Any) -> bool:
        dialog.event_name.setText("Open day")
        dialog.cohorts.item(0).setCheckState(Qt.CheckState.Checked)
        assert dialog.cohorts.item(0).text() == COHORT
        return True

    dialogs.review_answer = fill
    dialogs.save_file_answer = str(target)
    window.events.pack_action.trigger()
    qtbot.waitUntil(lambda: any(kind == "info" for kind in dialogs.kinds()), timeout=10_000)
    [(_kind, title, text)] = [each for each in dialogs.asked if each[0] == "info"]
    assert title == "Event copy made" and "PIN to leave event mode is" in text
    with at_the_event(target) as copy:
        assert load_identity(copy).event_name == "Open day"


def test_merging_from_the_menu_says_what_came_in_opens_the_review_and_undoes_in_one_step(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    database = window.workbench.database
    paths = _copies_with_pairs(database, tmp_path, 3)
    dialogs.open_files_answer = [str(path) for path in paths]
    window.events.merge_action.trigger()
    qtbot.waitUntil(lambda: window.events.review_window is not None, timeout=10_000)
    assert ("info", "Event copies merged") in [(k, t) for k, t, _ in dialogs.asked]
    assert _live_students(database) == 2 + 3
    review = window.events.review_window
    assert isinstance(review, MergeReview) and review.isVisible()
    assert review.count.text() == "4 waiting"
    stack = window.workbench.undo_stack
    assert stack is not None and stack.undoText() == "Merge 2 event copies"
    review.close()
    stack.undo()
    assert _live_students(database) == 2 and load_review(database) == []
    stack.redo()
    assert _live_students(database) == 5 and len(load_review(database)) == 4


def test_the_review_searches_filters_and_decides_by_keyboard_and_all_of_a_kind(
    qtbot: QtBot, sqlite_database: Database, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    from ixdesk.services.events.merge import merge_event_copies

    paths = _copies_with_pairs(sqlite_database, tmp_path, 120)
    merge_event_copies(sqlite_database, paths)
    with bench_on(sqlite_database, dialogs) as bench:
        review = MergeReview(bench)
        qtbot.addWidget(review)
        review.resize(1280, 800)
        review.show()
        assert review.count.text() == "121 waiting"
        review.search.setText("twin11@")
        assert {item.title for item in review.model.shown} == {"Twin11 Person"}
        review.search.setText("")
        qtbot.keyClicks(review.search, "2")  # typing a search decides nothing
        assert review.count.text().endswith("of 121 shown")
        review.search.setText("")
        review.kind.setCurrentIndex(review.kind.findData(CONFLICT))
        assert [item.kind for item in review.model.shown] == [CONFLICT]
        review.table.setFocus()
        qtbot.keyClick(review.table, Qt.Key.Key_2)  # take the event's value
        with sqlite_database.read() as session:
            assert session.scalar(select(m.Student.school).where(m.Student.school == "L"))
        assert review.count.text() == "120 waiting"
        review.kind.setCurrentIndex(review.kind.findData(DUPLICATE))
        assert review.bulk.currentText() == "Merge into one"
        dialogs.confirm_answer = True
        review.bulk_button.click()
        assert load_review(sqlite_database) == []
        assert _live_students(sqlite_database) == 2 + 120
        assert bench.undo_stack is not None
        bench.undo_stack.undo()
        assert len(load_review(sqlite_database)) == 120
        review.close()
