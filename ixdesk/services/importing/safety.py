"""Refuse files that are not spreadsheets, or are built to hurt, before any parser sees them.

The file type comes from its first bytes, not its name: a renamed .docx, an
old .xls, a password-protected workbook (an OLE container holding an
``EncryptedPackage``), a PDF or a truncated zip each get a sentence that says
what the file is and what to do. An .xlsx is checked as a zip first: its
declared unpacked sizes and compression ratios (a few KB that would unpack
to hundreds of MB is a "zip bomb") and, in every XML part, the absence of a
DTD, which spreadsheets never need and entity attacks ("billion laughs")
depend on. The sheet itself is then streamed once, which also proves the
declared sizes and checksums honest before the fast reader trusts them.
"""

from __future__ import annotations

import copy
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from isal import isal_zlib

from ixdesk.errors import IxdeskError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 5_000
BOMB_RATIO = 150
BOMB_MIN_BYTES = 16 * 1024 * 1024
PROLOG_BYTES = 64 * 1024
_CHUNK = 1 << 20
_PACKED_CHUNK = 1 << 17  # packed bytes at a time: each unpacks to up to about a _CHUNK

_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<(?![?!])")
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_WORD_RUN = re.compile(rb"\w*")
_FEW_F = 256  # lower-case f looked at one by one in a chunk before the pattern is asked
_NOT_AS_DECLARED = "its part {} does not match its declared size or checksum"
# ISA-L's inflate error (its type stubs call it an instance; it is the exception class)
_INFLATE_ERROR = cast("type[Exception]", isal_zlib.error)


class ImportFileError(IxdeskError):
    """The file cannot be imported: not a spreadsheet, damaged, unsafe or empty."""


class ImportCancelled(IxdeskError):
    """The person cancelled the import; nothing was written."""


def _refuse(path: Path, reason: str) -> ImportFileError:
    return ImportFileError(f"{path.name} cannot be imported: {reason}")


