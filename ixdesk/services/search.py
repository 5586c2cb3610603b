"""Search text the way a person expects: case- and accent-insensitive.

"zoe" finds "Zoë", "lukasz" finds "Łukasz", "orsted" finds "Ørsted": text is
compared folded by :func:`ixdesk.services.folding.fold`, the rule sorting and
the import's matching use too.
"""

from __future__ import annotations

from ixdesk.services.folding import fold


def search_terms(text: str) -> list[str]:
    """The folded words of a search box: every word must match somewhere."""
    return fold(text).split()


def matches(terms: list[str], folded_haystack: str) -> bool:
    return all(term in folded_haystack for term in terms)
