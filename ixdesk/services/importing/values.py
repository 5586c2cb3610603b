"""What typed answers mean: value mappings, and the questions asked to make them.

People type answers a field cannot read on its own: "Junior" or "Form 4" for
a grade (a different grade for different students), "Ja, graag" for yes,
"DA" for the track "Data Analytics", a school's name ten ways. A *value
mapping* says, per field, what such a typed value means; it is kept in the
:class:`~ixdesk.services.importing.mapping.Mapping` and saved with it (the
``values`` of a ``--mapping`` file)::

    "values": {"grade": {"Junior": 11, "Form 4": 10},
               "track_interest": {"DA": "Data Analytics"},
               "messaging_opt_in": {"Only by email": true},
               "school": {"St Johns": "St John's College"}}

Typed values are matched ignoring case, accents and spacing; null means
"leave empty". :func:`value_questions` lists, once per distinct value, the
ones worth a look, with a suggestion where one can be made (from the
cohort's audience, the nearest existing track, the most common spelling of a
school); nothing is applied until a coordinator confirms it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from ixdesk.errors import IxdeskError
from ixdesk.services import validation as v
from ixdesk.services.folding import fold
from ixdesk.services.importing.fields import (
    CHOICES,
    CONSENT,
    FIELD_BY_NAME,
    GRADE,
    TEXT,
    TRACK,
    YES_NO,
    FieldSpec,
)
from ixdesk.services.importing.ranking import nearest_problem, typed_names
from ixdesk.services.importing.table import TableRows
from ixdesk.services.record_kinds import Kind

ValueMappings = dict[str, dict[str, Any]]
"""Field name → {value as typed → what it means (None: leave empty)}."""


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()
"""A question's answer "as typed": no value mapping (the field reads it, or refuses it)."""

TRACK_SCORE = 85.0
"""rapidfuzz WRatio from which a typed track is offered as an existing track."""
SCHOOL_SCORE = 90.0
"""rapidfuzz token-sort ratio from which two spellings are offered as one school."""
SCHOOL_LIMIT = 500  # distinct school names beyond which spellings are not compared (time)
MAPPED_TYPES = (GRADE, YES_NO, CONSENT, TRACK, CHOICES)
SCHOOL = "school"


def value_key(raw: Any) -> str:
    """A typed value as value mappings compare it: case, accents and spacing ignored."""
    return " ".join(fold(str(raw)).split())


def maps_values(spec: FieldSpec) -> bool:
    return spec.type in MAPPED_TYPES or spec.name == SCHOOL


def _check_meaning(spec: FieldSpec, meaning: Any) -> bool:
    if meaning is None:
        return True
    if spec.type == GRADE:
        return type(meaning) is int and v.GRADE_MIN <= meaning <= v.GRADE_MAX
    if spec.type in (YES_NO, CONSENT):
        return isinstance(meaning, bool)
    return isinstance(meaning, str) and bool(meaning.strip())


def read_values(kind: Kind, data: Any, source: Path) -> ValueMappings:
    """The value mappings of a saved mapping file, checked; {} when it has none."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IxdeskError(f"The mapping {source} has values that are not a list of fields.")
    found: ValueMappings = {}
    for name, meanings in data.items():
        spec = FIELD_BY_NAME[kind].get(name)
        if spec is None or not maps_values(spec) or not isinstance(meanings, dict):
            raise IxdeskError(
                f"The mapping {source} gives values for {v.quoted(str(name))}, which takes "
                "no value mappings (grade, yes/no answers, consent, track interest, school)."
            )
        for typed, meaning in meanings.items():
            if not _check_meaning(spec, meaning):
                raise IxdeskError(
                    f"The mapping {source} says {v.quoted(str(typed))} means "
                    f"{v.quoted(str(meaning))}, which is not a {spec.label.lower()}."
                )
        found[name] = dict(meanings)
    return found


def values_json(values: ValueMappings) -> dict[str, dict[str, Any]]:
    return {name: dict(meanings) for name, meanings in values.items() if meanings}


_MISSING = object()


def remap(cells: Sequence[Any], meanings: dict[str, Any]) -> Sequence[Any]:
    """The column's cells with each mapped typed value replaced by what it means."""
    if not meanings:
        return cells
    folded = {value_key(typed): meaning for typed, meaning in meanings.items()}
    replaced = {}
    for cell in set(cells):
        if isinstance(cell, str) and cell:
            meaning = folded.get(value_key(cell), _MISSING)
            if meaning is not _MISSING:
                replaced[cell] = meaning
    if not replaced:
        return cells
    return [replaced.get(cell, cell) if isinstance(cell, str) else cell for cell in cells]


