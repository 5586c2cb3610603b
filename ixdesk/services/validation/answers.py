"""Checking yes/no answers and school grades, in the words sign-up sheets use."""

from __future__ import annotations

import re
from typing import Any

from ixdesk.services.folding import fold
from ixdesk.services.validation.base import clean_text, fail, quoted, shown

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


# An answer whose first word says it: "Yes, I agree", "No thank you", "Ja, graag".
_YES_FIRST = frozenset({"yes", "yeah", "yep", "ja", "oui", "si", "sim", "sure", "absolutely"})
_NO_FIRST = frozenset({"no", "nope", "nein", "non", "nee", "nao"})
# "I consent", "I agree to …", "I give permission"; "I do not consent", "I don't agree".
_I_AGREE = frozenset({"consent", "agree", "accept", "give", "confirm", "allow", "authorise"})
_I_AGREE |= {"authorize", "understand", "acknowledge", "grant"}
_WORDS = re.compile(r"[a-z]+")


def _yes_no_words(text: str) -> bool | None:
    words = _WORDS.findall(fold(text).replace("'", ""))
    if not words:
        return None
    if words[0] in _YES_FIRST:
        return True
    if words[0] in _NO_FIRST:
        return False
    if words[0] != "i" or len(words) < 2:
        return None
    rest = words[1:]
    if rest[0] in ("dont", "do", "will", "cannot", "cant") and len(rest) > 1:
        negative = rest[0] in ("dont", "cannot", "cant") or rest[1] == "not"
        verb = rest[2] if rest[1] == "not" and len(rest) > 2 else rest[1]
        if verb in _I_AGREE:
            return not negative
        return None
    return True if rest[0] in _I_AGREE else None


def parse_yes_no(value: Any, field: str = "messaging_opt_in") -> bool:
    """True or False from yes/no/y/n/true/false/1/0/oui/non/x/✓ and the like, and from
    answers that say it in their first words ("Yes, I agree", "I consent", "I do not agree")."""
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
    said = _yes_no_words(text)
    if said is not None:
        return said
    raise fail(field, f"{quoted(text)} is not a yes/no answer; write yes or no.")


_FRENCH_GRADES = {
    "sixieme": 6, "6e": 6, "6eme": 6,
    "cinquieme": 7, "5e": 7, "5eme": 7,
    "quatrieme": 8, "4e": 8, "4eme": 8,
    "troisieme": 9, "3e": 9, "3eme": 9,
    "seconde": 10, "2nde": 10, "2de": 10,
    "premiere": 11, "1re": 11, "1ere": 11,
    "terminale": 12, "tle": 12, "term": 12,
}  # fmt: skip
_GRADE_WORDS = r"(?:grade|year|yr|gr|g|class|klasse|niveau|std|standard)"
_GRADE_TEXT = re.compile(
    rf"(?:{_GRADE_WORDS}\.?)?\s*(\d{{1,2}})(?:st|nd|rd|th|e|eme)?"
    rf"(?:\s*{_GRADE_WORDS})?(?:\s*(?:of\s+)?(?:university|uni|college|high\s*school))?"
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_ORDINAL_TEXT = re.compile(rf"(?:{_GRADE_WORDS}\s+)?([a-z]+)(?:\s+{_GRADE_WORDS})?")

# Words whose grade depends on who answers: (high-school grade, university year), None
# where no one reading is common enough to suggest ("Form 4" is grade 10 in Malaysia,
# grade 12 in Kenya). The import asks what such a word means, once per distinct value.
AUDIENCE_GRADES: dict[str, tuple[int | None, int | None]] = {
    "freshman": (9, 1), "fresher": (None, 1), "sophomore": (10, 2), "junior": (11, 3),
    "senior": (12, 4), "matric": (12, None), "matriculant": (12, None),
    "lower sixth": (11, None), "upper sixth": (12, None),
}  # fmt: skip
_FORM = re.compile(r"form\s*(\d{1,2})")


def audience_grade(text: str) -> tuple[int | None, int | None] | None:
    """For a word whose grade depends on the audience ("Junior", "Form 4"): what it
    usually means for high-school and for university students; None for any other text."""
    folded = " ".join(fold(text).replace(".", " ").split())
    words = " ".join(w for w in _WORDS.findall(folded) if w not in ("year", "grade", "student"))
    if words in AUDIENCE_GRADES:
        return AUDIENCE_GRADES[words]
    if _FORM.fullmatch(folded):
        return (None, None)
    return None


def _grade_number(folded: str) -> int | None:
    match = _GRADE_TEXT.fullmatch(folded)
    if match is not None:
        return int(match.group(1))
    words = _ORDINAL_TEXT.fullmatch(folded)
    if words is not None and words.group(1) in _ORDINALS and folded != words.group(1):
        return _ORDINALS[words.group(1)]  # "Second year", "Eleventh grade"
    return None


def check_grade(value: Any, field: str = "grade") -> int:
    """A whole school grade (or year at university) from 1 to 12.

    Accepts 11, 11.0, "11", "Grade 11", "11th", "Year 11", "2nd Year", "Second
    year" and the French lycée/collège names (seconde = 10, première = 11,
    terminale = 12). A word whose grade depends on the audience ("Junior",
    "Form 4") is refused with a sentence saying so (:func:`audience_grade`).
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
        folded = " ".join(fold(text).rstrip(".").split())
        if folded in _FRENCH_GRADES:
            return _FRENCH_GRADES[folded]
        found = _grade_number(folded)
        if found is None:
            if audience_grade(text) is not None:
                raise fail(
                    field,
                    f"{quoted(text)} means a different grade depending on the school or "
                    "country; say which grade it means.",
                )
            raise fail(field, f"{quoted(text)} is not a grade; write a whole number from 1 to 12.")
        number = found
    if not GRADE_MIN <= number <= GRADE_MAX:
        raise fail(
            field,
            f"Grade {number} is outside {GRADE_MIN}–{GRADE_MAX} "
            "(school grade, or year at university).",
        )
    return number
