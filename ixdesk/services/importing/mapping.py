"""Which column of the file fills which field, proposed from the headers and changeable.

A mapping is keyed by header text (headers of one table are made unique
when read), so a mapping saved as JSON applies to the next file with the same
headers, whatever their order. It also holds the suggestions a coordinator
has not confirmed (never applied by themselves) and the value mappings: what
a typed answer means ("Junior" → grade 11, "DA" → the track "Data
Analytics"), per field, saved with the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ixdesk.errors import IxdeskError
from ixdesk.services.atomic import write_atomically
from ixdesk.services.importing.fields import (
    ANSWER,
    APPLICATION_ANSWER,
    CHOICES,
    FIELD_BY_NAME,
    FIELDS,
    KINDS,
    PROBLEM_CHOICES,
)
from ixdesk.services.importing.header_words import header_key
from ixdesk.services.importing.headers import is_bookkeeping, match_header
from ixdesk.services.importing.ranking import column_shape
from ixdesk.services.importing.values import ValueMappings, read_values, values_json
from ixdesk.services.record_kinds import Kind
from ixdesk.services.validation.base import quoted

MAPPING_FORMAT = "ixdesk-import-mapping"
MAPPING_VERSION = 1


def check_kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise IxdeskError(f"ixdesk imports {', '.join(KINDS)}, not “{kind}”.")
    return Kind(kind)


@dataclass
class Mapping:
    """Header → field name (None: the column is not imported), in the file's column order."""

    kind: Kind
    columns: dict[str, str | None]
    day_first: bool | None = None
    notes: list[str] = field(default_factory=list)
    # header → a field it may name, offered to confirm, never applied by itself
    suggestions: dict[str, str] = field(default_factory=dict)
    # field → {folded typed value → what it means}: see :mod:`.values`
    values: ValueMappings = field(default_factory=dict)

    def field_for(self, header: str) -> str | None:
        return self.columns.get(header)

    def header_for(self, field_name: str) -> str | None:
        for header, mapped in self.columns.items():
            if mapped == field_name:
                return header
        return None

    def mapped(self) -> dict[str, str]:
        """Field name → header, for the columns that are imported (one field per column)."""
        specs = FIELD_BY_NAME[self.kind]
        return {
            mapped: header
            for header, mapped in self.columns.items()
            if mapped and not specs[mapped].many
        }

    def answer_headers(self) -> list[str]:
        """The columns kept as application answers, in the file's order.

        When any column is kept as an answer, the ranking columns are kept too, as typed,
        besides becoming the students' rankings: they are answers to the form as well.
        """
        specs = FIELD_BY_NAME[self.kind]
        kinds = {h: specs[mapped].type for h, mapped in self.columns.items() if mapped}
        if ANSWER not in kinds.values():
            return []
        return [h for h, kind in kinds.items() if kind in (ANSWER, CHOICES)]

    def choice_headers(self) -> list[str]:
        """The columns holding the students' rankings of business problems, in file order."""
        return [h for h, mapped in self.columns.items() if mapped == PROBLEM_CHOICES]

    def set(self, header: str, field_name: str | None) -> None:
        """Import ``header`` into ``field_name`` (None: do not import it).

        A field is filled from one column only: choosing it here clears it
        from the column that had it (application answers come from any number).
        """
        if header not in self.columns:
            raise IxdeskError(f"The file has no column {quoted(header)}.")
        if field_name is not None:
            if field_name not in FIELD_BY_NAME[self.kind]:
                choices = ", ".join(spec.name for spec in FIELDS[self.kind])
                raise IxdeskError(
                    f"“{field_name}” is not a field of {self.kind}; choose one of {choices}."
                )
            if not FIELD_BY_NAME[self.kind][field_name].many:
                for other, mapped in self.columns.items():
                    if mapped == field_name and other != header:
                        self.columns[other] = None
        self.columns[header] = field_name
        self.suggestions.pop(header, None)

    def keep_unmatched_as_answers(self) -> list[str]:
        """Keep every column that goes nowhere (form bookkeeping such as "Timestamp" aside)
        as an application answer; the columns it chose."""
        if APPLICATION_ANSWER not in FIELD_BY_NAME[self.kind]:
            raise IxdeskError(f"Only students keep application answers, not {self.kind}.")
        chosen = [h for h, f in self.columns.items() if f is None and not is_bookkeeping(h)]
        for header in chosen:
            self.set(header, APPLICATION_ANSWER)
        return chosen

    def missing_required(self) -> list[str]:
        """Required fields no column fills (a full-name column fills first and last name)."""
        mapped = set(self.mapped())
        if "full_name" in mapped:
            mapped |= {"first_name", "last_name"}
        specs = FIELDS[self.kind]
        return [spec.name for spec in specs if spec.required and spec.name not in mapped]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MAPPING_FORMAT,
            "version": MAPPING_VERSION,
            "kind": self.kind,
            "columns": dict(self.columns),
            "day_first": self.day_first,
            "values": values_json(self.values),
        }


