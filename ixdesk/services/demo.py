"""Realistic, repeatable demo data, so a coordinator can explore ixdesk safely.

The same seed and the same ``today`` give the same rows, ids included, so
benchmarks and screenshots can be reproduced. Rows are built as plain dicts
and written with Core ``INSERT``s in one transaction: 100,000 students take
seconds, and a failure leaves the database as it was.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.base import Base
from ixdesk.db.engine import Database
from ixdesk.db.enums import (
    Audience,
    CohortFormat,
    CohortSchedule,
    CohortStatus,
    CompanyStatus,
    EnrolmentStatus,
    GroupStatus,
    InstructorStatus,
    ProblemStatus,
)
from ixdesk.errors import IxdeskError
from ixdesk.services import demo_data as d

Progress = Callable[[str, int, int], None]
Row = dict[str, Any]
T = TypeVar("T")
BATCH = 5_000
S, ES = CohortStatus, EnrolmentStatus
# Parents before children, so every foreign key points at a row already written.
BEFORE_STUDENTS = (m.Track, m.PartnerCompany, m.Contact, m.BusinessProblem, m.Instructor)
BEFORE_STUDENTS += (m.InstructorExpertise, m.Cohort)
AFTER_STUDENTS = (m.Enrolment, m.StudentGroup, m.GroupMembership, m.GroupAssistant)
GUARDIAN_FIELDS = ("guardian_name", "guardian_email", "guardian_phone")
GUARDIAN_FIELDS += ("guardian_consent_by", "guardian_consent_at")


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each record type the demo wrote (field = table name)."""

    tracks: int
    partner_companies: int
    contacts: int
    business_problems: int
    cohorts: int
    students: int
    enrolments: int
    student_groups: int
    group_memberships: int
    instructors: int
    instructor_expertise: int
    group_assistants: int


@dataclass
class _Cohort:
    """What later steps need to know about a cohort already made."""

    id: str
    track: int
    status: CohortStatus
    audience: Audience
    schedule: CohortSchedule
    city: int
    online: bool
    capacity: int
    group_size: int
    starts_on: date
    ends_on: date


