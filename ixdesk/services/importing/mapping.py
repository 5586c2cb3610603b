"""Which column of the file fills which field, proposed from the headers and changeable.

A mapping is keyed by header text (headers of one table are made unique
when read), so a mapping saved as JSON applies to the next file with the same
headers, whatever their order.
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
    FIELD_BY_NAME,
    FIELDS,
    KINDS,
    guess_field,
    header_key,
)
from ixdesk.services.record_kinds import Kind

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

    def field_for(self, header: str) -> str | None:
        return self.columns.get(header)

    def header_for(self, field_name: str) -> str | None:
        for header, mapped in self.columns.items():
            if mapped == field_name:
                return header
        return None

    def mapped(self) -> dict[str, str]:
        """Field name → header, for the columns that are imported."""
        return {mapped: header for header, mapped in self.columns.items() if mapped}

    def set(self, header: str, field_name: str | None) -> None:
        """Import ``header`` into ``field_name`` (None: do not import it).

        A field is filled from one column only: choosing it here clears it
        from the column that had it.
        """
        if header not in self.columns:
            raise IxdeskError(f"The file has no column “{header}”.")
        if field_name is not None:
            if field_name not in FIELD_BY_NAME[self.kind]:
                choices = ", ".join(spec.name for spec in FIELDS[self.kind])
                raise IxdeskError(
                    f"“{field_name}” is not a field of {self.kind}; choose one of {choices}."
                )
            for other, mapped in self.columns.items():
                if mapped == field_name and other != header:
                    self.columns[other] = None
        self.columns[header] = field_name

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
        }


def propose_mapping(kind: Kind, headers: Iterable[str]) -> Mapping:
    """The likely field of every header; each field from its first likely column only."""
    check_kind(kind)
    headers = list(headers)
    columns: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        guessed = guess_field(kind, header)
        if guessed in taken:
            guessed = None
        if guessed:
            taken.add(guessed)
        columns[header] = guessed
    _settle_names(columns, taken)
    return Mapping(kind, columns)


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


def save_mapping(mapping: Mapping, path: str | Path) -> None:
    """Write the mapping as JSON, to reuse for the next file of the same shape.

    The file appears whole or not at all: a failed save leaves no empty file
    behind and an earlier mapping of that name as it was.
    """
    target = Path(path)
    try:
        write_atomically(target, json.dumps(mapping.to_json(), ensure_ascii=False, indent=2) + "\n")
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
                f"The mapping {source} sends “{header}” to “{field_name}”, which is not a "
                f"field of {kind}."
            )
    day_first = data.get("day_first")
    mapping = Mapping(kind, dict(saved), day_first if isinstance(day_first, bool) else None)
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
    taken = {f for f in columns.values() if f}
    for header in headers:
        known = header in saved.columns or header_key(header) in by_key
        guess = proposed.columns.get(header)
        if not known and guess and guess not in taken:
            columns[header] = guess
            taken.add(guess)
    keys = {header_key(h) for h in headers}
    missing = [h for h in saved.columns if h not in columns and header_key(h) not in keys]
    notes = [f"The saved mapping's column “{h}” is not in this file." for h in missing]
    return Mapping(saved.kind, columns, saved.day_first, notes)
