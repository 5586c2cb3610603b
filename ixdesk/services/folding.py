"""One rule for comparing and sorting text as a person reads it: case and accents ignored.

"Zoë" and "zoe", "Łukasz" and "lukasz", "Ørsted" and "orsted", "Đorđe" and
"dorde", "Straße" and "strasse", "Ærø" and "aero", "İstanbul" and "istanbul"
fold alike, and so do "é" typed as one character or as "e" plus a combining
accent. Search, sorting, matching an import against ixdesk (duplicates,
near-duplicates, track names), reading headers and yes/no answers all use
:func:`fold`, so what the search box treats as one name, the import does too.

``fold`` runs once per row when a table loads, per cell on an import and per
keystroke, so it is fast: plain ASCII text is only lower-cased, other text
goes through a precomputed ``str.translate`` table (Latin letters with
accents, and the letters Unicode does not decompose, such as ø, ł, đ, æ, ß),
and only what is still not ASCII (other scripts) through Unicode
decomposition, cached.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter plus accents.
_SPECIAL = {
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "ħ": "h", "Ħ": "h", "ı": "i", "ŧ": "t", "Ŧ": "t", "þ": "th", "Þ": "th",
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
}  # fmt: skip

_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00))  # Latin-1, Latin Extended A/B and Additional


def _without_marks(text: str) -> str:
    return "".join(
        part for part in unicodedata.normalize("NFKD", text) if not unicodedata.combining(part)
    )


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in _RANGES:
        for code in range(start, end):
            char = chr(code)
            base = _without_marks(char)
            if base and base != char:
                table[code] = base.casefold()
    for char, plain in _SPECIAL.items():
        table[ord(char)] = plain
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text`` for matching and sorting."""
    if text.isascii():
        return text.lower()
    return _fold_other(text)


@lru_cache(maxsize=1 << 16)
def _fold_other(text: str) -> str:
    folded = text.translate(_TABLE).casefold()
    if folded.isascii():
        return folded
    # Rare: letters outside the table (other scripts keep their letters, lose accents).
    return _without_marks(folded).translate(_TABLE).casefold()
