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
from domain.errors import FileTooComplex, ValidationFailed

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
    """UTF-8 (BOM or not) when every byte decodes as UTF-8, else GB18030."""
    try:
        if stream.read(len(UTF8_BOM)) == UTF8_BOM:
            return "utf-8-sig"
        stream.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        while block := stream.read(BLOCK):
            decoder.decode(block)
        decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"
    finally:
        stream.seek(0)


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
