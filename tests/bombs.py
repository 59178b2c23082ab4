"""Generated bombs for the bounded-work tests: small files that unpack to a lot."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

HEADER = [
    "kind", "identifier", "name", "list_type", "domain", "severity", "decision_no",
    "decision_date", "legal_basis",
]  # fmt: skip
ROW = [
    "legal_person", "91110000600037341L", "淮安某某科技有限公司", "blacklist", "telecom_fraud",
    "general", "淮公罚〔2026〕7号", "2026-01-05", "《条例》",
]  # fmt: skip


def workbook_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewritten(xlsx: bytes, replace: dict[str, bytes]) -> bytes:
    """The archive with some members replaced."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            if item.filename in replace:
                continue
            dst.writestr(item, src.read(item.filename))
        for name, data in replace.items():
            dst.writestr(name, data)
    return out.getvalue()


def huge_shared_string(mib: int) -> bytes:
    """A valid workbook whose one shared string is `mib` MiB of the same letter."""
    plain = workbook_bytes([HEADER, ROW])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            if item.filename != "xl/sharedStrings.xml":
                dst.writestr(item, src.read(item.filename))
        with dst.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
            )
            block = b"a" * 2**20
            for _ in range(mib):
                member.write(block)
            member.write(b"</t></si></sst>")
    return out.getvalue()


def declared_columns(count_ref: str = "XFD1") -> bytes:
    """A workbook whose sheet declares its dimension as A1:XFD1 (16,384 columns)."""
    plain = workbook_bytes([HEADER, ROW])
    with zipfile.ZipFile(io.BytesIO(plain)) as src:
        sheet = src.read("xl/worksheets/sheet1.xml")
    start = sheet.index(b'<dimension ref="')
    end = sheet.index(b'"', start + len(b'<dimension ref="'))
    forged = sheet[:start] + f'<dimension ref="A1:{count_ref}'.encode() + sheet[end:]
    return rewritten(plain, {"xl/worksheets/sheet1.xml": forged})
