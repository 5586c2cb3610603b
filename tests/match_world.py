"""A cohort whose students ranked business problems, for the matching tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services.matching.choices import set_choices
from tests.group_cohort import CohortIds, make_cohort


@dataclass
class MatchWorld:
    ids: CohortIds
    problems: dict[str, str]  # title -> id

    @property
    def cohort_id(self) -> str:
        return self.ids.cohort_id

    def student(self, index: int) -> str:
        return self.ids.students[index]


def make_world(
    database: Database,
    count: int,
    problems: Mapping[str, int | None],
    choices: Mapping[int, Sequence[str]],
    *,
    group_size: int = 4,
) -> MatchWorld:
    """``count`` enrolled students; ``problems``: title -> groups at most; ``choices``:
    student index -> titles in order of preference."""
    ids = make_cohort(database, count, group_size=group_size)
    made: dict[str, str] = {}
    with database.write() as session:
        company = m.PartnerCompany(name=f"Northwind {ids.cohort_id[:6]}")
        session.add(company)
        session.flush()
        for title, most in problems.items():
            problem = m.BusinessProblem(company_id=company.id, title=title, max_groups=most)
            session.add(problem)
            session.flush()
            made[title] = problem.id
    for index, titles in choices.items():
        set_choices(database, ids.cohort_id, ids.students[index], [made[t] for t in titles])
    return MatchWorld(ids, made)
