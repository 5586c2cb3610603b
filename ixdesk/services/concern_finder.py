"""The queries that find the concerns: one per kind of concern, over every cohort in
scope at once (see :mod:`ixdesk.services.attention` for the rules)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from ixdesk.db import models as m
from ixdesk.db.enums import ConsentPurpose, EnrolmentStatus
from ixdesk.db.statements import AnySelect
from ixdesk.services.assignments.rules import (
    ADULT_AGE,
    cohort_end,
    instructor_fit,
    is_approved,
    is_minor,
    person_name,
    safeguarding_gap,
)
from ixdesk.services.concerns import (
    ABSENT_TWICE,
    COHORT_WITHOUT_GROUPS,
    GROUP_TOO_BIG,
    GROUP_TOO_SMALL,
    GROUP_WITHOUT_LEAD,
    GROUP_WITHOUT_PROBLEM,
    MESSAGES_WITHOUT_CONSENT,
    MINOR_WITHOUT_CONSENT,
    PROBLEM_NOT_APPROVED,
    STUDENT_WITHOUT_GROUP,
    CohortScope,
    Concern,
    make_concern,
)
from ixdesk.services.counts import member_count
from ixdesk.services.kinds import status_label
from ixdesk.services.privacy.consent import valid_consent
from ixdesk.services.record_kinds import Kind
from ixdesk.services.running.absences import absent_twice
from ixdesk.services.validation import years_before

CONSENT_STATUSES = (EnrolmentStatus.ACCEPTED, EnrolmentStatus.ENROLLED)


def _instructor_columns(i: Any) -> tuple[Any, ...]:
    return (
        i.id.label("instructor_id"),
        i.first_name.label("first"),
        i.last_name.label("last"),
        i.safeguarding_status.label("check"),
        i.safeguarding_expires_on.label("expires"),
        i.status.label("status"),
    )


class Finder:
    """One query per kind of concern over every cohort in scope.

    Rows are narrowed with ``cohort_id IN (cohorts in scope)``, which lets the
    database start from the cohort index instead of scanning every enrolment.
    """

    def __init__(
        self, session: Session, in_scope: AnySelect, cohorts: dict[str, CohortScope], today: date
    ) -> None:
        self.session, self.in_scope, self.cohorts, self.today = session, in_scope, cohorts, today
        self.found: list[Concern] = []
        x = m.InstructorExpertise
        tracks = {cohort.track_id for cohort in cohorts.values() if cohort.track_id is not None}
        # (instructor, track) for the tracks of the cohorts in scope: who teaches what.
        self.expertise: set[tuple[str, str]] = (
            {
                (str(instructor), str(track))
                for instructor, track in session.execute(
                    select(x.instructor_id, x.track_id).where(
                        x.track_id.in_(tracks), x.deleted_at.is_(None)
                    )
                )
            }
            if tracks
            else set()
        )

    def about_instructor(self, cohort: CohortScope, role: str, group_id: str, row: Any) -> None:
        """What is wrong with one instructor teaching one group: their safeguarding check
        (high-school cohorts), their status and whether they teach the cohort's track."""
        name = person_name(row.first, row.last)

        def add(code: str, text: str) -> None:
            kind, instructor = Kind.INSTRUCTORS, row.instructor_id
            self.found.append(make_concern(code, text, kind, instructor, cohort, group_id=group_id))

        if cohort.high_school:
            needed_until = cohort_end(cohort.ends_on, cohort.starts_on, self.today)
            gap = safeguarding_gap(row.check, row.expires, needed_until)
            if gap is not None:
                add(gap[0], f"{name}, {role}, {gap[1]}.")
        teaches = (str(row.instructor_id), str(cohort.track_id)) in self.expertise
        track = cohort.track_name if cohort.track_id is not None else None
        for code, phrase in instructor_fit(row.status, teaches, track):  # the dialog's words
            add(code, f"{name}, {role}: {phrase[0].lower()}{phrase[1:]}.")

    def groups(self) -> set[str]:
        """Size, problem and lead of every live group; returns the cohorts that have groups."""
        g, p, company = m.StudentGroup, m.BusinessProblem, m.PartnerCompany
        lead = aliased(m.Instructor)
        statement: AnySelect = (
            select(
                g.id.label("group_id"), g.cohort_id, g.name.label("group_name"),
                member_count().label("members"), p.id.label("problem_id"), p.title,
                p.status.label("problem_status"), company.name.label("company"),
                *_instructor_columns(lead),
            )
            .outerjoin(p, and_(p.id == g.business_problem_id, p.deleted_at.is_(None)))
            .outerjoin(company, company.id == p.company_id)
            .outerjoin(lead, and_(lead.id == g.lead_instructor_id, lead.deleted_at.is_(None)))
            .where(g.cohort_id.in_(self.in_scope), g.deleted_at.is_(None))
        )  # fmt: skip
        with_groups: set[str] = set()
        for row in self.session.execute(statement):
            cohort = self.cohorts[row.cohort_id]
            with_groups.add(cohort.id)
            self.found.extend(one_group(cohort, row))
            if row.instructor_id is not None:
                role = f"lead instructor of {row.group_name} in {cohort.name}"
                self.about_instructor(cohort, role, row.group_id, row)
        return with_groups

    def assistants(self) -> None:
        a, g, i = m.GroupAssistant, m.StudentGroup, m.Instructor
        statement = (
            select(g.id.label("group_id"), g.cohort_id, g.name.label("group_name"),
                   *_instructor_columns(i))
            .select_from(a)
            .join(g, g.id == a.group_id)
            .join(i, i.id == a.instructor_id)
            .where(
                g.cohort_id.in_(self.in_scope), a.deleted_at.is_(None), g.deleted_at.is_(None),
                i.deleted_at.is_(None),
            )
        )  # fmt: skip
        for row in self.session.execute(statement):
            cohort = self.cohorts[row.cohort_id]
            role = f"assistant instructor of {row.group_name} in {cohort.name}"
            self.about_instructor(cohort, role, row.group_id, row)

    def ungrouped_students(self, with_groups: set[str]) -> None:
        e, s, gm, g = m.Enrolment, m.Student, m.GroupMembership, m.StudentGroup
        in_a_group = (
            select(gm.id)
            .join(g, g.id == gm.group_id)
            .where(
                gm.student_id == e.student_id,
                gm.cohort_id == e.cohort_id,
                gm.deleted_at.is_(None),
                g.deleted_at.is_(None),
            )
            .exists()
        )
        statement = (
            select(e.cohort_id, s.id, s.first_name, s.last_name)
            .join(s, s.id == e.student_id)
            .where(
                e.cohort_id.in_(self.in_scope),
                e.status == EnrolmentStatus.ENROLLED,
                e.deleted_at.is_(None),
                s.deleted_at.is_(None),
                ~in_a_group,
            )
        )
        waiting: dict[str, int] = {}
        for cohort_id, student_id, first, last in self.session.execute(statement):
            cohort = self.cohorts[cohort_id]
            if cohort_id not in with_groups:
                waiting[cohort_id] = waiting.get(cohort_id, 0) + 1
                continue
            text = f"{person_name(first, last)} is enrolled in {cohort.name} but is in no group."
            self.found.append(
                make_concern(STUDENT_WITHOUT_GROUP, text, Kind.STUDENTS, student_id, cohort)
            )
        for cohort_id, count in waiting.items():
            cohort = self.cohorts[cohort_id]
            noun = "enrolled student" if count == 1 else "enrolled students"
            text = f"{cohort.name} has {count:,} {noun} and no groups yet."
            self.found.append(
                make_concern(COHORT_WITHOUT_GROUPS, text, Kind.COHORTS, cohort_id, cohort)
            )

    def _minors_lacking(
        self, purpose: ConsentPurpose, *more: Any
    ) -> Iterator[tuple[CohortScope, str, str, date | None]]:
        """(cohort, student id, name, date of birth) of the accepted and enrolled minors
        (on their cohort's start) without a valid consent for ``purpose``."""
        e, s, c, today = m.Enrolment, m.Student, m.Consent, self.today
        earliest = min(cohort.starts_on or today for cohort in self.cohorts.values())
        # One bound for every cohort: who could be a minor on the earliest start.
        bound = or_(s.date_of_birth > years_before(earliest, ADULT_AGE), s.date_of_birth.is_(None))
        statement = (
            select(e.cohort_id, s.id, s.first_name, s.last_name, s.date_of_birth)
            .join(s, s.id == e.student_id)
            .where(
                e.cohort_id.in_(self.in_scope),
                e.status.in_(CONSENT_STATUSES),
                e.deleted_at.is_(None),
                s.deleted_at.is_(None),
                s.id.not_in(select(c.student_id).where(valid_consent(purpose))),
                bound,
                *more,
            )
        )
        for cohort_id, student_id, first, last, born in self.session.execute(statement):
            cohort = self.cohorts[cohort_id]
            if is_minor(born, cohort.starts_on or today, cohort.audience):
                yield cohort, student_id, person_name(first, last), born

    def minors_without_consent(self) -> None:
        for cohort, student_id, name, born in self._minors_lacking(ConsentPurpose.PARTICIPATION):
            if born is None:
                text = (
                    f"{name} has no date of birth and no guardian consent; {cohort.name} is "
                    "for high-school students."
                )
            else:
                text = f"{name} is under 18 when {cohort.name} starts and has no guardian consent."
            self.found.append(
                make_concern(MINOR_WITHOUT_CONSENT, text, Kind.STUDENTS, student_id, cohort)
            )

    def messages_without_consent(self) -> None:
        """Minors opted in to messages without a guardian's consent for messages."""
        opted_in = m.Student.messaging_opt_in.is_(True)
        for cohort, student_id, name, _born in self._minors_lacking(
            ConsentPurpose.MESSAGES, opted_in
        ):
            text = (
                f"{name} is under 18 and opted in to messages, with no guardian's consent for them."
            )
            self.found.append(
                make_concern(MESSAGES_WITHOUT_CONSENT, text, Kind.STUDENTS, student_id, cohort)
            )

    def absences(self) -> None:
        for found in absent_twice(self.session, self.in_scope):
            cohort = self.cohorts[found.cohort_id]
            text = found.text(person_name(found.first_name, found.last_name), cohort.name)
            self.found.append(
                make_concern(ABSENT_TWICE, text, Kind.STUDENTS, found.student_id, cohort)
            )


