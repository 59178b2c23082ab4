"""The rules of credit repair, tested on the aggregates themselves: who may apply and when, the
materials an application needs, and the application's way from filing to a decision. Given an
entry or an application, when a command is given, then the outcome or the refusal. No database.

淮安运河物流有限公司's general blacklisting of 1 September 2025 may be repaired from
1 December 2025; its application is filed on Monday 5 January 2026."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from domain.errors import (
    CommitmentRequired,
    InvalidState,
    RepairNotEligible,
    RepairOpen,
    ValidationFailed,
)
from domain.repair import RepairApplication, RepairStatus, check_materials, repair_is_eligible
from tests.unit.listings import (
    AUTUMN,
    PUBLISHED_UNTIL,
    REPAIRABLE_FROM,
    WINTER,
    published,
    repair_filed,
    replayed,
)

ACCEPTED = date(2026, 1, 9)
DECIDED = date(2026, 1, 14)


def filed() -> RepairApplication:
    return repair_filed(published())


def accepted() -> RepairApplication:
    repair = filed()
    repair.accept(ACCEPTED, decision_deadline=date(2026, 1, 14))
    return repair


# -- who may apply, and when -----------------------------------------------------------------


def test_an_active_repairable_entry_may_be_repaired_from_the_end_of_its_minimum_period() -> None:
    entry = published()

    repair_is_eligible(entry, REPAIRABLE_FROM)
    repair_is_eligible(entry, WINTER)


def test_before_the_minimum_period_ends_repair_is_refused_naming_the_earliest_date() -> None:
    entry = published()

    with pytest.raises(RepairNotEligible) as refused:
        repair_is_eligible(entry, REPAIRABLE_FROM - timedelta(days=1))
    assert refused.value.context == {
        "reason": "min_period_not_elapsed",
        "earliest_date": "2025-12-01",
    }


def test_an_entry_decided_as_not_repairable_is_never_repaired_early() -> None:
    entry = published(repairable=False)

    with pytest.raises(RepairNotEligible) as refused:
        repair_is_eligible(entry, WINTER)
    assert refused.value.context == {"reason": "not_repairable"}


def test_a_revoked_entry_has_nothing_to_repair() -> None:
    entry = published()
    entry.revoke("决定被依法撤销", AUTUMN)

    with pytest.raises(RepairNotEligible) as refused:
        repair_is_eligible(entry, WINTER)
    assert refused.value.context == {"reason": "not_active"}


def test_an_entry_past_its_window_has_nothing_to_repair() -> None:
    entry = published()

    with pytest.raises(RepairNotEligible) as refused:
        repair_is_eligible(entry, PUBLISHED_UNTIL)
    assert refused.value.context == {"reason": "not_active"}


def test_after_false_materials_the_entry_is_barred_until_the_bar_ends() -> None:
    entry = published()
    earlier = repair_filed(entry)
    entry.close_repair(earlier.id, barred_until=date(2026, 3, 2))

    with pytest.raises(RepairNotEligible) as refused:
        repair_is_eligible(entry, date(2026, 3, 1))
    assert refused.value.context == {"reason": "barred", "earliest_date": "2026-03-02"}
    repair_is_eligible(entry, date(2026, 3, 2))


def test_one_application_at_a_time() -> None:
    entry = published()
    open_one = repair_filed(entry)

    with pytest.raises(RepairOpen) as refused:
        repair_is_eligible(entry, WINTER)
    assert refused.value.context == {"repair_id": str(open_one.id)}


# -- the materials ---------------------------------------------------------------------------


def test_an_application_needs_a_signed_credit_commitment() -> None:
    with pytest.raises(CommitmentRequired):
        check_materials(False, ["罚款缴纳凭证"])


@pytest.mark.parametrize("evidence", [[], ["", "   "]])
def test_an_application_names_evidence_that_the_obligations_were_performed(
    evidence: list[str],
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_materials(True, evidence)
    assert refused.value.context == {"field": "obligations_evidence"}
    check_materials(True, ["罚款缴纳凭证"])


# -- from filing to a decision ---------------------------------------------------------------


def test_a_filed_application_is_open_until_decided() -> None:
    repair = filed()

    assert (repair.status, repair.is_open) == (RepairStatus.FILED, True)


def test_an_accepted_application_gets_its_decision_deadline() -> None:
    repair = accepted()

    assert (repair.status, repair.decision_deadline, repair.is_open) == (
        RepairStatus.ACCEPTED,
        date(2026, 1, 14),
        True,
    )


def test_a_filed_application_may_be_rejected_with_a_reason() -> None:
    repair = filed()

    repair.reject("材料不全", ACCEPTED)

    assert (repair.status, repair.reasons, repair.decided_on) == (
        RepairStatus.REJECTED,
        ["材料不全"],
        ACCEPTED,
    )
    assert not repair.is_open


def test_only_a_filed_application_is_accepted_or_rejected() -> None:
    repair = accepted()

    with pytest.raises(InvalidState, match="accepted"):
        repair.accept(DECIDED, date(2026, 1, 19))
    with pytest.raises(InvalidState, match="accepted"):
        repair.reject("材料不全", DECIDED)


def test_only_an_accepted_application_is_approved_or_denied() -> None:
    repair = filed()

    with pytest.raises(InvalidState, match="filed"):
        repair.approve("整改到位", DECIDED)
    with pytest.raises(InvalidState, match="filed"):
        repair.deny("整改不到位", False, DECIDED)


def test_an_approved_application_is_decided_and_closed() -> None:
    repair = accepted()

    repair.approve("整改到位", DECIDED)

    assert (repair.status, repair.decided_on, repair.is_open) == (
        RepairStatus.APPROVED,
        DECIDED,
        False,
    )
    assert repair.bar_ends(3) is None
    with pytest.raises(InvalidState):
        repair.approve("再次批准", DECIDED)


def test_a_denial_for_false_materials_bars_new_applications_for_the_regimes_years() -> None:
    repair = accepted()

    repair.deny("提供虚假缴款凭证", True, DECIDED)

    assert (repair.status, repair.false_materials) == (RepairStatus.DENIED, True)
    assert repair.bar_ends(3) == date(2029, 1, 14)


def test_a_denial_for_other_reasons_bars_nothing() -> None:
    repair = accepted()

    repair.deny("整改不到位", False, DECIDED)

    assert repair.bar_ends(3) is None


@pytest.mark.parametrize("make", [filed, accepted], ids=["filed", "accepted"])
def test_an_open_application_may_be_withdrawn(make: Callable[[], RepairApplication]) -> None:
    repair = make()

    repair.withdraw(DECIDED)

    assert (repair.status, repair.decided_on) == (RepairStatus.WITHDRAWN, DECIDED)


def test_a_decided_application_is_not_withdrawn() -> None:
    repair = accepted()
    repair.approve("整改到位", DECIDED)

    with pytest.raises(InvalidState, match="approved"):
        repair.withdraw(DECIDED)


def test_an_open_application_lapses_when_its_entry_ends() -> None:
    repair = accepted()

    repair.lapse("记录已撤销，无需修复", DECIDED)

    assert (repair.status, repair.reasons) == (RepairStatus.REJECTED, ["记录已撤销，无需修复"])


def test_a_closed_application_does_not_lapse() -> None:
    repair = filed()
    repair.withdraw(ACCEPTED)

    with pytest.raises(InvalidState, match="withdrawn"):
        repair.lapse("记录已撤销，无需修复", DECIDED)


def test_replaying_an_applications_events_gives_the_same_application() -> None:
    repair = accepted()
    repair.deny("提供虚假缴款凭证", True, DECIDED)

    assert replayed(repair) == repair
