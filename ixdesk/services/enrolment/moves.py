"""Moves on the enrolment board: each one transaction, each undone exactly."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import Record, new_id, utcnow
from ixdesk.db.engine import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import ChangedElsewhereError, RecordNotFoundError, ValidationError
from ixdesk.services.enrolment.rows import COHORT_GONE
from ixdesk.services.kinds import status_label
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation

ES = EnrolmentStatus
KEEPS_GROUP = frozenset({ES.ENROLLED, ES.COMPLETED})
# Columns of the board, in pipeline order.
BOARD_STATUSES: tuple[EnrolmentStatus, ...] = tuple(EnrolmentStatus)

LIVE = "live"  # a row's "not deleted" state, restored as a tombstone or its removal
_ENROLMENT_FIELDS = ("status", "waitlist_position", "status_changed_at", LIVE)
_MEMBERSHIP_FIELDS = (LIVE,)


class OverCapacityError(ValidationError):
    """Enrolling would take more places than the cohort has."""

    def __init__(self, capacity: int, taken: int, adding: int) -> None:
        self.capacity, self.taken, self.adding = capacity, taken, adding
        places = "place" if capacity == 1 else "places"
        super().__init__(
            f"This cohort has {capacity} {places} and {taken} are taken; enrolling "
            f"{adding} more would put it {taken + adding - capacity} over capacity."
        )


# --- what a move changed, and putting it back -----------------------------------
@dataclass(frozen=True)
class RowState:
    """A row's tracked fields before a move (``values``) and as the move left them."""

    id: str
    values: tuple[tuple[str, Any], ...]
    after: tuple[tuple[str, Any], ...]

    def value(self, name: str) -> Any:
        return dict(self.values)[name]


@dataclass(frozen=True)
class EnrolmentChange:
    """Everything one move touched, as it was before: enough to undo it exactly."""

    cohort_id: str
    moved: tuple[str, ...] = ()  # the enrolments the person moved, in their order
    enrolments: tuple[RowState, ...] = ()
    memberships: tuple[RowState, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.enrolments and not self.memberships


def _read(row: Record, fields: Sequence[str]) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (name, row.deleted_at is None if name == LIVE else getattr(row, name)) for name in fields
    )


def _write(row: Record, values: Iterable[tuple[str, Any]]) -> None:
    for name, value in values:
        if name == LIVE:
            if value and row.deleted_at is not None:
                row.deleted_at = None
            elif not value and row.deleted_at is None:
                row.deleted_at = utcnow()
        elif getattr(row, name) != value:
            setattr(row, name, value)


def _fields(row: Record) -> tuple[str, ...]:
    return _ENROLMENT_FIELDS if isinstance(row, m.Enrolment) else _MEMBERSHIP_FIELDS


class _Tracker:
    """Notes each row's values before its first change, for the undo record."""

    def __init__(self, cohort_id: str) -> None:
        self.cohort_id = cohort_id
        self._before: dict[str, tuple[Record, tuple[tuple[str, Any], ...]]] = {}

    def touch(self, row: Record) -> None:
        if row.id not in self._before:
            self._before[row.id] = (row, _read(row, _fields(row)))

    def created(self, row: m.Enrolment) -> None:
        """A new row: undoing its creation leaves a tombstone."""
        before = dict(_read(row, _ENROLMENT_FIELDS))
        before[LIVE] = False
        self._before[row.id] = (row, tuple(before.items()))

    def finish(self, session: Session, moved: Sequence[str] = ()) -> EnrolmentChange:
        session.flush()
        enrolments: list[RowState] = []
        memberships: list[RowState] = []
        for row, before in self._before.values():
            after = _read(row, _fields(row))
            if after == before:
                continue
            state = RowState(row.id, before, after)
            (enrolments if isinstance(row, m.Enrolment) else memberships).append(state)
        return EnrolmentChange(self.cohort_id, tuple(moved), tuple(enrolments), tuple(memberships))


