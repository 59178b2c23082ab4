"""Reads of the licence and commitment registers."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from infrastructure.persistence import SqlStore
from infrastructure.registers_tables import commitments, licences


class SqlRegisterQueries:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def licence_ids_of_subject(self, subject_id: UUID) -> list[UUID]:
        t = licences
        query = select(t.c.licence_id).where(t.c.subject_id == str(subject_id))
        with self.store.reading() as session:
            rows = session.execute(query.order_by(t.c.decision_date, t.c.position))
            return [UUID(row[0]) for row in rows]

    def commitment_ids_of_subject(self, subject_id: UUID) -> list[UUID]:
        t = commitments
        query = select(t.c.commitment_id).where(t.c.subject_id == str(subject_id))
        with self.store.reading() as session:
            rows = session.execute(query.order_by(t.c.signed_on, t.c.position))
            return [UUID(row[0]) for row in rows]
