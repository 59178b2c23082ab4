"""The composition root: builds the application, its store, projections and services.

Nothing connects at import time; `build()` is called by the server, the CLI and the tests.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass

from chengxin.application.accounts import AccountService, AccountsProjection
from chengxin.application.app import ChengxinApp
from chengxin.application.audit import AuditService
from chengxin.application.audit_streams import AuditLogProjection, SubjectStreamsProjection
from chengxin.application.cases import CaseService
from chengxin.application.credit_checks import CreditCheckService
from chengxin.application.entries import EntryService
from chengxin.application.governance import GovernanceService
from chengxin.application.governance_projection import GovernanceProjection
from chengxin.application.imports import ImportService
from chengxin.application.objections import ObjectionService
from chengxin.application.ports import Clock
from chengxin.application.projections import Projection, Projector, StateFolder
from chengxin.application.public import PublicProjection
from chengxin.application.public_site import PublicSite
from chengxin.application.repairs import RepairService
from chengxin.application.subjects import SubjectService
from chengxin.application.worklists import CasesProjection, EntriesProjection, RepairsProjection
from chengxin.domain.reference import ReferenceData
from chengxin.infrastructure.audit_store import SqlAuditReader, UtcTime
from chengxin.infrastructure.calendar import ChineseWorkingCalendar
from chengxin.infrastructure.clock import ChinaClock
from chengxin.infrastructure.governance_queries import SqlGovernanceQueries
from chengxin.infrastructure.idempotency import IdempotencyStore
from chengxin.infrastructure.integrity import SqlSealedLog
from chengxin.infrastructure.persistence import SqlStore, eventsourcing_env
from chengxin.infrastructure.public_queries import SqlPublicQueries
from chengxin.infrastructure.queries import SqlAccountQueries, SqlRecordQueries
from chengxin.infrastructure.record_index import SqlRecordIndex
from chengxin.infrastructure.reference_data.loader import load_reference_data
from chengxin.infrastructure.replay import ReplayLog
from chengxin.infrastructure.security import Argon2Hasher, TokenIssuer
from chengxin.infrastructure.settings import Settings
from chengxin.infrastructure.staging import StagedViewWriter
from chengxin.infrastructure.views import prepare_views

log = logging.getLogger("chengxin")
# Allocations between two young-generation collections (Python's default is 700). Replays and
# imports make millions of short-lived objects and next to no reference cycles: each collection
# walks the objects still alive, so fewer of them cost less in all. An import of 40,000 rows
# spent 1.5 s collecting at 20,000 and 0.5 s at 100,000; at the default, 12-15 % of its time.
GC_THRESHOLD = 100_000


@dataclass
class Chengxin:
    """Everything a request, a command or a test needs, built once per process."""

    settings: Settings
    app: ChengxinApp
    store: SqlStore
    reference: ReferenceData
    calendar: ChineseWorkingCalendar
    clock: Clock
    projector: Projector
    accounts: AccountService
    account_queries: SqlAccountQueries
    records: SqlRecordQueries
    subjects: SubjectService
    entries: EntryService
    cases: CaseService
    objections: ObjectionService
    repairs: RepairService
    credit_checks: CreditCheckService
    tokens: TokenIssuer
    idempotency: IdempotencyStore
    audit: AuditService
    public: PublicSite
    governance: GovernanceService
    imports: ImportService
    record_index: SqlRecordIndex

    def close(self) -> None:
        self.app.close()
        self.store.engine.dispose()


def build_projections(app: ChengxinApp) -> list[Projection]:
    return [
        AccountsProjection(),
        EntriesProjection(),
        CasesProjection(),
        RepairsProjection(),
        SubjectStreamsProjection(),
        AuditLogProjection(),
        PublicProjection(StateFolder(app.repository)),
        GovernanceProjection(),
    ]


def build(
    settings: Settings | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    clock: Clock | None = None,
) -> Chengxin:
    settings = settings or Settings()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    reference = load_reference_data()
    app = ChengxinApp(env=eventsourcing_env(settings.database_url))
    store = SqlStore(app.recorder)  # type: ignore[arg-type]
    app.write_unit = store
    projections = build_projections(app)
    prepare_views(store.engine, {p.name: (p.version, p.views) for p in projections})
    projector = Projector(
        projections, app.mapper, ReplayLog(store), store, staging=StagedViewWriter.over
    )
    store.projector = projector
    projector.catch_up(on_progress)
    calendar = ChineseWorkingCalendar()
    clock = clock or ChinaClock()
    records = SqlRecordQueries(store)
    entries = EntryService(app, reference, calendar, clock, records)
    system = Chengxin(
        settings=settings,
        app=app,
        store=store,
        reference=reference,
        calendar=calendar,
        clock=clock,
        projector=projector,
        accounts=AccountService(app, Argon2Hasher(), reference),
        account_queries=SqlAccountQueries(store),
        records=records,
        subjects=SubjectService(app),
        entries=entries,
        cases=CaseService(app, reference, calendar, clock, entries),
        objections=ObjectionService(app, reference, calendar, clock),
        repairs=RepairService(app, reference, calendar, clock),
        credit_checks=CreditCheckService(app, reference, clock, entries),
        tokens=TokenIssuer(settings.resolved_secret_key(), settings.token_minutes),
        idempotency=IdempotencyStore(store.engine),
        audit=AuditService(app, SqlAuditReader(store), SqlSealedLog(store), UtcTime()),
        public=PublicSite(SqlPublicQueries(store), clock),
        governance=GovernanceService(app, reference, clock, SqlGovernanceQueries(store)),
        imports=ImportService(app, reference, entries, SqlRecordIndex(store)),
        record_index=SqlRecordIndex(store),
    )
    if settings.admin_password and system.accounts.ensure_admin(
        settings.admin_username, settings.admin_password
    ):
        log.info("created the admin account %r", settings.admin_username)
    return system
