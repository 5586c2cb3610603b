"""Files that are not spreadsheets, are damaged, or are built to hurt: a sentence, never a hang."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ixdesk.cli import main
from ixdesk.db import Database, open_database
from ixdesk.db.models import Student
from ixdesk.services.importing import ImportFileError, commit_import, plan_import, read_table
from ixdesk.services.importing.safety import OLE_MAGIC, PROLOG_BYTES, stream_member
from tests.test_import_support import CAREERS_FAIR, live, write_csv, write_xlsx

OLE_HEADER = OLE_MAGIC + bytes(504)  # a compound-file header block


def _refused(path: Path, *words: str) -> str:
    started = time.monotonic()
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    assert time.monotonic() - started < 10
    message = str(caught.value)
    for word in words:
        assert word in message, message
    assert message.endswith(".")
    return message


def _workbook_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rezip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_word_document_renamed_to_xlsx(tmp_path: Path) -> None:
    path = _rezip(
        tmp_path / "signups.xlsx",
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"},
    )
    _refused(path, "Word document")


def test_a_truncated_workbook(tmp_path: Path) -> None:
    data = CAREERS_FAIR.read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(data[: len(data) // 2])
    _refused(path, "damaged or incomplete")


def test_an_old_xls_workbook(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(OLE_HEADER + "Workbook".encode("utf-16-le") + bytes(1000))
    _refused(path, "Excel 97–2003", "save it as .xlsx")


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    # Excel stores an encrypted .xlsx as a compound file holding these two streams.
    path = tmp_path / "secret.xlsx"
    names = "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(OLE_HEADER + bytes(64) + names + bytes(4096))
    _refused(path, "protected with a password")


def test_an_empty_file_an_empty_sheet_and_a_sheet_without_header(tmp_path: Path) -> None:
    (tmp_path / "nothing.csv").write_bytes(b"")
    _refused(tmp_path / "nothing.csv", "empty")
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    _refused(empty, "is empty")
    numbers = write_xlsx(tmp_path / "numbers.xlsx", [[1, 2, 3], [4, 5, 6], ["x", "y", "z"]])
    _refused(numbers, "No header row was found")


def test_other_files_that_are_not_spreadsheets(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n" + bytes(100))
    _refused(tmp_path / "scan.pdf", "PDF")
    (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))
    _refused(tmp_path / "photo.csv", "not a spreadsheet")
    _rezip(tmp_path / "archive.xlsx", {"notes.txt": b"hello"})
    _refused(tmp_path / "archive.xlsx", "zip archive")
    (tmp_path / "folder.xlsx").mkdir()
    _refused(tmp_path / "folder.xlsx", "folder")
    with pytest.raises(ImportFileError, match="There is no file"):
        read_table(tmp_path / "missing.csv")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    parts = _workbook_parts(CAREERS_FAIR)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><worksheet>')
            block = b" " * (1 << 20)
            for _ in range(300):  # 300 MB of nothing
                member.write(block)
            member.write(b"</worksheet>")
    assert path.stat().st_size < 1_000_000
    _refused(path, "zip bomb", "was not opened")


def _large_workbook(path: Path) -> Path:
    """A workbook whose sheet is larger than the part of it the first checks read."""
    rows = [["First name", "Last name", "Email"]]
    rows += [[f"Ava{n}", "Jansen", f"ava{n}@example.org"] for n in range(3_000)]
    write_xlsx(path, rows)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 2 * PROLOG_BYTES
    return path


def _sheet_entry(path: Path, at: int, value: int | None = None) -> int:
    """The 4-byte field ``at`` bytes into the sheet's central directory entry (16: its
    CRC-32, 24: its unpacked size); set to ``value`` when given."""
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")  # the central directory's entries, in turn
    while data[central + 46 : central + 70] != b"xl/worksheets/sheet1.xml":
        central = data.find(b"PK\x01\x02", central + 1)
        assert central > 0
    old = int.from_bytes(data[central + at : central + at + 4], "little")
    if value is not None:
        data[central + at : central + at + 4] = value.to_bytes(4, "little")
        path.write_bytes(bytes(data))
    return old


def test_a_part_whose_declared_size_lies_is_refused(tmp_path: Path) -> None:
    large = _large_workbook(tmp_path / "large.xlsx")
    for source in (CAREERS_FAIR, large):  # a sheet read whole by the first checks, or not
        with zipfile.ZipFile(source) as archive:
            size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
        for lie in (size // 3, size * 3):  # the real data longer, shorter
            path = _rezip(tmp_path / f"liar-{lie}.xlsx", _workbook_parts(source))
            assert _sheet_entry(path, 24) == size
            _sheet_entry(path, 24, lie)
            _refused(path, "damaged", "declared size")


def test_a_part_whose_checksum_or_packed_bytes_are_wrong_is_refused(tmp_path: Path) -> None:
    parts = _workbook_parts(_large_workbook(tmp_path / "large.xlsx"))
    path = _rezip(tmp_path / "crc.xlsx", parts)
    _sheet_entry(path, 16, _sheet_entry(path, 16) ^ 1)
    _refused(path, "damaged or incomplete", "checksum")
    path = _rezip(tmp_path / "garbled.xlsx", parts)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    name_length, extra_length = (
        int.from_bytes(data[info.header_offset + at : info.header_offset + at + 2], "little")
        for at in (26, 28)
    )
    start = info.header_offset + 30 + name_length + extra_length + PROLOG_BYTES // 8
    end = info.header_offset + 30 + name_length + extra_length + info.compress_size
    data[start:end] = b"\xff" * (end - start)  # past what the first checks read
    path.write_bytes(bytes(data))
    _refused(path, "damaged or incomplete")
    data[start - PROLOG_BYTES // 8 : end] = b"\xff" * (end - start + PROLOG_BYTES // 8)
    path.write_bytes(bytes(data))  # not even a first block: the inflate itself fails
    with pytest.raises(ImportFileError, match="does not unpack"):
        stream_member(path, "xl/worksheets/sheet1.xml")


def test_a_workbook_stored_without_compression_is_read_and_checked(tmp_path: Path) -> None:
    large = _large_workbook(tmp_path / "large.xlsx")
    path = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in _workbook_parts(large).items():
            archive.writestr(name, data)
    assert read_table(path).rows == read_table(large).rows
    _sheet_entry(path, 16, _sheet_entry(path, 16) ^ 1)
    _refused(path, "damaged or incomplete", "CRC")


def test_billion_laughs_inside_a_workbook(tmp_path: Path) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    laughs = f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{"".join(entities)}]>\n'.encode()
    for part in ("xl/sharedStrings.xml", "xl/workbook.xml"):
        parts = _workbook_parts(CAREERS_FAIR)
        body = parts[part].split(b"?>", 1)[1]
        parts[part] = laughs + body.replace(b"Name", b"&lol9;")
        _refused(_rezip(tmp_path / f"laughs-{part.split('/')[-1]}.xlsx", parts), "XML entities")


def test_a_200000_row_csv_imports_in_seconds(sqlite_database: Database, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    rows = [["First name", "Last name", "Email", "Grade"]]
    rows += [[f"Student{i}", f"Family{i % 997}", f"s{i}@school.example.org", 9 + i % 4]
             for i in range(200_000)]  # fmt: skip
    write_csv(path, rows)
    started = time.monotonic()
    table = read_table(path)
    plan = plan_import(sqlite_database, "students", table)
    assert plan.counts["new"] == 200_000
    commit_import(sqlite_database, plan)
    assert time.monotonic() - started < 20
    assert live(sqlite_database, Student) == 200_000


def test_the_command_line_refuses_bad_files_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "ixdesk.db"
    bad = tmp_path / "old.xlsx"
    bad.write_bytes(OLE_HEADER + "Workbook".encode("utf-16-le"))
    assert main(["--database", str(db_path), "import", "students", str(bad)]) == 1
    assert "Excel 97–2003" in capsys.readouterr().err
    database = open_database(db_path)
    try:
        assert live(database, Student) == 0
    finally:
        database.close()
