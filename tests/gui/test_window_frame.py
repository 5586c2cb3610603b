"""The window's frame: what shows before the database is open."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ixdesk.gui.kind_views import KIND_VIEWS
from ixdesk.gui.places import HOME
from ixdesk.gui.window_frame import NAVIGATION, WindowFrame
from ixdesk.services.kinds import KINDS


def test_the_side_bar_names_each_kind_as_the_services_do() -> None:
    assert NAVIGATION[0] == (HOME, "Dashboard", "dashboard")
    assert [key for key, _label, _icon in NAVIGATION[1:]] == list(KIND_VIEWS)
    for key, label, icon_name in NAVIGATION[1:]:
        assert label == KINDS[key].plural.capitalize()
        assert icon_name == KIND_VIEWS[key].icon


def test_the_frame_shows_the_side_bar_and_says_the_database_is_opening(
    qtbot: QtBot, tmp_path: Path
) -> None:
    frame = WindowFrame()
    qtbot.addWidget(frame)
    frame.resize(1280, 800)
    with qtbot.waitSignal(frame.painted):
        frame.show()
    assert frame.ui.navigation.count() == len(NAVIGATION)
    assert frame.ui.navigation.currentItem().text() == "Dashboard"
    assert frame.ui.pages.currentWidget() is frame.opening
    assert not frame.ui.actionNew.isEnabled() and not frame.filled
    picture = tmp_path / "frame.png"
    assert frame.grab().save(str(picture))
