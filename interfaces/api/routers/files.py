"""Evidence files: upload (PDF, OFD, JPEG, PNG; at most 20 MiB) and download by digest."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response

from application.permissions import require_may_upload
from domain.files import MAX_FILE_BYTES, EvidenceFile, MediaType
from interfaces.api.deps import CurrentUser, System
from interfaces.api.schemas.common import json_of
from interfaces.api.schemas.files import FileOut
from interfaces.api.uploads import read_file_part

router = APIRouter(prefix="/api/v1/files", tags=["files"])
Digest = Annotated[str, Path(min_length=1, max_length=128)]
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}
EXTENSION = {
    MediaType.PDF: "pdf",
    MediaType.OFD: "ofd",
    MediaType.JPEG: "jpg",
    MediaType.PNG: "png",
}


@router.post("", status_code=201, response_model=FileOut, openapi_extra=UPLOAD_BODY)
async def upload_file(request: Request, system: System, user: CurrentUser) -> JSONResponse:
    """Multipart field `file`: PDF, OFD, JPEG or PNG up to 20 MiB, whose first bytes match
    its declared type (413 `file_too_large`, 415 `unsupported_media_type`). Kept once under
    its SHA-256, which a repair application then cites in `evidence_files`."""
    require_may_upload(user)  # before a byte of the body is read
    streamed = await read_file_part(request, "file", MAX_FILE_BYTES)
    kept = system.files.upload(
        user, streamed.content_type, streamed.filename, bytes(streamed.content)
    )
    return JSONResponse(
        json_of(FileOut.of(kept)),
        status_code=201,
        headers={"Location": f"/api/v1/files/{kept.sha256}"},
    )


@router.get(
    "/{sha256}",
    response_class=Response,
    responses={
        200: {
            "description": "the file's bytes, of its media type",
            "content": {
                m.value: {"schema": {"type": "string", "format": "binary"}} for m in MediaType
            },
        }
    },
)
def download_file(sha256: Digest, system: System, user: CurrentUser) -> Response:
    """The uploading account and subject, the deciding department of a record that cites the
    file, auditors and admins; to anyone else it does not exist (404)."""
    file, content = system.files.download(user, sha256)
    return attachment(file, content)


def attachment(file: EvidenceFile, content: bytes) -> Response:
    """The file's bytes as a download (never shown inline: a PDF may carry script)."""
    extension = EXTENSION[MediaType(file.media_type)]
    return Response(
        content,
        media_type=file.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{file.sha256[:16]}.{extension}"',
            "ETag": f'"{file.sha256}"',
            "Cache-Control": "private, max-age=0",
        },
    )