def revert_enrolment_change(
    database: Database, change: EnrolmentChange, *, hub: ChangeHub | None = None
) -> EnrolmentChange:
    """Put every row of ``change`` back; returns the change that re-applies it.

    Refused if someone changed one of those rows since (their change is kept).
    """

    def work(context: OperationContext) -> EnrolmentChange:
        session = context.session
        _locked_cohort(session, change.cohort_id)
        tracker = _Tracker(change.cohort_id)
        for model, states in (
            (m.Enrolment, change.enrolments),
            (m.GroupMembership, change.memberships),
        ):
            wanted = [state.id for state in states]
            rows = {
                row.id: row for row in session.scalars(select(model).where(model.id.in_(wanted)))
            }
            for state in states:
                row = rows.get(state.id)
                # Values, not versions: undoing a later move bumps versions, not values.
                if row is None or _read(row, _fields(row)) != state.after:
                    raise ChangedElsewhereError(
                        "These enrolments were changed by someone else (another window, "
                        "another copy of ixdesk or another coordinator) since; their changes "
                        "were kept and nothing was undone."
                    )
                tracker.touch(row)
                _write(row, state.values)
        # A no-op unless someone else moved the waitlist meanwhile: then it closes gaps.
        _renumber_waitlist(session, change.cohort_id, tracker)
        return tracker.finish(session, change.moved)

    return run_operation(database, work, hub=hub)


# --- moves ------------------------------------------------------------------------
def _locked_cohort(session: Session, cohort_id: str) -> m.Cohort:
    """The cohort, locked so two coordinators' moves in it take turns (PostgreSQL)."""
    cohort = session.get(m.Cohort, cohort_id, with_for_update=True, populate_existing=True)
    if cohort is None or cohort.deleted_at is not None:
        raise RecordNotFoundError(COHORT_GONE)
    return cohort


def _check_capacity(session: Session, cohort: m.Cohort, adding: int, allowed: bool) -> None:
    if cohort.capacity is None or adding == 0 or allowed:
        return
    e = m.Enrolment
    taken = session.scalar(
        select(func.count()).where(
            e.cohort_id == cohort.id, e.status == ES.ENROLLED, e.deleted_at.is_(None)
        )
    )
    if (taken or 0) + adding > cohort.capacity:
        raise OverCapacityError(cohort.capacity, taken or 0, adding)


def _waitlist(session: Session, cohort_id: str) -> list[m.Enrolment]:
    e = m.Enrolment
    return list(
        session.scalars(
            select(e)
            .where(e.cohort_id == cohort_id, e.status == ES.WAITLISTED, e.deleted_at.is_(None))
            .order_by(e.waitlist_position.is_(None), e.waitlist_position, e.created_at, e.id)
        )
    )


def _number(order: Sequence[m.Enrolment], tracker: _Tracker) -> None:
    for position, row in enumerate(order, start=1):
        if row.waitlist_position != position:
            tracker.touch(row)
            row.waitlist_position = position


def _renumber_waitlist(
    session: Session, cohort_id: str, tracker: _Tracker, appended: Sequence[m.Enrolment] = ()
) -> None:
    """Positions 1..n: the waitlist in its order, then ``appended`` in theirs."""
    new = {row.id for row in appended}
    order = [row for row in _waitlist(session, cohort_id) if row.id not in new]
    _number([*order, *appended], tracker)


def set_enrolment_status(
    database: Database,
    cohort_id: str,
    enrolment_ids: Iterable[str],
    status: EnrolmentStatus | str,
    hub: ChangeHub | None = None,
    allow_over_capacity: bool = False,
) -> EnrolmentChange:
    """Move enrolments of one cohort to ``status``; those already there stay put.

    Enrolling past capacity raises ``OverCapacityError`` unless allowed. The
    waitlist takes newcomers at its end in the order given and closes the gaps
    left by those who leave it.
    """
    wanted = list(dict.fromkeys(enrolment_ids))
    target = ES(status)

    def work(context: OperationContext) -> EnrolmentChange:
        session = context.session
        cohort = _locked_cohort(session, cohort_id)
        e = m.Enrolment
        found = {
            row.id: row
            for row in session.scalars(
                select(e).where(e.id.in_(wanted), e.cohort_id == cohort_id, e.deleted_at.is_(None))
            )
        }
        if len(found) < len(wanted):
            raise ChangedElsewhereError(
                f"{len(wanted) - len(found)} of the chosen students are no longer in this "
                "cohort (someone else changed it); reload and try again."
            )
        moving = [found[each] for each in wanted if found[each].status != target]
        if target == ES.ENROLLED:
            _check_capacity(session, cohort, len(moving), allow_over_capacity)
        tracker = _Tracker(cohort_id)
        now = utcnow()
        for row in moving:
            tracker.touch(row)
            row.status, row.status_changed_at, row.waitlist_position = target, now, None
        if target not in KEEPS_GROUP and moving:
            gm = m.GroupMembership
            for membership in session.scalars(
                select(gm).where(
                    gm.cohort_id == cohort_id,
                    gm.student_id.in_([row.student_id for row in moving]),
                    gm.deleted_at.is_(None),
                )
            ):
                tracker.touch(membership)
                membership.deleted_at = now
        _renumber_waitlist(session, cohort_id, tracker, moving if target == ES.WAITLISTED else ())
        return tracker.finish(session, [row.id for row in moving])

    return run_operation(database, work, hub=hub)


