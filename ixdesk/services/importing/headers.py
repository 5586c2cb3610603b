"""How spreadsheet headers name the fields of an import: a sure match, a suggestion, or none.

A header is folded (case, accents, punctuation, numbering such as "3.", a
trailing "?" and filler such as "your", "please enter" or "what is" left
out) and then:

1. it *is* a field's name or a known synonym ("E-mail address", "Courriel",
   "Current year of study"): a sure match;
2. it is very close to one (a typo: "Emial adress"), by rapidfuzz's ratio of
   the whole folded header: sure at :data:`SURE_SCORE`, a suggestion from
   :data:`SUGGEST_SCORE`;
3. its words name a field and *every* other word belongs to that field's
   vocabulary ("Parent or guardian cell", "Which university are you
   currently studying at?"): sure; one stray word among at least two known
   ones ("Hebrew first name"): a suggestion.

A long question that merely contains a field's word ("Please rank the
following project topics … your most preferred topics …", "Cell and
Developmental Biology") names no field. A suggestion is never applied by
itself: the wizard offers it to confirm, the command line leaves the column
out with a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ixdesk.services.folding import fold
from ixdesk.services.importing.fields import KINDS
from ixdesk.services.importing.header_words import (
    GLUE,
    RULES,
    SYNONYMS,
    Rule,
    header_key,
    header_words,
)
from ixdesk.services.record_kinds import Kind

SURE_SCORE = 90.0
"""rapidfuzz ratio (0-100) from which a header is taken for a synonym it is that close to."""
SUGGEST_SCORE = 80.0
"""rapidfuzz ratio from which a header is offered as a suggestion to confirm."""


@dataclass(frozen=True)
class HeaderMatch:
    """The field a header names (None: no field), and whether that is sure or a suggestion."""

    field: str | None
    sure: bool = True


NO_MATCH = HeaderMatch(None)

# Form bookkeeping columns (Google Forms, Microsoft Forms, Typeform, Jotform) and ixdesk's own.
IGNORED_HEADERS = frozenset(
    {
        *("ixdesk problems", "original row", "timestamp", "horodateur", "id", "start time"),
        *("completion time", "last modified time", "submission date", "submission id"),
        *("start date utc", "submit date utc", "stage date utc", "network id", "response type"),
        *("token", "score", "total points", "quiz feedback", "tags", "submission ip", "#"),
    }
)


def _vocabulary(kind: Kind, rule: Rule) -> frozenset[str]:
    """Every word a header naming this field may hold: its rule's, its synonyms', glue."""
    words = set(rule.also) | GLUE
    for group in rule.needs:
        words |= group
    for key, field in SYNONYMS[kind].items():
        if field == rule.field:
            words.update(key.split())
    return frozenset(words)


_VOCABULARY = {
    (kind, index): _vocabulary(kind, rule)
    for kind, rules in RULES.items()
    for index, rule in enumerate(rules)
}
_SYNONYM_KEYS = {kind: [key for key in table if len(key) >= 4] for kind, table in SYNONYMS.items()}


def _by_words(kind: Kind, words: list[str]) -> HeaderMatch:
    """The field whose words the header is made of (every word known), else none."""
    present = set(words)
    best: tuple[tuple[int, int, int], Rule, int, int] | None = None
    for index, rule in enumerate(RULES[kind]):
        if not all(present & group for group in rule.needs):
            continue
        vocabulary = _VOCABULARY[(kind, index)]
        unknown = len(present - vocabulary)
        known = len((present & vocabulary) - GLUE)
        rank = (unknown, -len(rule.needs), index)
        if best is None or rank < best[0]:
            best = (rank, rule, unknown, known)
    if best is None:
        return NO_MATCH
    _rank, rule, unknown, known = best
    if unknown == 0:
        return HeaderMatch(rule.field)
    if unknown == 1 and known >= 2:
        return HeaderMatch(rule.field, sure=False)
    return NO_MATCH


def _closest(kind: Kind, key: str) -> tuple[str, float] | None:
    if len(key) < 4:
        return None
    found = process.extractOne(
        key, _SYNONYM_KEYS[kind], scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE
    )
    if found is None:
        return None
    return SYNONYMS[kind][found[0]], float(found[1])


@lru_cache(maxsize=8192)
def match_header(kind: Kind, header: str) -> HeaderMatch:
    """What a header names for this kind of import: a sure field, a suggestion, or none."""
    words = header_words(header)
    key = " ".join(words)
    if not key or is_bookkeeping(header):
        return NO_MATCH
    exact = SYNONYMS[kind].get(key)
    if exact is not None:
        return HeaderMatch(exact)
    close = _closest(kind, key)
    if close is not None and close[1] >= SURE_SCORE:
        return HeaderMatch(close[0])
    by_words = _by_words(kind, words)
    if by_words.field is not None and by_words.sure:
        return by_words
    if close is not None:
        return HeaderMatch(close[0], sure=False)
    return by_words


def is_bookkeeping(header: str) -> bool:
    """A column a form adds by itself ("Timestamp", "Completion time"), not a question."""
    return header_key(header) in IGNORED_HEADERS or fold(header).strip() in IGNORED_HEADERS


def guess_field(kind: Kind, header: str) -> str | None:
    """The field a header surely names for this kind of import, or None."""
    found = match_header(Kind(kind), header)
    return found.field if found.sure else None


def is_known_header(header: str) -> bool:
    """Whether any kind of import surely recognises this header (finds the header row)."""
    return any(guess_field(kind, header) for kind in KINDS)
