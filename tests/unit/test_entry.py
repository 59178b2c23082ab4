"""The rules of a list entry, tested on the aggregate itself: publication, measures, objections,
rectification, repair and the end of an entry. Given a record, when a command is given, then
the outcome or the refusal. No database."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

import pytest

from domain.entry import ListEntry, entry_id_for
from domain.entry_values import EntryStatus, ObjectionStatus
from domain.errors import InvalidState, ObjectionOpen, ValidationFailed
from domain.reference import ListType, Severity
from tests.unit.listings import (
    AUTUMN,
    CANAL_LOGISTICS,
    DECIDED,
    DECISION_NO,
    PUBLISHED_UNTIL,
    WINTER,
    canal_logistics,
    listed,
    published,
    replayed,
    some_id,
)

FILED_DEADLINE = date(2025, 10, 27)  # 5 working days after Monday 20 October
EXTENDED_DEADLINE = date(2025, 11, 17)  # 20 working days after filing


def objected(entry: ListEntry | None = None) -> tuple[ListEntry, UUID]:
    entry = entry or published()
    objection_id = some_id()
    entry.file_objection(objection_id, "处罚对象错误 (the wrong company)", AUTUMN, FILED_DEADLINE)
    return entry, objection_id


# -- identity and reading ------------------------------------------------------------------


def test_one_entry_per_decision_document_and_list() -> None:
    subject_id = canal_logistics().id
    first = entry_id_for(subject_id, ListType.BLACKLIST, DECISION_NO)
    assert entry_id_for(subject_id, ListType.BLACKLIST, f"  {DECISION_NO} ") == first
    assert entry_id_for(subject_id, ListType.FOCUS, DECISION_NO) != first
    assert ListEntry.create_id(subject_id, ListType.BLACKLIST, DECISION_NO) == first


def test_past_its_window_an_entry_reads_as_expired_before_the_sweep_records_it() -> None:
    entry = published()

    assert entry.status is EntryStatus.PUBLISHED
    assert entry.is_disclosed_on(PUBLISHED_UNTIL - timedelta(days=1))
    assert entry.status_on(PUBLISHED_UNTIL) is EntryStatus.EXPIRED
    assert not entry.is_active_on(PUBLISHED_UNTIL)
    assert not entry.is_disclosed_on(PUBLISHED_UNTIL)


# -- publication ---------------------------------------------------------------------------


def test_a_listed_entry_published_within_seven_working_days_is_on_time() -> None:
    entry = listed()

    entry.publish(date(2025, 9, 10))

    assert (entry.status, entry.published_on, entry.late) == (
        EntryStatus.PUBLISHED,
        date(2025, 9, 10),
        False,
    )


def test_an_entry_published_after_its_deadline_is_marked_late() -> None:
    entry = listed()

    entry.publish(date(2025, 9, 11))

    assert entry.late


def test_an_entry_is_published_only_once() -> None:
    entry = published()

    with pytest.raises(InvalidState):
        entry.publish(AUTUMN)


def test_an_entry_the_rules_keep_private_cannot_be_published() -> None:
    minor_penalty = listed(list_type=ListType.PENALTY, severity=Severity.MINOR)
    assert not minor_penalty.publishable

    with pytest.raises(InvalidState):
        minor_penalty.publish(DECIDED)
    assert minor_penalty.status is EntryStatus.LISTED


# -- joint measures ------------------------------------------------------------------------


def test_a_measure_is_applied_to_an_active_entry() -> None:
    entry = published()

    entry.apply_measure("restrict_bidding", "禁止参加政府采购", AUTUMN)

    assert [(m.code, m.applied_on, m.lifted_on) for m in entry.active_measures] == [
        ("restrict_bidding", AUTUMN, None)
    ]


def test_the_same_measure_is_not_applied_twice() -> None:
    entry = published()
    entry.apply_measure("restrict_bidding", None, AUTUMN)

    with pytest.raises(InvalidState):
        entry.apply_measure("restrict_bidding", None, WINTER)
    entry.apply_measure("restrict_subsidies", None, WINTER)
    assert len(entry.active_measures) == 2


def test_no_measure_is_applied_to_an_entry_past_its_window() -> None:
    entry = published()

    with pytest.raises(InvalidState, match="expired"):
        entry.apply_measure("restrict_bidding", None, PUBLISHED_UNTIL)


def test_when_an_entry_ends_its_measures_are_lifted_that_day() -> None:
    entry = published()
    entry.apply_measure("restrict_bidding", None, AUTUMN)

    entry.revoke("决定被依法撤销", WINTER)

    assert entry.active_measures == []
    assert entry.measures[0].lifted_on == WINTER


# -- objections ----------------------------------------------------------------------------


def test_a_subject_objects_to_an_active_entry() -> None:
    entry, objection_id = objected()

    objection = entry.objection(objection_id)
    assert entry.open_objection == objection
    assert (objection.status, objection.filed_on, objection.deadline) == (
        ObjectionStatus.OPEN,
        AUTUMN,
        FILED_DEADLINE,
    )


def test_only_one_objection_is_open_at_a_time() -> None:
    entry, first = objected()

    with pytest.raises(ObjectionOpen) as refused:
        entry.file_objection(some_id(), "再次申诉", AUTUMN, FILED_DEADLINE)
    assert refused.value.context == {"objection_id": str(first)}


def test_after_a_decision_a_new_objection_may_be_filed() -> None:
    entry, first = objected()
    entry.resolve_objection(first, False, "证据充分", AUTUMN)

    entry.file_objection(some_id(), "新的证据", WINTER, date(2026, 1, 12))

    assert len(entry.objections) == 2 and entry.open_objection is not None


def test_no_objection_to_an_entry_that_has_ended() -> None:
    entry = published()
    entry.revoke("决定被依法撤销", AUTUMN)

    with pytest.raises(InvalidState, match="revoked"):
        entry.file_objection(some_id(), "处罚对象错误", WINTER, date(2026, 1, 12))


def test_an_objection_is_extended_once_with_a_reason() -> None:
    entry, objection_id = objected()

    entry.extend_objection(objection_id, "需调取银行流水", EXTENDED_DEADLINE)

    objection = entry.objection(objection_id)
    assert (objection.deadline, objection.extended) == (EXTENDED_DEADLINE, True)


def test_an_objection_is_extended_only_once() -> None:
    entry, objection_id = objected()
    entry.extend_objection(objection_id, "需调取银行流水", EXTENDED_DEADLINE)

    with pytest.raises(InvalidState, match="only once"):
        entry.extend_objection(objection_id, "还需要时间", date(2025, 12, 15))
    assert entry.objection(objection_id).deadline == EXTENDED_DEADLINE


def test_a_decided_objection_is_neither_extended_nor_decided_again() -> None:
    entry, objection_id = objected()
    entry.resolve_objection(objection_id, False, "证据充分", AUTUMN)

    with pytest.raises(InvalidState, match="rejected"):
        entry.extend_objection(objection_id, "需调取银行流水", EXTENDED_DEADLINE)
    with pytest.raises(InvalidState, match="rejected"):
        entry.resolve_objection(objection_id, True, "改判", AUTUMN)


def test_an_objection_not_on_the_entry_is_named_as_such() -> None:
    entry, _ = objected()

    with pytest.raises(ValidationFailed) as refused:
        entry.extend_objection(some_id(), "需调取银行流水", EXTENDED_DEADLINE)
    assert refused.value.context == {"field": "objection_id"}


def test_a_rejected_objection_leaves_the_record_as_it_was() -> None:
    entry, objection_id = objected()

    entry.resolve_objection(objection_id, False, "证据充分", AUTUMN)

    assert entry.objection(objection_id).status is ObjectionStatus.REJECTED
    assert (entry.status, entry.subject_name) == (EntryStatus.PUBLISHED, CANAL_LOGISTICS)
    assert entry.open_objection is None


@pytest.mark.parametrize(
    "change", [{"correction": {"severity": "minor"}}, {"revoke": True}], ids=["corrects", "revokes"]
)
def test_a_rejected_objection_neither_corrects_nor_revokes(change: dict[str, object]) -> None:
    entry, objection_id = objected()

    with pytest.raises(ValidationFailed) as refused:
        entry.resolve_objection(objection_id, False, "证据充分", AUTUMN, **change)
    assert refused.value.context == {"field": "outcome"}
    assert entry.open_objection is not None


def test_an_upheld_objection_corrects_the_record_as_creation_would_write_it() -> None:
    entry, objection_id = objected()
    correction = {"subject_name": " 淮安运河  物流有限公司 ", "severity": "minor"}

    entry.resolve_objection(objection_id, True, "名称有误", AUTUMN, correction=correction)

    assert (entry.subject_name, entry.severity) == ("淮安运河 物流有限公司", Severity.MINOR)
    corrected = entry.collect_events()[-1]
    assert isinstance(corrected, ListEntry.Corrected)
    assert corrected.changes == {"subject_name": "淮安运河 物流有限公司", "severity": "minor"}


@pytest.mark.parametrize(
    ("correction", "field"),
    [
        ({"subject_name": ""}, "correction.subject_name"),
        ({"subject_name": "某" * 500}, "correction.subject_name"),
        ({"decision_no": "  "}, "correction.decision_no"),
        ({"decision_no": "号" * 201}, "correction.decision_no"),
        ({"legal_basis": ""}, "correction.legal_basis"),
        ({"severity": "catastrophic"}, "correction.severity"),
        ({"subject_name": 42}, "correction.subject_name"),
        ({"identifier": "91320800MA1MBH4Q1B"}, "correction"),
    ],
)
def test_a_correction_that_breaks_a_field_rule_is_refused_and_changes_nothing(
    correction: dict[str, object], field: str
) -> None:
    entry, objection_id = objected()
    events_before = len(entry.pending_events)

    with pytest.raises(ValidationFailed) as refused:
        entry.resolve_objection(objection_id, True, "名称有误", AUTUMN, correction=correction)

    assert refused.value.context["field"] == field
    assert len(entry.pending_events) == events_before
    assert entry.open_objection is not None and entry.subject_name == CANAL_LOGISTICS


def test_an_upheld_objection_may_revoke_the_record() -> None:
    entry, objection_id = objected()

    entry.resolve_objection(objection_id, True, "处罚对象错误", AUTUMN, revoke=True)

    assert (entry.status, entry.ended_on, entry.end_reason) == (
        EntryStatus.REVOKED,
        AUTUMN,
        "处罚对象错误",
    )
    assert entry.objection(objection_id).status is ObjectionStatus.UPHELD


# -- rectification and repair ----------------------------------------------------------------


def test_a_rectification_is_recorded_with_its_evidence() -> None:
    entry = published()

    entry.record_rectification("已缴纳罚款并整改", date(2025, 10, 10), ["缴款凭证"], AUTUMN)

    assert [(r.performed_on, r.evidence) for r in entry.rectifications] == [
        (date(2025, 10, 10), ["缴款凭证"])
    ]


def test_a_rectification_cannot_have_been_performed_in_the_future() -> None:
    entry = published()

    with pytest.raises(ValidationFailed) as refused:
        entry.record_rectification("已缴纳罚款", AUTUMN + timedelta(days=1), [], AUTUMN)
    assert refused.value.context == {"field": "performed_on"}
    assert entry.rectifications == []


def test_an_approved_repair_ends_the_entry_as_repaired() -> None:
    entry = published()
    entry.apply_measure("restrict_bidding", None, AUTUMN)
    repair_id = some_id()
    entry.open_repair(repair_id)

    entry.repair(repair_id, WINTER)

    assert (entry.status, entry.ended_on, entry.open_repair_id) == (
        EntryStatus.REPAIRED,
        WINTER,
        None,
    )
    assert entry.active_measures == []


def test_only_the_open_application_repairs_or_closes_on_the_entry() -> None:
    entry = published()
    entry.open_repair(some_id())

    with pytest.raises(InvalidState):
        entry.repair(some_id(), WINTER)
    with pytest.raises(InvalidState):
        entry.close_repair(some_id())
    assert entry.status is EntryStatus.PUBLISHED


def test_an_entry_past_its_window_is_not_repaired() -> None:
    entry = published()
    repair_id = some_id()
    entry.open_repair(repair_id)

    with pytest.raises(InvalidState, match="expired"):
        entry.repair(repair_id, PUBLISHED_UNTIL)


def test_closing_a_denied_application_for_false_materials_bars_the_entry() -> None:
    entry = published()
    repair_id = some_id()
    entry.open_repair(repair_id)

    entry.close_repair(repair_id, barred_until=date(2029, 1, 5))

    assert (entry.open_repair_id, entry.barred_until) == (None, date(2029, 1, 5))


def test_closing_an_application_otherwise_leaves_no_bar() -> None:
    entry = published()
    repair_id = some_id()
    entry.open_repair(repair_id)

    entry.close_repair(repair_id)

    assert (entry.open_repair_id, entry.barred_until) == (None, None)


# -- the end of an entry -----------------------------------------------------------------------


def test_nothing_expires_before_the_end_of_the_window() -> None:
    entry = published()

    assert entry.expire(PUBLISHED_UNTIL - timedelta(days=1)) is False
    assert entry.status is EntryStatus.PUBLISHED


def test_the_sweep_records_the_expiry_on_the_last_day_of_the_window() -> None:
    entry = published()

    assert entry.expire(PUBLISHED_UNTIL + timedelta(days=30)) is True

    assert (entry.status, entry.ended_on, entry.end_reason) == (
        EntryStatus.EXPIRED,
        PUBLISHED_UNTIL,
        "expired",
    )
    assert entry.expire(PUBLISHED_UNTIL + timedelta(days=60)) is False


def test_a_revoked_entry_is_not_revoked_again() -> None:
    entry = published()
    entry.revoke("决定被依法撤销", AUTUMN)

    with pytest.raises(InvalidState, match="revoked"):
        entry.revoke("再次撤销", WINTER)
    assert entry.ended_on == AUTUMN


def test_revoking_ends_an_open_repair_on_the_entry() -> None:
    entry = published()
    entry.open_repair(some_id())

    entry.revoke("决定被依法撤销", WINTER)

    assert (entry.status, entry.open_repair_id) == (EntryStatus.REVOKED, None)


def test_replaying_an_entrys_events_gives_the_same_entry() -> None:
    entry, objection_id = objected()
    entry.extend_objection(objection_id, "需调取银行流水", EXTENDED_DEADLINE)
    entry.resolve_objection(
        objection_id, True, "名称有误", AUTUMN, correction={"subject_name": "淮安运河物流公司"}
    )
    entry.apply_measure("restrict_bidding", None, AUTUMN)
    repair_id = some_id()
    entry.open_repair(repair_id)
    entry.repair(repair_id, WINTER)

    assert replayed(entry) == entry
