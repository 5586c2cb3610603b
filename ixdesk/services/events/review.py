"""The items a merge left for a person to decide, as the review shows them.

Each item has a kind (a duplicate pair, a field changed on both sides, a
guardian or consent field, a record deleted on one side and changed on the
other), a title (the student), what it is about, its sides (each value and
where it came from) and the decisions it offers. The text of an item is
folded for search, as the window's search boxes do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.services import validation
from ixdesk.services.events.journal import CHUNK
from ixdesk.services.events.state import (
    CONFLICT,
    DELETED_HERE,
    DELETED_THERE,
    DUPLICATE,
    GUARDIAN,
    HERE,
)
from ixdesk.services.events.values import ranking_cohort
from ixdesk.services.folding import fold
from ixdesk.services.reads import reads

KIND_LABELS = {
    DUPLICATE: "Signed up twice",
    CONFLICT: "Changed on both sides",
    GUARDIAN: "Guardian or consent",
    DELETED_HERE: "Deleted here, changed at the event",
    DELETED_THERE: "Deleted at the event, changed here",
}
MERGE, APART = "merge", "apart"
RESTORE, LEAVE = "restore", "leave"
DELETE, KEEP = "delete", "keep"
FIELD_LABELS = {
    "track_interest_id": "Track interest",
    "guardian_consent_by": "Consent given by",
    "guardian_consent_at": "Consent given on",
    "messaging_opt_in": "Messages by SMS",
    "date_of_birth": "Date of birth",
    "status": "Enrolment status",
    "waitlist_position": "Place on the waitlist",
}
SHOWN = ("first_name", "last_name", "email", "school", "grade", "date_of_birth")


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Side:
    """One side of an item: where it comes from (``source``: "ixdesk", a copy's id, or
    "kept"/"held" of a pair) and what it holds, in words."""

    source: str
    label: str
    text: str


@dataclass(frozen=True)
class ReviewItem:
    id: str
    kind: str
    title: str
    about: str
    sides: tuple[Side, ...]
    choices: tuple[tuple[str, str], ...]  # (decision, its words)
    search: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@reads("event_reviews", "students", "enrolments", "cohorts", "tracks", "business_problems")
def load_review(database: Database) -> list[ReviewItem]:
    """Every item waiting for a decision, by kind, then by student."""
    reviews = m.MergeReview.__table__
    with database.read() as session:
        connection = session.connection()
        rows = [
            dict(row._mapping)
            for row in connection.execute(select(reviews).where(reviews.c.decided_at.is_(None)))
        ]
        people = _students(
            connection, {str(r[k]) for r in rows for k in ("record_id", "other_id") if r[k]}
        )
        tracks = {str(i): n for i, n in connection.execute(select(m.Track.id, m.Track.name))}
        cohorts = {str(i): n for i, n in connection.execute(select(m.Cohort.id, m.Cohort.name))}
        problems = _problem_titles(connection, rows)
        enrolled = _enrolments(connection, people)
    words = _Words(tracks, cohorts, problems)
    items = [_item(row, people, enrolled, words) for row in rows]
    order = list(KIND_LABELS)
    return sorted(items, key=lambda item: (order.index(item.kind), fold(item.title), item.about))


def open_review_count(database: Database) -> int:
    reviews = m.MergeReview.__table__
    with database.read() as session:
        rows = session.execute(select(reviews.c.id).where(reviews.c.decided_at.is_(None)))
        return len(rows.all())


def _students(connection: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    s = m.Student.__table__
    found: dict[str, dict[str, Any]] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        for row in connection.execute(select(s).where(s.c.id.in_(chunk))):
            found[str(row.id)] = dict(row._mapping)
    return found


def _enrolments(connection: Connection, people: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Each student's cohorts: live enrolments, and those held back with them."""
    e = m.Enrolment.__table__
    found: dict[str, list[str]] = {}
    wanted = sorted(people)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        rows = connection.execute(
            select(e.c.student_id, e.c.cohort_id, e.c.deleted_at).where(e.c.student_id.in_(chunk))
        )
        for student_id, cohort_id, deleted_at in rows:
            if deleted_at is None or deleted_at == people[str(student_id)]["deleted_at"]:
                found.setdefault(str(student_id), []).append(str(cohort_id))
    return found


def _problem_titles(connection: Connection, rows: list[dict[str, Any]]) -> dict[str, str]:
    """The titles of the business problems in the rankings waiting for review."""
    wanted = sorted(
        {
            str(problem)
            for row in rows
            if row["field"] and ranking_cohort(row["field"]) is not None
            for value in _values(row["details"])
            for problem in value or ()
        }
    )
    p = m.BusinessProblem.__table__
    found: dict[str, str] = {}
    for start in range(0, len(wanted), CHUNK):
        statement = select(p.c.id, p.c.title).where(p.c.id.in_(wanted[start : start + CHUNK]))
        found.update((str(i), title) for i, title in connection.execute(statement))
    return found


