"""Tracks (data analytics, UX design, ...): create, rename, merge and retire them.

A track is pointed at by students (their track interest), instructors (their
expertise), cohorts and business problems. Merging one track into another
moves every one of those onto the track kept and deletes the other (a
tombstone, as every deletion); :func:`unmerge` puts back exactly the rows
the merge moved. A retired track is offered in no list of choices, while the
records that have it keep it. An empty database can start from the usual
tracks (:func:`add_usual_tracks`): the ones the demo data uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import ValidationError
from ixdesk.services.editing import live_clash
from ixdesk.services.operations import ChangeHub, OperationContext, live_record, run_operation
from ixdesk.services.reads import reads
from ixdesk.services.validation import quoted
from ixdesk.services.validation.base import one_line_name

MAX_NAME = 120
CHUNK = 5_000  # ids per IN (...) list: well under SQLite's limit of variables

# What points at a track: (table, the column).
REFERENCES: tuple[tuple[type[Any], InstrumentedAttribute[Any]], ...] = (
    (m.Student, m.Student.track_interest_id),
    (m.Cohort, m.Cohort.track_id),
    (m.BusinessProblem, m.BusinessProblem.track_id),
    (m.InstructorExpertise, m.InstructorExpertise.track_id),
)


@dataclass(frozen=True)
class TrackRow:
    """A track as the Tracks view lists it: how many live records use it."""

    id: str
    name: str
    description: str | None
    retired: bool
    students: int
    instructors: int
    cohorts: int
    problems: int

    @property
    def uses(self) -> int:
        return self.students + self.instructors + self.cohorts + self.problems


@reads("tracks", "students", "instructor_expertise", "cohorts", "business_problems")
def track_rows(database: Database) -> list[TrackRow]:
    """Every live track, by name, with its uses; retired ones too (marked)."""
    with database.read() as session:
        uses: dict[str, dict[str, int]] = {
            model.__tablename__: dict(
                session.execute(
                    select(column, func.count())
                    .where(column.is_not(None), model.deleted_at.is_(None))
                    .group_by(column)
                ).all()
            )
            for model, column in REFERENCES
        }
        tracks = session.scalars(
            select(m.Track).where(m.Track.deleted_at.is_(None)).order_by(func.lower(m.Track.name))
        ).all()
        return [
            TrackRow(
                track.id,
                track.name,
                track.description,
                track.retired_at is not None,
                students=uses["students"].get(track.id, 0),
                instructors=uses["instructor_expertise"].get(track.id, 0),
                cohorts=uses["cohorts"].get(track.id, 0),
                problems=uses["business_problems"].get(track.id, 0),
            )
            for track in tracks
        ]


def _in_use(session: Session, track_id: str) -> bool:
    return any(
        session.scalar(
            select(model.id).where(column == track_id, model.deleted_at.is_(None)).limit(1)
        )
        is not None
        for model, column in REFERENCES
    )


def _refuse_clash(session: Session, name: str, exclude_id: str | None = None) -> None:
    other = live_clash(session, m.Track, "name", name, {}, exclude_id)
    if other is None:
        return
    if other.retired_at is not None:
        raise ValidationError(
            f"There is already a retired track named {quoted(other.name)}; bring it back "
            "instead of making another."
        )
    raise ValidationError(f"There is already a track named {quoted(other.name)}.")


def create_track(
    database: Database, name: str, description: str | None = None, *, hub: ChangeHub | None = None
) -> str:
    """A new track; its id."""
    clean = one_line_name(name, "track", MAX_NAME)

    def work(context: OperationContext) -> str:
        _refuse_clash(context.session, clean)
        track = m.Track(name=clean, description=description)
        context.session.add(track)
        context.session.flush()
        return track.id

    return run_operation(database, work, hub=hub)


def rename_track(
    database: Database, track_id: str, name: str, *, hub: ChangeHub | None = None
) -> str:
    """Give the track a new name; returns its name before."""
    clean = one_line_name(name, "track", MAX_NAME)

    def work(context: OperationContext) -> str:
        track = live_record(context.session, m.Track, track_id, None)
        _refuse_clash(context.session, clean, exclude_id=track_id)
        before, track.name = track.name, clean
        return before

    return run_operation(database, work, hub=hub)


def set_retired(
    database: Database, track_id: str, retired: bool, *, hub: ChangeHub | None = None
) -> None:
    """Retire the track (offered in no list of choices any more), or bring it back."""

    def work(context: OperationContext) -> None:
        track = live_record(context.session, m.Track, track_id, None)
        if retired and track.retired_at is None:
            track.retired_at = utcnow()
        elif not retired and track.retired_at is not None:
            _refuse_clash(context.session, track.name, exclude_id=track_id)
            track.retired_at = None

    run_operation(database, work, hub=hub)


def delete_tracks(database: Database, ids: Sequence[str], *, hub: ChangeHub | None = None) -> None:
    """Delete tracks nothing uses (undoing their creation); a used one is refused."""

    def work(context: OperationContext) -> None:
        session = context.session
        for track_id in ids:
            track = live_record(session, m.Track, track_id, None)
            if _in_use(session, track_id):
                raise ValidationError(
                    f"The track {quoted(track.name)} is in use now, so it was not removed."
                )
            track.deleted_at = utcnow()

    run_operation(database, work, hub=hub)


def restore_tracks(database: Database, ids: Sequence[str], *, hub: ChangeHub | None = None) -> None:
    """Bring back deleted tracks (redoing their creation)."""

    def work(context: OperationContext) -> None:
        for track_id in ids:
            track = context.session.get(m.Track, track_id)
            if track is not None and track.deleted_at is not None:
                _refuse_clash(context.session, track.name, exclude_id=track_id)
                track.deleted_at = None

    run_operation(database, work, hub=hub)


# --- merging ---
@dataclass(frozen=True)
class Merge:
    """What one merge did, so that :func:`unmerge` can put back exactly that."""

    source_id: str
    target_id: str
    source_name: str
    target_name: str
    moved: dict[str, tuple[str, ...]] = field(default_factory=dict)  # table -> row ids
    dropped: tuple[str, ...] = ()  # expertise rows deleted: the instructor had both tracks


def merge_tracks(
    database: Database, source_id: str, target_id: str, *, hub: ChangeHub | None = None
) -> Merge:
    """Move everything pointing at ``source_id`` onto ``target_id``; delete the source."""
    if source_id == target_id:
        raise ValidationError("A track cannot be merged into itself; choose another track.")

    def work(context: OperationContext) -> Merge:
        session = context.session
        source = live_record(session, m.Track, source_id, None)
        target = live_record(session, m.Track, target_id, None)
        moved: dict[str, tuple[str, ...]] = {}
        dropped: list[str] = []
        has_target = set(
            session.scalars(
                select(m.InstructorExpertise.instructor_id).where(
                    m.InstructorExpertise.track_id == target_id,
                    m.InstructorExpertise.deleted_at.is_(None),
                )
            )
        )
        for model, column in REFERENCES:
            ids: list[str] = []
            for row in session.scalars(select(model).where(column == source_id)):
                if (
                    model is m.InstructorExpertise
                    and row.deleted_at is None
                    and row.instructor_id in has_target
                ):
                    row.deleted_at = utcnow()  # the instructor already teaches the target
                    dropped.append(row.id)
                    continue
                setattr(row, column.key, target_id)
                ids.append(row.id)
            moved[model.__tablename__] = tuple(sorted(ids))
        session.flush()  # the rows leave the source before it is deleted
        source.deleted_at = utcnow()
        return Merge(source_id, target_id, source.name, target.name, moved, tuple(sorted(dropped)))

    return run_operation(database, work, hub=hub)


def unmerge(database: Database, merge: Merge, *, hub: ChangeHub | None = None) -> None:
    """Undo a merge: the source track is back, and every row the merge moved points at it
    again (unless it was moved elsewhere since); expertise it deleted is restored."""

    def work(context: OperationContext) -> None:
        session = context.session
        source = session.get(m.Track, merge.source_id)
        if source is None:
            raise ValidationError("The merged track no longer exists; nothing was changed.")
        _refuse_clash(session, source.name, exclude_id=source.id)
        source.deleted_at = None
        session.flush()
        for model, column in REFERENCES:
            for row in _rows(session, model, merge.moved.get(model.__tablename__, ())):
                if getattr(row, column.key) == merge.target_id:
                    setattr(row, column.key, merge.source_id)
        for row in _rows(session, m.InstructorExpertise, merge.dropped):
            row.deleted_at = None

    run_operation(database, work, hub=hub)


def _rows(session: Session, model: type[Any], ids: Sequence[str]) -> Iterable[Any]:
    for start in range(0, len(ids), CHUNK):
        yield from session.scalars(select(model).where(model.id.in_(ids[start : start + CHUNK])))


# --- the usual tracks ---
def usual_tracks() -> list[tuple[str, str]]:
    """(name, description) of the tracks most programmes run: the demo data's."""
    from ixdesk.services.demo.data import TRACKS

    return [(name, description) for name, description, *_ in TRACKS]


def add_usual_tracks(database: Database, *, hub: ChangeHub | None = None) -> list[str]:
    """Create those of the usual tracks the database lacks (by name, any case); their ids."""

    def work(context: OperationContext) -> list[str]:
        session = context.session
        taken = {
            name.lower()
            for name in session.scalars(select(m.Track.name).where(m.Track.deleted_at.is_(None)))
        }
        created = [
            m.Track(name=name, description=description)
            for name, description in usual_tracks()
            if name.lower() not in taken
        ]
        session.add_all(created)
        session.flush()
        return [track.id for track in created]

    return run_operation(database, work, hub=hub)
