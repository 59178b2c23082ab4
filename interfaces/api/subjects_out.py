"""How a subject is shown."""

from __future__ import annotations

from typing import Any

from domain.subject import Subject


def subject_brief(subject: Subject) -> dict[str, Any]:
    return {
        "id": str(subject.id),
        "kind": subject.kind.value,
        "identifier": subject.identifier,
        "name": subject.name,
        "birth_date": subject.birth_date.isoformat() if subject.birth_date else None,
        "version": subject.version,
        "scheme": subject.scheme.value,
        "nationality": subject.nationality,
    }
