"""Search text the way a person expects: case- and accent-insensitive.

"zoe" finds "Zoë", "lukasz" finds "Łukasz", "orsted" finds "Ørsted".
``fold`` is applied once per row when a table loads and once per keystroke to
the search text, so it must be fast: a precomputed ``str.translate`` table,
not a per-character ``unicodedata`` walk.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Letters that Unicode does not decompose into a base letter plus accents.
_SPECIAL = {
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "ħ": "h", "Ħ": "h", "ı": "i", "ŧ": "t", "Ŧ": "t", "þ": "th", "Þ": "th",
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
}  # fmt: skip

_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00))


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in _RANGES:
        for code in range(start, end):
            char = chr(code)
            base = "".join(
                part
                for part in unicodedata.normalize("NFKD", char)
                if not unicodedata.combining(part)
            )
            if base and base != char:
                table[code] = base.lower()
    for char, plain in _SPECIAL.items():
        table[ord(char)] = plain
    return table


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text`` for matching."""
    folded = text.translate(_table()).casefold()
    if folded.isascii():
        return folded
    # Rare: letters outside the table (other scripts keep their letters, lose accents).
    return "".join(
        part for part in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(part)
    )


def search_terms(text: str) -> list[str]:
    """The folded words of a search box: every word must match somewhere."""
    return fold(text).split()


def matches(terms: list[str], folded_haystack: str) -> bool:
    return all(term in folded_haystack for term in terms)
