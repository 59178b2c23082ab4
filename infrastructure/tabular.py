"""Rows of an uploaded table: CSV in UTF-8 (with or without BOM) or GB18030, or XLSX.

Files are read as streams, row by row, so a file of any length needs little memory. The format
is told by the content, not the name: an XLSX file is a zip archive. An XLSX is looked into
before it is opened: a zip member's declared size bounds what it decompresses to (zipfile never
reads past it), so an archive over the limits is refused unread (`file_too_complex`); the sheet
is then streamed (openpyxl read-only) and refused past its declared or counted limits.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import load_workbook

from application.import_rows import quoted
from domain.errors import FileTooComplex, InvalidEncoding, ValidationFailed

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
UTF8_BOM = codecs.BOM_UTF8
BLOCK = 1 << 20
DELIMITERS = ",\t;"
MiB = 2**20


@dataclass(frozen=True)
class XlsxLimits:
    columns: int = 64
    rows: int = 200_000
    cell_chars: int = 4_000
    shared_strings_bytes: int = 48 * MiB  # xl/sharedStrings.xml, decompressed
    decompressed_bytes: int = 160 * MiB  # every member of the archive together
    members: int = 1_000


LIMITS = XlsxLimits()
CANDIDATES = ("utf-8", "gb18030")
UTF8 = frozenset({"utf-8", "utf-8-sig"})
NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030"}


@dataclass
class Table:
    rows: Iterator[list[object]]
    size_hint: int  # rows including the header, as far as a quick look can tell
    encoding: str


def open_table(stream: IO[bytes], limits: XlsxLimits = LIMITS) -> Table:
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(ZIP_MAGIC):
        return _xlsx(stream, limits)
    if head.startswith(OLE2_MAGIC):
        raise ValidationFailed(
            "old binary Excel files (.xls) are not read: save the sheet as .xlsx or .csv",
            field="file",
        )
    encoding = detect_encoding(stream)
    return Table(_csv_rows(stream, encoding), _count_lines(stream), encoding)


def detect_encoding(stream: IO[bytes]) -> str:
    """The one encoding of the whole file: UTF-8 (with or without BOM) or GB18030, decided by
    the first row that is not plain ASCII. A file that is neither, or mixes them (a UTF-8 row in
    a GB18030 file reads as 姝ｅ父 where 正常 was meant), is refused naming the first bad row."""
    try:
        bom = stream.read(len(UTF8_BOM)) == UTF8_BOM
        start = stream.tell() if bom else 0
        stream.seek(start)
        if _all_utf8(stream):  # the common case, at the speed of the codec
            return "utf-8-sig" if bom else "utf-8"
        stream.seek(start)
        return strict_encoding(stream, "utf-8-sig" if bom else None)
    finally:
        stream.seek(0)


def _all_utf8(stream: IO[bytes]) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := stream.read(BLOCK):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def strict_encoding(stream: IO[bytes], encoding: str | None) -> str:
    for row, decodes in enumerate(_row_encodings(stream), start=1):
        if decodes is None:  # plain ASCII: the same bytes in either encoding
            continue
        is_utf8, is_gb18030 = decodes
        if encoding is None and (is_utf8 or is_gb18030):
            encoding = "utf-8" if is_utf8 else "gb18030"
        elif encoding is None or not _fits(encoding, is_utf8, is_gb18030):
            raise _refused(row, encoding)
    return encoding or "utf-8"


def _fits(encoding: str, is_utf8: bool, is_gb18030: bool) -> bool:
    """A row fits a UTF-8 file when it decodes as UTF-8, a GB18030 file when it decodes as
    GB18030 and not as UTF-8: real GB18030 text almost never does, a UTF-8 row slipped in does."""
    if encoding in UTF8:
        return is_utf8
    return is_gb18030 and not is_utf8


def _decodes(data: bytes) -> tuple[bool, bool] | None:
    """(UTF-8?, GB18030?) for a row's bytes, or None for plain ASCII. Once a row reads as
    UTF-8 whether it also reads as GB18030 decides nothing, so that is not tried."""
    if data.isascii():
        return None
    for name in CANDIDATES:
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return (True, True) if name == "utf-8" else (False, True)
    return (False, False)


class _LongRow:
    """A row longer than a block, or over several lines, decoded piece by piece."""

    def __init__(self) -> None:
        self.decoders = {name: codecs.getincrementaldecoder(name)() for name in CANDIDATES}
        self.decodes = dict.fromkeys(CANDIDATES, True)
        self.ascii = True
        self.quotes = 0

    def feed(self, piece: bytes, final: bool = False) -> None:
        self.ascii = self.ascii and piece.isascii()
        self.quotes += piece.count(b'"')
        for name, decoder in self.decoders.items():
            if self.decodes[name]:
                try:
                    decoder.decode(piece, final)
                except UnicodeDecodeError:
                    self.decodes[name] = False

    def result(self) -> tuple[bool, bool] | None:
        self.feed(b"", final=True)
        return None if self.ascii else (self.decodes["utf-8"], self.decodes["gb18030"])


def _row_encodings(stream: IO[bytes]) -> Iterator[tuple[bool, bool] | None]:
    """Row by row, in pieces of at most a block. A row ends at a newline outside quotes; a
    newline or a quote is one byte of its own in both UTF-8 and GB18030, so the bytes can be
    split on them before decoding. A row in one piece is decoded at once (the common case)."""
    long_row: _LongRow | None = None
    while piece := stream.readline(BLOCK):
        ends = piece.endswith(b"\n")
        if long_row is None and ends and piece.count(b'"') % 2 == 0:
            yield _decodes(piece)
            continue
        long_row = long_row or _LongRow()
        long_row.feed(piece)
        if ends and long_row.quotes % 2 == 0:
            yield long_row.result()
            long_row = None
    if long_row is not None:
        yield long_row.result()


def _refused(row: int, encoding: str | None) -> InvalidEncoding:
    if encoding is None:
        found = f"row {row} is neither UTF-8 nor GB18030"
    else:
        found = f"the file reads as {NAMES[encoding]} up to row {row}, which does not"
    return InvalidEncoding(
        f"{found}: save the whole file in one encoding, UTF-8 or GB18030", field="file", row=row
    )


def _count_lines(stream: IO[bytes]) -> int:
    lines = 0
    last = b""
    while block := stream.read(BLOCK):
        lines += block.count(b"\n")
        last = block[-1:]
    stream.seek(0)
    return lines + (1 if last not in (b"", b"\n") else 0)


def _dialect(sample: str) -> type[csv.Dialect] | str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return "excel"


def _csv_rows(stream: IO[bytes], encoding: str) -> Iterator[list[object]]:
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        sample = text.read(64 * 1024)
        text.seek(0)
        yield from csv.reader(text, _dialect(sample))
    except (UnicodeDecodeError, csv.Error) as error:
        raise ValidationFailed(f"the file is not readable as CSV: {error}", field="file") from None
    finally:
        text.detach()


def _too_complex(what: str) -> FileTooComplex:
    return FileTooComplex(
        f"the spreadsheet is too large or complex to import: {what}", field="file"
    )


def check_archive(stream: IO[bytes], limits: XlsxLimits) -> None:
    """The members' declared sizes, before anything is decompressed."""
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationFailed(f"the file is not a readable XLSX: {error}", field="file") from None
    finally:
        stream.seek(0)
    if len(members) > limits.members:
        raise _too_complex(f"{len(members)} parts in the archive (at most {limits.members})")
    total = sum(member.file_size for member in members)
    if total > limits.decompressed_bytes:
        raise _too_complex(
            f"{total // MiB} MiB unpacked (at most {limits.decompressed_bytes // MiB})"
        )
    for member in members:
        if member.filename.lower().endswith("sharedstrings.xml") and (
            member.file_size > limits.shared_strings_bytes
        ):
            raise _too_complex(
                f"{member.file_size // MiB} MiB of shared text "
                f"(at most {limits.shared_strings_bytes // MiB})"
            )


def _xlsx(stream: IO[bytes], limits: XlsxLimits) -> Table:
    check_archive(stream, limits)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged archive
        raise ValidationFailed(f"the file is not a readable XLSX: {error}", field="file") from None
    sheet: Any = workbook.worksheets[0]
    columns, rows = int(sheet.max_column or 0), int(sheet.max_row or 0)
    if columns > limits.columns or rows > limits.rows:
        workbook.close()
        raise _too_complex(
            f"the sheet declares {rows} rows and {columns} columns "
            f"(at most {limits.rows} and {limits.columns})"
        )
    return Table(_xlsx_rows(workbook, sheet, limits), rows, "xlsx")


def _xlsx_rows(workbook: Any, sheet: Any, limits: XlsxLimits) -> Iterator[list[object]]:
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > limits.rows or len(row) > limits.columns:
                raise _too_complex(
                    f"row {number} is past {limits.rows} rows or {limits.columns} columns"
                )
            for value in row:
                if isinstance(value, str) and len(value) > limits.cell_chars:
                    raise _too_complex(
                        f"row {number} has a cell of {len(value)} characters "
                        f"(at most {limits.cell_chars}): {quoted(value)}"
                    )
            yield list(row)
    finally:
        workbook.close()
