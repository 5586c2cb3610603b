"""Sign-ups at an event: what event mode's form saves, corrects and lists.

Each sign-up is saved in a transaction of its own, committed at once (the
database file is written with ``synchronous=FULL``): a closed lid or a flat
battery keeps every sign-up saved before it, whole. A sign-up is a student
(new, or one already in the copy: packed, or signed up earlier) and their
enrolment in one of the event's cohorts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import utcnow
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError, RecordNotFoundError, ValidationError
from ixdesk.services import validation
from ixdesk.services.assignments.rules import is_minor
from ixdesk.services.deletion import tombstone
from ixdesk.services.events.identity import Identity, identity_in
from ixdesk.services.events.people import Match, PeopleIndex
from ixdesk.services.events.problems import OfferedProblem, offered_problems
from ixdesk.services.matching.choices import replace_choices
from ixdesk.services.operations import ChangeHub, OperationContext, live_record, run_operation
from ixdesk.services.reads import reads
from ixdesk.services.record_kinds import Kind
from ixdesk.services.rules import check_record, normalise_record
from ixdesk.services.tables import canonical_id

# What event mode's form asks, in the order it asks it (the consent is a tick of its own).
SIGNUP_FIELDS = (
    "first_name", "last_name", "email", "phone", "school", "grade", "date_of_birth",
    "track_interest_id", "guardian_name", "guardian_email", "guardian_phone",
    "messaging_opt_in",
)  # fmt: skip
GUARDIAN_FIELDS = ("guardian_name", "guardian_email", "guardian_phone")
RECENT = 5


@dataclass(frozen=True)
class EventCohort:
    id: str
    name: str
    audience: str
    starts_on: date | None


@dataclass(frozen=True)
class EventSetup:
    """What event mode's form offers: the event, its cohorts, the tracks, and the business
    problems each cohort offers to rank."""

    identity: Identity
    cohorts: list[EventCohort]
    tracks: list[tuple[str, str]]  # (name, id), live and not retired
    problems: dict[str, list[OfferedProblem]] = field(default_factory=dict)  # by cohort id


@reads("database_identity", "cohorts", "tracks", "business_problems", "partner_companies")
def load_setup(database: Database) -> EventSetup:
    c, t = m.Cohort, m.Track
    with database.read() as session:
        identity = identity_in(session)
        cohorts = [
            EventCohort(canonical_id(row.id), row.name, str(row.audience.value), row.starts_on)
            for row in session.scalars(
                select(c).where(c.deleted_at.is_(None)).order_by(c.starts_on, c.name)
            )
        ]
        tracks = [
            (name, canonical_id(track_id))
            for name, track_id in session.execute(
                select(t.name, t.id)
                .where(t.deleted_at.is_(None), t.retired_at.is_(None))
                .order_by(func.lower(t.name))
            )
        ]
        problems = offered_problems(session, [cohort.id for cohort in cohorts])
    return EventSetup(identity, cohorts, tracks, problems)


@dataclass
class SignUp:
    """One sign-up as the form holds it.

    ``student_id``: the student it adds to (a duplicate the person said is them)
    or corrects; ``enrolment_id``: the sign-up it corrects; ``choices``: the business
    problems the student ranked for the cohort, first choice first.
    """

    values: dict[str, Any]
    cohort_id: str
    consent: bool = False
    student_id: str | None = None
    version: int | None = None
    enrolment_id: str | None = None
    choices: list[str] = field(default_factory=list)


def needs_guardian(born: date | None, cohort: EventCohort, today: date | None = None) -> bool:
    """A minor when the cohort starts (unknown birth dates: minors in high-school cohorts)."""
    return is_minor(born, cohort.starts_on or today or date.today(), cohort.audience)


def check_signup(signup: SignUp, cohort: EventCohort, today: date | None = None) -> dict[str, str]:
    """{field: sentence} for what must be put right before saving (empty when none)."""
    values = normalise_record(dict(signup.values))  # as saved: a blank field is empty
    problems = check_record(Kind.STUDENTS, values, today=today)
    if needs_guardian(values.get("date_of_birth"), cohort, today):
        if not _filled(values.get("guardian_name")):
            problems["guardian_name"] = "A guardian's name is needed for a student under 18."
        contact = ("guardian_email", "guardian_phone")
        if not any(_filled(values.get(name)) for name in contact):
            problems.setdefault(
                "guardian_email",
                "A guardian's email or phone number is needed for a student under 18.",
            )
    return problems


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


@dataclass(frozen=True)
class SavedSignUp:
    student_id: str
    version: int
    enrolment_id: str
    new_student: bool


def _tidy(values: dict[str, Any]) -> dict[str, Any]:
    tidy = normalise_record({name: values.get(name) for name in SIGNUP_FIELDS})
    if tidy.get("grade") is not None:
        tidy["grade"] = validation.check_grade(tidy["grade"])
    tidy["messaging_opt_in"] = bool(tidy.get("messaging_opt_in"))
    return tidy


def save_signup(database: Database, signup: SignUp, *, hub: ChangeHub | None = None) -> SavedSignUp:
    """Save one sign-up in a transaction of its own; committed when this returns."""
    values = _tidy(signup.values)
    correcting = signup.enrolment_id is not None

    def work(context: OperationContext) -> SavedSignUp:
        session = context.session
        identity = identity_in(session)
        now = utcnow()
        if signup.student_id is None:
            student = m.Student(**values)
            session.add(student)
            new = True
        else:
            student = live_record(session, m.Student, signup.student_id, signup.version)
            for name, value in values.items():
                # A correction sets every field; adding to someone keeps what they had.
                wanted = correcting or (_filled(value) and value is not False)
                if wanted and getattr(student, name) != value:
                    setattr(student, name, value)
            new = False
        if signup.consent:
            if correcting or student.guardian_consent_at is None:
                student.guardian_consent_by = values.get("guardian_name")
                student.guardian_consent_at = student.guardian_consent_at or now
        elif correcting:
            student.guardian_consent_by = student.guardian_consent_at = None
        session.flush()
        enrolment = _enrol(session, signup, student.id, identity.enrolment_status, now)
        if enrolment.cohort_id != signup.cohort_id:  # moved: its old ranking goes with it
            replace_choices(context, enrolment.cohort_id, student.id, [])
            enrolment.cohort_id = signup.cohort_id
        if correcting or signup.choices:  # adding to someone keeps a ranking not given
            replace_choices(context, signup.cohort_id, student.id, signup.choices)
        session.flush()
        return SavedSignUp(student.id, student.version, enrolment.id, new)

    return run_operation(database, work, hub=hub)


def _enrol(
    session: Session, signup: SignUp, student_id: str, status: str, now: datetime
) -> m.Enrolment:
    e = m.Enrolment
    if signup.enrolment_id is not None:
        enrolment = session.get(e, signup.enrolment_id)
        if enrolment is None or enrolment.deleted_at is not None:
            raise RecordNotFoundError("This sign-up was removed; it cannot be corrected.")
        return enrolment
    found = session.scalars(
        select(e).where(
            e.student_id == student_id, e.cohort_id == signup.cohort_id, e.deleted_at.is_(None)
        )
    ).first()
    if found is not None:
        return found
    enrolment = e(student_id=student_id, cohort_id=signup.cohort_id, status=status)
    enrolment.status_changed_at = now
    session.add(enrolment)
    return enrolment


@dataclass(frozen=True)
class RecentSignUp:
    enrolment_id: str
    student_id: str
    name: str
    cohort: str
    saved_at: datetime


@reads("enrolments", "students", "cohorts")
def recent_signups(database: Database, limit: int = RECENT) -> list[RecentSignUp]:
    """The last sign-ups saved here, newest first (every enrolment in a copy was made here)."""
    e, s, c = m.Enrolment, m.Student, m.Cohort
    statement = (
        select(e.id, s.id, s.first_name, s.last_name, c.name, e.created_at)
        .join(s, s.id == e.student_id)
        .join(c, c.id == e.cohort_id)
        .where(e.deleted_at.is_(None))
        .order_by(e.created_at.desc())
        .limit(limit)
    )
    with database.read() as session:
        return [
            RecentSignUp(canonical_id(eid), canonical_id(sid), f"{first} {last}", cohort, at)
            for eid, sid, first, last, cohort, at in session.execute(statement)
        ]


@reads("enrolments")
def signup_count(database: Database) -> int:
    e = m.Enrolment
    with database.read() as session:
        return int(session.scalar(select(func.count()).where(e.deleted_at.is_(None))) or 0)


def load_signup(database: Database, enrolment_id: str) -> SignUp:
    """A saved sign-up back in the form, to correct it."""
    with database.read() as session:
        enrolment = session.get(m.Enrolment, enrolment_id)
        if enrolment is None or enrolment.deleted_at is not None:
            raise RecordNotFoundError("This sign-up was removed; it cannot be corrected.")
        student = session.get(m.Student, enrolment.student_id)
        assert student is not None  # an enrolment's student is never removed
        values = {name: getattr(student, name) for name in SIGNUP_FIELDS}
        pp = m.ProblemPreference
        choices = session.scalars(
            select(pp.business_problem_id)
            .where(
                pp.student_id == student.id,
                pp.cohort_id == enrolment.cohort_id,
                pp.deleted_at.is_(None),
            )
            .order_by(pp.rank)
        )
        return SignUp(
            values,
            canonical_id(enrolment.cohort_id),
            consent=student.guardian_consent_at is not None,
            student_id=student.id,
            version=student.version,
            enrolment_id=enrolment.id,
            choices=[canonical_id(each) for each in choices],
        )


def remove_signup(database: Database, enrolment_id: str, *, hub: ChangeHub | None = None) -> None:
    """Take a sign-up back: its enrolment and ranking, and the student when they were new here and
    have no other sign-up (a student packed from the main database is never deleted here)."""

    def work(context: OperationContext) -> None:
        session = context.session
        enrolment = session.get(m.Enrolment, enrolment_id)
        if enrolment is None or enrolment.deleted_at is not None:
            return
        stamp = utcnow()
        enrolment.deleted_at = stamp
        student_id = enrolment.student_id
        replace_choices(context, enrolment.cohort_id, student_id, [])  # its ranking too
        packed = session.get(m.PackedRecord, student_id) is not None
        others = session.scalar(
            select(func.count()).where(
                m.Enrolment.student_id == student_id,
                m.Enrolment.deleted_at.is_(None),
                m.Enrolment.id != enrolment_id,
            )
        )
        if not packed and not others:
            tombstone(session, Kind.STUDENTS, [student_id], stamp)

    run_operation(database, work, hub=hub)


@reads("students")
def load_people(database: Database) -> PeopleIndex:
    with database.read() as session:
        return PeopleIndex.load(session)


@reads("students")
def describe_match(database: Database, match: Match) -> str:
    """Who a duplicate warning points at, as much as a person at the table may see:
    the first name, the last name's initial and the school."""
    with database.read() as session:
        student = session.get(m.Student, match.id)
        if student is None:
            raise IxdeskError("That student is no longer in this copy.")
        initial = f" {student.last_name[:1]}." if student.last_name else ""
        school = f" ({student.school})" if student.school else ""
        return f"{student.first_name}{initial}{school}"


def refuse_if_not_event_copy(database: Database) -> Identity:
    with database.read() as session:
        identity = identity_in(session)
    if not identity.is_event_copy:
        raise ValidationError(f"{database.location} is not an event copy.")
    return identity
