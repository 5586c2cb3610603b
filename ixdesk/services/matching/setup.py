"""What a match starts from, as plain rows: students and their choices, problems, groups, rules.

Built from the database by :mod:`.loading` (or by hand in tests and the
benchmark); the solver steps (:mod:`.choosing`, :mod:`.forming`) never touch the database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ixdesk.errors import ValidationError
from ixdesk.services.groups import CohortInfo, StudentRow

_RULE = re.compile(r"(\w+)\s*(?:=\s*([^<>=]+?))?\s*(<=|>=)\s*(\d+)")
MIN_SIZE = 2
MAX_SIZE = 50
LEADS_WORDS = (
    "students under 18 only in groups whose lead instructor has a safeguarding check valid "
    "for the cohort's dates"
)
ATTRIBUTES = {"school": "school", "grade": "grade", "track_interest": "track interest"}


@dataclass(frozen=True)
class Candidate:
    """A student of the cohort: their choices, and where they are now."""

    student: StudentRow
    ranks: Mapping[str, int]  # business problem id -> rank (1: first choice)
    minor: bool = False
    group_id: str | None = None  # their group now (None: none)
    locked: bool = False  # the coordinator locked them in ``group_id``
    enrolled: bool = True  # members no longer enrolled stay where they are

    @property
    def id(self) -> str:
        return self.student.id

    @property
    def fixed(self) -> bool:
        """Stays in their group whatever the match finds."""
        return self.group_id is not None and (self.locked or not self.enrolled)


@dataclass(frozen=True)
class ProblemInfo:
    id: str
    title: str
    company: str | None = None
    max_groups: int | None = None  # groups of the cohort that may work on it (None: any)


@dataclass(frozen=True)
class ExistingGroup:
    id: str
    name: str
    problem_id: str | None = None
    lead: str | None = None  # the lead instructor's name
    lead_cleared: bool = False  # the lead's safeguarding check covers the cohort's dates
    locked: bool = False  # keeps its members and its problem


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    together: bool  # False: keep apart


@dataclass(frozen=True)
class Rule:
    """At most / at least so many students of a group share an attribute's value.

    ``value`` None means "of any one value" ("at most 2 from one school").
    """

    attribute: str  # "school", "grade" or "track_interest"
    most: int | None = None
    least: int | None = None
    value: str | None = None

    def __post_init__(self) -> None:
        if self.attribute not in ATTRIBUTES:
            known = ", ".join(ATTRIBUTES)
            raise ValidationError(f"A group rule can count {known}, not “{self.attribute}”.")
        if self.most is None and self.least is None:
            raise ValidationError("A group rule needs a most or a least number of students.")
        if (self.most is not None and self.most < 0) or (self.least is not None and self.least < 0):
            raise ValidationError("A group rule counts students: use 0 or more.")

    @classmethod
    def parse(cls, text: str) -> Rule:
        """ "school<=2" (at most 2 of one school), "grade=12>=1" (at least 1 in grade 12)."""
        found = _RULE.fullmatch(text.strip())
        if found is None:
            raise ValidationError(
                f"“{text[:60]}” is not a group rule; write it as school<=2, grade=12>=1 or "
                "track_interest<=3."
            )
        attribute, value, sign, number = found.groups()
        limit = int(number)
        return cls(
            attribute.lower(),
            most=limit if sign == "<=" else None,
            least=limit if sign == ">=" else None,
            value=value.strip() if value else None,
        )

    def value_of(self, student: StudentRow) -> str:
        if self.attribute == "school":
            return (student.school or "").strip().casefold()
        if self.attribute == "grade":
            return "" if student.grade is None else str(student.grade)
        return (student.track_interest or "").casefold()

    def applies(self, value: str) -> bool:
        return self.value is None or value == self.value.strip().casefold()

    def describe(self) -> str:
        word = ATTRIBUTES[self.attribute]
        which = f"of one {word}" if self.value is None else f"with {word} {self.value}"
        limits = []
        if self.least is not None:
            limits.append(f"at least {self.least}")
        if self.most is not None:
            limits.append(f"at most {self.most}")
        return f"{' and '.join(limits)} students {which} in each group"


@dataclass(frozen=True)
class MatchSetup:
    cohort: CohortInfo
    size: int
    students: tuple[Candidate, ...]
    problems: tuple[ProblemInfo, ...]
    groups: tuple[ExistingGroup, ...] = ()
    pairs: tuple[Pair, ...] = ()
    rules: tuple[Rule, ...] = ()
    use_leads: bool = False  # fill only the existing groups; minors only under cleared leads
    names: Mapping[str, str] = field(default_factory=dict)  # student id -> name, for sentences

    def __post_init__(self) -> None:
        if not MIN_SIZE <= self.size <= MAX_SIZE:
            raise ValidationError(f"Choose a group size from {MIN_SIZE} to {MAX_SIZE}.")

    @property
    def lowest(self) -> int:
        return max(self.size - 1, 1)

    @property
    def highest(self) -> int:
        return self.size + 1

    def size_words(self) -> str:
        return f"groups of {self.lowest} to {self.highest} students ({self.size} ± 1)"

    @cached_property
    def _problems(self) -> dict[str, ProblemInfo]:
        return {p.id: p for p in self.problems}

    @cached_property
    def _groups(self) -> dict[str, ExistingGroup]:
        return {g.id: g for g in self.groups}

    @cached_property
    def _students(self) -> dict[str, Candidate]:
        return {c.id: c for c in self.students}

    def problem(self, problem_id: str | None) -> ProblemInfo | None:
        return self._problems.get(problem_id) if problem_id else None

    def group(self, group_id: str | None) -> ExistingGroup | None:
        return self._groups.get(group_id) if group_id else None

    def candidate(self, student_id: str) -> Candidate | None:
        return self._students.get(student_id)

    def name_of(self, student_id: str) -> str:
        found = self._students.get(student_id)
        return found.student.name if found else self.names.get(student_id, "a student")

    def pair_words(self, pair: Pair) -> str:
        """ "keep Ana Novak and Ben Ito together", the two by name."""
        students = [self.candidate(pair.first), self.candidate(pair.second)]
        if None in students:
            names = sorted([self.name_of(pair.first), self.name_of(pair.second)])
        else:
            found = sorted((c for c in students if c is not None), key=lambda c: c.student.sort_key)
            names = [c.student.name for c in found]
        return f"keep {names[0]} and {names[1]} {'together' if pair.together else 'apart'}"

    @property
    def most_ranks(self) -> int:
        return max((max(c.ranks.values(), default=0) for c in self.students), default=0)

    def unranked_cost(self) -> int:
        """What a problem the student did not rank costs: more than any rank does."""
        return (self.most_ranks + 1) ** 2