def one_group(cohort: CohortScope, row: Any) -> list[Concern]:
    """A group's size, problem and whether it has a lead."""
    group_id, where = row.group_id, f"{row.group_name} in {cohort.name}"
    found: list[Concern] = []

    def add(code: str, text: str, kind: Kind = Kind.GROUPS, record_id: str = group_id) -> None:
        found.append(make_concern(code, text, kind, record_id, cohort, group_id=group_id))

    size, members = cohort.group_size, row.members
    if size and members > size + 1:
        add(GROUP_TOO_BIG, f"{where} has {_students(members)}; the group size is {size}.")
    elif size and members < size - 1:
        add(GROUP_TOO_SMALL, f"{where} has {_students(members)}; the group size is {size}.")
    if row.problem_id is None:
        add(GROUP_WITHOUT_PROBLEM, f"{where} has no business problem.")
    elif not is_approved(row.problem_status):
        status = status_label(row.problem_status).lower()
        text = f"{where} works on “{row.title}” ({row.company}), not approved yet ({status})."
        add(PROBLEM_NOT_APPROVED, text, Kind.PROBLEMS, row.problem_id)
    if row.instructor_id is None:
        add(GROUP_WITHOUT_LEAD, f"{where} has no lead instructor.")
    return found


def _students(count: int) -> str:
    return "1 student" if count == 1 else f"{count} students"
