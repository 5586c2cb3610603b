"""Tracks: create, rename, merge (and take the merge back exactly), retire, the usual set."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.errors import ChangedElsewhereError, ValidationError
from ixdesk.services import editing, tracks
from ixdesk.services.operations import OperationContext, run_operation


def _links(database: Database) -> dict[str, Any]:
    """Every row that points at a track, deleted or not, with its track and its state."""
    with database.read() as session:
        found: dict[str, Any] = {
            model.__tablename__: sorted(
                (row.id, getattr(row, column.key), row.deleted_at is None)
                for row in session.scalars(select(model))
            )
            for model, column in tracks.REFERENCES
        }
        found["tracks"] = sorted(
            (row.id, row.name, row.deleted_at is None) for row in session.scalars(select(m.Track))
        )
        return found


def _messy(database: Database) -> dict[str, str]:
    """Three spellings of one track from an import, and what points at each."""

    def work(context: OperationContext) -> dict[str, str]:
        session = context.session
        ids: dict[str, str] = {}
        for key, name in (("kept", "Data analytics"), ("data", "data"), ("da", "DA")):
            track = m.Track(name=name)
            session.add(track)
            session.flush()
            ids[key] = track.id
        company = m.PartnerCompany(name="Acme")
        session.add(company)
        session.flush()
        both = m.Instructor(first_name="Ana", last_name="Both", email="ana@example.org")
        only = m.Instructor(first_name="Ola", last_name="Only", email="ola@example.org")
        session.add_all([both, only])
        session.flush()
        session.add_all(
            [
                m.Student(first_name="Zoë", last_name="A", track_interest_id=ids["data"]),
                m.Student(first_name="Bo", last_name="B", track_interest_id=ids["data"]),
                m.Student(first_name="Cy", last_name="C", track_interest_id=ids["kept"]),
                m.Student(first_name="Di", last_name="D", track_interest_id=ids["da"]),
                m.Cohort(name="Spring", track_id=ids["data"]),
                m.BusinessProblem(company_id=company.id, title="Churn", track_id=ids["data"]),
                # Ana teaches both spellings: her "data" row cannot simply move.
                m.InstructorExpertise(instructor_id=both.id, track_id=ids["kept"]),
                m.InstructorExpertise(instructor_id=both.id, track_id=ids["data"]),
                m.InstructorExpertise(instructor_id=only.id, track_id=ids["data"]),
            ]
        )
        return ids

    return run_operation(database, work)


def test_a_merge_moves_everything_and_unmerge_puts_back_exactly_what_it_moved(
    database: Database,
) -> None:
    ids = _messy(database)
    before = _links(database)
    merge = tracks.merge_tracks(database, ids["data"], ids["kept"])
    after = _links(database)
    for model, _column in tracks.REFERENCES:
        pointing = [track for _id, track, live in after[model.__tablename__] if live]
        assert ids["data"] not in pointing, model.__tablename__
    rows = {row.name: row for row in tracks.track_rows(database)}
    assert set(rows) == {"Data analytics", "DA"}
    kept = rows["Data analytics"]
    assert (kept.students, kept.cohorts, kept.problems, kept.instructors) == (3, 1, 1, 2)
    assert len(merge.dropped) == 1  # Ana's second row: she already had the kept track

    tracks.unmerge(database, merge)
    assert _links(database) == before

    again = tracks.merge_tracks(database, ids["data"], ids["kept"])  # redo
    assert _links(database) == after
    assert again.moved == merge.moved


def test_a_track_cannot_be_merged_into_itself_or_a_deleted_one(database: Database) -> None:
    ids = _messy(database)
    with pytest.raises(ValidationError, match="into itself"):
        tracks.merge_tracks(database, ids["da"], ids["da"])
    tracks.merge_tracks(database, ids["data"], ids["kept"])
    with pytest.raises(ChangedElsewhereError, match="deleted"):
        tracks.merge_tracks(database, ids["da"], ids["data"])


def test_a_retired_track_leaves_the_choices_but_stays_on_its_records(
    database: Database,
) -> None:
    ids = _messy(database)
    tracks.set_retired(database, ids["da"], True)
    offered = [label for label, _id in editing.choices(database, "tracks")]
    assert offered == ["data", "Data analytics"]
    student = _links(database)["students"]
    assert any(track == ids["da"] for _id, track, _live in student)
    held = editing.held_choices(database, "tracks", {ids["da"]}, [])
    assert held == [("DA (retired)", ids["da"])]
    rows = {row.name: row for row in tracks.track_rows(database)}
    assert rows["DA"].retired and rows["DA"].students == 1
    tracks.set_retired(database, ids["da"], False)
    assert "DA" in [label for label, _id in editing.choices(database, "tracks")]


def test_names_are_tidied_and_clashes_are_said_in_words(database: Database) -> None:
    first = tracks.create_track(database, "  UX   design ")
    with database.read() as session:
        assert session.get(m.Track, first).name == "UX design"
    with pytest.raises(ValidationError, match="already a track named “UX design”"):
        tracks.create_track(database, "ux DESIGN")
    tracks.set_retired(database, first, True)
    with pytest.raises(ValidationError, match=r"retired track .* bring it back"):
        tracks.create_track(database, "UX Design")
    with pytest.raises(ValidationError, match="needs a name"):
        tracks.rename_track(database, first, "   ")
    assert tracks.rename_track(database, first, "UX & service design") == "UX design"
    assert tracks.rename_track(database, first, "ux & service design") == "UX & service design"


def test_the_usual_tracks_fill_an_empty_list_and_skip_those_present(database: Database) -> None:
    tracks.create_track(database, "marketing")
    created = tracks.add_usual_tracks(database)
    names = [row.name for row in tracks.track_rows(database)]
    assert "marketing" in names and "Marketing" not in names
    assert {"Data analytics", "UX design", "Finance", "Software"} <= set(names)
    assert len(created) == len(tracks.usual_tracks()) - 1
    tracks.delete_tracks(database, created)  # undo
    assert [row.name for row in tracks.track_rows(database)] == ["marketing"]
    tracks.restore_tracks(database, created)  # redo
    assert len(tracks.track_rows(database)) == len(tracks.usual_tracks())


def test_a_track_in_use_is_not_removed_by_an_undo(database: Database) -> None:
    (track_id,) = tracks.add_usual_tracks(database)[:1]
    run_operation(
        database,
        lambda context: context.session.add(
            m.Student(first_name="Zoë", last_name="A", track_interest_id=track_id)
        ),
    )
    with pytest.raises(ValidationError, match="in use now"):
        tracks.delete_tracks(database, [track_id])
