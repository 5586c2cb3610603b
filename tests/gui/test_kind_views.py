"""How the window shows each record kind is decided beside the window, for every kind."""

from __future__ import annotations

from ixdesk.gui.kind_views import DEFAULT_WIDTH, KIND_VIEWS, view_columns
from ixdesk.paths import resource_path, ui_path
from ixdesk.services.kinds import KINDS


def test_every_kind_has_an_icon_a_form_and_widths_for_its_own_columns() -> None:
    assert list(KIND_VIEWS) == list(KINDS)
    for kind, view in KIND_VIEWS.items():
        keys = [column.key for column in KINDS[kind].columns]
        assert set(view.widths) <= set(keys), kind  # no width for a column it lacks
        assert resource_path("icons", f"{view.icon}.svg").is_file(), kind
        assert ui_path(f"{view.editor_form}.ui").is_file(), kind


def test_the_window_columns_are_the_kinds_columns_with_widths() -> None:
    students = view_columns("students")
    assert [column.key for column in students] == [c.key for c in KINDS["students"].columns]
    assert [column.label for column in students] == [c.label for c in KINDS["students"].columns]
    widths = {column.key: column.width for column in students}
    assert widths["email"] == 230 and widths["last_name"] == DEFAULT_WIDTH
    problems = {column.key: column for column in view_columns("problems")}
    assert problems["status"].choices == KINDS["problems"].columns[3].choices != ()
    assert problems["confidential"].searchable is False
