"""One file out of a multipart body, read as it streams in: the file's limit is enforced on
the bytes received, so a file past it is refused (413 `file_too_large`) before the rest of the
body is read, and nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from domain.errors import FileTooLarge, ValidationFailed


@dataclass
class StreamedFile:
    """The named part of the form: its declared type, its name and its bytes."""

    content_type: str | None = None
    filename: str | None = None
    content: bytearray = field(default_factory=bytearray)


@dataclass
class _Part:
    headers: dict[str, str] = field(default_factory=dict)
    header_field: bytearray = field(default_factory=bytearray)
    header_value: bytearray = field(default_factory=bytearray)
    wanted: bool = False


class _Collector:
    """The parser's callbacks: keeps the first part named `name`, ignores the rest."""

    def __init__(self, name: str, limit: int) -> None:
        self.name = name
        self.limit = limit
        self.part = _Part()
        self.found: StreamedFile | None = None

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.begin,
            "on_header_field": lambda d, s, e: self.part.header_field.extend(d[s:e]),
            "on_header_value": lambda d, s, e: self.part.header_value.extend(d[s:e]),
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.data,
        }

    def begin(self) -> None:
        self.part = _Part()

    def header_end(self) -> None:
        name = bytes(self.part.header_field).decode("latin-1").strip().lower()
        self.part.headers[name] = bytes(self.part.header_value).decode("utf-8", "replace")
        self.part.header_field.clear()
        self.part.header_value.clear()

    def headers_finished(self) -> None:
        disposition = self.part.headers.get("content-disposition", "")
        _, params = parse_options_header(disposition.encode("utf-8"))
        name = params.get(b"name", b"").decode("utf-8", "replace")
        if name != self.name or self.found is not None:
            return
        filename = params.get(b"filename")
        self.part.wanted = True
        self.found = StreamedFile(
            content_type=self.part.headers.get("content-type"),
            filename=filename.decode("utf-8", "replace") if filename is not None else None,
        )

    def data(self, data: bytes, start: int, end: int) -> None:
        if not self.part.wanted or self.found is None:
            return
        self.found.content.extend(data[start:end])
        if len(self.found.content) > self.limit:
            raise FileTooLarge(f"a file is at most {self.limit // 2**20} MiB")


async def read_file_part(request: Request, name: str, limit: int) -> StreamedFile:
    """The part `name` of a multipart/form-data body, at most `limit` bytes."""
    media_type, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if media_type != b"multipart/form-data" or not boundary:
        raise ValidationFailed(f"send the file as multipart/form-data, field {name!r}", field=name)
    collector = _Collector(name, limit)
    parser = MultipartParser(boundary, collector.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except (FileTooLarge, ValidationFailed):
        raise
    except Exception as error:  # the parser's own complaints about a malformed body
        raise ValidationFailed(f"the multipart body is malformed: {error}", field=name) from None
    if collector.found is None:
        raise ValidationFailed(f"the form has no file field {name!r}", field=name)
    return collector.found
