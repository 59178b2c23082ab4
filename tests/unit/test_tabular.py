"""A CSV is decoded strictly: UTF-8 (with or without BOM) or GB18030 for the whole file, decided
by its first row that is not plain ASCII; anything else is refused naming the first bad row."""

from __future__ import annotations

import io

import pytest

from domain.errors import InvalidEncoding
from infrastructure import tabular
from infrastructure.tabular import detect_encoding, open_table

HEADER = "kind,identifier,name\n"
NORMAL = "legal_person,91110000600037341L,正常\n"
BOM = b"\xef\xbb\xbf"


def refusal(data: bytes) -> InvalidEncoding:
    with pytest.raises(InvalidEncoding) as refused:
        detect_encoding(io.BytesIO(data))
    assert refused.value.code == "invalid_encoding"
    return refused.value


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_file_in_one_encoding_reads_back_its_chinese(encoding: str) -> None:
    table = open_table(io.BytesIO((HEADER + NORMAL * 3).encode(encoding)))
    assert table.encoding == encoding
    assert [row[2] for row in table.rows] == ["name", "正常", "正常", "正常"]


def test_a_file_of_plain_ascii_is_utf8() -> None:
    assert detect_encoding(io.BytesIO(HEADER.encode("ascii"))) == "utf-8"
    assert detect_encoding(io.BytesIO(b"")) == "utf-8"


def test_a_gb18030_row_after_utf8_rows_is_refused_not_read_as_mojibake() -> None:
    data = (HEADER + NORMAL).encode() + NORMAL.encode("gb18030")
    refused = refusal(data)
    assert refused.context == {"field": "file", "row": 3}
    assert "row 3" in refused.message and "UTF-8" in refused.message


def test_a_utf8_row_in_a_gb18030_file_is_refused_rather_than_stored_as_zhengchang_mojibake() -> (
    None
):
    data = (HEADER + NORMAL + NORMAL).encode("gb18030") + NORMAL.encode()
    assert NORMAL.encode().decode("gb18030").endswith("姝ｅ父\n")  # what it used to become
    assert refusal(data).context["row"] == 4


def test_a_bom_promises_utf8_for_the_whole_file() -> None:
    assert refusal(BOM + HEADER.encode() + NORMAL.encode("gb18030")).context["row"] == 2


def test_bytes_that_are_neither_encoding_are_refused() -> None:
    refused = refusal(HEADER.encode() + b"legal_person,x,\xff\xff\n")
    assert refused.context["row"] == 2
    assert "neither UTF-8 nor GB18030" in refused.message


def test_a_quoted_cell_over_two_lines_is_one_row() -> None:
    data = (HEADER + 'legal_person,x,"正\n常"\n').encode() + NORMAL.encode("gb18030")
    assert refusal(data).context["row"] == 3


def test_rows_longer_than_a_block_are_read_piece_by_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tabular, "BLOCK", 7)  # 正常 is 6 bytes in UTF-8: every block splits one
    long_row = "legal_person,x," + "正常" * 50 + "\n"
    assert detect_encoding(io.BytesIO((HEADER + long_row).encode())) == "utf-8"
    assert detect_encoding(io.BytesIO((HEADER + long_row).encode("gb18030"))) == "gb18030"
    mixed = (HEADER + long_row).encode() + long_row.encode("gb18030")
    assert refusal(mixed).context["row"] == 3
    mixed = (HEADER + long_row).encode("gb18030") + long_row.encode()
    assert refusal(mixed).context["row"] == 3


def test_the_file_is_read_from_the_start_again_after_the_check() -> None:
    stream = io.BytesIO((HEADER + NORMAL).encode("gb18030"))
    detect_encoding(stream)
    assert stream.tell() == 0
