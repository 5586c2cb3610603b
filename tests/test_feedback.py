"""Feedback: the instructor's rubric per student and the partner company's per group."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.errors import ChangedElsewhereError
from ixdesk.services import links
from ixdesk.services.export import export_partner_brief
from ixdesk.services.operations import OperationContext, run_operation
from ixdesk.services.record_kinds import Kind
from ixdesk.services.running import feedback as fb
from tests.gui.world import World, build_world


def _world(database: Database) -> World:
    world = build_world(database)

    def skills(context: OperationContext) -> None:
        problem = context.session.get(m.BusinessProblem, world.problem)
        assert problem is not None
        problem.skills = "Data cleaning, Forecasting\nPresenting; forecasting"

    run_operation(database, skills)
    return world


def test_the_rubric_rates_the_problems_skills() -> None:
    assert fb.skills_of("Data cleaning, Forecasting\nPresenting; forecasting") == [
        "Data cleaning", "Forecasting", "Presenting",
    ]  # fmt: skip
    assert fb.skills_of(None) == [] and fb.rating_text(3) == "3 · Proficient"


COMMENT = "Clear charts, asked good questions."


def _saved(database: Database, world: World) -> fb.FeedbackChanges:
    silva = world.students[0]
    changes = fb.FeedbackChanges(
        (
            fb.RubricChange(world.group, silva, "Forecasting", None, 4),
            fb.RubricChange(world.group, silva, fb.COMMENT, None, COMMENT),
        ),
        (fb.CompanyChange(world.group, None, ("Selam Cohen", "The forecast is in use already.")),),
    )  # fmt: skip
    return fb.save_feedback(database, changes)


def test_rubric_and_company_feedback_are_saved_checked_and_undone(database: Database) -> None:
    world = _world(database)
    silva, nowak = world.students
    done = _saved(database, world)
    found = fb.group_feedback(database, world.group)
    assert found.skills == ["Data cleaning", "Forecasting", "Presenting"]
    rows = {row.student_id: row for row in found.students}
    assert rows[silva].ratings == {"Forecasting": 4}
    assert rows[silva].comment == "Clear charts, asked good questions."
    assert rows[nowak].ratings == {} and rows[nowak].comment is None
    assert (found.company_given_by, found.company_comment) == (
        "Selam Cohen", "The forecast is in use already.",
    )  # fmt: skip
    stale = fb.FeedbackChanges((fb.RubricChange(world.group, silva, "Forecasting", None, 2),))
    with pytest.raises(ChangedElsewhereError):
        fb.save_feedback(database, stale)
    with pytest.raises(ChangedElsewhereError):
        fb.save_feedback(
            database,
            fb.FeedbackChanges(company=(fb.CompanyChange(world.group, None, (None, "x")),)),
        )
    fb.save_feedback(database, done.reversed())
    empty = fb.group_feedback(database, world.group)
    assert all(not row.ratings and row.comment is None for row in empty.students)
    assert empty.company_comment is None


def test_feedback_shows_on_the_student_and_the_group(database: Database) -> None:
    world = _world(database)
    silva, nowak = world.students
    _saved(database, world)
    shown = [
        (item.section, item.label, item.detail)
        for item in links.linked_records(database, Kind.STUDENTS, silva)
        if item.section.startswith("Feedback")
    ]
    assert shown == [
        ("Feedback · Équipe Zoë", "Forecasting", "4 · Excellent"),
        ("Feedback · Équipe Zoë", "Instructor's comment", "Clear charts, asked good questions."),
        ("Feedback · Équipe Zoë", "Selam Cohen", "The forecast is in use already."),
    ]
    other = links.linked_records(database, Kind.STUDENTS, nowak)
    assert [item.label for item in other if item.section.startswith("Feedback")] == ["Selam Cohen"]
    found = links.linked_records(database, Kind.GROUPS, world.group)
    group = [
        (item.section, item.label)
        for item in found
        if "feedback" in item.section or item.section.startswith("Rubric")
    ]
    assert group == [
        ("Partner company's feedback", "Selam Cohen"),
        ("Rubric · Ana Silva", "Forecasting"),
        ("Rubric · Ana Silva", "Instructor's comment"),
    ]


def test_the_partner_brief_carries_group_feedback_only(database: Database, tmp_path: Path) -> None:
    world = _world(database)
    _saved(database, world)
    path = export_partner_brief(database, world.company, tmp_path / "brief.xlsx")
    sheet = openpyxl.load_workbook(path)["Groups"]
    text = [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value]
    assert "Your feedback on the deliverable" in text
    assert "The forecast is in use already." in text
    assert not any("Clear charts" in value or "Excellent" in value for value in text)


def test_the_full_export_carries_feedback_with_ratings_as_json_text(
    database: Database, tmp_path: Path
) -> None:
    from ixdesk.services.export import export_everything

    world = _world(database)
    _saved(database, world)
    book = openpyxl.load_workbook(export_everything(database, tmp_path / "all.xlsx"))
    rows = list(book["student_feedback"].iter_rows(values_only=True))
    header, (row,) = rows[0], rows[1:]
    record = dict(zip(header, row, strict=True))
    assert json.loads(record["ratings"]) == {"Forecasting": 4} and record["comment"] == COMMENT
    (company,) = list(book["group_feedback"].iter_rows(values_only=True))[1:]
    assert "The forecast is in use already." in company
