"""Search text the way a person expects: case- and accent-insensitive, word by word.

"zoe" finds "Zoë", "lukasz" finds "Łukasz", "orsted" finds "Ørsted": text is
compared folded by :func:`ixdesk.services.folding.fold`, the rule sorting and
the import's matching use too. Every word typed must appear somewhere in the
row. Punctuation between words separates them like a space ("Ørsted, Hans"
and "(Ørsted)" find "Hans Ørsted"), except the characters that hold an email
address, a hyphenated or apostrophised name or a phone number together
(``@ . - ' + _``), so "ana@example.org", "Jean-Luc", "O'Brien" and "+44" are
still looked for whole; a full stop, hyphen or apostrophe ending a word is
dropped ("St. Mary's" looks for "st" and "mary's").
"""

from __future__ import annotations

import re

from ixdesk.services.folding import fold

# Anything but letters, digits and the characters that hold a word together.
_BETWEEN_WORDS = re.compile(r"[^\w@.\-'+]+")
_WORD_ENDS = ".-'"


def search_terms(text: str) -> list[str]:
    """The folded words of a search box: every word must match somewhere."""
    words = (word.strip(_WORD_ENDS) for word in _BETWEEN_WORDS.split(fold(text)))
    return [word for word in words if word]


def matches(terms: list[str], folded_haystack: str) -> bool:
    return all(term in folded_haystack for term in terms)
