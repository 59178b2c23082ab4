"""Evidence files: the type rules on bytes, and the upload read as it streams (a file past the
limit stops the reading there, before anything is kept)."""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import AsyncIterator

import pytest
from starlette.requests import Request

from domain.errors import FileTooLarge, UnsupportedMediaType, ValidationFailed
from domain.files import MAX_FILE_BYTES, MediaType, check_file, declared_type
from interfaces.api.uploads import read_file_part

PDF = b"%PDF-1.7\n%%EOF"


def ofd_package(root: str = "OFD.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(root, "<ofd:OFD/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content_type", "filename", "content", "expected"),
    [
        ("application/pdf", "a.pdf", PDF, MediaType.PDF),
        ("image/jpg", "a.jpg", b"\xff\xd8\xff\xdb", MediaType.JPEG),
        ("image/png; charset=binary", "a.png", b"\x89PNG\r\n\x1a\n", MediaType.PNG),
        ("application/ofd", "a.ofd", ofd_package(), MediaType.OFD),
        (None, "扫描件.OFD", ofd_package(), MediaType.OFD),
        ("application/octet-stream", "a.PDF", PDF, MediaType.PDF),
    ],
)
def test_a_file_is_what_its_bytes_and_its_declaration_agree_on(
    content_type: str | None, filename: str, content: bytes, expected: MediaType
) -> None:
    assert check_file(content_type, filename, content) is expected


@pytest.mark.parametrize(
    ("content_type", "filename", "content"),
    [
        ("application/pdf", "a.pdf", b"\x89PNG\r\n\x1a\n"),
        ("image/png", "a.png", PDF),
        ("application/ofd", "a.ofd", ofd_package("Doc_0/Document.xml")),
        ("application/ofd", "a.ofd", b"PK\x03\x04 broken"),
        ("application/zip", "a.zip", ofd_package()),
        ("text/html", "a.html", b"<script>"),
        (None, "a.txt", PDF),
    ],
)
def test_a_file_whose_bytes_or_type_do_not_fit_is_refused(
    content_type: str | None, filename: str, content: bytes
) -> None:
    with pytest.raises(UnsupportedMediaType):
        check_file(content_type, filename, content)


def test_size_limits() -> None:
    assert check_file("application/pdf", "a", PDF + b"0" * (MAX_FILE_BYTES - len(PDF)))
    with pytest.raises(FileTooLarge):
        check_file("application/pdf", "a", PDF + b"0" * (MAX_FILE_BYTES - len(PDF) + 1))
    with pytest.raises(ValidationFailed):
        check_file("application/pdf", "a", b"")
    assert declared_type("IMAGE/JPEG", None) is MediaType.JPEG


def streamed_request(chunks: AsyncIterator[bytes], boundary: str) -> Request:
    async def receive() -> dict[str, object]:
        try:
            body = await chunks.__anext__()
        except StopAsyncIteration:
            return {"type": "http.request", "body": b"", "more_body": False}
        return {"type": "http.request", "body": body, "more_body": True}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/v1/files",
        "headers": [(b"content-type", f"multipart/form-data; boundary={boundary}".encode())],
    }
    return Request(scope, receive)  # type: ignore[arg-type]


def test_an_upload_past_the_limit_stops_being_read_at_the_limit() -> None:
    boundary = "chengxin-boundary"
    chunk = b"0" * 2**20
    sent = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal sent
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode() + PDF
        for _ in range(60):  # 60 MiB would follow
            sent += 1
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    request = streamed_request(body(), boundary)
    with pytest.raises(FileTooLarge):
        asyncio.run(read_file_part(request, "file", MAX_FILE_BYTES))
    assert sent <= MAX_FILE_BYTES // 2**20 + 1  # read no further than the limit's chunk


def test_the_named_part_is_read_and_the_others_are_skipped() -> None:
    boundary = "b"

    async def body() -> AsyncIterator[bytes]:
        yield (
            b'--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="\xe5\x87\xad.pdf"\r\n'
            b"Content-Type: application/pdf\r\n\r\n" + PDF + b"\r\n--b--\r\n"
        )

    part = asyncio.run(read_file_part(streamed_request(body(), boundary), "file", 1000))
    assert (part.content_type, part.filename, bytes(part.content)) == (
        "application/pdf",
        "凭.pdf",
        PDF,
    )
