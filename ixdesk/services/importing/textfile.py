"""CSV files: the encoding and the separator detected and reported, never guessed silently.

A CSV may be UTF-8 (with or without BOM), UTF-16 or Windows-1252, comma,
semicolon, tab or bar separated. Strict UTF-8 is tried before Windows-1252,
because Windows-1252 accepts any byte and would turn "Zoë" into "ZoÃ«"
without complaint; an encoding forced on a file that looks like UTF-8 gets a
note saying so. A leading apostrophe that only keeps a spreadsheet from running
a value as a formula ("'=1+1", "'+44 7700 900123") is taken off.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from pathlib import Path

from ixdesk.services.export.cells import FORMULA_FIRST, from_csv_text
from ixdesk.services.importing.safety import ImportFileError
from ixdesk.services.importing.table import ENCODING_LABELS, SourceTable, blank, build_table

DELIMITERS = (",", ";", "\t", "|")
# An apostrophe before a formula-like value: how CSV writers (ixdesk's too) keep a
# spreadsheet from running it. Looked for once, so most files skip the per-cell pass.
_GUARDED = re.compile("'[" + re.escape("".join(sorted(FORMULA_FIRST))) + "]")


def read_csv(
    path: Path, encoding: str | None, delimiter: str | None, header_row: int | None
) -> SourceTable:
    data = path.read_bytes()
    text, used, notes = _decode(path, data, encoding)
    if not text.strip():
        raise ImportFileError(f"{path.name} cannot be imported: the file is empty.")
    # A cell may hold more than the csv module's default 128 KB: it is read whole and
    # judged by the field's own length check, which then says how long it really is.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ","}.get(
            delimiter, delimiter
        )
        if len(delimiter) != 1:
            raise ImportFileError(f"The delimiter must be one character, not “{delimiter}”.")
    else:
        delimiter = _detect_delimiter(text)
    try:
        raw = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(
            f"{path.name} cannot be imported: it is not a well-formed CSV file ({error})."
        ) from None
    if all(blank(row) for row in raw):
        raise ImportFileError(f"{path.name} cannot be imported: the file is empty.")
    if _GUARDED.search(text):
        raw = [[from_csv_text(cell) for cell in row] for row in raw]
    table = build_table(path, "csv", raw, 1, header_row, set())
    table.encoding = used
    table.delimiter = delimiter
    table.notes[:0] = notes
    return table


def _decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str, list[str]]:
    notes: list[str] = []
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise ImportFileError(f"“{encoding}” is not a text encoding ixdesk knows.") from None
        name = {"windows-1252": "cp1252", "utf_8": "utf-8"}.get(name, name)
        if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        try:
            text = data.decode(name)
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"{path.name} cannot be read as {ENCODING_LABELS.get(name, name)}: byte "
                f"0x{data[error.start]:02X} at position {error.start} does not fit. Try "
                "another encoding, or leave the encoding to ixdesk."
            ) from None
        if not name.startswith("utf") and _is_utf8_text(data):
            notes.append(
                f"{path.name} looks like UTF-8 text but was read as "
                f"{ENCODING_LABELS.get(name, name)}, as asked: accented letters may come out "
                "wrong (“Zoë” as “ZoÃ«”)."
            )
        return text, name, notes
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data, "utf-8-sig"), "utf-8-sig", notes
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, data, "utf-16"), "utf-16", notes
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252", notes
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{path.name} is neither UTF-8 nor Windows-1252 text; save it again as "
            "“CSV UTF-8” or name its encoding."
        ) from None


def _strict(path: Path, data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{path.name} starts like {ENCODING_LABELS[name]} text but byte {error.start} is "
            "not; the file may be damaged."
        ) from None


def _is_utf8_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def _detect_delimiter(text: str) -> str:
    """The separator giving the most lines with the same number (> 1) of columns."""
    lines = text[:65536].splitlines()[:50]
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=candidate) if any(row)]
        except csv.Error:
            continue
        if not counts:
            continue
        width, how_many = Counter(counts).most_common(1)[0]
        score = (how_many, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


# --- finding the table -------------------------------------------------------------