@dataclass(frozen=True)
class ValueQuestion:
    """One distinct typed value of a column worth a look, and what it may mean."""

    field: str
    header: str
    value: str  # as typed (its first spelling in the file)
    count: int  # rows with this value
    suggestion: Any  # what it probably means, or KEEP
    why: str  # one sentence for the coordinator
    needed: bool  # whether the rows are invalid unless it is answered


def _audience_suggestion(text: str, audience: str | None) -> Any:
    meanings = v.audience_grade(text)
    if meanings is None:
        return KEEP
    if audience == "high_school":
        return meanings[0] if meanings[0] is not None else KEEP
    if audience == "university":
        return meanings[1] if meanings[1] is not None else KEEP
    return KEEP


def _readable(spec: FieldSpec, text: str) -> bool:
    try:
        if spec.type == GRADE:
            v.check_grade(text, spec.name)
        elif spec.type == YES_NO:
            v.parse_yes_no(text, spec.name)
        else:  # consent: yes/no or a date
            try:
                v.parse_yes_no(text, spec.name)
            except v.InvalidValue:
                v.parse_date(text, True, spec.name)
    except v.InvalidValue:
        return False
    return True


def nearest_track(text: str, tracks: Sequence[str]) -> str | None:
    """The existing track a typed name probably means ("data", "DA"), or None."""
    key = value_key(text)
    if not key or not tracks:
        return None
    for name in tracks:
        initials = "".join(word[0] for word in value_key(name).split() if word)
        if len(initials) > 1 and key.replace(" ", "").replace(".", "") == initials:
            return name
    found = process.extractOne(
        key, [value_key(name) for name in tracks], scorer=fuzz.WRatio, score_cutoff=TRACK_SCORE
    )
    return None if found is None else tracks[found[2]]


class _Asker:
    def __init__(self, tracks: Sequence[str], audience: str | None) -> None:
        self.tracks = list(tracks)
        self.known_tracks = {value_key(name) for name in tracks}
        self.audience = audience
        self.questions: list[ValueQuestion] = []

    def ask(self, spec: FieldSpec, header: str, counts: dict[str, tuple[str, int]]) -> None:
        if spec.type == TRACK:
            self._tracks(spec, header, counts)
        elif spec.name == SCHOOL:
            self._schools(spec, header, counts)
        else:
            self._readings(spec, header, counts)

    def _add(self, spec: FieldSpec, header: str, typed: str, count: int, *rest: Any) -> None:
        self.questions.append(ValueQuestion(spec.name, header, typed, count, *rest))

    def _readings(self, spec: FieldSpec, header: str, counts: dict[str, tuple[str, int]]) -> None:
        for typed, count in counts.values():
            if _readable(spec, typed):
                continue
            if spec.type == GRADE and v.audience_grade(typed) is not None:
                suggestion = _audience_suggestion(typed, self.audience)
                why = "This word means a different grade to different students: say which."
            else:
                suggestion = KEEP
                why = f"Not a {spec.label.lower()} as typed: say what it means, or leave it empty."
            self._add(spec, header, typed, count, suggestion, why, True)

    def _tracks(self, spec: FieldSpec, header: str, counts: dict[str, tuple[str, int]]) -> None:
        for key, (typed, count) in counts.items():
            if key in self.known_tracks:
                continue
            near = nearest_track(typed, self.tracks)
            if near is None:
                why = "No track has this name: a new track is made, unless you choose one."
                self._add(spec, header, typed, count, KEEP, why, False)
            else:
                why = f"Looks like the track {v.quoted(near)}: check it is the one meant."
                self._add(spec, header, typed, count, near, why, False)

    def problems(
        self, spec: FieldSpec, header: str, names: Sequence[str], titles: Sequence[str]
    ) -> None:
        """Problem names in the rankings that are not exactly a business problem's title."""
        for typed in names:
            near, sure = nearest_problem(typed, titles)
            if sure:
                continue
            if near is None:
                why = (
                    "No business problem has this name: it is left out of the rankings "
                    "unless you choose one."
                )
                self._add(spec, header, typed, 0, KEEP, why, False)
            else:
                why = (
                    f"Looks like the business problem {v.quoted(near)}: check it is the one meant."
                )
                self._add(spec, header, typed, 0, near, why, False)

    def _schools(self, spec: FieldSpec, header: str, counts: dict[str, tuple[str, int]]) -> None:
        if len(counts) > SCHOOL_LIMIT:
            return
        ranked = sorted(counts.values(), key=lambda item: -item[1])
        leaders: list[str] = []
        keys: list[str] = []
        for typed, count in ranked:
            key = _school_key(typed)
            found = process.extractOne(
                key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=SCHOOL_SCORE
            )
            if found is None:
                leaders.append(typed)
                keys.append(key)
                continue
            leader = leaders[found[2]]
            why = f"Looks like {v.quoted(leader)}, spelt another way."
            self._add(spec, header, typed, count, leader, why, False)


