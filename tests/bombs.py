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
    "legal_person", "91110000600037341L", "淮安某某科技有限公司", "focus", "telecom_fraud",
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


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPE}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{RELS}">'
        f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}


def _inline(ref: str, value: object) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def huge_shared_string(mib: int) -> bytes:
    """A workbook made by hand whose row's name is a shared string of `mib` MiB of one letter:
    a reader that loads the shared strings (openpyxl does, even read-only) holds all of it."""
    letters = "ABCDEFGHI"
    header = "".join(_inline(f"{c}1", v) for c, v in zip(letters, HEADER, strict=True))
    cells = [
        f'<c r="{c}2" t="s"><v>0</v></c>' if c == "C" else _inline(f"{c}2", v)
        for c, v in zip(letters, ROW, strict=True)
    ]
    sheet = (
        f'<worksheet xmlns="{MAIN}"><dimension ref="A1:I2"/><sheetData>'
        f'<row r="1">{header}</row><row r="2">{"".join(cells)}</row></sheetData></worksheet>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, text in PARTS.items():
            dst.writestr(name, text)
        dst.writestr("xl/worksheets/sheet1.xml", sheet)
        with dst.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode())
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
