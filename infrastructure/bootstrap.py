"""The composition root: builds the application, its store, projections and services.

Nothing connects at import time; `build()` is called by the server, the CLI and the tests.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass

from application.accounts import AccountService
from application.accounts_projection import AccountsProjection
from application.app import ChengxinApp
from application.audit import AuditService
from application.audit_projection import AuditLogProjection, SubjectStreamsProjection
from application.calendar import CalendarService
from application.cases import CaseService
from application.commitments import CommitmentService
from application.credit_checks import CreditCheckService
from application.entries import EntryService
from application.files import FileService
from application.governance import GovernanceService
from application.governance_projection import GovernanceProjection
from application.imports import ImportService
from application.licences import LicenceService
from application.lookup_keys import LookupKeys
from application.objections import ObjectionService
from application.ports import Clock
from application.progress import ProgressService
from application.progress_projection import ProgressProjection
from application.projections import Projection, Projector, StateFolder
from application.public import PublicSite
from application.public_projection import PublicProjection
from application.public_registers import PublicRegisterSite
from application.register_imports import RegisterImportService
from application.registers_projection import RegistersProjection
from application.repairs import RepairService
from application.subjects import SubjectService
from application.subjects_projection import SubjectsProjection
from application.worklists_projection import CasesProjection, EntriesProjection, RepairsProjection
from domain.errors import WeakPassword
from domain.reference import ReferenceData
from infrastructure.accounts_queries import SqlAccountQueries
from infrastructure.aggregate_index import SqlAggregateIndex
from infrastructure.audit_queries import SqlAuditQueries, UtcTime
from infrastructure.calendar import ChineseWorkingCalendar
from infrastructure.checkpoints import CheckpointFolder
from infrastructure.claims import HourlyClaims
from infrastructure.clock import ChinaClock
from infrastructure.files_queries import SqlEvidenceStore
from infrastructure.governance_queries import SqlGovernanceQueries
from infrastructure.idempotency import IdempotencyStore
from infrastructure.identifier_keys import identifier_secret, public_id_secret
from infrastructure.integrity import SqlSealedLog
from infrastructure.passwords import common_passwords
from infrastructure.persistence import SqlStore, eventsourcing_env
from infrastructure.progress_queries import SqlProgressFiles, SqlProgressQueries
from infrastructure.progress_xlsx import progress_workbook
from infrastructure.public_queries import SqlPublicQueries
from infrastructure.public_register_queries import SqlPublicRegisterQueries
from infrastructure.reference_data.loader import load_reference_data
from infrastructure.registers_queries import SqlRegisterQueries
from infrastructure.replay import ReplayLog
from infrastructure.replica import ReplicaReads
from infrastructure.security import Argon2Hasher, TokenIssuer
from infrastructure.settings import InsecureSettings, Settings
from infrastructure.staging import StagedViewWriter
from infrastructure.startup import startup_lock
from infrastructure.statistics import SqlStatistics
from infrastructure.store_facts import StoreRefused, ensure_store_facts
from infrastructure.subjects_queries import SqlSubjectQueries
from infrastructure.views import prepare_views
from infrastructure.worklists_queries import SqlWorklistQueries

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
    schedules: CalendarService
    clock: Clock
    projector: Projector
    accounts: AccountService
    account_queries: SqlAccountQueries
    worklists: SqlWorklistQueries
    subjects: SubjectService
    entries: EntryService
    cases: CaseService
    objections: ObjectionService
    repairs: RepairService
    files: FileService
    credit_checks: CreditCheckService
    tokens: TokenIssuer
    idempotency: IdempotencyStore
    audit: AuditService
    public: PublicSite
    governance: GovernanceService
    imports: ImportService
    aggregate_index: SqlAggregateIndex
    replica: ReplicaReads
    checkpoints: CheckpointFolder
    progress: ProgressService
    licences: LicenceService
    commitments: CommitmentService
    public_registers: PublicRegisterSite
    register_imports: RegisterImportService
    subject_directory: SqlSubjectQueries
    claims: HourlyClaims  # who does the hourly work across processes

    def close(self) -> None:
        self.replica.close()
        self.app.close()
        self.store.engine.dispose()


def build_projections(app: ChengxinApp, keys: LookupKeys) -> list[Projection]:
    return [
        AccountsProjection(),
        EntriesProjection(),
        CasesProjection(),
        RepairsProjection(),
        SubjectStreamsProjection(),
        AuditLogProjection(),
        PublicProjection(StateFolder(app.repository), keys),
        GovernanceProjection(),
        ProgressProjection(),
        RegistersProjection(),
        SubjectsProjection(),
    ]


def rehash_if_rekeyed(
    public: PublicSite, projector: Projector, on_progress: Callable[[int, int], None] | None
) -> None:
    """A process started with another identifier key rebuilds the hashes made with the old."""
    if not public.is_keyed_as_now():
        log.info("the identifier key has changed: rebuilding the public site's hashes")
        projector.rebuild(on_progress, only={PublicProjection.name})


def build(
    settings: Settings | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    clock: Clock | None = None,
    then: Callable[[Chengxin], object] | None = None,
) -> Chengxin:
    """The system over the configured database. The start-up work (tables, seal key, read
    models, admin, and `then`: the demo) is done under the start-up lock, so any number of
    processes may start at once: the first does it, the others wait and find it done."""
    settings = settings or Settings()
    secret_key = settings.resolved_secret_key()  # a weak key refuses to start, before anything
    settings.resolved_cipher_key()  # ... and so does a malformed cipher key
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    reference = load_reference_data()
    with startup_lock(settings.database_url):
        system = assemble(settings, secret_key, reference, on_progress, clock)
        if settings.admin_password and ensure_admin(system, settings):
            log.info("created the admin account %r", settings.admin_username)
        if then is not None:
            try:
                then(system)
            except BaseException:
                system.close()
                raise
    return system


def assemble(
    settings: Settings,
    secret_key: str,
    reference: ReferenceData,
    on_progress: Callable[[int, int], None] | None,
    clock: Clock | None,
) -> Chengxin:
    """Opens the store, brings the read models up to date and wires the services."""
    cipher_key = settings.resolved_cipher_key()
    app = ChengxinApp(
        env=eventsourcing_env(settings.database_url, settings.cipher_key, settings.pool())
    )
    store = SqlStore(app.recorder, settings.resolved_seal_key())  # type: ignore[arg-type]
    try:
        ensure_store_facts(store.engine, store.events_table, cipher_key)
    except StoreRefused:
        app.close()
        store.engine.dispose()
        raise
    app.write_unit = store
    app.positions = store
    keys = LookupKeys(identifier_secret(settings), public_id_secret(settings))
    projections = build_projections(app, keys)
    prepare_views(store.engine, {p.name: (p.version, p.views) for p in projections})
    projector = Projector(
        projections, app.mapper, ReplayLog(store), store, staging=StagedViewWriter.over
    )
    store.projector = projector
    projector.catch_up(on_progress)
    claims = HourlyClaims(store.engine)
    claims.create()
    calendar = ChineseWorkingCalendar()
    schedules = CalendarService(app, calendar)
    calendar.schedules = schedules.loaded_days
    clock = clock or ChinaClock()
    replica = ReplicaReads(store, settings.read_database_url, settings.pool())
    on_primary = replica.primary_only()  # the key check reads what this process wrote
    rehash_if_rekeyed(PublicSite(SqlPublicQueries(on_primary), clock, keys), projector, on_progress)
    public = PublicSite(SqlPublicQueries(replica), clock, keys)
    worklists = SqlWorklistQueries(store)
    entries = EntryService(app, reference, calendar, clock, worklists)
    cases = CaseService(app, reference, calendar, clock, entries)
    registers = SqlRegisterQueries(store)
    licences = LicenceService(app, reference, calendar, clock, registers)
    commitments = CommitmentService(app, reference, calendar, clock, registers, cases)
    imports = ImportService(app, reference, entries, SqlAggregateIndex(store), SqlStatistics(store))
    files = FileService(SqlEvidenceStore(store))
    governance = GovernanceService(app, reference, clock, SqlGovernanceQueries(replica))
    progress = ProgressService(
        app,
        clock,
        governance,
        SqlProgressFiles(store),
        SqlProgressQueries(store),
        progress_workbook,
    )
    return Chengxin(
        settings=settings,
        app=app,
        store=store,
        reference=reference,
        calendar=calendar,
        schedules=schedules,
        clock=clock,
        projector=projector,
        accounts=AccountService(
            app,
            Argon2Hasher(settings.password_time_cost, settings.password_memory_kib),
            reference,
            common_passwords(),
            UtcTime(),
        ),
        account_queries=SqlAccountQueries(store),
        worklists=worklists,
        subjects=SubjectService(app, clock),
        entries=entries,
        cases=cases,
        objections=ObjectionService(app, reference, calendar, clock, entries),
        repairs=RepairService(app, reference, calendar, clock, files),
        files=files,
        credit_checks=CreditCheckService(app, reference, clock, entries),
        tokens=TokenIssuer(secret_key, settings.token_minutes),
        idempotency=IdempotencyStore(store.engine),
        audit=AuditService(
            app,
            SqlAuditQueries(store),
            SqlSealedLog(store, workers=settings.verify_processes()),
            UtcTime(),
            keys.public_id,
        ),
        public=public,
        governance=governance,
        imports=imports,
        aggregate_index=SqlAggregateIndex(store),
        replica=replica,
        checkpoints=CheckpointFolder(settings.resolved_checkpoint_dir(), store.seal_key),
        progress=progress,
        licences=licences,
        commitments=commitments,
        public_registers=PublicRegisterSite(SqlPublicRegisterQueries(replica), clock, keys),
        register_imports=RegisterImportService(app, reference, imports, licences, commitments),
        subject_directory=SqlSubjectQueries(store),
        claims=claims,
    )


def ensure_admin(system: Chengxin, settings: Settings) -> bool:
    try:
        return system.accounts.ensure_admin(settings.admin_username, settings.admin_password or "")
    except WeakPassword as error:
        system.close()
        raise InsecureSettings(f"CHENGXIN_ADMIN_PASSWORD is refused: {error.message}") from None