_SCHOOL_WORDS = {"st": "saint", "hs": "high", "sec": "secondary", "coll": "college"}


def _school_key(text: str) -> str:
    """A school's name compared: "St Johns" as "saint johns", "…High School" as "…High"."""
    words = "".join(ch if ch.isalnum() else " " for ch in fold(text).replace("'", "")).split()
    words = [_SCHOOL_WORDS.get(word, word) for word in words]
    if len(words) > 2 and words[-1] == "school" and words[-2] in ("high", "secondary"):
        words.pop()
    return " ".join(words)


def _distinct(cells: Sequence[Any]) -> dict[str, tuple[str, int]]:
    """Folded value → (first spelling, rows), for the text cells of a column."""
    found: dict[str, tuple[str, int]] = {}
    for cell, count in Counter(cells).items():
        if not isinstance(cell, str) or not cell.strip():
            continue
        key = value_key(cell)
        first, seen = found.get(key, (cell.strip(), 0))
        found[key] = (first, seen + count)
    return found


def value_questions(
    kind: Kind,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    columns: dict[str, str | None],
    *,
    tracks: Sequence[str] = (),
    audience: str | None = None,
    problems: Sequence[str] = (),
) -> list[ValueQuestion]:
    """The typed values worth a look, column by column, once per distinct value.

    ``tracks`` are the existing tracks' names; ``audience`` the cohort's
    ("high_school" or "university"), which suggests what "Junior" means.
    """
    specs = FIELD_BY_NAME[kind]
    index_of = {header: i for i, header in enumerate(headers)}
    asker = _Asker(tracks, audience)
    ranking = [h for h, name in columns.items() if name and h in index_of]
    ranking = [h for h in ranking if specs[columns[h] or ""].type == CHOICES]
    if ranking:
        cells = [_column(rows, index_of[h]) for h in ranking]
        asker.problems(
            specs[columns[ranking[0]] or ""], ranking[0], typed_names(ranking, cells), problems
        )
    for header, name in columns.items():
        spec = specs.get(name) if name else None
        if spec is None or not maps_values(spec) or header not in index_of or spec.type == CHOICES:
            continue
        position = index_of[header]
        counts = _distinct(_column(rows, position))
        if counts:
            asker.ask(spec, header, counts)
    return asker.questions


def _column(rows: Sequence[Sequence[Any]], position: int) -> Sequence[Any]:
    """One column's cells (a table's own column, when the rows are a table's)."""
    if isinstance(rows, TableRows):
        return rows.column(position)
    return [row[position] for row in rows]


def answer_choices(
    spec: FieldSpec, question: ValueQuestion, tracks: Sequence[str], problems: Sequence[str] = ()
) -> list[Any]:
    """What a question may be answered with (besides KEEP and None, "leave empty")."""
    if spec.type == CHOICES:
        return sorted(problems, key=fold)
    if spec.type == GRADE:
        return list(range(v.GRADE_MIN, v.GRADE_MAX + 1))
    if spec.type in (YES_NO, CONSENT):
        return [True, False]
    if spec.type == TRACK:
        return sorted(tracks, key=fold)
    if spec.type == TEXT and isinstance(question.suggestion, str):
        return [question.suggestion]
    return []
