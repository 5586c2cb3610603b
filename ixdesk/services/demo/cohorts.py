"""Demo cohorts, their students and enrolments, and the groups students work in."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta

from ixdesk.db import models as m
from ixdesk.db.enums import (
    Audience,
    CohortFormat,
    CohortSchedule,
    CohortStatus,
    EnrolmentStatus,
    GroupStatus,
)
from ixdesk.services.demo import data as d
from ixdesk.services.demo.rows import BATCH, DemoCohort, DemoRows, Row
from ixdesk.services.validation import years_before

S, ES = CohortStatus, EnrolmentStatus
GUARDIAN_FIELDS = (
    "guardian_name",
    "guardian_email",
    "guardian_phone",
    "guardian_consent_by",
    "guardian_consent_at",
)


class CohortRows(DemoRows):
    """Cohorts and who is in them: students, enrolments, groups and their instructors."""

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
            cohort = DemoCohort(
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
        adults_born_by = years_before(today, 18)
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
            row: Row = dict.fromkeys(GUARDIAN_FIELDS)
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
