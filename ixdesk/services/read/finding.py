"""Finding the record a person named: a cohort or partner company by name, an
instructor by email, a cohort's session by title or group by name.

Case, accents and spacing are ignored ("spring data 2025" finds "Spring Data
2025"); when nothing matches, the error suggests the closest names.
"""

from __future__ import annotations

import difflib
from typing import Any

from sqlalchemy import select

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.errors import IxdeskError
from ixdesk.services.folding import fold
from ixdesk.services.kinds import KINDS
from ixdesk.services.read.cohorts import cohort_names
from ixdesk.services.read.companies import company_names
from ixdesk.services.read.instructors import instructor_names
from ixdesk.services.record_kinds import Kind


def _normal(text: str) -> str:
    return " ".join(fold(text).split())


# (id, what people type, how to show it) of every live record of a kind people find by name.
_NAMES = {
    Kind.COHORTS: cohort_names,
    Kind.COMPANIES: company_names,
    Kind.INSTRUCTORS: instructor_names,
}


def _find(database: Database, kind: Kind, wanted: str, missing: str) -> str:
    with database.read() as session:
        known = _NAMES[kind](session)
    key = _normal(wanted)
    same = [(record_id, name) for record_id, name, _ in known if _normal(name) == key]
    exact = [record_id for record_id, name in same if " ".join(name.split()) == wanted.strip()]
    if len(same) == 1 or len(exact) == 1:  # SQLite lets "ZOË" and "zoë" both exist
        return exact[0] if len(exact) == 1 else same[0][0]
    if same:
        names = " and ".join(f"'{name}'" for _, name in same[:2])
        raise IxdeskError(f"Both {names} match '{wanted}'; type the name exactly as listed.")
    missing = missing.format(wanted=wanted)
    if not known:
        raise IxdeskError(f"{missing}: there are no {KINDS[kind].plural} yet.")
    shown = {_normal(name): shown_as for _id, name, shown_as in known}
    score = {name: difflib.SequenceMatcher(None, key, name).ratio() for name in shown}
    best = max(score.values())
    close = sorted((n for n in shown if score[n] >= max(0.6, best - 0.1)), key=lambda n: score[n])[
        ::-1
    ]
    # Part of a name, or (instructors) a person's name typed instead of the email.
    close += [name for name, text in shown.items() if key and key in _normal(text)]
    suggestions = [f"'{shown[name]}'" for name in dict.fromkeys(close)][:3]
    if suggestions:
        hint = " or ".join([", ".join(suggestions[:-1]), suggestions[-1]]).removeprefix(" or ")
        raise IxdeskError(f"{missing}. Did you mean {hint}?")
    raise IxdeskError(f"{missing}; 'ixdesk list {kind}' shows them all.")


def find_cohort(database: Database, name: str) -> str:
    """The id of the live cohort called ``name`` (any case), else a helpful error."""
    return _find(database, Kind.COHORTS, name, "No cohort is called '{wanted}'")


def find_company(database: Database, name: str) -> str:
    """The id of the live partner company called ``name`` (any case)."""
    missing = "No partner company is called '{wanted}'"
    return _find(database, Kind.COMPANIES, name, missing)


def find_instructor(database: Database, email: str) -> str:
    """The id of the live instructor with this email address (any case)."""
    missing = "No instructor has the email address '{wanted}'"
    return _find(database, Kind.INSTRUCTORS, email, missing)


def find_session(database: Database, cohort_id: str, title: str) -> str:
    """The id of the cohort's live session with this title (any case)."""
    s = m.CohortSession
    return _find_in_cohort(database, s, s.title, cohort_id, title, "session")


def find_group(database: Database, cohort_id: str, name: str) -> str:
    """The id of the cohort's live group with this name (any case)."""
    g = m.StudentGroup
    return _find_in_cohort(database, g, g.name, cohort_id, name, "group")


def _find_in_cohort(
    database: Database, model: Any, name: Any, cohort_id: str, wanted: str, what: str
) -> str:
    """The id of the cohort's live ``model`` record whose ``name`` is ``wanted``, in any
    case; else an error naming a few of them."""
    with database.read() as session:
        live = select(model.id, name).where(
            model.cohort_id == cohort_id, model.deleted_at.is_(None)
        )
        rows = session.execute(live).all()
    for record_id, found in rows:
        if _normal(found) == _normal(wanted):
            return str(record_id)
    names = ", ".join(f"'{found}'" for found in sorted(row[1] for row in rows)[:5])
    listed = f" Its {what}s include {names}." if names else f" It has no {what}s yet."
    raise IxdeskError(f"This cohort has no {what} called '{wanted}'.{listed}")