def propose_mapping(kind: Kind, headers: Iterable[str]) -> Mapping:
    """The likely field of every header; each field from its first likely column only."""
    check_kind(kind)
    headers = list(headers)
    columns: dict[str, str | None] = {}
    suggestions: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        columns[header] = None
        if kind == Kind.STUDENTS and column_shape(header) is not None:
            columns[header] = PROBLEM_CHOICES
            continue
        found = match_header(kind, header)
        if found.field is None or found.field in taken:
            continue
        if found.sure:
            taken.add(found.field)
            columns[header] = found.field
        else:
            suggestions[header] = found.field
    _settle_names(columns, taken)
    return Mapping(
        kind, columns, suggestions={h: f for h, f in suggestions.items() if f not in taken}
    )


def _settle_names(columns: dict[str, str | None], taken: set[str]) -> None:
    """A lone "Name" next to a "Surname" column is the first name, not a full name."""
    if "full_name" not in taken or not taken & {"first_name", "last_name"}:
        return
    header = next(h for h, f in columns.items() if f == "full_name")
    if "first_name" not in taken:
        columns[header] = "first_name"
    elif "last_name" not in taken:
        columns[header] = "last_name"
    else:
        columns[header] = None


def save_mapping(mapping: Mapping, path: str | Path, *, keep: Iterable[Path] = ()) -> None:
    """Write the mapping as JSON, to reuse for the next file of the same shape.

    The file appears whole or not at all: a failed save leaves no empty file
    behind and an earlier mapping of that name as it was. It never replaces a
    folder, a special file or one of ``keep`` (the file being imported).
    """
    target = Path(path)
    text = json.dumps(mapping.to_json(), ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomically(target, text, keep=keep)
    except OSError as error:
        raise IxdeskError(
            f"Could not save the mapping to {target}: {error.strerror or error}."
        ) from error


def load_mapping(path: str | Path, headers: Iterable[str] | None = None) -> Mapping:
    """Read a saved mapping; with ``headers``, fit it to a new file's columns.

    Headers the saved mapping knows keep their saved field (even "not
    imported"); headers it does not know are proposed as usual; saved headers
    missing from the file are listed in ``notes``.
    """
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise IxdeskError(f"Could not read the mapping {source}: {error.strerror}.") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise IxdeskError(f"{source} is not a saved ixdesk mapping (not JSON: {error}).") from None
    if not isinstance(data, dict) or data.get("format") != MAPPING_FORMAT:
        raise IxdeskError(f"{source} is not a saved ixdesk mapping.")
    kind = check_kind(str(data.get("kind")))
    saved = data.get("columns")
    if not isinstance(saved, dict):
        raise IxdeskError(f"The mapping {source} has no columns.")
    known = FIELD_BY_NAME[kind]
    for header, field_name in saved.items():
        if field_name is not None and field_name not in known:
            raise IxdeskError(
                f"The mapping {source} sends {quoted(header)} to {quoted(field_name)}, which "
                f"is not a field of {kind}."
            )
    day_first = data.get("day_first")
    values = read_values(kind, data.get("values"), source)
    mapping = Mapping(
        kind, dict(saved), day_first if isinstance(day_first, bool) else None, values=values
    )
    if headers is None:
        return mapping
    return fit_mapping(mapping, headers)


def fit_mapping(saved: Mapping, headers: Iterable[str]) -> Mapping:
    """The saved mapping applied to these headers (matched exactly, then by folded words)."""
    headers = list(headers)
    by_key = {header_key(h): f for h, f in saved.columns.items()}
    proposed = propose_mapping(saved.kind, headers)
    columns: dict[str, str | None] = {}
    for header in headers:
        if header in saved.columns:
            columns[header] = saved.columns[header]
        elif header_key(header) in by_key:
            columns[header] = by_key[header_key(header)]
        else:
            columns[header] = None
    specs = FIELD_BY_NAME[saved.kind]
    taken: set[str] = set()
    for header in headers:  # one column per field: the first that claims it keeps it
        chosen = columns[header]
        if chosen and not specs[chosen].many:
            if chosen in taken:
                columns[header] = None
            taken.add(chosen)
    suggestions: dict[str, str] = {}
    for header in headers:
        known = header in saved.columns or header_key(header) in by_key
        guess = proposed.columns.get(header)
        if not known and guess and guess not in taken:
            columns[header] = guess
            taken.add(guess)
        suggested = proposed.suggestions.get(header)
        if not known and suggested and suggested not in taken:
            suggestions[header] = suggested
    keys = {header_key(h) for h in headers}
    missing = [h for h in saved.columns if h not in columns and header_key(h) not in keys]
    notes = [f"The saved mapping's column {quoted(h)} is not in this file." for h in missing]
    values = {name: dict(each) for name, each in saved.values.items()}
    return Mapping(saved.kind, columns, saved.day_first, notes, suggestions, values)