def sniff(path: Path) -> str:
    """ "xlsx" or "csv" from the file's content, or ImportFileError saying what it is instead."""
    try:
        if path.is_dir():
            raise _refuse(path, "it is a folder, not a file.")
        size = path.stat().st_size
        with open(path, "rb") as stream:
            head = stream.read(8192)
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except OSError as error:
        raise ImportFileError(f"Could not read {path}: {error.strerror or error}.") from None
    if size == 0:
        raise _refuse(path, "the file is empty.")
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"it is larger than {MAX_FILE_BYTES // 2**20} MB; split it.")
    if head.startswith(OLE_MAGIC):
        raise _refuse(path, _ole_reason(path))
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(b"%PDF"):
        raise _refuse(path, "it is a PDF document, not a spreadsheet.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 text, as Excel's "Unicode text" writes it
    if b"\x00" in head:
        raise _refuse(path, "it is not a spreadsheet or a CSV text file.")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<?xml", b"<html", b"<!doctype", b"<table")):
        raise _refuse(
            path, "it is a web page or XML file, not a spreadsheet; save it as .xlsx or CSV."
        )
    return "csv"


def _ole_reason(path: Path) -> str:
    """Old Office files share one container format; tell them apart by stream names."""
    with open(path, "rb") as stream:
        data = stream.read(8 * 1024 * 1024)
    names = {name: name.encode("utf-16-le") in data for name in _OLE_STREAMS}
    if names["EncryptedPackage"] or names["EncryptionInfo"]:
        return (
            "the workbook is protected with a password. Open it in Excel or LibreOffice, "
            "remove the password (or save an unprotected copy as .xlsx) and import that."
        )
    if names["Workbook"] or names["Book"]:
        return (
            "it is an old Excel 97–2003 workbook (.xls). Open it in Excel or LibreOffice "
            "and save it as .xlsx (or CSV), then import that."
        )
    if names["WordDocument"]:
        return "it is a Word document, not a spreadsheet."
    return "it is an old-format Office file, not an .xlsx workbook or a CSV file."


_OLE_STREAMS = ("EncryptedPackage", "EncryptionInfo", "Workbook", "Book", "WordDocument")


@dataclass
class ZipReport:
    """What an .xlsx contains, once it passed the size and DTD checks."""

    names: list[str]
    unpacked_bytes: int
    sizes: dict[str, int] = field(default_factory=dict)


def check_zip(path: Path) -> ZipReport:
    """Refuse a damaged, oversized, bomb-like or non-workbook zip; look at no cell yet."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise _refuse(
            path, "the file is damaged or incomplete (perhaps it was not fully downloaded)."
        ) from None
    except OSError as error:
        raise ImportFileError(f"Could not read {path}: {error.strerror or error}.") from None
    with archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        _check_kind_of_zip(path, set(names))
        if len(infos) > MAX_MEMBERS:
            raise _refuse(path, f"it holds more than {MAX_MEMBERS} parts; it is not a workbook.")
        total = 0
        for info in infos:
            total += info.file_size
            packed = max(info.compress_size, 1)
            if info.file_size > BOMB_MIN_BYTES and info.file_size / packed > BOMB_RATIO:
                raise _refuse(
                    path,
                    f"its part {info.filename} would unpack from {packed:,} bytes to "
                    f"{info.file_size:,} bytes. Files like this are made to exhaust memory "
                    "(a “zip bomb”); it was not opened.",
                )
        if total > MAX_UNPACKED_BYTES:
            raise _refuse(
                path,
                f"it would unpack to {total / 2**20:,.0f} MB, more than ixdesk imports at once "
                f"({MAX_UNPACKED_BYTES // 2**20} MB); split it into smaller files.",
            )
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _check_prolog(path, archive, info)
        return ZipReport(names, total, {info.filename: info.file_size for info in infos})


def _check_kind_of_zip(path: Path, names: set[str]) -> None:
    if "xl/workbook.xml" in names:
        return
    if "word/document.xml" in names:
        raise _refuse(path, "it is a Word document (.docx), not a spreadsheet.")
    if any(name.startswith("ppt/") for name in names):
        raise _refuse(path, "it is a PowerPoint presentation, not a spreadsheet.")
    if "content.xml" in names and "mimetype" in names:
        raise _refuse(
            path, "it is an OpenDocument file (.ods); save it as .xlsx or CSV and import that."
        )
    if "xl/workbook.bin" in names:
        raise _refuse(path, "it is a binary Excel workbook (.xlsb); save it as .xlsx.")
    raise _refuse(path, "it is a zip archive, not an Excel workbook.")


def _check_prolog(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """No DOCTYPE or ENTITY before the first element: entity attacks need one."""
    try:
        with archive.open(info) as member:
            head = member.read(PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise _refuse(
            path,
            f"its part {info.filename} is damaged or does not match its declared size "
            f"({error}); it was not opened.",
        ) from None
    first = _FIRST_ELEMENT.search(head)
    prolog = head if first is None else head[: first.start()]
    if _DOCTYPE.search(prolog):
        raise _refuse(
            path,
            f"its part {info.filename} declares XML entities, which workbooks never need "
            "and which are used to attack programs that read them; it was not opened.",
        )
    if first is None and len(head) == PROLOG_BYTES:
        raise _refuse(path, f"its part {info.filename} is not a well-formed workbook part.")


def stream_member(path: Path, member: str) -> bool:
    """Unpack one part fully, checking its size and checksum; True when it holds any formula.

    A part whose declared size or checksum lies is refused here, before the
    fast reader sees it.
    """
    found = False
    tail = b""
    for chunk in _checked_chunks(path, member):
        if not found:
            found = _has_formula(chunk) or _has_formula(tail + _opening(chunk))
        tail = chunk[-16:]
    return found


def check_member(path: Path, member: str) -> None:
    """Unpack one part that holds no cells (the shared strings) fully, checking its size
    and checksum, as :func:`stream_member` does."""
    for _chunk in _checked_chunks(path, member):
        pass


def _checked_chunks(path: Path, member: str) -> Iterator[bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            yield from _unpacked(archive, archive.getinfo(member))
    except KeyError:
        raise _refuse(path, f"the workbook's part {member} is missing.") from None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise _refuse(
            path, f"the file is damaged or incomplete ({error}); it was not imported."
        ) from None
    except _INFLATE_ERROR:
        raise _refuse(
            path, "the file is damaged or incomplete (a part does not unpack); it was not imported."
        ) from None


def _unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's unpacked bytes, a chunk at a time, never more than its declared size.

    A deflated part (nearly every workbook part) is inflated with ISA-L,
    several times faster than zlib, from its packed bytes as zipfile reads
    them; its size and CRC-32 are then checked as zipfile checks them.
    """
    if info.compress_type != zipfile.ZIP_DEFLATED:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                yield chunk
        return
    packed_info = copy.copy(info)  # the packed bytes as they are stored
    packed_info.compress_type = zipfile.ZIP_STORED
    packed_info.file_size = info.compress_size
    packed_info.CRC = None  # type: ignore[assignment]  # (checked below, once unpacked)
    inflater = isal_zlib.decompressobj(-zlib.MAX_WBITS)
    size = crc = 0
    with archive.open(packed_info) as packed:
        data = b""
        while not inflater.eof:
            data = data or packed.read(_PACKED_CHUNK)
            chunk = inflater.decompress(data, _CHUNK) if data else inflater.flush()
            data = inflater.unconsumed_tail
            size += len(chunk)
            if (not data and not chunk) or size > info.file_size:  # cut short, or too long
                raise zipfile.BadZipFile(_NOT_AS_DECLARED.format(info.filename))
            crc = isal_zlib.crc32(chunk, crc)
            yield chunk
    if size != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(_NOT_AS_DECLARED.format(info.filename))


def _has_formula(data: bytes) -> bool:
    # Cheap byte searches first: most sheets hold no "<f" or ":f" at all, and few a
    # lower-case f (cell references are upper case), each found at memchr's speed; a
    # part with many is left to the pattern.
    start = data.find(b"f", 1)
    for _ in range(_FEW_F):
        if start < 0:
            return False
        if data[start - 1] in b"<:":
            break
        start = data.find(b"f", start + 1)
    return FORMULA_TAG.search(data) is not None


def _opening(chunk: bytes) -> bytes:
    """Enough of a chunk's start to finish a tag the previous chunk began."""
    run = _WORD_RUN.match(chunk)
    return chunk[: (run.end() if run else 0) + 3]
