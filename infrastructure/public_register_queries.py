"""Reads of the public licences and commitments. A licence is shown until it ends
(`valid_to > today`, or none). Their registers are far smaller than the entries': a name
fragment is matched by LIKE alone, without the entries' trigram indexes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Table, or_, select

from application.ports import Row
from application.public import PublicFilter
from application.public_registers import Kind
from infrastructure.public_queries import like_pattern
from infrastructure.public_register_tables import public_commitments, public_licences
from infrastructure.replica import ReplicaReads

TABLES: dict[str, Table] = {"licence": public_licences, "commitment": public_commitments}


class SqlPublicRegisterQueries:
    def __init__(self, store: ReplicaReads) -> None:
        self.store = store

    def search_register(
        self, kind: Kind, where: PublicFilter, today: date, before: int | None, limit: int
    ) -> list[Row]:
        t = TABLES[kind]
        query = select(t)
        if kind == "licence":
            query = query.where(or_(t.c.valid_to.is_(None), t.c.valid_to > today))
        if where.identifier_hashes is not None:
            query = query.where(t.c.identifier_hash.in_(where.identifier_hashes))
        if where.q:
            name = t.c.subject_name
            pattern = like_pattern(where.q)
            like = name.ilike(pattern, "\\") if self.store.is_postgres else name.like(pattern, "\\")
            query = query.where(like)
        if before is not None:
            query = query.where(t.c.row_no < before)
        query = query.order_by(t.c.row_no.desc()).limit(limit)
        return self.store.rows(query)
