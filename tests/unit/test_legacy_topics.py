"""Stores written before the layers moved to the repository's top level, and events written
before v1.1 added their fields, keep loading."""

import json
from dataclasses import replace
from datetime import date
from uuid import uuid4

from eventsourcing.utils import resolve_topic

from application.app import LEGACY_DOMAIN_TOPIC, ChengxinApp
from domain.accounts import Account
from domain.entry import ListEntry
from domain.entry_values import Source
from domain.reference import ListType, Severity
from domain.repair import RepairApplication
from domain.repair_values import RepairChannel
from domain.subject import SubjectKind


def test_an_event_stored_under_the_old_package_name_resolves_to_its_class() -> None:
    assert resolve_topic(f"{LEGACY_DOMAIN_TOPIC}.entry:ListEntry.Listed") is ListEntry.Listed
    assert resolve_topic(f"{LEGACY_DOMAIN_TOPIC}.accounts:Account") is Account


def test_events_from_before_v1_1_read_with_their_defaults() -> None:
    """An entry stored without `source` reads as a case's decision when it names a case, else
    another system's; an objection without a channel came online, received when filed; a
    repair application without files carries none and came online."""
    app = ChengxinApp(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    day = date(2024, 3, 1)

    def listed(case_id: object) -> ListEntry:
        return ListEntry(
            subject_id=uuid4(),
            subject_kind=SubjectKind.LEGAL_PERSON,
            subject_name="某公司",
            identifier="91110000600037341L",
            list_type=ListType.PENALTY,
            domain="tax_fraud",
            severity=Severity.GENERAL,
            department="taxation",
            legal_basis="x",
            decision_no=f"N-{case_id}",
            decision_date=day,
            repairable=True,
            case_id=case_id,  # type: ignore[arg-type]
            regime="ndrc_order_58",
            min_end=day,
            max_end=date(2099, 1, 1),
            publishable=True,
            publish_deadline=day,
            recorded_on=day,
            source="import",
            external_ref="X",
        )

    def as_stored_before(aggregate: object, *dropped: str) -> list[object]:
        """The aggregate's events as a store from before v1.1 holds them: without `dropped`."""
        old = []
        for event in aggregate.collect_events():  # type: ignore[attr-defined]
            stored = app.mapper.to_stored_event(event)
            state = json.loads(stored.state)
            for name in dropped:
                state.pop(name, None)
            old.append(replace(stored, state=json.dumps(state).encode()))
        return [app.mapper.to_domain_event(s) for s in old]

    for case_id, source in ((uuid4(), Source.CASE), (None, Source.EXTERNAL)):
        entry = listed(case_id)
        entry.file_objection(uuid4(), "理由", day, day)
        events = as_stored_before(entry, "source", "external_ref", "channel", "received_on")
        read = None
        for event in events:
            read = event.mutate(read)  # type: ignore[attr-defined]
        assert read is not None
        assert (read.source, read.external_ref) == (source, None)
        assert (read.objections[0].channel, read.objections[0].received) == ("online", day)

    repair = RepairApplication(
        entry_id=uuid4(),
        subject_id=uuid4(),
        department="taxation",
        commitment_signed=True,
        obligations_evidence=["凭证"],
        note=None,
        filed_on=day,
        regime="ndrc_order_58",
        feedback_deadline=day,
    )
    (filed,) = as_stored_before(
        repair, "evidence_files", "channel", "channel_ref", "training_certificate_no"
    )
    read_repair = filed.mutate(None)  # type: ignore[attr-defined]
    assert (read_repair.evidence_files, read_repair.channel) == ([], RepairChannel.ONLINE)
