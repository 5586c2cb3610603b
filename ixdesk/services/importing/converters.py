"""One checking function per field type, each turning a cell into a tidy value or a problem.

Converters take the raw cell (text, number, date, boolean) and a list to
which they add warnings; they raise :class:`InvalidValue` for errors. The
caller remembers answers per distinct cell value for the types whose values
repeat (dates of birth, grades, tracks, yes/no); emails, phone numbers and
text, whose values mostly differ, are first checked a whole column at once
(:mod:`columns`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from ixdesk.services import validation as v
from ixdesk.services.folding import fold
from ixdesk.services.importing.fields import (
    CHOICE,
    CONSENT,
    DATE,
    EMAIL,
    FULL_NAME,
    GRADE,
    PAST_DATE,
    PHONE,
    TRACK,
    TRACKS,
    YES_NO,
    FieldSpec,
)
from ixdesk.services.importing.values import nearest_track
from ixdesk.services.validation import FieldProblem, InvalidValue

Converter = Callable[[Any, list[FieldProblem]], Any]
_LIST_SPLIT = re.compile(r"\s*[,;/|\n]\s*")


class _ConsentNow:
    """A yes in a consent column: consent recorded at the moment of the import."""

    def __repr__(self) -> str:
        return "CONSENT_NOW"


CONSENT_NOW = _ConsentNow()
CONSENT_WORDS = (
    "{} is neither a yes/no answer nor a date; write yes, no or the day the consent was "
    "given (2010-03-14)."
)


class TrackBook:
    """Track names → ids: the database's tracks, plus the new ones this import creates."""

    def __init__(self, existing: dict[str, tuple[str, str]], new_id: Callable[[str], str]):
        self._by_name = dict(existing)  # folded name → (id, name)
        self._names = {track_id: name for track_id, name in existing.values()}
        self._existing = sorted(self._names.values(), key=fold)
        self._near: dict[str, str | None] = {}  # new track's folded name → an existing one
        self._new_id = new_id
        self.new: dict[str, str] = {}  # id → name, in order of first use

    def near(self, name: str) -> str | None:
        """For a track this import makes: the existing track it probably means, if any."""
        return self._near.get(" ".join(fold(name).split()))

    def resolve(self, name: str) -> str:
        key = " ".join(fold(name).split())
        found = self._by_name.get(key)
        if found is None:
            self._near[key] = nearest_track(name, self._existing)
            track_id = self._new_id(key)
            found = self._by_name[key] = (track_id, name)
            self._names[track_id] = name
            self.new[track_id] = name
        return found[0]

    def display(self, value: Any) -> Any:
        """A value as a person reads it: track names for track ids, "yes" for consent."""
        if isinstance(value, str):
            return self._names.get(value, value)
        if isinstance(value, tuple):
            return tuple(self._names.get(each, each) for each in value)
        if value is CONSENT_NOW:
            return "yes"
        return value


def _tidy(raw: Any) -> str | None:
    """Trimmed text with runs of spaces collapsed, reusing the cell's string when it is tidy."""
    if type(raw) is not str:
        return v.clean_text(raw)
    text = raw.strip()
    if "  " in text or not text.isprintable():  # tabs, newlines, no-break spaces
        text = " ".join(text.split())
    return text


def _text(spec: FieldSpec) -> Converter:
    limit = spec.max_length

    def convert(raw: Any, _warnings: list[FieldProblem]) -> str | None:
        text = _tidy(raw)
        if limit is not None and text is not None and len(text) > limit:
            raise InvalidValue(
                FieldProblem(
                    spec.name,
                    f"{spec.label} is {len(text):,} characters long; at most {limit:,} fit.",
                )
            )
        return text or None

    return convert


def _choice(spec: FieldSpec) -> Converter:
    words = {fold(word): value for word, value in spec.choices}
    allowed = sorted({value.replace("_", " ") for _, value in spec.choices})

    def convert(raw: Any, _warnings: list[FieldProblem]) -> str:
        text = v.clean_text(raw) or ""
        found = words.get(fold(text).replace("_", " ")) or words.get(fold(text))
        if found is None:
            raise InvalidValue(
                FieldProblem(
                    spec.name,
                    f"{v.quoted(text)} is not a {spec.label.lower()} ixdesk knows; "
                    f"use {', '.join(allowed[:-1])} or {allowed[-1]}.",
                )
            )
        return found

    return convert


def _consent(spec: FieldSpec, day_first: bool, today: date) -> Converter:
    def convert(raw: Any, warnings: list[FieldProblem]) -> Any:
        try:
            return CONSENT_NOW if v.parse_yes_no(raw, spec.name) else None
        except InvalidValue:
            if isinstance(raw, str) and not any(char.isdigit() for char in raw):
                raise InvalidValue(
                    FieldProblem(spec.name, CONSENT_WORDS.format(v.quoted(raw)))
                ) from None
        moment = v.parse_date(raw, day_first, spec.name, warnings=warnings)
        v.check_past_date(moment, spec.name, today=today)
        return v.moment_of_day(moment)  # shown as this day wherever it is read

    return convert


def make_converter(
    spec: FieldSpec, *, day_first: bool, region: str, tracks: TrackBook, today: date
) -> Converter:
    """The function checking and tidying one cell of this field."""
    name = spec.name
    if spec.type == EMAIL:
        return lambda raw, _w: v.check_email(raw, name)
    if spec.type == PHONE:
        return lambda raw, w: v.normalise_phone(raw, region, name, warnings=w)
    if spec.type in (DATE, PAST_DATE):

        def parse(raw: Any, warnings: list[FieldProblem]) -> date:
            moment = v.parse_date(raw, day_first, name, warnings=warnings)
            check = v.check_past_date if spec.type == PAST_DATE else v.check_planned_date
            return check(moment, name, today=today)

        return parse
    if spec.type == GRADE:
        return lambda raw, _w: v.check_grade(raw, name)
    if spec.type == YES_NO:
        return lambda raw, _w: v.parse_yes_no(raw, name)
    if spec.type == CONSENT:
        return _consent(spec, day_first, today)
    if spec.type == CHOICE:
        return _choice(spec)
    if spec.type == TRACK:
        return lambda raw, w: _track(tracks, raw, w)
    if spec.type == TRACKS:
        return lambda raw, _w: _tracks(tracks, raw)
    if spec.type == FULL_NAME:
        return lambda raw, _w: _split_name(raw, name)
    return _text(spec)


def _track(tracks: TrackBook, raw: Any, warnings: list[FieldProblem]) -> str | None:
    text = v.clean_text(raw)
    if not text:
        return None
    track_id = tracks.resolve(text)
    near = tracks.near(text)
    if near is not None:
        v.warn(
            warnings,
            "track_interest",
            f"{v.quoted(text)} becomes a new track; it may be the track {v.quoted(near)}: "
            "say which in the import's values.",
        )
    return track_id


def _tracks(tracks: TrackBook, raw: Any) -> tuple[str, ...] | None:
    text = v.clean_text(raw) or ""
    ids = {tracks.resolve(part) for part in _LIST_SPLIT.split(text) if part.strip()}
    return tuple(sorted(ids)) or None


def _split_name(raw: Any, name: str) -> tuple[str, str]:
    text = v.clean_text(raw) or ""
    first, _, last = text.rpartition(" ")
    if not first:
        raise InvalidValue(
            FieldProblem(name, f"{v.quoted(text)} is one word; a first and a last name are needed.")
        )
    return first, last