def _values(details: dict[str, Any]) -> list[Any]:
    return [details["main"], details["base"], *(e["value"] for e in details["copies"].values())]


class _Words:
    def __init__(
        self, tracks: dict[str, str], cohorts: dict[str, str], problems: dict[str, str]
    ) -> None:
        self.tracks, self.cohorts, self.problems = tracks, cohorts, problems

    def label(self, name: str) -> str:
        cohort = ranking_cohort(name)
        if cohort is None:
            return field_label(name)
        return f"Business problems ranked for {self.cohorts.get(cohort, 'a cohort')}"

    def value(self, name: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "(empty)" if ranking_cohort(name) is None else "(none ranked)"
        if isinstance(value, list):  # a ranking, first choice first
            return ", ".join(
                f"{rank}. {self.problems.get(str(each), '(a problem no longer here)')}"
                for rank, each in enumerate(value, start=1)
            )
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if name == "track_interest_id":
            return self.tracks.get(str(value), "(a track no longer here)")
        if name == "date_of_birth" and isinstance(value, str):
            return validation.day_text(date.fromisoformat(value))
        if name == "guardian_consent_at" and isinstance(value, str):
            return validation.day_text(validation.local_day(datetime.fromisoformat(value)))
        if name == "status":
            return str(value).replace("_", " ").capitalize()
        return str(value)

    def person(self, row: dict[str, Any] | None, cohorts: list[str]) -> str:
        if row is None:
            return "(no longer here)"
        parts = [f"{row['first_name']} {row['last_name']}"]
        for name in ("email", "school"):
            if row[name]:
                parts.append(str(row[name]))
        if row["date_of_birth"] is not None:
            parts.append(f"born {validation.day_text(row['date_of_birth'])}")
        if cohorts:
            parts.append(
                "signed up for " + ", ".join(sorted(self.cohorts.get(c, "?") for c in cohorts))
            )
        return "; ".join(parts)


def _name(row: dict[str, Any] | None) -> str:
    return (
        "(a student no longer here)" if row is None else f"{row['first_name']} {row['last_name']}"
    )


def _item(
    row: dict[str, Any],
    people: dict[str, dict[str, Any]],
    enrolled: dict[str, list[str]],
    words: _Words,
) -> ReviewItem:
    kind, details = row["kind"], row["details"]
    record_id = str(row["record_id"])
    person = people.get(record_id)
    sides: list[Side]
    choices: tuple[tuple[str, str], ...]
    if kind == DUPLICATE:
        other_id = str(row["other_id"])
        about = f"{details['reason'].capitalize()}, signed up at {details['event']}"
        sides = [
            Side("kept", "In ixdesk", words.person(person, enrolled.get(record_id, []))),
            Side(
                "held",
                f"From {details['event']}",
                words.person(people.get(other_id), enrolled.get(other_id, [])),
            ),
        ]
        choices = ((MERGE, "Merge into one"), (APART, "Keep apart"))
    elif kind in (CONFLICT, GUARDIAN):
        name = row["field"]
        about = words.label(name)
        sides = [Side(HERE, "In ixdesk", words.value(name, details["main"]))]
        sides += [
            Side(copy_id, f"From {entry['event']}", words.value(name, entry["value"]))
            for copy_id, entry in sorted(details["copies"].items())
        ]
        sides.append(Side("base", "Before the event", words.value(name, details["base"])))
        taken = [
            (side.source, f"Take {side.label.removeprefix('From ')}'s") for side in sides[1:-1]
        ]
        choices = ((HERE, "Keep ixdesk's"), *taken)
    else:
        events = ", ".join(sorted(entry["event"] for entry in details["copies"].values()))
        changes = [
            f"{field_label(n)}: {words.value(n, v)}"
            for entry in details["copies"].values()
            for n, v in sorted(entry["changes"].items())
            if n != "enrolment"
        ]
        signed = [
            f"signed up for {words.cohorts.get(v, '?')}"
            for entry in details["copies"].values()
            for n, v in entry["changes"].items()
            if n == "enrolment"
        ]
        if kind == DELETED_HERE:
            about = f"Deleted in ixdesk, changed at {events}"
            sides = [Side("changes", f"At {events}", "; ".join(changes + signed) or "(changes)")]
            choices = ((RESTORE, "Restore with the event's changes"), (LEAVE, "Leave deleted"))
        else:
            about = f"Deleted at {events}, changed in ixdesk since"
            sides = [Side(HERE, "In ixdesk", words.person(person, enrolled.get(record_id, [])))]
            choices = ((DELETE, "Delete"), (KEEP, "Keep"))
    title = _name(person)
    search = fold(" ".join([title, about, *(side.text for side in sides)]))
    return ReviewItem(str(row["id"]), kind, title, about, tuple(sides), choices, search)
