"""Evidence files: what a repair application may carry besides words (issue 17 item 7).

PDF, OFD (the national format for electronic documents, GB/T 33190), JPEG and PNG, at most
20 MiB each. A file is known by the SHA-256 of its bytes; its type is the one it declares, and the
first bytes must agree with it (a renamed file is refused, not trusted).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from enum import Enum

from domain.errors import FileTooLarge, UnsupportedMediaType, ValidationFailed

MAX_FILE_BYTES = 20 * 2**20
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class MediaType(Enum):
    PDF = "application/pdf"
    OFD = "application/ofd"
    JPEG = "image/jpeg"
    PNG = "image/png"


ALIASES = {"image/jpg": MediaType.JPEG, "image/pjpeg": MediaType.JPEG}
EXTENSIONS = {
    ".pdf": MediaType.PDF,
    ".ofd": MediaType.OFD,
    ".jpg": MediaType.JPEG,
    ".jpeg": MediaType.JPEG,
    ".png": MediaType.PNG,
}
UNDECLARED = {"", "application/octet-stream", "binary/octet-stream"}


@dataclass(frozen=True)
class EvidenceFile:
    """What a record carries of a file: its digest, its size and its type."""

    sha256: str
    size: int
    media_type: str


def declared_type(content_type: str | None, filename: str | None) -> MediaType:
    """The type a file declares: its Content-Type, or where a browser sent none of use (OFD
    has no registered type in most browsers) the extension of its name."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in UNDECLARED:
        name = (filename or "").lower()
        for extension, media_type in EXTENSIONS.items():
            if name.endswith(extension):
                return media_type
        raise UnsupportedMediaType("a file is PDF, OFD, JPEG or PNG; this one says nothing")
    if declared in ALIASES:
        return ALIASES[declared]
    try:
        return MediaType(declared)
    except ValueError:
        raise UnsupportedMediaType(
            f"a file is PDF, OFD, JPEG or PNG, not {declared}", media_type=declared
        ) from None


def bytes_match(media_type: MediaType, content: bytes) -> bool:
    """The file's own bytes say what it is: the signature of its format."""
    if media_type is MediaType.PDF:
        return content.startswith(b"%PDF-")
    if media_type is MediaType.JPEG:
        return content.startswith(b"\xff\xd8\xff")
    if media_type is MediaType.PNG:
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    return is_ofd(content)


def is_ofd(content: bytes) -> bool:
    """An OFD package is a ZIP whose root holds OFD.xml (GB/T 33190-2016 §7.1); only the
    directory is read, nothing is decompressed."""
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            return any(name.lower() == "ofd.xml" for name in package.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def check_file(content_type: str | None, filename: str | None, content: bytes) -> MediaType:
    """The file's type, once its size and its bytes agree with what it declares."""
    if len(content) > MAX_FILE_BYTES:
        raise FileTooLarge(f"a file is at most {MAX_FILE_BYTES // 2**20} MiB")
    if not content:
        raise ValidationFailed("the file is empty", field="file")
    media_type = declared_type(content_type, filename)
    if not bytes_match(media_type, content):
        raise UnsupportedMediaType(
            f"the file's bytes are not those of a {media_type.name} file",
            media_type=media_type.value,
        )
    return media_type


def clean_digest(value: str) -> str:
    digest = value.strip().lower()
    if not SHA256.match(digest):
        raise ValidationFailed(f"{value!r} is not a SHA-256 digest", field="evidence_files")
    return digest
