"""Use cases of evidence files: upload (checked, content-addressed) and download (by rule)."""

from __future__ import annotations

import hashlib
from uuid import UUID

from application.accounts import Principal
from application.permissions import require_may_download, require_may_upload
from application.ports import EvidenceStore
from domain.accounts import Role
from domain.errors import NotFound, ValidationFailed
from domain.files import EvidenceFile, check_file, clean_digest

MAX_FILES_PER_RECORD = 20


class FileService:
    def __init__(self, store: EvidenceStore) -> None:
        self.store = store

    def upload(
        self, principal: Principal, content_type: str | None, filename: str | None, content: bytes
    ) -> EvidenceFile:
        """Kept once its size and its bytes agree with its declared type; a subject's upload
        is marked as the subject's, so the subject's repair application may cite it."""
        require_may_upload(principal)
        media_type = check_file(content_type, filename, content)
        sha256 = hashlib.sha256(content).hexdigest()
        subject_id = principal.subject_id if principal.role is Role.SUBJECT else None
        self.store.keep(sha256, media_type.value, content, principal.username, subject_id)
        return EvidenceFile(sha256, len(content), media_type.value)

    def download(self, principal: Principal, sha256: str) -> tuple[EvidenceFile, bytes]:
        digest = sha256.strip().lower()
        described = self.store.describe(digest)
        if described is None:
            raise NotFound(f"file {sha256} does not exist", sha256=sha256)
        uploaders = self.store.uploaders(digest)
        require_may_download(principal, digest, uploaders, self.store.citations(digest))
        content = self.store.content(digest)
        if content is None:
            raise NotFound(f"file {sha256} does not exist", sha256=sha256)
        return EvidenceFile(digest, described[0], described[1]), content

    def citable(
        self, principal: Principal, subject_id: UUID, digests: list[str]
    ) -> list[EvidenceFile]:
        """The files an application of `subject_id` may cite: uploaded by that subject, or by
        the officer filing it on the subject's behalf. Any other digest is refused alike,
        whether or not such a file exists."""
        if len(digests) > MAX_FILES_PER_RECORD:
            raise ValidationFailed(f"at most {MAX_FILES_PER_RECORD} files", field="evidence_files")
        files: list[EvidenceFile] = []
        for digest in dict.fromkeys(clean_digest(d) for d in digests):
            described = self.store.describe(digest)
            uploaders = self.store.uploaders(digest) if described else []
            mine = any(
                subject == str(subject_id)
                or (principal.role is not Role.SUBJECT and username == principal.username)
                for username, subject in uploaders
            )
            if described is None or not mine:
                raise ValidationFailed(
                    f"no file {digest} was uploaded by the subject or by you",
                    field="evidence_files",
                    sha256=digest,
                )
            files.append(EvidenceFile(digest, described[0], described[1]))
        return files
