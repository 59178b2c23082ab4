"""Evidence files on the pages: the portal's upload (a script sends each file and shows its
progress; the repair form then cites the digests) and downloads for the portal and the
workbench, by the same rule as the API."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.responses import Response

from application.accounts import Principal
from domain.errors import DomainError
from domain.files import MAX_FILE_BYTES
from infrastructure.bootstrap import Chengxin
from interfaces.api.deps import System
from interfaces.api.errors import status_of
from interfaces.api.routers.files import attachment
from interfaces.api.uploads import read_file_part
from interfaces.web.rendering import PageRoute, translator
from interfaces.web.session import OfficerPage, SubjectPage, require_csrf_header

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.post("/portal/files")
async def upload_evidence(request: Request, system: System, principal: SubjectPage) -> Response:
    """One file from the repair form's script: JSON back, with the refusal in the page's
    language beside its code."""
    require_csrf_header(request)
    try:
        streamed = await read_file_part(request, "file", MAX_FILE_BYTES)
        kept = system.files.upload(
            principal, streamed.content_type, streamed.filename, bytes(streamed.content)
        )
    except DomainError as error:
        message = translator(request).error(error)
        return JSONResponse({"code": error.code, "message": message}, status_of(error))
    return JSONResponse({**asdict(kept), "name": streamed.filename or kept.sha256[:12]}, 201)


def download(system: Chengxin, principal: Principal, sha256: str) -> Response:
    file, content = system.files.download(principal, sha256)
    return attachment(file, content)


@router.get("/portal/files/{sha256}")
def portal_download(sha256: str, system: System, principal: SubjectPage) -> Response:
    return download(system, principal, sha256)


@router.get("/workbench/files/{sha256}")
def workbench_download(sha256: str, system: System, officer: OfficerPage) -> Response:
    return download(system, officer, sha256)