class _Builder:
    """The random source and the rows made so far; one per demo run."""

    def __init__(self, seed: int, today: date, existing_tracks: dict[str, str]) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.stamp = datetime.combine(today, time(6, 0), tzinfo=UTC)
        self.existing_tracks = existing_tracks
        self.used: dict[str, int] = {}
        self.rows: dict[type[Base], list[Row]] = {}
        self.city_weights = [city[2] for city in d.CITIES]
        self.track_ids: list[str] = []
        self.problems: dict[int, list[str]] = {}  # approved problems per track
        self.teachers: dict[int, list[str]] = {}  # active instructors per track
        self.cohorts: list[_Cohort] = []
        self.placed: list[list[int]] = []  # each student's cohorts, as indices
        self.student_ids: list[str] = []

    def uid(self) -> str:
        return d.random_uuid(self.rng)

    def row(self, model: type[Base], **values: Any) -> Row:
        """A row of ``model`` with id, timestamps and version; kept for inserting."""
        row = {"id": values.pop("id", None) or self.uid(), "created_at": self.stamp}
        row.update(updated_at=self.stamp, version=1, **values)
        self.rows.setdefault(model, []).append(row)
        return row

    def email(self, table: str, first: str, last: str, domain: str) -> str:
        """An address unique in ``table``: a number goes before the @ on a clash."""
        local = f"{d.ascii_slug(first)}.{d.ascii_slug(last)}"
        key = f"{table}:{local}@{domain}"
        count = self.used[key] = self.used.get(key, 0) + 1
        return f"{local}@{domain}" if count == 1 else f"{local}{count}@{domain}"

    def phone(self, city: int) -> str:
        prefixes, digits = d.MOBILE_PHONES[d.CITIES[city][1]]
        return self.rng.choice(prefixes) + str(self.rng.randrange(10 ** (digits - 1), 10**digits))

    def name(self) -> tuple[str, str]:
        return self.rng.choice(d.FIRST_NAMES), self.rng.choice(d.LAST_NAMES)

    def city(self) -> int:
        return self.rng.choices(range(len(d.CITIES)), self.city_weights)[0]

    def moment(self, day: date) -> datetime:
        rng = self.rng
        return datetime.combine(day, time(rng.randint(8, 18), rng.choice((0, 15, 30, 45))), UTC)

    def maybe(self, chance: float, value: T) -> T | None:
        return value if self.rng.random() < chance else None

    def tracks(self) -> None:
        for name, description, *_ in d.TRACKS:
            new_id = self.uid()  # drawn even when a track is reused, so later ids never shift
            if name.lower() not in self.existing_tracks:
                self.row(m.Track, id=new_id, name=name, description=description)
            self.track_ids.append(self.existing_tracks.get(name.lower(), new_id))

    def companies(self, count: int) -> None:
        """Partner companies with their contacts and business problems."""
        rng, track_ids = self.rng, self.track_ids
        combos = [(p, s) for p in d.COMPANY_PREFIXES for s in d.COMPANY_SUFFIXES]
        picked = rng.sample(combos, min(count, len(combos)))
        picked += [rng.choice(combos) for _ in range(count - len(picked))]
        # Two approved problems per track first, so (almost) every group gets one of its track.
        wanted = [track for track in range(len(track_ids)) for _ in range(2)]
        rng.shuffle(wanted)
        for index, (prefix, (suffix, sector)) in enumerate(picked):
            city = self.city()
            name = f"{prefix} {suffix}" + (f" {index}" if index >= len(combos) else "")
            slug = d.ascii_slug(name.replace(" ", "-"))
            status = (CompanyStatus.PROSPECT, CompanyStatus.PAST)[index] if index < 2 else None
            status = status or d.pick(rng, d.COMPANY_STATUS)
            company = self.row(
                m.PartnerCompany, name=name, sector=sector, status=status,
                website=f"https://www.{slug}.example.com", city=d.CITIES[city][0],
                country=d.CITIES[city][1], notes=self.maybe(0.2, rng.choice(d.COMPANY_NOTES)),
            )  # fmt: skip
            contacts = []
            for _ in range(rng.randint(1, 3)):
                first, last = self.name()
                contact = self.row(
                    m.Contact, company_id=company["id"], name=f"{first} {last}",
                    role=rng.choice(d.CONTACT_ROLES), phone=self.maybe(0.8, self.phone(city)),
                    email=self.email("contacts", first, last, f"{slug}.example.com"),
                )  # fmt: skip
                contacts.append(contact["id"])
            for number in range(rng.randint(2, 4)):
                track = rng.randrange(len(track_ids))
                if index == 2 and number < 2:  # every status appears at least once
                    problem_status = (ProblemStatus.ASSIGNED, ProblemStatus.DELIVERED)[number]
                elif wanted and status == CompanyStatus.ACTIVE:
                    problem_status, track = ProblemStatus.APPROVED, wanted.pop()
                else:
                    problem_status = d.pick(rng, d.PROBLEM_STATUS[status])
                title, statement, deliverables = rng.choice(d.TRACKS[track][4])
                problem = self.row(
                    m.BusinessProblem, company_id=company["id"], title=title,
                    problem_statement=f"{name}: {statement}", deliverables=deliverables,
                    skills=", ".join(rng.sample(d.TRACKS[track][2], 3)),
                    track_id=track_ids[track], effort_hours=rng.randrange(8, 161, 4),
                    sponsor_contact_id=self.maybe(0.9, rng.choice(contacts)),
                    confidential=rng.random() < 0.15, status=problem_status,
                )  # fmt: skip
                if problem_status == ProblemStatus.APPROVED:
                    self.problems.setdefault(track, []).append(problem["id"])

    def instructors(self, count: int) -> None:
        """Instructors and the tracks they can teach; the first cover each safeguarding case."""
        rng, today, track_ids = self.rng, self.today, self.track_ids
        safeguarding_kinds = list(d.SAFEGUARDING)
        for index in range(count):
            first, last = self.name()
            tracks = rng.sample(range(len(track_ids)), rng.choice((1, 1, 2, 2, 3)))
            job = rng.choice(d.TRACKS[tracks[0]][3])
            employer = f"{rng.choice(d.COMPANY_PREFIXES)} {rng.choice(d.COMPANY_SUFFIXES)[0]}"
            domain = f"{d.ascii_slug(employer.replace(' ', '-'))}.example.com"
            first_kinds = index < len(safeguarding_kinds)
            safeguarding, expiry = (
                safeguarding_kinds[index] if first_kinds else d.pick(rng, d.SAFEGUARDING)
            )
            status = InstructorStatus.ACTIVE if first_kinds else d.pick(rng, d.INSTRUCTOR_STATUS)
            field = d.TRACKS[tracks[0]][0].lower()
            row = self.row(
                m.Instructor, first_name=first, last_name=last,
                preferred_name=self.maybe(0.4, d.PREFERRED_NAMES.get(first)),
                email=self.email("instructors", first, last, domain),
                phone=self.phone(self.city()), employer=employer, job_title=job,
                bio=f"{job} at {employer} with {rng.randint(3, 25)} years in {field}. "
                + rng.choice(d.BIO_EXTRAS),
                availability=rng.choice(d.AVAILABILITY), safeguarding_status=safeguarding,
                safeguarding_expires_on=today + timedelta(rng.randint(*expiry)) if expiry else None,
                status=status, notes=None,
            )  # fmt: skip
            for track in tracks:
                self.row(m.InstructorExpertise, instructor_id=row["id"], track_id=track_ids[track])
                if status == InstructorStatus.ACTIVE:
                    self.teachers.setdefault(track, []).append(row["id"])

    def make_cohorts(self, count: int) -> None:
        """Cohorts in every status, dated around today; the first few cover each status."""
        rng, today, track_ids = self.rng, self.today, self.track_ids
        names: set[str] = set()
        for index in range(count):
            status = list(S)[index] if index < len(S) else d.pick(rng, d.COHORT_STATUS)
            track, city = rng.randrange(len(track_ids)), self.city()
            schedule, audience = d.pick(rng, d.COHORT_SCHEDULE), d.pick(rng, d.AUDIENCE)
            fmt = d.pick(rng, d.COHORT_FORMAT)
            holiday = schedule == CohortSchedule.HOLIDAY
            length = rng.randint(5, 14) if holiday else rng.randint(28, 56)
            if status == S.RUNNING:
                offset = -rng.randint(0, length - 1)
            else:  # days from today to the start (future) or from the end (past)
                offset = rng.randint(*d.COHORT_DAYS_AWAY[status])
                offset -= length if offset < 0 else 0
            starts = today + timedelta(offset)
            online = fmt == CohortFormat.ONLINE
            place = "Online" if online else d.CITIES[city][0]
            season = ("Winter", "Spring", "Summer", "Autumn")[(starts.month % 12) // 3]
            who = "HS" if audience == Audience.HIGH_SCHOOL else "Uni"
            name = base = f"{d.TRACKS[track][0]} {season} {starts.year} · {place} ({who})"
            number = 1
            while name.lower() in names:
                number += 1
                name = f"{base} #{number}"
            names.add(name.lower())
            venue = f"{rng.choice(d.VENUES)}, {d.CITIES[city][0]}"
            location = "Online" if online else venue
            if fmt == CohortFormat.HYBRID:
                location += " + online"
            cohort = _Cohort(
                self.uid(), track, status, audience, schedule, city, online,
                rng.randrange(20, 61, 5), rng.randint(4, 6), starts, starts + timedelta(length - 1),
            )  # fmt: skip
            self.row(
                m.Cohort, id=cohort.id, name=name, track_id=track_ids[track],
                starts_on=cohort.starts_on, ends_on=cohort.ends_on, format=fmt,
                schedule=schedule, location=location, capacity=cohort.capacity,
                group_size=cohort.group_size, audience=audience, status=status,
            )  # fmt: skip
            self.cohorts.append(cohort)

    def place_students(self, count: int) -> None:
        """Each student's cohorts: one, and for ~10% a second of the same audience."""
        rng, cohorts = self.rng, self.cohorts
        weights = [cohort.capacity * d.COHORT_FILL[cohort.status] for cohort in cohorts]
        same_audience: dict[Audience, list[int]] = {}
        for index, cohort in enumerate(cohorts):
            same_audience.setdefault(cohort.audience, []).append(index)
        for primary in rng.choices(range(len(cohorts)), weights, k=count):
            second = self.maybe(0.1, rng.choice(same_audience[cohorts[primary].audience]))
            self.placed.append([primary] if second in (None, primary) else [primary, second])

    def students(self) -> Iterator[list[Row]]:
        """Student rows in batches, so 100,000 never sit in memory at once."""
        rng, today, track_ids = self.rng, self.today, self.track_ids
        adults_born_by = d.years_before(today, 18)
        batch: list[Row] = []
        for cohort_indices in self.placed:
            cohort = self.cohorts[cohort_indices[0]]
            first, last = self.name()
            city = self.city() if cohort.online else cohort.city
            if cohort.audience == Audience.HIGH_SCHOOL:
                grade = rng.randint(9, 12)
                age = grade + 5 + rng.random()
                school, domain = rng.choice(d.HIGH_SCHOOLS), rng.choice(d.PERSONAL_DOMAINS)
            else:
                grade = d.pick(rng, d.UNIVERSITY_YEAR)
                age = 17 + grade + rng.random() * 2
                school, slug = rng.choice(d.UNIVERSITIES)
                domain = f"student.{slug}.example.edu"  # university students use that address
            born = today - timedelta(int(age * 365.25))
            interest = track_ids[cohort.track] if rng.random() < 0.8 else rng.choice(track_ids)
            row = dict.fromkeys(GUARDIAN_FIELDS)
            row.update(
                id=self.uid(), created_at=self.stamp, updated_at=self.stamp, version=1,
                first_name=first, last_name=last,
                preferred_name=self.maybe(0.5, d.PREFERRED_NAMES.get(first)),
                email=self.email("students", first, last, domain),
                phone=self.maybe(0.9, self.phone(city)), school=school, grade=grade,
                date_of_birth=born, track_interest_id=self.maybe(0.95, interest),
                messaging_opt_in=rng.random() < 0.7,
                notes=self.maybe(0.05, rng.choice(d.STUDENT_NOTES)),
            )  # fmt: skip
            if born > adults_born_by:  # a minor: a guardian, and (mostly) their consent
                guardian_first = rng.choice(d.FIRST_NAMES)
                guardian_last = last if rng.random() < 0.8 else rng.choice(d.LAST_NAMES)
                guardian = row["guardian_name"] = f"{guardian_first} {guardian_last}"
                row["guardian_email"] = self.email(
                    "guardians", guardian_first, guardian_last, rng.choice(d.PERSONAL_DOMAINS)
                )
                row["guardian_phone"] = self.phone(city)
                if rng.random() < 0.96:
                    consented = today - timedelta(rng.randint(2, 300))
                    row["guardian_consent_by"] = guardian
                    row["guardian_consent_at"] = self.moment(consented)
            batch.append(row)
            self.student_ids.append(row["id"])
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def enrolments(self) -> list[list[int]]:
        """Enrolment rows; returns, per cohort, the students who can be in a group."""
        rng, today, cohorts, student_ids = self.rng, self.today, self.cohorts, self.student_ids
        members: list[list[int]] = [[] for _ in cohorts]
        for student, cohort_indices in enumerate(self.placed):
            for index in cohort_indices:
                members[index].append(student)
        groupable: list[list[int]] = [[] for _ in cohorts]
        for index, cohort in enumerate(cohorts):
            past = cohort.status in (S.COMPLETED, S.ARCHIVED)
            grouped = cohort.status in (S.RUNNING, S.COMPLETED, S.ARCHIVED)
            waiting = 0
            for position, student in enumerate(members[index]):
                if position < cohort.capacity:
                    status = d.pick(rng, d.ENROLMENT_STATUS[cohort.status])
                else:  # over capacity: on the waitlist, or turned away once it is over
                    status = ES.WITHDRAWN if past else ES.WAITLISTED
                    waiting += not past
                changed = min(today, cohort.starts_on) - timedelta(rng.randint(0, 40))
                self.row(
                    m.Enrolment, student_id=student_ids[student], cohort_id=cohort.id,
                    status=status, waitlist_position=waiting if status == ES.WAITLISTED else None,
                    status_changed_at=self.moment(cohort.ends_on if past else changed),
                )  # fmt: skip
                if grouped and status in (ES.ENROLLED, ES.COMPLETED):
                    groupable[index].append(student)
        return groupable

    def groups(self, groupable: list[list[int]]) -> None:
        """Groups of at most ``group_size``; most with a problem and a lead instructor."""
        rng, problems, teachers = self.rng, self.problems, self.teachers
        any_problem = [p for track in sorted(problems) for p in problems[track]]
        any_teacher = [t for track in sorted(teachers) for t in teachers[track]]
        for index, cohort in enumerate(self.cohorts):
            students = list(groupable[index])
            rng.shuffle(students)
            if cohort.status == S.RUNNING:  # a few not placed yet, for the warnings to show
                students = students[: len(students) - len(students) // 30]
            count = math.ceil(len(students) / cohort.group_size)
            theme = rng.choice(d.GROUP_THEMES) if rng.random() < 0.6 else ()
            holiday = rng.choice(d.HOLIDAY_SLOTS)
            problem_pool = problems.get(cohort.track) or any_problem
            teacher_pool = teachers.get(cohort.track) or any_teacher
            for number in range(count):
                lead = self.maybe(0.95, rng.choice(teacher_pool)) if teacher_pool else None
                slot = f"{rng.choice(d.WEEKDAYS)} {rng.choice(d.AFTER_SCHOOL_SLOTS)}"
                if cohort.status != S.RUNNING:
                    status = GroupStatus.PRESENTED
                else:
                    status = GroupStatus.FORMING if rng.random() < 0.1 else GroupStatus.WORKING
                group = self.row(
                    m.StudentGroup, cohort_id=cohort.id, lead_instructor_id=lead,
                    name=theme[number] if number < len(theme) else f"Group {number + 1}",
                    business_problem_id=self.maybe(0.94, rng.choice(problem_pool or [None])),
                    meeting_slot=holiday if cohort.schedule == CohortSchedule.HOLIDAY else slot,
                    status=status,
                )  # fmt: skip
                for student in students[number::count]:
                    self.row(
                        m.GroupMembership, group_id=group["id"], cohort_id=cohort.id,
                        student_id=self.student_ids[student],
                    )  # fmt: skip
                helper = self.maybe(0.12, rng.choice(teacher_pool or [None]))
                if helper is not None and helper != lead:
                    self.row(m.GroupAssistant, group_id=group["id"], instructor_id=helper)


def _refuse_if_not_empty(session: Session, database: Database) -> None:
    for model in (m.PartnerCompany, m.Cohort, m.Student, m.Instructor):
        table = model.__table__
        live = select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
        if session.scalar(live):
            raise IxdeskError(
                f"The database {database.location} already holds records; demo data goes "
                "into an empty database (use --database to pick a new file)."
            )


def _insert(
    session: Session, model: type[Base], rows: list[Row], progress: Progress | None
) -> None:
    """Core executemany in batches: no ORM objects, so 100,000 rows take seconds."""
    stage = str(model.__tablename__).replace("_", " ")
    for start in range(0, len(rows), BATCH):
        session.execute(insert(model.__table__), rows[start : start + BATCH])
        if progress is not None:
            progress(stage, min(start + BATCH, len(rows)), len(rows))


def generate_demo(
    database: Database,
    *,
    students: int = 500,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with demo records in one transaction; refuse a used one."""
    today = today or date.today()
    with database.write() as session:
        _refuse_if_not_empty(session, database)
        live_tracks = select(m.Track.id, m.Track.name).where(m.Track.deleted_at.is_(None))
        existing = {name.lower(): str(id_) for id_, name in session.execute(live_tracks)}
        build = _Builder(seed, today, existing)
        build.tracks()
        build.companies(max(12, students // 80))
        build.instructors(max(8, students // 25))
        build.make_cohorts(max(6, round(students / 40)))
        for model in BEFORE_STUDENTS:
            _insert(session, model, build.rows.get(model, []), progress)
        build.place_students(students)
        for batch in build.students():
            session.execute(insert(m.Student.__table__), batch)
            if progress is not None:
                progress("students", len(build.student_ids), students)
        build.groups(build.enrolments())
        for model in AFTER_STUDENTS:
            _insert(session, model, build.rows.get(model, []), progress)
    counts = {str(model.__tablename__): len(rows) for model, rows in build.rows.items()}
    counts["students"] = len(build.student_ids)
    return DemoSummary(**{field.name: counts.get(field.name, 0) for field in fields(DemoSummary)})
