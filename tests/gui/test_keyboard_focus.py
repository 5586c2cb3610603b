"""Working from the keyboard: a focus ring that can be seen, Tab stops that show it,
and Down from a search box into what it found."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ixdesk.db.enums import EnrolmentStatus
from ixdesk.gui import theme
from ixdesk.gui.focus_ring import FocusRingStyle, install_focus_ring
from ixdesk.gui.main_window import MainWindow
from ixdesk.gui.settings_dialog import SettingsDialog
from ixdesk.gui.workbench import Workbench
from tests.gui.helpers import activate, open_view
from tests.gui.world import World


@pytest.fixture
def focus_ring(qapp: QApplication) -> Iterator[None]:
    """The application drawn as ixdesk draws it (app.application() installs the ring)."""
    before = qapp.style().name()
    install_focus_ring(qapp)
    yield
    qapp.setStyle(before)


def _ring_pixels(widget: QWidget) -> int:
    """Pixels of the highlight colour in the widget as drawn now."""
    image = widget.grab().toImage()
    wanted = widget.palette().color(QPalette.ColorRole.Highlight)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            if (
                abs(colour.red() - wanted.red())
                + abs(colour.green() - wanted.green())
                + abs(colour.blue() - wanted.blue())
                < 60
            ):
                count += 1
    return count


def test_the_first_tab_stops_on_the_dashboard_show_a_clear_focus_ring(
    qtbot: QtBot, focus_ring: None, world: World, window: MainWindow
) -> None:
    assert window.ui.pages.currentWidget() is window.home
    window.ui.navigation.setFocus(Qt.FocusReason.TabFocusReason)  # the side bar comes first
    for _stop in range(3):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None and window.home.isAncestorOf(focused)
        # A stop is a control, never a scrolling frame that shows nothing.
        is_frame = isinstance(focused, QAbstractScrollArea)
        assert not is_frame or isinstance(focused, QAbstractItemView), focused
        with_focus = _ring_pixels(focused)
        window.setFocus()  # the same control without the focus
        qtbot.wait(10)
        without = _ring_pixels(focused)
        focused.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.wait(10)
        perimeter = 2 * (focused.width() + focused.height())
        assert with_focus - without >= perimeter, (focused.accessibleName(), with_focus, without)


def test_a_focused_field_and_table_are_ringed(
    qtbot: QtBot, focus_ring: None, world: World, window: MainWindow
) -> None:
    view = open_view(window, "students")
    for widget in (view.search, view.table):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.wait(10)
        with_focus = _ring_pixels(widget)
        window.setFocus()
        qtbot.wait(10)
        assert with_focus - _ring_pixels(widget) >= widget.width()  # a ring, not a tint


def test_the_colours_chosen_in_settings_keep_the_focus_ring(
    qtbot: QtBot, focus_ring: None, qapp: QApplication
) -> None:
    """A dark window where the platform has none is Fusion with ixdesk's palette: the
    ring is drawn over it too, and stays when the colours go back to light."""
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    field, other = QLineEdit(), QLineEdit()
    layout.addWidget(field)
    layout.addWidget(other)
    host.resize(300, 100)
    host.show()
    qtbot.waitExposed(host)
    try:
        for chosen in (theme.DARK, theme.LIGHT):
            theme.apply_theme(chosen)
            assert isinstance(qapp.style(), FocusRingStyle), chosen
            field.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(field.hasFocus)
            with_focus = _ring_pixels(field)
            other.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(other.hasFocus)
            assert with_focus - _ring_pixels(field) >= field.width(), chosen
    finally:
        theme.apply_theme(theme.SYSTEM)


def test_the_settings_tab_reached_from_the_keyboard_is_ringed(
    qtbot: QtBot, focus_ring: None, workbench: Workbench
) -> None:
    dialog = SettingsDialog(workbench)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    activate(qtbot, dialog)
    bar = dialog.tabs.tabBar()
    dialog.name_edit.setFocus()
    for _press in range(20):  # Tab round the dialog to its tabs, as a person would
        if bar.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Tab)
    assert bar.hasFocus()
    qtbot.wait(10)
    with_focus = _ring_pixels(bar)
    qtbot.keyClick(bar, Qt.Key.Key_Tab)  # on to the first field
    qtbot.waitUntil(lambda: not bar.hasFocus())
    assert with_focus - _ring_pixels(bar) >= bar.tabRect(0).width()  # a ring round the tab


def test_down_from_a_search_box_moves_into_the_results(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "students")
    view.search.setFocus()
    qtbot.keyClicks(view.search, "silva")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    row = view.table.currentIndex().row()
    assert view.model.id_at(row) == world.students[0]
    assert view.editor.loaded.id == world.students[0]  # the row chosen opens it

    assert window.open_cohort(world.cohort)
    board = window.cohort_workspace.board
    qtbot.waitUntil(lambda: board.columns[EnrolmentStatus.APPLIED].model.rowCount() == 2)
    board.search.setFocus()
    qtbot.keyClick(board.search, Qt.Key.Key_Down)
    applied = board.columns[EnrolmentStatus.APPLIED].view
    assert applied.hasFocus() and applied.currentIndex().row() == 0


def test_down_in_a_search_box_with_nothing_found_stays_there(
    qtbot: QtBot, world: World, window: MainWindow
) -> None:
    view = open_view(window, "students")
    view.search.setFocus()
    qtbot.keyClicks(view.search, "nobody at all")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.search.hasFocus()