def move_in_waitlist(
    database: Database,
    cohort_id: str,
    enrolment_id: str | Sequence[str],
    new_position: int,
    hub: ChangeHub | None = None,
) -> EnrolmentChange:
    """Move one waitlisted enrolment (or several, as a block in their order) so
    the first takes ``new_position``; the others close up around them."""
    ids = {enrolment_id} if isinstance(enrolment_id, str) else set(enrolment_id)

    def work(context: OperationContext) -> EnrolmentChange:
        session = context.session
        _locked_cohort(session, cohort_id)
        waitlist = _waitlist(session, cohort_id)
        moving = [row for row in waitlist if row.id in ids]
        if len(moving) < len(ids):
            raise ValidationError(
                "Only students on this cohort's waitlist can be moved up or down it; "
                "reload the cohort to see who is on it now."
            )
        rest = [row for row in waitlist if row.id not in ids]
        index = min(max(new_position, 1), len(rest) + 1) - 1
        tracker = _Tracker(cohort_id)
        _number([*rest[:index], *moving, *rest[index:]], tracker)
        return tracker.finish(session, [row.id for row in moving])

    return run_operation(database, work, hub=hub)


def _names(people: Sequence[tuple[str, str]], most: int = 3) -> str:
    names = [f"{first} {last}" for first, last in people]
    if len(names) > most:
        names = [*names[: most - 1], f"{len(people) - most + 1} others"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def enrol_students(
    database: Database,
    cohort_id: str,
    student_ids: Iterable[str],
    status: EnrolmentStatus | str = ES.APPLIED,
    hub: ChangeHub | None = None,
    allow_over_capacity: bool = False,
) -> EnrolmentChange:
    """Add students to the cohort with ``status``; refused whole if one is already in it."""
    wanted = list(dict.fromkeys(student_ids))
    target = ES(status)

    def work(context: OperationContext) -> EnrolmentChange:
        session = context.session
        cohort = _locked_cohort(session, cohort_id)
        e, s = m.Enrolment, m.Student
        live = set(session.scalars(select(s.id).where(s.id.in_(wanted), s.deleted_at.is_(None))))
        if len(live) < len(wanted):
            raise RecordNotFoundError(
                "Some of the chosen students no longer exist (deleted by someone else); "
                "nobody was added."
            )
        already = session.execute(
            select(s.first_name, s.last_name, e.status)
            .join(e, e.student_id == s.id)
            .where(e.cohort_id == cohort_id, e.student_id.in_(wanted), e.deleted_at.is_(None))
            .order_by(s.last_name, s.first_name)
        ).all()
        if already:
            verb = "is" if len(already) == 1 else "are"
            how = f" ({status_label(already[0][2]).lower()})" if len(already) == 1 else ""
            raise ValidationError(
                f"{_names([(first, last) for first, last, _ in already])} {verb} already in "
                f"this cohort{how}, so nobody was added."
            )
        if target == ES.ENROLLED:
            _check_capacity(session, cohort, len(wanted), allow_over_capacity)
        tracker = _Tracker(cohort_id)
        now = utcnow()
        added = []
        for student_id in wanted:
            row = m.Enrolment(
                id=new_id(), student_id=student_id, cohort_id=cohort_id, status=target,
                status_changed_at=now,
            )  # fmt: skip
            session.add(row)
            tracker.created(row)
            added.append(row)
        if target == ES.WAITLISTED:
            _renumber_waitlist(session, cohort_id, tracker, added)
        return tracker.finish(session, [row.id for row in added])

    return run_operation(database, work, hub=hub)
