"""Rows of an uploaded table: CSV in UTF-8 (with or without BOM) or GB18030, or XLSX.

Files are read as streams, row by row, so a file of any length needs little memory. The format
is told by the content, not the name: an XLSX file is a zip archive.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import load_workbook

from domain.errors import ValidationFailed

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
UTF8_BOM = codecs.BOM_UTF8
BLOCK = 1 << 20
DELIMITERS = ",\t;"


@dataclass
class Table:
    rows: Iterator[list[object]]
    size_hint: int  # rows including the header, as far as a quick look can tell
    encoding: str


def open_table(stream: IO[bytes]) -> Table:
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(ZIP_MAGIC):
        return _xlsx(stream)
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


def _xlsx(stream: IO[bytes]) -> Table:
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged archive
        raise ValidationFailed(f"the file is not a readable XLSX: {error}", field="file") from None
    sheet: Any = workbook.worksheets[0]
    return Table(_xlsx_rows(workbook, sheet), int(sheet.max_row or 0), "xlsx")


def _xlsx_rows(workbook: Any, sheet: Any) -> Iterator[list[object]]:
    try:
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()
