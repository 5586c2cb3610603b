"""Matching students to business problems by their ranked choices, in groups.

One optimisation with OR-Tools CP-SAT, in two steps that share their
constraints: step one (:mod:`.choosing`) decides which problem each student
works on and how many groups each problem gets, minimising the sum of
squared ranks; step two (:mod:`.forming`) splits each problem's students
into its groups, balancing schools, grades and track interest as auto-build
does. Constraints a coordinator set (sizes, groups at most per problem,
pairs, locks, leads, group rules) are assumptions, so an impossible match
names the ones that conflict (:mod:`.assumptions`).
"""

from __future__ import annotations

from ixdesk.services.matching.assumptions import MatchConflict
from ixdesk.services.matching.plan import (
    MatchPlan,
    PlannedGroup,
    current_problems,
    distribution,
    match,
    ordinal,
)
from ixdesk.services.matching.setup import (
    Candidate,
    ExistingGroup,
    MatchSetup,
    Pair,
    ProblemInfo,
    Rule,
)

__all__ = [
    "Candidate",
    "ExistingGroup",
    "MatchConflict",
    "MatchPlan",
    "MatchSetup",
    "Pair",
    "PlannedGroup",
    "ProblemInfo",
    "Rule",
    "current_problems",
    "distribution",
    "match",
    "ordinal",
]
