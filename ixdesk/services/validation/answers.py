"""Checking yes/no answers and school grades, in the words sign-up sheets use."""

from __future__ import annotations

import re
from typing import Any

from ixdesk.services.folding import fold
from ixdesk.services.validation.base import clean_text, fail, shown

GRADE_MIN, GRADE_MAX = 1, 12
"""School grades 1–12, or the year at university (decisions: grade is a whole number)."""


YES_WORDS = frozenset(
    {
        *("yes", "y", "true", "1", "x", "oui", "si", "sí", "ja", "sim", "agree", "agreed"),
        *("accept", "accepted", "ok", "okay", "checked", "on", "✓", "✔", "☑", "i agree"),
        *("yes please", "opt in", "opt-in", "d'accord"),
    }
)
NO_WORDS = frozenset(
    {
        *("no", "n", "false", "0", "non", "nein", "nee", "nao", "não", "disagree", "declined"),
        *("decline", "unchecked", "off", "✗", "✘", "no thanks", "no thank you", "opt out"),
        "opt-out",
    }
)


def parse_yes_no(value: Any, field: str = "messaging_opt_in") -> bool:
    """True or False from yes/no/y/n/true/false/1/0/oui/non/x/✓ and the like."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = clean_text(value)
    if text is None:
        raise fail(field, "The answer is empty.")
    word = text.casefold().rstrip(".!")
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise fail(field, f"“{text}” is not a yes/no answer; write yes or no.")


_FRENCH_GRADES = {
    "sixieme": 6, "6e": 6, "6eme": 6,
    "cinquieme": 7, "5e": 7, "5eme": 7,
    "quatrieme": 8, "4e": 8, "4eme": 8,
    "troisieme": 9, "3e": 9, "3eme": 9,
    "seconde": 10, "2nde": 10, "2de": 10,
    "premiere": 11, "1re": 11, "1ere": 11,
    "terminale": 12, "tle": 12, "term": 12,
}  # fmt: skip
_GRADE_TEXT = re.compile(
    r"(?:grade|year|yr|gr|class|form|klasse|niveau)?\s*(\d{1,2})(?:st|nd|rd|th|e|eme)?(?:\s*grade)?"
)


def check_grade(value: Any, field: str = "grade") -> int:
    """A whole school grade (or year at university) from 1 to 12.

    Accepts 11, 11.0, "11", "Grade 11", "11th", "Year 11" and the French
    lycée/collège names (seconde = 10, première = 11, terminale = 12).
    """
    if isinstance(value, bool):
        raise fail(field, f"{value} is not a grade.")
    if isinstance(value, int | float):
        if not float(value).is_integer():
            raise fail(field, f"Grade {shown(value)} is not a whole number.")
        number = int(value)
    else:
        text = clean_text(value)
        if text is None:
            raise fail(field, "The grade is empty.")
        folded = fold(text).rstrip(".")
        if folded in _FRENCH_GRADES:
            return _FRENCH_GRADES[folded]
        match = _GRADE_TEXT.fullmatch(folded)
        if match is None:
            raise fail(field, f"“{text}” is not a grade; write a whole number from 1 to 12.")
        number = int(match.group(1))
    if not GRADE_MIN <= number <= GRADE_MAX:
        raise fail(
            field,
            f"Grade {number} is outside {GRADE_MIN}–{GRADE_MAX} "
            "(school grade, or year at university).",
        )
    return number
